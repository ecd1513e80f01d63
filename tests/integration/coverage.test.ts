import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvidence } from '../../app/models/evidence.server'
import { acceptInvitation, createInvitation } from '../../app/models/mentor.server'
import { loader as coverageLoader } from '../../app/routes/coverage'
import { loader as mentorLoader } from '../../app/routes/mentor._index'
import { loader as traineeLoader } from '../../app/routes/mentor.trainees.$traineeId'
import type { EvidenceInput } from '../../app/evidence/form'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession } from '../support/users'

let queries = 0
let t: TestDb
beforeAll(() => {
  t = createTestDb({ logger: { logQuery: () => void (queries += 1) } })
})
afterAll(() => t.cleanup())

const context = () => makeContext(t.db, { now: () => new Date('2026-06-01T12:00:00Z') })
const get = (cookie: string, url: string) =>
  new Request(new URL(url, 'http://localhost'), { headers: { Cookie: cookie } })

function item(claims: [string, string][], over: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    title: 'An item',
    activityStart: '2026-03-01',
    activityEnd: null,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: 'What I did, in enough words for an assessor to follow the work and its context.',
    reflection: 'What I learned from it, what went well and what I would do differently next time, in some detail.',
    claims: claims.map(([area, statement]) => ({ area, statement, competencies: [] })),
    ...over,
  }
}

const good = 'I performed the measurements myself and analysed the results against tolerance.'

type Report = {
  summary: { areasEvidenced: number; percentEvidenced: number; blockers: number; pages: { total: number } }
  areas: { code: string; status: string; itemCount: number }[]
  findings: { ruleId: string }[]
}

describe('the coverage page', () => {
  it('shows the right status per area, the blockers and the page budget', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    createEvidence(
      t.db,
      trainee.user.id,
      item([
        ['Sci1', good],
        ['Clin2', good],
      ]),
    )
    createEvidence(
      t.db,
      trainee.user.id,
      item(
        [
          ['Tech3', good],
          ['Sci1', 'Short claim.'],
        ],
        { evidenceType: 'data-analysis' },
      ),
    )
    createEvidence(t.db, trainee.user.id, item([['Prof4', good]], { evidenceType: 'reflection' }))
    const { data } = payloadOf<{ report: Report }>(
      await settle(() => coverageLoader({ request: get(trainee.cookie, '/coverage'), context: context(), params: {} })),
    )
    const area = (code: string) => data.report.areas.find((a) => a.code === code)
    expect(area('Sci1')).toMatchObject({ status: 'claimed', itemCount: 2 })
    expect(area('Clin2')).toMatchObject({ status: 'claimed', itemCount: 1 })
    expect(area('R&D1')).toMatchObject({ status: 'not-evidenced', itemCount: 0 })
    expect(data.report.summary.areasEvidenced).toBe(4)
    expect(data.report.summary.blockers).toBeGreaterThanOrEqual(42)
    expect(data.report.findings.filter((f) => f.ruleId === 'area.not-evidenced')).toHaveLength(42)
    expect(data.report.findings.some((f) => f.ruleId === 'claim.not-substantive')).toBe(true)
    expect(data.report.summary.pages.total).toBeGreaterThan(0)
  })

  it('costs the same number of queries whatever the portfolio’s size', async () => {
    const small = await createUserWithSession(t.db, { role: 'trainee' })
    const large = await createUserWithSession(t.db, { role: 'trainee' })
    createEvidence(t.db, small.user.id, item([['Sci1', good]]))
    const codes = ['Sci1', 'Sci2', 'Clin1', 'Tech1', 'R&D1', 'Com1', 'PS1', 'Prof1']
    for (let i = 0; i < 60; i++)
      createEvidence(t.db, large.user.id, item(codes.slice(0, 1 + (i % codes.length)).map((c) => [c, good])))
    const count = async (cookie: string) => {
      queries = 0
      await settle(() => coverageLoader({ request: get(cookie, '/coverage'), context: context(), params: {} }))
      return queries
    }
    const forSmall = await count(small.cookie)
    const forLarge = await count(large.cookie)
    expect(forLarge).toBe(forSmall)
    // The first view after a write also gathers the live portfolio (its evidence, its experience record and who verified each claim), to see
    // whether its preview PDF must be made again.
    expect(forSmall).toBeLessThanOrEqual(35)
    // Nothing written since: the report and the preview's status come from their caches.
    expect(await count(large.cookie)).toBeLessThanOrEqual(10)
  })

  it('blocks on a missing summary statement and on areas claimed only by drafts, until they are dealt with', async () => {
    const { setSummaryStatement } = await import('../../app/models/submission.server')
    const { sendForReview } = await import('../../app/models/review.server')
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = createEvidence(t.db, trainee.user.id, item([['Sci1', good]]))
    const findings = async () => {
      const { data } = payloadOf<{ report: Report }>(
        await settle(() =>
          coverageLoader({ request: get(trainee.cookie, '/coverage'), context: context(), params: {} }),
        ),
      )
      return data.report.findings
    }
    const before = await findings()
    expect(before.filter((f) => f.ruleId === 'portfolio.no-summary')).toHaveLength(1)
    expect(before.filter((f) => f.ruleId === 'area.drafts-only')).toHaveLength(1)
    setSummaryStatement(
      t.db,
      trainee.user.id,
      'I trained in radiotherapy physics; this portfolio shows my own work.',
      new Date('2026-06-01T12:00:00Z'),
    )
    sendForReview(t.db, trainee.user.id, [id], new Date('2026-06-01T12:00:00Z'))
    const after = await findings()
    expect(after.filter((f) => f.ruleId === 'portfolio.no-summary' || f.ruleId === 'area.drafts-only')).toEqual([])
  })

  it('offers the trainee’s own item for an area it does not claim, and the mentor sees the same advice', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const { token } = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 86_400_000 })
    acceptInvitation(t.db, token, mentor.user.id)
    const id = createEvidence(
      t.db,
      trainee.user.id,
      item([['Clin2', good]], {
        title: 'Correspondence with the stroke team',
        evidenceType: 'correspondence',
        description:
          'A stroke consultant asked physics whether CT perfusion could be repeated at a lower dose. I replied by email with the dose figures and answered a follow-up query.',
      }),
    )
    type WithCandidates = {
      findings: {
        ruleId: string
        target: { areaCode?: string }
        candidates?: { evidenceId: number; words: string[] }[]
      }[]
    }
    const mine = payloadOf<{ report: WithCandidates }>(
      await settle(() => coverageLoader({ request: get(trainee.cookie, '/coverage'), context: context(), params: {} })),
    )
    const com2 = mine.data.report.findings.find(
      (f) => f.ruleId === 'area.not-evidenced' && f.target.areaCode === 'Com2',
    )!
    expect(com2.candidates?.[0]).toMatchObject({ evidenceId: id })
    const theirs = payloadOf<{ report: WithCandidates }>(
      await settle(() =>
        traineeLoader({
          request: get(mentor.cookie, `/mentor/trainees/${trainee.user.id}`),
          context: context(),
          params: { traineeId: String(trainee.user.id) },
        }),
      ),
    )
    expect(
      theirs.data.report.findings.find((f) => f.ruleId === 'area.not-evidenced' && f.target.areaCode === 'Com2'),
    ).toEqual(com2)
  })

  it('is for trainees; mentors read it through their trainee’s page', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    expect(
      (
        (await settle(() =>
          coverageLoader({ request: get(mentor.cookie, '/coverage'), context: context(), params: {} }),
        )) as Response
      ).status,
    ).toBe(404)
  })
})

describe('the mentor dashboard', () => {
  it('lists linked trainees with their coverage, and no one else', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const first = await createUserWithSession(t.db, { role: 'trainee', name: 'Ada First' })
    const second = await createUserWithSession(t.db, { role: 'trainee', name: 'Ben Second' })
    const stranger = await createUserWithSession(t.db, { role: 'trainee', name: 'Cy Stranger' })
    for (const trainee of [first, second]) {
      const { token } = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 86_400_000 })
      acceptInvitation(t.db, token, mentor.user.id)
    }
    // 23 of 46 areas for the first trainee: 50%; 1 of 46 for the second: 2%.
    const all = [
      'Sci1',
      'Sci2',
      'Sci3',
      'Sci4',
      'Sci5',
      'Sci6',
      'Sci7',
      'Clin1',
      'Clin2',
      'Clin3',
      'Clin4',
      'Clin5',
      'Clin6',
      'Tech1',
      'Tech2',
      'Tech3',
      'Tech4',
      'Tech5',
      'Tech6',
      'R&D1',
      'R&D2',
      'R&D3',
      'R&D4',
    ]
    for (let i = 0; i < all.length; i += 4)
      createEvidence(t.db, first.user.id, item(all.slice(i, i + 4).map((c) => [c, good])))
    createEvidence(t.db, second.user.id, item([['Com1', good]]))
    createEvidence(t.db, stranger.user.id, item([['Com2', good]]))

    const { data } = payloadOf<{
      trainees: {
        name: string
        percentEvidenced: number
        blockers: number
        domains: { key: string; percentEvidenced: number }[]
      }[]
    }>(
      await settle(() =>
        mentorLoader({ request: get(mentor.cookie, '/mentor?sort=name'), context: context(), params: {} }),
      ),
    )
    expect(data.trainees.map((r) => [r.name, r.percentEvidenced])).toEqual([
      ['Ada First', 50],
      ['Ben Second', 2],
    ])
    expect(data.trainees[0]!.domains.find((d) => d.key === 'Sci')?.percentEvidenced).toBe(100)
    expect(JSON.stringify(data)).not.toContain('Stranger')

    const sorted = payloadOf<{ trainees: { name: string }[] }>(
      await settle(() =>
        mentorLoader({ request: get(mentor.cookie, '/mentor?sort=evidenced&dir=asc'), context: context(), params: {} }),
      ),
    )
    expect(sorted.data.trainees.map((r) => r.name)).toEqual(['Ben Second', 'Ada First'])

    const page = payloadOf<{ report: Report }>(
      await settle(() =>
        traineeLoader({
          request: get(mentor.cookie, `/mentor/trainees/${first.user.id}`),
          context: context(),
          params: { traineeId: String(first.user.id) },
        }),
      ),
    )
    expect(page.data.report.summary.percentEvidenced).toBe(50)
    expect(
      (
        (await settle(() =>
          traineeLoader({
            request: get(mentor.cookie, `/mentor/trainees/${stranger.user.id}`),
            context: context(),
            params: { traineeId: String(stranger.user.id) },
          }),
        )) as Response
      ).status,
    ).toBe(404)
  })
})

describe('the report cache', () => {
  it('serves a repeat view without recomputing, and never a stale report', async () => {
    const { coverageReportFor } = await import('../../app/portfolio/coverage.server')
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    createEvidence(t.db, trainee.user.id, item([['Sci1', good]]))
    const now = new Date('2026-06-01T12:00:00Z')
    const first = coverageReportFor(t.db, trainee.user.id, now)
    queries = 0
    expect(coverageReportFor(t.db, trainee.user.id, now)).toBe(first)
    expect(queries).toBe(0)
    createEvidence(t.db, trainee.user.id, item([['Clin1', good]]))
    const after = coverageReportFor(t.db, trainee.user.id, now)
    expect(after).not.toBe(first)
    expect(after.areas.find((a) => a.code === 'Clin1')?.status).toBe('claimed')
    // A new day can make items stale: the report is recomputed.
    expect(coverageReportFor(t.db, trainee.user.id, new Date('2026-06-02T12:00:00Z'))).not.toBe(after)
  })
})
