import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedbackRaters, feedbackResponses, feedbackRounds, mentorLinks } from '../../db/schema'
import { FEEDBACK_QUESTIONS } from '../../competences/feedback'
import { action as newRoundAction, loader as newRoundLoader } from '../../app/routes/feedback.new'
import { action as roundAction, loader as roundLoader } from '../../app/routes/feedback.$id'
import { loader as roundsLoader } from '../../app/routes/feedback._index'
import { action as formAction, loader as formLoader } from '../../app/routes/f.$token'
import { action as newEvidenceAction, loader as newEvidenceLoader } from '../../app/routes/evidence.new'
import { loader as evidenceLoader } from '../../app/routes/evidence.$id'
import { loader as exportLoader } from '../../app/routes/portfolio.export[.]json'
import { ratingField } from '../../app/feedback/results'
import { gatherSnapshot } from '../../app/submission/submit.server'
import { pdfFonts } from '../../app/submission/fonts.server'
import { summaryDocumentData } from '../../app/submission/pdf-document'
import { renderSummaryPdf } from '../../app/submission/pdf.server'
import { makeContext } from '../support/context'
import { outcomeOf } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const DAY = 86_400_000
const linkMentor = (traineeId: number, mentorId: number) =>
  t.db.insert(mentorLinks).values({ traineeId, mentorId, createdAt: new Date().toISOString() }).run()
const START = new Date('2026-05-04T09:00:00Z')
const at = (days: number) => makeContext(t.db, { now: () => new Date(START.getTime() + days * DAY) })
const run = (fn: (args: never) => unknown, request: Request, params: Record<string, string> = {}, context = at(0)) =>
  outcomeOf(() => (fn as (a: unknown) => unknown)({ request, context, params }))

let counter = 0
/** Distinct, recognisable addresses: the anonymity checks look for them in every answer. */
function raterEmails(n: number): string[] {
  counter += 1
  return Array.from({ length: n }, (_, i) => `rater${counter}x${i + 1}@colleague.nhs.uk`)
}

function roundForm(emails: string[], areas = ['Com2', 'Prof7']): Record<string, string> {
  const form: Record<string, string> = {}
  emails.forEach((email, i) => {
    form[`rater-${i + 1}-email`] = email
    form[`rater-${i + 1}-relationship`] = i % 2 ? 'radiographer' : 'clinician'
  })
  const body = new URLSearchParams(form)
  for (const a of areas) body.append('area', a)
  return Object.fromEntries(body) // only the last area survives here; see startRound for several
}

function post(cookie: string | null, url: string, body: URLSearchParams): Request {
  return new Request(new URL(url, 'http://localhost'), {
    method: 'POST',
    body,
    headers: { ...(cookie ? { Cookie: cookie } : {}), Origin: 'http://localhost' },
  })
}

async function startRound(trainee: UserWithSession, emails: string[], areas = ['Com2', 'Prof7'], days = 0) {
  const body = new URLSearchParams(roundForm(emails, []))
  for (const a of areas) body.append('area', a)
  const out = await run(newRoundAction, post(trainee.cookie, '/feedback/new', body), {}, at(days))
  expect(out.status).toBe(302)
  const roundId = Number(/\/feedback\/(\d+)/.exec(out.headers.get('Location') ?? '')![1])
  return { roundId, tokens: Object.fromEntries(emails.map((e) => [e, latestToken(e)])) }
}

function latestToken(email: string): string {
  const row = t.db.$client
    .prepare('SELECT body FROM email_outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1')
    .get(email) as { body: string } | undefined
  const match = /\/f\/([A-Za-z0-9_-]{43})/.exec(row?.body ?? '')
  if (!match) throw new Error(`no feedback link e-mailed to ${email}`)
  return match[1]!
}

function answers(overrides: Record<string, string> = {}): URLSearchParams {
  const body = new URLSearchParams()
  FEEDBACK_QUESTIONS.questions.forEach((q, i) => body.set(ratingField(q.id), i === 0 ? 'na' : String((i % 5) + 1)))
  body.set('strengths', 'Explains dose calculations clearly at the planning meeting.')
  body.set('development', 'Could say sooner when a request will take longer.')
  for (const [k, v] of Object.entries(overrides)) body.set(k, v)
  return body
}

const answer = (token: string, body = answers(), days = 1) =>
  run(formAction, post(null, `/f/${token}`, body), { token }, at(days))

describe('starting a round', () => {
  it('refuses too few colleagues, a repeated or own address and a missing relationship at their fields, keeping what was typed', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(4)
    const body = new URLSearchParams(roundForm([...emails, emails[0]!, trainee.user.email], []))
    body.append('area', 'Com2')
    body.append('area', 'Prof4')
    body.set('rater-3-relationship', '')
    const out = await run(newRoundAction, post(trainee.cookie, '/feedback/new', body))
    expect(out.status).toBe(400)
    expect(out.data.errors['rater-5-email']).toEqual(['Already asked in colleague 1.'])
    expect(out.data.errors['rater-6-email'][0]).toMatch(/your own address/)
    expect(out.data.errors['rater-3-relationship']).toEqual(['Choose how they work with you.'])
    expect(out.data.values['rater-2-email']).toBe(emails[1])
    expect(out.data.values.areaList).toBe('Com2,Prof4')

    const five = await run(
      newRoundAction,
      post(trainee.cookie, '/feedback/new', new URLSearchParams(roundForm(raterEmails(5)))),
    )
    expect(five.status).toBe(400)
    expect(five.data.errors.raters[0]).toMatch(/between 6 and 15/)
    expect(t.db.select().from(feedbackRounds).where(eq(feedbackRounds.traineeId, trainee.user.id)).all()).toEqual([])
  })

  it('e-mails each colleague a single-use link and keeps only its hash', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(6)
    const { roundId, tokens } = await startRound(trainee, emails)
    const stored = t.db.select().from(feedbackRaters).where(eq(feedbackRaters.roundId, roundId)).all()
    expect(stored).toHaveLength(6)
    for (const token of Object.values(tokens)) expect(JSON.stringify(stored)).not.toContain(token)
    const page = await run(roundLoader, requestAs(trainee.cookie, `/feedback/${roundId}`), { id: String(roundId) })
    expect(page.data.round).toMatchObject({ invited: 6, answered: 0, declined: 0, results: null })
    expect((await run(newRoundLoader, requestAs(trainee.cookie, '/feedback/new'))).status).toBe(200)
  })

  it('is for trainees only, and a round is seen only by its trainee and their mentors', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const stranger = await createUserWithSession(t.db, { role: 'mentor' })
    linkMentor(trainee.user.id, mentor.user.id)
    const { roundId } = await startRound(trainee, raterEmails(6))
    const params = { id: String(roundId) }
    expect((await run(roundLoader, requestAs(other.cookie, `/feedback/${roundId}`), params)).status).toBe(404)
    expect((await run(roundLoader, requestAs(stranger.cookie, `/feedback/${roundId}`), params)).status).toBe(404)
    const seen = await run(roundLoader, requestAs(mentor.cookie, `/feedback/${roundId}`), params)
    expect(seen.status).toBe(200)
    expect(seen.data.round.raters).toEqual([])
    const remind = await run(
      roundAction,
      requestAs(mentor.cookie, `/feedback/${roundId}`, { form: { intent: 'remind' } }),
      params,
      at(8),
    )
    expect(remind.status).toBe(404)
    expect((await run(newRoundLoader, requestAs(mentor.cookie, '/feedback/new'))).status).not.toBe(200)
  })
})

describe('the rater’s form', () => {
  it('names the trainee and nothing else about them', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee', name: 'Ffion Rhys-Evans' })
    const emails = raterEmails(6)
    const { tokens } = await startRound(trainee, emails)
    const token = tokens[emails[0]!]!
    const page = await run(formLoader, requestAs(null, `/f/${token}`), { token })
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ state: 'open', traineeName: 'Ffion Rhys-Evans' })
    const text = JSON.stringify(page.data)
    expect(text).not.toContain(trainee.user.email)
    expect(text).not.toContain('Test Trust')
    for (const e of emails) expect(text).not.toContain(e)
  })

  it('refuses a rating off the scale at its field, keeps every answer typed, and stores nothing', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(6)
    const { roundId, tokens } = await startRound(trainee, emails)
    const token = tokens[emails[0]!]!
    const q = FEEDBACK_QUESTIONS.questions[2]!.id
    for (const bad of ['7', '0', '-1', '2.5', 'five']) {
      const out = await answer(token, answers({ [ratingField(q)]: bad }))
      expect(out.status).toBe(400)
      expect(out.data.errors[ratingField(q)][0]).toMatch(/one of the points on the scale/)
      expect(out.data.values.strengths).toBe('Explains dose calculations clearly at the planning meeting.')
      expect(out.data.values[ratingField(FEEDBACK_QUESTIONS.questions[1]!.id)]).toBe('2')
    }
    const missing = answers()
    missing.delete(ratingField(q))
    expect((await answer(token, missing)).data.errors[ratingField(q)]).toEqual([
      'Choose a rating, or “Not able to comment”.',
    ])
    expect((await answer(token, answers({ strengths: 'x'.repeat(5_001) }))).data.errors.strengths).toHaveLength(1)
    expect(t.db.select().from(feedbackResponses).where(eq(feedbackResponses.roundId, roundId)).all()).toEqual([])
    expect((await run(formLoader, requestAs(null, `/f/${token}`), { token })).data.state).toBe('open')
  })

  it('works once: a second send of the form is told so, with what was typed kept', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(6)
    const { roundId, tokens } = await startRound(trainee, emails)
    const token = tokens[emails[0]!]!
    const first = await answer(token)
    expect(first.status).toBe(200)
    expect(first.data).toEqual({ ok: true, done: 'answered' })
    const again = await answer(token, answers({ strengths: 'Sent a second time' }))
    expect(again.status).toBe(410)
    expect(again.data.formError).toMatch(/already|received/i)
    expect(again.data.values.strengths).toBe('Sent a second time')
    expect(t.db.select().from(feedbackResponses).where(eq(feedbackResponses.roundId, roundId)).all()).toHaveLength(1)
    const page = await run(formLoader, requestAs(null, `/f/${token}`), { token })
    expect(page.status).toBe(410)
    expect(page.data.state).toBe('answered')
  })

  it('expires after 21 days, by the clock it is given', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(6)
    const { tokens } = await startRound(trainee, emails)
    const token = tokens[emails[0]!]!
    const on = (days: number) => run(formLoader, requestAs(null, `/f/${token}`), { token }, at(days))
    expect((await on(20.9)).data.state).toBe('open')
    expect((await on(21)).status).toBe(410)
    expect((await on(21)).data.state).toBe('expired')
    const late = await answer(token, answers(), 21.5)
    expect(late.status).toBe(410)
    expect(late.data.formError).toMatch(/expired/)
    expect(late.data.values.development).toBe('Could say sooner when a request will take longer.')
  })

  it('answers 404 to an unknown or malformed token, never a 500', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', '']) {
      const page = await run(formLoader, requestAs(null, `/f/${token}`), { token })
      expect(page.status).toBe(404)
      const sent = await answer(token)
      expect(sent.status).toBe(404)
      expect(sent.data.values.strengths).toBeTruthy()
    }
  })

  it('lets a colleague decline: counted, never named, and the link closes', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(6)
    const { roundId, tokens } = await startRound(trainee, emails)
    const token = tokens[emails[2]!]!
    const out = await run(
      formAction,
      post(null, `/f/${token}`, new URLSearchParams({ intent: 'decline' })),
      { token },
      at(1),
    )
    expect(out.data).toEqual({ ok: true, done: 'declined' })
    expect((await answer(token)).status).toBe(410)
    const page = await run(roundLoader, requestAs(trainee.cookie, `/feedback/${roundId}`), { id: String(roundId) })
    expect(page.data.round).toMatchObject({ invited: 6, answered: 0, declined: 1 })
    expect(JSON.stringify(page.data)).not.toMatch(/declinedAt|answeredAt/)
  })
})

describe('reminders', () => {
  it('go at most once a week to each colleague who has not answered, with a new link', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(6)
    const { roundId, tokens } = await startRound(trainee, emails)
    const params = { id: String(roundId) }
    await answer(tokens[emails[0]!]!)
    const remind = (days: number) =>
      run(
        roundAction,
        requestAs(trainee.cookie, `/feedback/${roundId}`, { form: { intent: 'remind' } }),
        params,
        at(days),
      )
    const outbox = () => t.db.$client.prepare('SELECT count(*) AS n FROM email_outbox').get() as { n: number }

    const before = outbox().n
    const tooSoon = await remind(3)
    expect(tooSoon.status).toBe(409)
    expect(tooSoon.data.formError).toMatch(/at most one e-mail a week.*11 May 2026/)
    expect(outbox().n).toBe(before)

    const first = await remind(7)
    expect(first.data).toMatchObject({ ok: true, message: 'Reminder sent to 5 colleagues.' })
    expect(outbox().n).toBe(before + 5)
    // The answered colleague got nothing more; the others' old links are replaced.
    expect(latestToken(emails[0]!)).toBe(tokens[emails[0]!])
    const old = tokens[emails[1]!]!
    expect((await run(formLoader, requestAs(null, `/f/${old}`), { token: old }, at(7))).status).toBe(404)
    const fresh = latestToken(emails[1]!)
    expect(fresh).not.toBe(old)
    expect((await answer(fresh, answers(), 7)).data).toEqual({ ok: true, done: 'answered' })

    expect((await remind(13.9)).status).toBe(409)
    expect(outbox().n).toBe(before + 5)
    const second = await remind(14)
    expect(second.data.message).toBe('Reminder sent to 4 colleagues.')
  })
})

describe('release', () => {
  it('opens the results only once at least 5 colleagues have answered', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const emails = raterEmails(7)
    const { roundId, tokens } = await startRound(trainee, emails)
    const params = { id: String(roundId) }
    const release = () =>
      run(
        roundAction,
        requestAs(trainee.cookie, `/feedback/${roundId}`, { form: { intent: 'release' } }),
        params,
        at(5),
      )
    for (const e of emails.slice(0, 4)) await answer(tokens[e]!)
    const early = await release()
    expect(early.status).toBe(409)
    expect(early.data.formError).toMatch(/once 5 colleagues have answered; 4 have so far/)
    const page = await run(roundLoader, requestAs(trainee.cookie, `/feedback/${roundId}`), params)
    expect(page.data.round.results).toBeNull()
    expect(JSON.stringify(page.data)).not.toContain('Explains dose calculations')

    await answer(tokens[emails[4]!]!)
    const released = await release()
    expect(released.status).toBe(200)
    const after = await run(roundLoader, requestAs(trainee.cookie, `/feedback/${roundId}`), params)
    const results = after.data.round.results
    expect(results.responses).toBe(5)
    expect(results.invited).toBe(7)
    expect(results.questions[0]).toMatchObject({ notAbleToComment: 5, mean: null })
    expect(results.questions[1].counts).toEqual([0, 5, 0, 0, 0])
    expect(results.strengths).toHaveLength(5)
    // Stored at release: the same order on every reading.
    const again = await run(roundLoader, requestAs(trainee.cookie, `/feedback/${roundId}`), params)
    expect(again.data.round.results).toEqual(results)
    // The round is closed: a link not yet used says so, and the release happens once.
    const late = tokens[emails[5]!]!
    expect((await run(formLoader, requestAs(null, `/f/${late}`), { token: late }, at(6))).data.state).toBe('closed')
    expect((await answer(late, answers(), 6)).status).toBe(410)
    expect((await release()).status).toBe(409)
  })
})

describe('rater anonymity', () => {
  it('shows the trainee, their mentor and the export no rater’s identity beside any answer', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    linkMentor(trainee.user.id, mentor.user.id)
    const emails = raterEmails(6)
    const { roundId, tokens } = await startRound(trainee, emails)
    const params = { id: String(roundId) }
    for (const [i, e] of emails.slice(0, 5).entries())
      await answer(tokens[e]!, answers({ strengths: `Strength number ${i + 1}` }), 1 + i)
    await run(roundAction, requestAs(trainee.cookie, `/feedback/${roundId}`, { form: { intent: 'release' } }), params)

    // The reflection: the evidence form starts from the round, and saving ties the item to it.
    const start = await run(newEvidenceLoader, requestAs(trainee.cookie, `/evidence/new?feedback=${roundId}`))
    expect(start.data.feedback).toMatchObject({ id: roundId, areaCodes: ['Com2', 'Prof7'], responses: 5 })
    const form = new FormData()
    const fields: Record<string, string> = {
      title: 'Reflection on multi-source feedback',
      activityStart: '2026-05-04',
      activityEnd: '2026-05-09',
      evidenceType: 'msf-reflection',
      role: 'led',
      description: 'Feedback from five colleagues.',
      reflection: 'I will tell requesters sooner when an answer will take longer.',
      'claims[0].area': 'Prof7',
      'claims[0].statement': 'Colleagues across the team rated how I work with them, and I reflect on what they said.',
    }
    for (const [k, v] of Object.entries(fields)) form.append(k, v)
    const saved = await run(
      newEvidenceAction,
      new Request(`http://localhost/evidence/new?feedback=${roundId}`, {
        method: 'POST',
        body: form,
        headers: { Cookie: trainee.cookie, Origin: 'http://localhost' },
      }),
    )
    expect(saved.status).toBe(302)
    const evidenceId = Number(/\/evidence\/(\d+)/.exec(saved.headers.get('Location') ?? '')![1])

    const responses = [
      await run(roundsLoader, requestAs(trainee.cookie, '/feedback')),
      await run(roundLoader, requestAs(mentor.cookie, `/feedback/${roundId}`), params),
      await run(evidenceLoader, requestAs(trainee.cookie, `/evidence/${evidenceId}`), { id: String(evidenceId) }),
      await run(evidenceLoader, requestAs(mentor.cookie, `/evidence/${evidenceId}`), { id: String(evidenceId) }),
    ]
    const item = responses[2]!.data
    expect(item.feedback.responses).toBe(5)
    expect([...item.feedback.strengths].sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Strength number ${n}`))
    for (const r of responses) {
      expect(r.status).toBe(200)
      const text = JSON.stringify(r.data)
      for (const e of emails) expect(text).not.toContain(e)
      // Per colleague, nothing says who answered, declined or was reminded (reminders are shown per round).
      expect(text).not.toMatch(/answeredAt|declinedAt|tokenHash/)
    }
    const exported = (await exportLoader({
      request: requestAs(trainee.cookie, '/portfolio.export.json'),
      context: makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir } }),
      params: {},
    })) as Response
    expect(exported.status).toBe(200)
    const exportText = await exported.text()
    expect(exportText).toContain('I will tell requesters sooner')
    for (const e of emails) expect(exportText).not.toContain(e)

    // The trainee's own round page lists whom they asked (they typed the list), and nothing per colleague beyond it.
    const own = await run(roundLoader, requestAs(trainee.cookie, `/feedback/${roundId}`), params)
    expect(own.data.round.raters.map((r: { email: string }) => r.email)).toEqual(emails)
    for (const r of own.data.round.raters) expect(Object.keys(r).sort()).toEqual(['email', 'invitedAt', 'relationship'])
    const resultsText = JSON.stringify(own.data.round.results)
    for (const e of emails) expect(resultsText).not.toContain(e)
    expect(own.data.round.evidenceId).toBe(evidenceId)

    // The snapshot a submission would freeze, and the PDF made from it, carry the results and no one's address.
    const snapshot = gatherSnapshot(t.db, trainee.user.id, 1, at(6).now(), { preview: true })
    const reflection = snapshot.items.find((i) => i.evidenceId === evidenceId)!
    expect(reflection.evidenceTypeLabel).toBe('Reflection on multi-source feedback')
    expect(reflection.feedback?.responses).toBe(5)
    expect(snapshot.items.filter((i) => i.feedback)).toHaveLength(1)
    const snapshotText = JSON.stringify(snapshot)
    for (const e of emails) expect(snapshotText).not.toContain(e)
    const printed = summaryDocumentData({
      snapshot,
      hash: '0'.repeat(64),
      attachments: new Map(),
      competencies: new Map(),
      coverage: pdfFonts().coverage,
      draft: true,
    }) as { items: { feedback: unknown }[] }
    const printedText = JSON.stringify(printed.items.map((i) => i.feedback))
    expect(printedText).toContain('Strength number 3')
    expect(printedText).toContain('Not able to comment')
    for (const e of emails) expect(printedText).not.toContain(e)
    const pdf = await renderSummaryPdf(snapshot, '0'.repeat(64), async () => null, { draft: true })
    expect(pdf.pages).toBeGreaterThan(1)

    // Nothing in the database ties an answer to whoever gave it.
    const columns = t.db.$client.prepare("SELECT name FROM pragma_table_info('feedback_responses')").all()
    expect(columns.map((c) => (c as { name: string }).name).sort()).toEqual([
      'development',
      'id',
      'ratings',
      'round_id',
      'strengths',
    ])
  })
})
