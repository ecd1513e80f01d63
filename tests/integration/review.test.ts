import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultFramework } from '../../competences/index'
import { createEvidence } from '../../app/models/evidence.server'
import { acceptInvitation, createInvitation } from '../../app/models/mentor.server'
import { currentDeclaration, getReviewState, listRevisions, sendForReview } from '../../app/models/review.server'
import { setSummaryStatement } from '../../app/models/submission.server'
import { listAuditEvents } from '../../app/models/audit.server'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { action as itemAction, loader as itemLoader } from '../../app/routes/evidence.$id'
import { action as editAction } from '../../app/routes/evidence.$id_.edit'
import { loader as queueLoader } from '../../app/routes/mentor.reviews._index'
import { action as reviewAction, loader as reviewLoader } from '../../app/routes/mentor.reviews.$id'
import { action as declareAction, loader as traineePageLoader } from '../../app/routes/mentor.trainees.$traineeId'
import type { EvidenceInput } from '../../app/evidence/form'
import { makeContext } from '../support/context'
import { addSupervisedPosts } from '../support/ready-portfolio'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
let clock = Date.parse('2026-06-01T09:00:00Z')
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())
const context = () =>
  makeContext(t.db, { now: () => new Date((clock += 60_000)), env: { ...makeContext(t.db).env, dataDir: t.dir } })
const get = (who: UserWithSession, url: string) => requestAs(who.cookie, url)
const post = (who: UserWithSession, url: string, form: Record<string, string>) => requestAs(who.cookie, url, { form })
const good = 'I carried out the measurements myself and analysed them against the tolerances.'

function item(codes: string[], title = 'Annual QA of linac 3'): EvidenceInput {
  return {
    title,
    activityStart: '2026-03-01',
    activityEnd: null,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: 'Output and energy checks with a Farmer chamber, analysed against the department baseline.',
    reflection:
      'The checks went well once the set-up was scripted; next time I will plan the electrometer warm-up earlier and record the ambient conditions.',
    claims: codes.map((area) => ({ area, statement: good, competencies: [] })),
  }
}

async function linkedPair() {
  const trainee = await createUserWithSession(t.db, { role: 'trainee' })
  const mentor = await createUserWithSession(t.db, { role: 'mentor' })
  const { token } = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 86_400_000 })
  acceptInvitation(t.db, token, mentor.user.id)
  return { trainee, mentor }
}

async function send(trainee: UserWithSession, id: number) {
  return payloadOf<{ ok?: boolean; formError?: string }>(
    await settle(() =>
      itemAction({
        request: post(trainee, `/evidence/${id}`, { intent: 'send' }),
        context: context(),
        params: { id: String(id) },
      }),
    ),
  )
}

async function decide(mentor: UserWithSession, id: number, revision: number, decisions: Record<string, string>) {
  return settle(() =>
    reviewAction({
      request: post(mentor, `/mentor/reviews/${id}`, { revision: String(revision), ...decisions }),
      context: context(),
      params: { id: String(id) },
    }),
  )
}

describe('the review workflow', () => {
  it('takes an item from draft through changes requested to verified, with revisions and a trail', async () => {
    const { trainee, mentor } = await linkedPair()
    const id = createEvidence(t.db, trainee.user.id, item(['Sci1', 'Tech3']))
    expect(getReviewState(t.db, id)?.status).toBe('draft')

    expect((await send(trainee, id)).data.ok).toBe(true)
    expect(getReviewState(t.db, id)).toMatchObject({ status: 'awaiting_review', currentRevision: 1 })
    const queue = payloadOf<{ queue: { id: number; codes: string[] }[] }>(
      await settle(() => queueLoader({ request: get(mentor, '/mentor/reviews'), context: context(), params: {} })),
    )
    expect(queue.data.queue.map((q) => [q.id, q.codes])).toEqual([[id, ['Sci1', 'Tech3']]])

    const first = await responseOf(() =>
      decide(mentor, id, 1, {
        'decision:Sci1': 'verified',
        'decision:Tech3': 'changes_requested',
        'comment:Tech3': 'Say which tolerances you used.',
      }),
    )
    expect(first.status).toBe(302)
    expect(getReviewState(t.db, id)?.status).toBe('changes_requested')
    expect(coverageReportFor(t.db, trainee.user.id, new Date()).areas.find((a) => a.code === 'Sci1')?.status).toBe(
      'verified',
    )

    // The trainee edits: a new revision, back in the queue, the verification no longer counts.
    const edited = item(['Sci1', 'Tech3'], 'Annual QA of linac 3 (TG-142 tolerances)')
    const form = new FormData()
    for (const [k, v] of Object.entries({
      title: edited.title,
      activityStart: edited.activityStart,
      evidenceType: edited.evidenceType,
      role: edited.role,
      description: edited.description,
      reflection: edited.reflection,
    }))
      form.append(k, v)
    form.append('claims[0].area', 'Sci1')
    form.append('claims[0].statement', good)
    form.append('claims[15].area', 'Tech3')
    form.append('claims[15].statement', `${good} Tolerances from TG-142.`)
    const saved = await responseOf(() =>
      editAction({
        request: new Request(`http://localhost/evidence/${id}/edit`, {
          method: 'POST',
          body: form,
          headers: { Cookie: trainee.cookie, Origin: 'http://localhost' },
        }),
        context: context(),
        params: { id: String(id) },
      }),
    )
    expect(saved.status).toBe(302)
    const state = getReviewState(t.db, id)!
    expect(state).toMatchObject({ status: 'awaiting_review', currentRevision: 2 })
    expect(state.changedSinceVerification).toEqual(['Sci1'])
    expect(coverageReportFor(t.db, trainee.user.id, new Date()).areas.find((a) => a.code === 'Sci1')?.status).toBe(
      'claimed',
    )
    expect(listRevisions(t.db, id).map((r) => r.snapshot.title)).toEqual([
      'Annual QA of linac 3',
      'Annual QA of linac 3 (TG-142 tolerances)',
    ])

    const page = payloadOf<{ diff: { from: number; to: number; diff: { changed: boolean } } | null }>(
      await settle(() =>
        reviewLoader({ request: get(mentor, `/mentor/reviews/${id}`), context: context(), params: { id: String(id) } }),
      ),
    )
    expect(page.data.diff).toMatchObject({ from: 1, to: 2, diff: { changed: true } })

    // A decision on the old revision is refused; nothing is recorded.
    const stale = payloadOf<{ formError: string }>(await decide(mentor, id, 1, { 'decision:Sci1': 'verified' }))
    expect(stale.data.formError).toMatch(/changed since you opened it/)
    expect(getReviewState(t.db, id)?.status).toBe('awaiting_review')

    await responseOf(() => decide(mentor, id, 2, { 'decision:Sci1': 'verified', 'decision:Tech3': 'verified' }))
    expect(getReviewState(t.db, id)?.status).toBe('verified')
    const report = coverageReportFor(t.db, trainee.user.id, new Date())
    expect(report.areas.filter((a) => a.status === 'verified').map((a) => a.code)).toEqual(['Sci1', 'Tech3'])

    const actions = listAuditEvents(t.db, { actorId: mentor.user.id }).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['review.claim_verified', 'review.changes_requested']))
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain('review.requested')
  })

  it('needs a comment to request changes, and at least one decision or comment', async () => {
    const { trainee, mentor } = await linkedPair()
    const id = createEvidence(t.db, trainee.user.id, item(['Sci2']))
    await send(trainee, id)
    const noComment = payloadOf<{ errors: Record<string, string[]> }>(
      await decide(mentor, id, 1, { 'decision:Sci2': 'changes_requested' }),
    )
    expect(noComment.data.errors['comment:Sci2']?.[0]).toMatch(/what needs to change/)
    const nothing = payloadOf<{ formError: string }>(await decide(mentor, id, 1, {}))
    expect(nothing.data.formError).toMatch(/at least one claim/)
  })

  it('refuses to send an item with no claims', async () => {
    const { trainee } = await linkedPair()
    const id = createEvidence(t.db, trainee.user.id, item([]))
    const result = await send(trainee, id)
    expect(result.status).toBe(400)
    expect(result.data.formError).toMatch(/Claim at least one area/)
  })

  it('keeps unlinked mentors and the trainee out of reviewing', async () => {
    const { trainee } = await linkedPair()
    const stranger = await createUserWithSession(t.db, { role: 'mentor' })
    const id = createEvidence(t.db, trainee.user.id, item(['Sci3']))
    await send(trainee, id)
    expect(
      (
        (await settle(() =>
          reviewLoader({
            request: get(stranger, `/mentor/reviews/${id}`),
            context: context(),
            params: { id: String(id) },
          }),
        )) as Response
      ).status,
    ).toBe(404)
    expect(((await decide(stranger, id, 1, { 'decision:Sci3': 'verified' })) as Response).status).toBe(404)
    expect(
      (
        (await settle(() =>
          itemLoader({ request: get(stranger, `/evidence/${id}`), context: context(), params: { id: String(id) } }),
        )) as Response
      ).status,
    ).toBe(404)
    // The trainee cannot verify their own claims.
    expect(((await decide(trainee, id, 1, { 'decision:Sci3': 'verified' })) as Response).status).toBe(404)
    expect(getReviewState(t.db, id)?.status).toBe('awaiting_review')
    const queue = payloadOf<{ queue: unknown[] }>(
      await settle(() => queueLoader({ request: get(stranger, '/mentor/reviews'), context: context(), params: {} })),
    )
    expect(queue.data.queue).toEqual([])
  })

  it('lets the trainee and linked mentors comment in a thread, and no one else', async () => {
    const { trainee, mentor } = await linkedPair()
    const stranger = await createUserWithSession(t.db, { role: 'trainee' })
    const id = createEvidence(t.db, trainee.user.id, item(['Sci4']))
    await settle(() =>
      itemAction({
        request: post(mentor, `/evidence/${id}`, { intent: 'comment', body: 'Which chamber did you use?' }),
        context: context(),
        params: { id: String(id) },
      }),
    )
    const page = payloadOf<{ comments: { id: number; body: string }[] }>(
      await settle(() =>
        itemLoader({ request: get(trainee, `/evidence/${id}`), context: context(), params: { id: String(id) } }),
      ),
    )
    const [question] = page.data.comments
    await settle(() =>
      itemAction({
        request: post(trainee, `/evidence/${id}`, {
          intent: 'comment',
          body: 'A Farmer-type chamber, **2571**.',
          parentId: String(question!.id),
        }),
        context: context(),
        params: { id: String(id) },
      }),
    )
    const after = payloadOf<{ comments: { parentId: number | null; body: string }[] }>(
      await settle(() =>
        itemLoader({ request: get(mentor, `/evidence/${id}`), context: context(), params: { id: String(id) } }),
      ),
    )
    expect(after.data.comments.map((c) => [c.parentId, c.body])).toEqual([
      [null, 'Which chamber did you use?'],
      [question!.id, 'A Farmer-type chamber, **2571**.'],
    ])
    expect(
      (
        (await settle(() =>
          itemAction({
            request: post(stranger, `/evidence/${id}`, { intent: 'comment', body: 'hi' }),
            context: context(),
            params: { id: String(id) },
          }),
        )) as Response
      ).status,
    ).toBe(404)
  })
})

describe('the mentor declaration', () => {
  it('is refused while there are blockers, signed when there are none, and voided by any change', async () => {
    const { trainee, mentor } = await linkedPair()
    const params = { traineeId: String(trainee.user.id) }
    const refused = payloadOf<{ formError: string }>(
      await settle(() =>
        declareAction({ request: post(mentor, `/mentor/trainees/${trainee.user.id}`, {}), context: context(), params }),
      ),
    )
    expect(refused.data.formError).toMatch(/blockers/)
    expect(currentDeclaration(t.db, trainee.user.id)).toBeUndefined()

    const all = defaultFramework.domains.flatMap((d) => d.areas.map((a) => a.code))
    const summaryId = createEvidence(t.db, trainee.user.id, item(all, 'Summary of training'))
    // Drafts clear no blocker and a summary statement is required: send the item and write the statement.
    sendForReview(t.db, trainee.user.id, [summaryId])
    setSummaryStatement(t.db, trainee.user.id, 'Three years of radiotherapy physics, from QA to commissioning.')
    addSupervisedPosts(t.db, trainee.user.id)
    const signed = payloadOf<{ ok: boolean }>(
      await settle(() =>
        declareAction({ request: post(mentor, `/mentor/trainees/${trainee.user.id}`, {}), context: context(), params }),
      ),
    )
    expect(signed.data.ok).toBe(true)
    expect(currentDeclaration(t.db, trainee.user.id)?.mentorId).toBe(mentor.user.id)
    const page = payloadOf<{ declaration: { mentorName: string } | null }>(
      await settle(() =>
        traineePageLoader({ request: get(mentor, `/mentor/trainees/${trainee.user.id}`), context: context(), params }),
      ),
    )
    expect(page.data.declaration?.mentorName).toBe(mentor.user.name)

    // The trainee adds anything: the declaration no longer stands.
    const id = createEvidence(t.db, trainee.user.id, item(['Sci1'], 'One more item'))
    await send(trainee, id)
    expect(currentDeclaration(t.db, trainee.user.id)).toBeUndefined()
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain('declaration.voided')
    expect(listAuditEvents(t.db, { actorId: mentor.user.id }).map((e) => e.action)).toContain('declaration.signed')
  })

  it('cannot be signed by a mentor who is not linked', async () => {
    const { trainee } = await linkedPair()
    const stranger = await createUserWithSession(t.db, { role: 'mentor' })
    const response = (await settle(() =>
      declareAction({
        request: post(stranger, `/mentor/trainees/${trainee.user.id}`, {}),
        context: context(),
        params: { traineeId: String(trainee.user.id) },
      }),
    )) as Response
    expect(response.status).toBe(404)
  })
})

describe('revision history', () => {
  it('lists every revision with what changed, for the trainee and linked mentors only', async () => {
    const { loader: revisionsLoader } = await import('../../app/routes/evidence.$id_.revisions')
    const { recordRevisionAfterSave } = await import('../../app/models/review.server')
    const { updateEvidence } = await import('../../app/models/evidence.server')
    const { trainee, mentor } = await linkedPair()
    const stranger = await createUserWithSession(t.db, { role: 'mentor' })
    const id = createEvidence(t.db, trainee.user.id, item(['Sci5']))
    await send(trainee, id)
    updateEvidence(t.db, trainee.user.id, id, item(['Sci5', 'Clin3'], 'Renamed item'))
    recordRevisionAfterSave(t.db, id)
    const page = payloadOf<{
      revisions: {
        number: number
        diff: { fields: { field: string; changed: boolean }[]; claims: { added: { areaCode: string }[] } } | null
      }[]
    }>(
      await settle(() =>
        revisionsLoader({
          request: get(mentor, `/evidence/${id}/revisions`),
          context: context(),
          params: { id: String(id) },
        }),
      ),
    )
    expect(page.data.revisions.map((r) => r.number)).toEqual([2, 1])
    expect(page.data.revisions[0]!.diff?.fields.find((f) => f.field === 'title')?.changed).toBe(true)
    expect(page.data.revisions[0]!.diff?.claims.added.map((c) => c.areaCode)).toEqual(['Clin3'])
    expect(page.data.revisions[1]!.diff).toBeNull()
    expect(
      (
        (await settle(() =>
          revisionsLoader({
            request: get(stranger, `/evidence/${id}/revisions`),
            context: context(),
            params: { id: String(id) },
          }),
        )) as Response
      ).status,
    ).toBe(404)
  })
})

describe('notifications from the review workflow', () => {
  it('tells the mentors when an item is sent, and the trainee of decisions and comments', async () => {
    const { listNotifications } = await import('../../app/models/notifications.server')
    const { trainee, mentor } = await linkedPair()
    const id = createEvidence(t.db, trainee.user.id, item(['PS1', 'PS2'], 'Out-of-tolerance investigation'))
    await send(trainee, id)
    expect(listNotifications(t.db, mentor.user.id).map((n) => [n.kind, n.link])).toEqual([
      ['review_requested', `/mentor/reviews/${id}`],
    ])
    await decide(mentor, id, 1, {
      'decision:PS1': 'verified',
      'decision:PS2': 'changes_requested',
      'comment:PS2': 'Add the corrective action.',
    })
    const kinds = listNotifications(t.db, trainee.user.id).map((n) => n.kind)
    expect(kinds).toEqual(expect.arrayContaining(['claim_verified', 'changes_requested']))
    const outbox = t.db.$client
      .prepare('SELECT to_address, subject FROM email_outbox WHERE to_address = ?')
      .all(trainee.user.email) as { subject: string }[]
    expect(outbox.some((m) => /asked for changes/.test(m.subject))).toBe(true)
  })
})

describe('sending a batch', () => {
  it('sends the ticked items that can be sent and says why the others were not', async () => {
    const { action: listAction } = await import('../../app/routes/evidence._index')
    const { trainee, mentor } = await linkedPair()
    const a = createEvidence(t.db, trainee.user.id, item(['Com1'], 'Teaching session'))
    const b = createEvidence(t.db, trainee.user.id, item(['Com2'], 'Poster'))
    const bare = createEvidence(t.db, trainee.user.id, item([], 'Notes without claims'))
    const form = new URLSearchParams()
    for (const id of [a, b, bare]) form.append('send', String(id))
    const result = payloadOf<{ sent: number; refused: string[] }>(
      await settle(() =>
        listAction({
          request: requestAs(trainee.cookie, '/evidence', {
            method: 'POST',
            body: form,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
          context: context(),
          params: {},
        }),
      ),
    )
    expect(result.data.sent).toBe(2)
    expect(result.data.refused.join(' ')).toMatch(/Claim at least one area/)
    const queue = payloadOf<{ queue: { id: number }[] }>(
      await settle(() => queueLoader({ request: get(mentor, '/mentor/reviews'), context: context(), params: {} })),
    )
    expect(queue.data.queue.map((q) => q.id).sort()).toEqual([a, b].sort())
  })
})

describe('edits and the queue', () => {
  it('makes no revision for a save that changes nothing, so verifications stand', async () => {
    const { recordRevisionAfterSave } = await import('../../app/models/review.server')
    const { updateEvidence } = await import('../../app/models/evidence.server')
    const { trainee, mentor } = await linkedPair()
    const id = createEvidence(t.db, trainee.user.id, item(['Com4']))
    await send(trainee, id)
    await responseOf(() => decide(mentor, id, 1, { 'decision:Com4': 'verified' }))
    updateEvidence(t.db, trainee.user.id, id, item(['Com4']))
    expect(recordRevisionAfterSave(t.db, id)).toBeNull()
    expect(getReviewState(t.db, id)).toMatchObject({ status: 'verified', currentRevision: 1 })
  })

  it('marks an item “changed since your last review” only for the mentor who reviewed it', async () => {
    const { recordRevisionAfterSave } = await import('../../app/models/review.server')
    const { updateEvidence } = await import('../../app/models/evidence.server')
    const { trainee, mentor } = await linkedPair()
    const second = await createUserWithSession(t.db, { role: 'mentor' })
    const { token } = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 86_400_000 })
    acceptInvitation(t.db, token, second.user.id)
    const id = createEvidence(t.db, trainee.user.id, item(['Com5']))
    await send(trainee, id)
    await responseOf(() =>
      decide(mentor, id, 1, { 'decision:Com5': 'changes_requested', 'comment:Com5': 'Add the audience.' }),
    )
    updateEvidence(t.db, trainee.user.id, id, item(['Com5'], 'Talk to the radiographers, with the audience'))
    expect(recordRevisionAfterSave(t.db, id)).toEqual({ revision: 2 })
    const flag = async (who: UserWithSession) =>
      payloadOf<{ queue: { id: number; changedSinceReview: boolean }[] }>(
        await settle(() => queueLoader({ request: get(who, '/mentor/reviews'), context: context(), params: {} })),
      ).data.queue.find((q) => q.id === id)?.changedSinceReview
    expect(await flag(mentor)).toBe(true)
    expect(await flag(second)).toBe(false)
  })
})
