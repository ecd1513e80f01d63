import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action, loader } from '../../app/routes/record'
import { loader as submissionLoader } from '../../app/routes/submission'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { listAuditEvents } from '../../app/models/audit.server'
import { currentDeclaration } from '../../app/models/review.server'
import { getSubmission } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import { createSession } from '../../app/models/session.server'
import { readEnv } from '../../app/utils/env.server'
import { makeContext } from '../support/context'
import { outcomeOf } from '../support/responses'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const NOW = new Date('2026-03-02T10:00:00Z')
const ctx = () => makeContext(t.db, { now: () => NOW })
const get = (who: UserWithSession, url = '/record') =>
  outcomeOf(() => loader({ request: requestAs(who.cookie, url), context: ctx(), params: {} }))
const post = (who: UserWithSession, form: Record<string, string>) =>
  outcomeOf(() => action({ request: requestAs(who.cookie, '/record', { form }), context: ctx(), params: {} }))

const POST = {
  intent: 'save-post',
  employer: 'Northshire Teaching Hospitals NHS Trust',
  department: 'Radiotherapy Physics',
  jobTitle: 'Trainee Clinical Scientist',
  band: 'Band 6',
  startDate: '2021-09-01',
  endDate: '2024-08-31',
  fraction: '1',
  supervisorName: 'Dr Daniel Okafor',
  supervisedPractice: 'on',
  description: 'Linac QA and treatment planning.',
}

describe('/record', () => {
  it('starts empty, and the coverage report blocks on the missing supervised practice', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const page = await get(trainee)
    expect(page.status).toBe(200)
    expect(page.data.record).toEqual({ posts: [], qualifications: [], memberships: [] })
    expect(page.data.summary).toMatchObject({ years: 0, supervisedYears: 0 })
    expect(page.data.expectedYears).toBe(4)
    const rules = coverageReportFor(t.db, trainee.user.id, NOW).findings.map((f) => f.ruleId)
    expect(rules).toContain('record.no-supervised-practice')
    expect(rules).toContain('record.experience-short')
    // The submission page lists the blocker with the way to clear it.
    const submission = await outcomeOf(() =>
      submissionLoader({ request: requestAs(trainee.cookie, '/submission'), context: ctx(), params: {} }),
    )
    expect(submission.data.blockers).toContainEqual({
      ruleId: 'record.no-supervised-practice',
      message: expect.stringMatching(/no supervised practice/),
      link: { to: '/record', label: 'Open your experience record' },
    })
  })

  it('adds, edits and deletes a post, qualification and membership, each audited', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const added = await post(trainee, POST)
    expect(added.status).toBe(302)
    expect(added.headers.get('Location')).toBe('/record?saved=post')
    expect((await post(trainee, { ...POST, startDate: '2024-09-01', endDate: '', fraction: '0.6' })).status).toBe(302)
    expect(
      (
        await post(trainee, {
          intent: 'save-qualification',
          kind: 'msc',
          title: 'MSc Medical Physics',
          institution: 'University of Northshire',
          startDate: '2021-09-01',
          endDate: '2024-07-15',
        })
      ).status,
    ).toBe(302)
    expect(
      (await post(trainee, { intent: 'save-membership', body: 'IPEM', grade: 'Associate Member', number: '123456' }))
        .status,
    ).toBe(302)

    let page = await get(trainee, '/record?saved=post')
    expect(page.data.saved).toBe('Post saved.')
    const [first, second] = page.data.record.posts
    expect(first).toMatchObject({
      jobTitle: 'Trainee Clinical Scientist',
      fractionPercent: 100,
      supervisedPractice: true,
    })
    expect(second).toMatchObject({ endDate: null, fractionPercent: 60 })
    // 2021-09-01 … 2024-08-31 full time (1,096 days), then 0.6 from 2024-09-01 to 2026-03-02 (548 days).
    expect(page.data.summary.years).toBeCloseTo((1096 + 548 * 0.6) / 365.25, 2)
    expect(page.data.summary.current).toBe(true)
    expect(page.data.record.qualifications[0]).toMatchObject({ kind: 'msc', title: 'MSc Medical Physics' })
    expect(page.data.record.memberships[0]).toMatchObject({ body: 'IPEM', number: '123456' })

    // Edit the first post: now not supervised practice.
    const edited = await post(trainee, { ...POST, id: String(first.id), supervisedPractice: '' })
    expect(edited.status).toBe(302)
    page = await get(trainee, `/record?edit=post-${first.id}`)
    expect(page.data.editing).toEqual({ kind: 'post', id: first.id })
    expect(page.data.record.posts[0].supervisedPractice).toBe(false)

    // Delete the qualification.
    const qualificationId = String(page.data.record.qualifications[0].id)
    expect((await post(trainee, { intent: 'delete-qualification', id: qualificationId })).status).toBe(302)
    expect((await get(trainee)).data.record.qualifications).toEqual([])

    const actions = listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)
    expect(actions.filter((a) => a === 'record.entry_saved')).toHaveLength(5)
    expect(actions.filter((a) => a === 'record.entry_deleted')).toHaveLength(1)
  })

  it('refuses an end date before the start at the field, keeping what was typed', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const refused = await post(trainee, { ...POST, endDate: '2021-08-31' })
    expect(refused.status).toBe(400)
    expect(refused.data.errors).toEqual({ endDate: ['The end date is before the start date'] })
    expect(refused.data.values).toMatchObject({ employer: POST.employer, endDate: '2021-08-31', intent: 'save-post' })
    expect((await get(trainee)).data.record.posts).toEqual([])
  })

  it('refuses dates in the future', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const future = await post(trainee, { ...POST, startDate: '2026-04-01', endDate: '' })
    expect(future.status).toBe(400)
    expect(future.data.errors.startDate).toEqual(['The start date is in the future'])
    const membership = await post(trainee, { intent: 'save-membership', body: 'IPEM', since: '2027-01-01' })
    expect(membership.data.errors.since).toEqual(['The date is in the future'])
  })

  it('refuses overlapping posts that together pass full time, naming the other post', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    expect((await post(trainee, POST)).status).toBe(302)
    const overlapping = await post(trainee, {
      ...POST,
      employer: 'Southport General Hospital',
      startDate: '2024-01-01',
      endDate: '',
    })
    expect(overlapping.status).toBe(400)
    expect(overlapping.data.errors.startDate[0]).toMatch(
      /^This post overlaps Trainee Clinical Scientist at Northshire Teaching Hospitals NHS Trust \(full time\) from 1 January 2024 to 31 August 2024: together they come to 2 times full time\./,
    )
    expect(overlapping.data.values.employer).toBe('Southport General Hospital')
    // Part-time posts that add up to full time are fine; an edit is not checked against the post itself.
    expect((await post(trainee, { ...POST, startDate: '2024-09-01', endDate: '', fraction: '0.5' })).status).toBe(302)
    expect((await post(trainee, { ...POST, startDate: '2024-10-01', endDate: '', fraction: '0.5' })).status).toBe(302)
    const [only] = (await get(trainee)).data.record.posts
    expect((await post(trainee, { ...POST, id: String(only.id), description: 'Changed' })).status).toBe(302)
  })

  it('answers bad input with a message, never a 500', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    expect((await post(trainee, { intent: 'explode' })).status).toBe(400)
    expect((await post(trainee, { ...POST, fraction: '2' })).data.errors.fraction).toEqual([
      'Enter the fraction of full time, from 0.05 to 1',
    ])
    expect((await post(trainee, { ...POST, startDate: '2021-02-30' })).data.errors.startDate).toEqual([
      'Enter a real date, for example 2021-09-01',
    ])
    expect((await post(trainee, { intent: 'save-qualification', kind: 'wizardry', title: '' })).data.errors).toEqual({
      kind: ['Choose what kind of qualification this is'],
      title: ['Enter the title'],
    })
  })

  it('keeps each trainee to their own record', async () => {
    const owner = await createUserWithSession(t.db, { role: 'trainee' })
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    await post(owner, POST)
    const [entry] = (await get(owner)).data.record.posts
    const edit = await post(other, { ...POST, id: String(entry.id), employer: 'Hijacked' })
    expect(edit.status).toBe(404)
    expect((await post(other, { intent: 'delete-post', id: String(entry.id) })).status).toBe(404)
    expect((await get(owner)).data.record.posts[0].employer).toBe(POST.employer)
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    expect((await get(mentor)).status).toBe(404)
    expect((await post(mentor, POST)).status).toBe(404)
    expect(
      (await outcomeOf(() => loader({ request: requestAs(null, '/record'), context: ctx(), params: {} }))).status,
    ).toBe(302)
  })

  it('voids a standing mentor declaration when the record changes, as any change to the portfolio does', async () => {
    const ready = await buildReadyPortfolio(t.db, { items: 2, now: NOW })
    expect(currentDeclaration(t.db, ready.trainee.id)).toBeDefined()
    expect(coverageReportFor(t.db, ready.trainee.id, NOW).findings.map((f) => f.ruleId)).not.toContain(
      'record.no-supervised-practice',
    )
    const { token } = createSession(
      t.db,
      { userId: ready.trainee.id, verified: true },
      readEnv({ NODE_ENV: 'test' }).session,
    )
    const trainee = { user: ready.trainee, token, cookie: `attain_session=${token}` }
    const added = await post(trainee, { intent: 'save-membership', body: 'IPEM', number: '123456' })
    expect(added.status).toBe(302)
    expect(currentDeclaration(t.db, ready.trainee.id)).toBeUndefined()
  })

  it('is frozen into a submission with its figures, and stays as it was when the live record changes', async () => {
    const ready = await buildReadyPortfolio(t.db, { items: 2, now: NOW })
    const outcome = createSubmission(t.db, ready.trainee.id, NOW)
    expect(outcome.ok).toBe(true)
    const submission = getSubmission(t.db, (outcome as { id: number }).id)!
    const record = submission.snapshot.record!
    expect(record.posts.map((p) => p.jobTitle)).toEqual([
      'Trainee Clinical Scientist',
      'Clinical Scientist (pre-registration)',
    ])
    expect(record.experience.years).toBeCloseTo(5, 1)
    expect(record.experience.supervisedYears).toBeCloseTo(5, 1)
    expect(record.qualifications[0]).toMatchObject({ kind: 'msc', kindLabel: 'MSc' })
    expect(record.memberships[0]).toMatchObject({ body: 'IPEM', number: '40127' })
    const { token } = createSession(
      t.db,
      { userId: ready.trainee.id, verified: true },
      readEnv({ NODE_ENV: 'test' }).session,
    )
    const trainee = { user: ready.trainee, token, cookie: `attain_session=${token}` }
    await post(trainee, { intent: 'save-membership', body: 'HCPC', number: 'CS99999' })
    expect(getSubmission(t.db, submission.id)!.snapshot.record!.memberships).toHaveLength(1)
  })
})
