import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PortfolioSummary, PrerenderedSummary, snapshotHead, SummaryBody } from '../../app/components/portfolio-summary'
import { listNotifications } from '../../app/models/notifications.server'
import { loader as traineePageLoader } from '../../app/routes/mentor.trainees.$traineeId'
import { listAuditEvents } from '../../app/models/audit.server'
import { deleteEvidence, updateEvidence } from '../../app/models/evidence.server'
import {
  addComment,
  currentDeclaration,
  recordRevisionAfterSave,
  signDeclaration,
  voidDeclarations,
} from '../../app/models/review.server'
import { createSession } from '../../app/models/session.server'
import {
  getSnapshotJson,
  getSubmission,
  getSummaryStatement,
  listSubmissions,
  setSummaryStatement,
} from '../../app/models/submission.server'
import type { User } from '../../app/models/user.server'
import { action as submissionAction, loader as submissionLoader } from '../../app/routes/submission'
import { loader as summaryLoader } from '../../app/routes/submissions.$id'
import { sha256Hex } from '../../app/submission/snapshot'
import { portfolioSummary } from '../../app/submission/summary'
import type { SummaryPageData } from '../../app/submission/summary-markup.server'
import { readEnv } from '../../app/utils/env.server'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'

let t: TestDb
let clock = Date.parse('2026-06-01T09:00:00Z')
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const context = () =>
  makeContext(t.db, { now: () => new Date((clock += 60_000)), env: { ...makeContext(t.db).env, dataDir: t.dir } })

function cookieFor(user: User): string {
  const { token } = createSession(t.db, { userId: user.id, verified: true }, readEnv({ NODE_ENV: 'test' }).session)
  return `attain_session=${token}`
}

async function readyTrainee(items = 8) {
  const ready = await buildReadyPortfolio(t.db, { items, dataDir: t.dir, now: new Date(clock) })
  return { ...ready, cookie: cookieFor(ready.trainee), mentorCookie: cookieFor(ready.mentor) }
}

type PageData = {
  statement: string
  ready: boolean
  blockers: { ruleId: string; message: string; link: { to: string; label: string } | null }[]
  declaration: { mentorName: string; signedAt: string } | null
  warnings: number
  submissions: { id: number; number: number; snapshotSha256: string; pdfPages: number | null }[]
}
type Failure = { ok: false; errors: Record<string, string[]>; formError?: string; values: Record<string, string> }

const page = async (cookie: string) =>
  payloadOf<PageData>(
    await settle(() => submissionLoader({ request: requestAs(cookie, '/submission'), context: context(), params: {} })),
  ).data
const post = (cookie: string, form: Record<string, string>) =>
  settle(() =>
    submissionAction({ request: requestAs(cookie, '/submission', { form }), context: context(), params: {} }),
  )
const submit = (cookie: string) => post(cookie, { intent: 'submit', confirm: 'on' })

async function submitted(cookie: string): Promise<number> {
  const response = await responseOf(() => submit(cookie))
  expect(response.status).toBe(302)
  const match = /^\/submissions\/(\d+)$/.exec(response.headers.get('Location') ?? '')
  expect(match).not.toBeNull()
  return Number(match![1])
}

type SummaryData = { id: number; summary: SummaryPageData; canShare: boolean; canAssess: boolean; back: { to: string } }
const summary = (cookie: string | null, id: number | string) =>
  settle(() =>
    summaryLoader({ request: requestAs(cookie, `/submissions/${id}`), context: context(), params: { id: String(id) } }),
  )

describe('submitting', () => {
  it('refuses while the coverage report has blockers, listing each with a link', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const before = await page(trainee.cookie)
    expect(before.ready).toBe(false)
    expect(before.blockers.length).toBeGreaterThan(0)
    expect(before.blockers.some((b) => b.link?.to.startsWith('/evidence/new?area='))).toBe(true)
    expect(before.declaration).toBeNull()
    expect(before.submissions).toEqual([])

    const refused = payloadOf<Failure>(await submit(trainee.cookie))
    expect(refused.status).toBe(409)
    expect(refused.data.formError).toMatch(new RegExp(`${before.blockers.length} blockers to clear first`))
    expect(listSubmissions(t.db, trainee.user.id)).toEqual([])
  })

  it('refuses without a standing mentor declaration', async () => {
    const ready = await readyTrainee()
    voidDeclarations(t.db, ready.trainee.id, 'The portfolio changed', new Date(clock))
    const before = await page(ready.cookie)
    expect(before).toMatchObject({ ready: false, blockers: [], declaration: null })

    const refused = payloadOf<Failure>(await submit(ready.cookie))
    expect(refused.status).toBe(409)
    expect(refused.data.formError).toMatch(/no mentor declaration stands/i)
    expect(listSubmissions(t.db, ready.trainee.id)).toEqual([])
  })

  it('needs the confirmation ticked, with the message at the checkbox', async () => {
    const ready = await readyTrainee()
    const refused = payloadOf<Failure>(await post(ready.cookie, { intent: 'submit' }))
    expect(refused.status).toBe(400)
    expect(refused.data.errors.confirm?.[0]).toMatch(/confirm the portfolio is your own work/)
    expect(listSubmissions(t.db, ready.trainee.id)).toEqual([])
  })

  it('answers an unknown intent with a message, not an error', async () => {
    const ready = await readyTrainee(2)
    const refused = payloadOf<Failure>(await post(ready.cookie, { intent: 'delete-everything' }))
    expect(refused.status).toBe(400)
    expect(refused.data.formError).toMatch(/not available/)
  })

  it('creates a submission when ready, audits it and opens its summary', async () => {
    const ready = await readyTrainee()
    const before = await page(ready.cookie)
    expect(before).toMatchObject({ ready: true, blockers: [], declaration: { mentorName: 'Dr Sam Okoro, supervisor' } })

    const id = await submitted(ready.cookie)
    const submission = getSubmission(t.db, id)!
    expect(submission).toMatchObject({ traineeId: ready.trainee.id, number: 1 })
    expect(submission.snapshot.items).toHaveLength(8)

    const event = listAuditEvents(t.db, { actorId: ready.trainee.id }).find((e) => e.action === 'submission.create')
    expect(event).toMatchObject({
      subjectType: 'submission',
      subjectId: String(id),
      detail: { number: 1, snapshotSha256: submission.snapshotSha256 },
    })

    const response = await responseOf(() => summary(ready.cookie, id))
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const loaded = payloadOf<SummaryData>(await summary(ready.cookie, id)).data
    // The PDF is made at once, so the summary gives its real page count.
    const pdfPages = getSubmission(t.db, id)!.pdfPages
    expect(pdfPages).toBeGreaterThan(8)
    expect(loaded).toMatchObject({
      id,
      summary: { hash: submission.snapshotSha256, cover: { pages: { count: pdfPages, estimated: false } } },
      canShare: true,
      canAssess: false,
      back: { to: '/submission' },
    })
    // The page gets the cover's facts and the rest as markup made on the server, not the whole snapshot.
    expect(loaded.summary.head).toEqual(snapshotHead(submission.snapshot))
    expect(loaded.summary.bodyHtml).toBe(
      renderToStaticMarkup(
        createElement(SummaryBody, {
          snapshot: submission.snapshot,
          model: portfolioSummary(submission.snapshot, null),
        }),
      ),
    )
    expect(loaded).not.toHaveProperty('snapshot')

    // The trainee's mentors are told, with a link to the submission.
    const told = listNotifications(t.db, ready.mentor.id)
    expect(told).toEqual([expect.objectContaining({ kind: 'portfolio_submitted', link: `/submissions/${id}` })])
    // The first submission of the file starts the PDF render worker, and makes two PDFs: the preview, then the submitted one.
  }, 60_000)

  it('keeps a submission frozen while the live portfolio changes, and the database refuses to change it', async () => {
    const ready = await readyTrainee()
    const id = await submitted(ready.cookie)
    const frozen = getSubmission(t.db, id)!
    const frozenJson = getSnapshotJson(t.db, id)
    expect(sha256Hex(frozenJson)).toBe(frozen.snapshotSha256)

    const [first, second] = ready.evidenceIds
    const now = new Date(clock)
    const changed = updateEvidence(
      t.db,
      ready.trainee.id,
      first!,
      {
        title: 'Retitled after submitting',
        activityStart: '2026-01-05',
        activityEnd: null,
        evidenceType: 'audit',
        role: 'contributed',
        description: 'A different description.',
        reflection: 'A different reflection.',
        claims: [{ area: 'Sci1', statement: 'A different statement about the science I did.', competencies: [] }],
      },
      {},
      now,
    )
    expect(changed).toBe(true)
    expect(recordRevisionAfterSave(t.db, first!, now)).toEqual({ revision: 2 })
    expect(deleteEvidence(t.db, ready.trainee.id, second!)).toBe(true)
    setSummaryStatement(t.db, ready.trainee.id, 'Written after submitting.', now)
    addComment(
      t.db,
      {
        evidenceId: ready.evidenceIds[2]!,
        authorId: ready.mentor.id,
        body: 'For the assessor, after the fact.',
        forAssessor: true,
      },
      now,
    )

    const after = getSubmission(t.db, id)!
    expect(getSnapshotJson(t.db, id)).toBe(frozenJson)
    expect(after.snapshotSha256).toBe(frozen.snapshotSha256)
    expect(sha256Hex(getSnapshotJson(t.db, id))).toBe(after.snapshotSha256)
    expect(after.snapshot.items.map((i) => i.title)).not.toContain('Retitled after submitting')
    expect(payloadOf<SummaryData>(await summary(ready.cookie, id)).data.summary.hash).toBe(frozen.snapshotSha256)

    expect(() => t.db.$client.prepare('UPDATE submissions SET snapshot = ? WHERE id = ?').run('{}', id)).toThrow(
      /never changes/,
    )
    expect(() =>
      t.db.$client.prepare('UPDATE submissions SET snapshot_sha256 = ? WHERE id = ?').run('0'.repeat(64), id),
    ).toThrow(/never changes/)
    expect(getSnapshotJson(t.db, id)).toBe(frozenJson)
  })

  it('numbers a second submission 2 and lists every past submission, newest first', async () => {
    const ready = await readyTrainee(4)
    const firstId = await submitted(ready.cookie)
    const secondId = await submitted(ready.cookie)
    expect(getSubmission(t.db, secondId)?.number).toBe(2)
    const listed = (await page(ready.cookie)).submissions
    expect(listed.map((s) => [s.id, s.number])).toEqual([
      [secondId, 2],
      [firstId, 1],
    ])
    expect(listed[0]).toMatchObject({
      snapshotSha256: getSubmission(t.db, secondId)!.snapshotSha256,
      pdfPages: getSubmission(t.db, secondId)!.pdfPages,
    })
    expect(listed[0]!.pdfPages).toBeGreaterThan(0)
  })
})

describe('who may read a submission', () => {
  it('is the owner, a linked mentor and an admin; anyone else gets a 404', async () => {
    const ready = await readyTrainee(3)
    const id = await submitted(ready.cookie)
    const admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    const otherTrainee = await createUserWithSession(t.db, { role: 'trainee' })
    const otherMentor = await createUserWithSession(t.db, { role: 'mentor' })
    const assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })

    for (const cookie of [ready.cookie, ready.mentorCookie, admin.cookie]) {
      expect((await responseOf(() => summary(cookie, id))).status).toBe(200)
    }
    const mentorView = payloadOf<SummaryData>(await summary(ready.mentorCookie, id)).data
    expect(mentorView).toMatchObject({
      canShare: false,
      canAssess: false,
      back: { to: `/mentor/trainees/${ready.trainee.id}` },
    })
    expect(payloadOf<SummaryData>(await summary(admin.cookie, id)).data).toMatchObject({
      canShare: true,
      canAssess: false,
    })
    // The mentor finds it on their trainee's page.
    const traineePage = payloadOf<{ submissions: { id: number; number: number }[] }>(
      await settle(() =>
        traineePageLoader({
          request: requestAs(ready.mentorCookie, `/mentor/trainees/${ready.trainee.id}`),
          context: context(),
          params: { traineeId: String(ready.trainee.id) },
        }),
      ),
    ).data
    expect(traineePage.submissions).toEqual([expect.objectContaining({ id, number: 1 })])

    for (const cookie of [otherTrainee.cookie, otherMentor.cookie, assessor.cookie]) {
      expect((await responseOf(() => summary(cookie, id))).status).toBe(404)
    }
    for (const bad of ['999999', 'abc', '1e3', '-1']) {
      expect((await responseOf(() => summary(ready.cookie, bad))).status).toBe(404)
    }
    // The submission page itself is the trainee's own.
    expect(
      (
        await responseOf(() =>
          submissionLoader({ request: requestAs(ready.mentorCookie, '/submission'), context: context(), params: {} }),
        )
      ).status,
    ).toBe(404)
    expect((await responseOf(() => summary(null, id))).status).toBe(302)
  })
})

describe('the summary statement', () => {
  it('saves the text, and keeps what was typed when it is too long', async () => {
    const ready = await readyTrainee(2)
    const saved = payloadOf<{ ok: boolean }>(
      await post(ready.cookie, {
        intent: 'save-statement',
        statement: '  I trained at Northshire.\r\n\r\n- Radiotherapy physics  ',
      }),
    )
    expect(saved.data.ok).toBe(true)
    expect(getSummaryStatement(t.db, ready.trainee.id)).toBe('I trained at Northshire.\n\n- Radiotherapy physics')
    expect((await page(ready.cookie)).statement).toBe('I trained at Northshire.\n\n- Radiotherapy physics')

    const long = 'word '.repeat(4_001) + 'end'
    const refused = payloadOf<Failure>(await post(ready.cookie, { intent: 'save-statement', statement: long }))
    expect(refused.status).toBe(400)
    expect(refused.data.errors.statement?.[0]).toMatch(/under 20,000 characters/)
    expect(refused.data.values.statement).toBe(long)
    expect(getSummaryStatement(t.db, ready.trainee.id)).toBe('I trained at Northshire.\n\n- Radiotherapy physics')
  })

  it('voids a standing declaration when the statement changes, not when it is saved unchanged', async () => {
    const ready = await readyTrainee(2)
    await post(ready.cookie, { intent: 'save-statement', statement: 'First version.' })
    expect(currentDeclaration(t.db, ready.trainee.id)).toBeUndefined()

    signDeclaration(t.db, ready.mentor.id, ready.trainee.id, MENTOR_DECLARATION.text, new Date(clock))
    await post(ready.cookie, { intent: 'save-statement', statement: 'First version.' })
    expect(currentDeclaration(t.db, ready.trainee.id)).toBeDefined()
    expect(
      listAuditEvents(t.db, { actorId: ready.trainee.id }).filter((e) => e.action === 'submission.statement_saved'),
    ).toHaveLength(1)

    await post(ready.cookie, { intent: 'save-statement', statement: 'Second version.' })
    expect(currentDeclaration(t.db, ready.trainee.id)).toBeUndefined()
  })
})

describe('the summary as rendered', () => {
  it('has its sections, a cross-reference table for 40 items and every item in full', async () => {
    const ready = await readyTrainee(40)
    setSummaryStatement(
      t.db,
      ready.trainee.id,
      'I trained in **radiotherapy physics**.\n\n<script>alert(1)</script>',
      new Date(clock),
    )
    const id = await submitted(ready.cookie)
    const loaded = payloadOf<SummaryData>(await summary(ready.cookie, id)).data
    const html = renderToStaticMarkup(createElement(PrerenderedSummary, { summary: loaded.summary }))

    for (const anchor of [
      'cover',
      'summary-statement',
      'domain-Sci',
      'domain-RandD',
      'area-RandD1',
      'area-Prof11',
      'grid',
      'item-E1',
      'item-E40',
    ]) {
      expect(html).toContain(`id="${anchor}"`)
    }
    expect(html).toContain(loaded.summary.hash)
    expect(html).toContain('Submission 1 · Alex Morgan')
    expect(html).toMatch(/\d+ pages in the PDF/)
    expect(html).toContain('<strong>radiotherapy physics</strong>')
    expect(html).not.toContain('<script>')

    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'))
    expect(table).toContain('<caption class="visually-hidden">Areas of competence (rows)')
    expect(table.match(/<th scope="col"><a href="#item-E\d+"/g)).toHaveLength(40)
    expect(table.match(/<th scope="row">/g)).toHaveLength(46)
    expect(table.match(/<th scope="rowgroup"/g)).toHaveLength(7)
    expect(table).toContain('<span class="visually-hidden">verified</span>')
    expect(html).toMatch(/<div class="table-wrap summary-grid-wrap" tabindex="0" role="region"/)

    expect(html).toMatch(/<h3 id="item-E12-title">E12 · [^<]+<\/h3>/)
    expect(html).toContain('Verified by Dr Sam Okoro on')
    expect(html).toMatch(/item-2-report\.pdf<\/span> <span class="muted">PDF · \d+ KB · 2 pages/)
    // Nothing in it needs the app: no links back into it but the summary's own anchors.
    expect(html.match(/href="(?!#)[^"]*"/g) ?? []).toEqual([])

    // The same markup with the PDF made: its page count, no longer an estimate.
    const withPdf = renderToStaticMarkup(
      createElement(PortfolioSummary, {
        snapshot: getSubmission(t.db, id)!.snapshot,
        hash: loaded.summary.hash,
        pdfPages: 133,
      }),
    )
    expect(withPdf).toContain('133 pages in the PDF')
  })
})
