import { eq } from 'drizzle-orm'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assessments, submissionAssignments } from '../../db/schema'
import { listAuditEvents } from '../../app/models/audit.server'
import {
  getAssessment,
  releaseAssessment,
  releasedAssessments,
  saveAssessment,
} from '../../app/models/assessment.server'
import { listNotifications, listOutbox } from '../../app/models/notifications.server'
import { getSubmission, type Submission } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import AssessorHome, { loader as assessorHome } from '../../app/routes/assessor._index'
import AssessPage, { action as assessAction, loader as assessLoader } from '../../app/routes/assessor.submissions.$id'
import { loader as assessorCsv } from '../../app/routes/assessor.submissions.$id_.assessment[.]csv'
import TraineeAssessmentPage, { loader as traineeAssessment } from '../../app/routes/submissions.$id_.assessment'
import { loader as traineeCsv } from '../../app/routes/submissions.$id_.assessment[.]csv'
import { snapshotAreaCodes } from '../../app/submission/assessment'
import { makeContext } from '../support/context'
import { ALL_AREA_CODES, buildReadyPortfolio } from '../support/ready-portfolio'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
let clock = Date.parse('2026-09-01T09:00:00Z')
const context = () =>
  makeContext(t.db, { now: () => new Date((clock += 60_000)), env: { ...makeContext(t.db).env, dataDir: t.dir } })

let admin: UserWithSession
let trainee: UserWithSession
let otherTrainee: UserWithSession
let assessor: UserWithSession
let otherAssessor: UserWithSession
let submission: Submission
let otherSubmission: Submission

async function submit(owner: UserWithSession): Promise<Submission> {
  const now = new Date(clock)
  await buildReadyPortfolio(t.db, { items: 6, trainee: owner.user, now })
  const outcome = createSubmission(t.db, owner.user.id, now)
  if (!outcome.ok) throw new Error(`not submitted: ${outcome.reason}`)
  return getSubmission(t.db, outcome.id)!
}

function assign(submissionId: number, assessorId: number) {
  t.db
    .insert(submissionAssignments)
    .values({ submissionId, assessorId, assignedBy: admin.user.id, createdAt: new Date(clock).toISOString() })
    .run()
}

beforeAll(async () => {
  t = createTestDb()
  admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
  trainee = await createUserWithSession(t.db, { role: 'trainee', name: 'Alex Morgan' })
  otherTrainee = await createUserWithSession(t.db, { role: 'trainee', name: 'Jo Bloggs' })
  assessor = await createUserWithSession(t.db, { role: 'assessor', name: 'Dr Pat Lee', twoFactor: true })
  otherAssessor = await createUserWithSession(t.db, { role: 'assessor', name: 'Dr Other', twoFactor: true })
  submission = await submit(trainee)
  otherSubmission = await submit(otherTrainee)
  assign(submission.id, assessor.user.id)
  assign(otherSubmission.id, otherAssessor.user.id)
})
afterAll(() => t.cleanup())

const url = (s: Submission) => `/assessor/submissions/${s.id}`
const params = (s: Submission) => ({ id: String(s.id) })
const load = (who: UserWithSession, s: Submission) =>
  settle(() => assessLoader({ request: requestAs(who.cookie, url(s)), context: context(), params: params(s) }))
const post = (who: UserWithSession, s: Submission, form: Record<string, string>) =>
  settle(() =>
    assessAction({ request: requestAs(who.cookie, url(s), { form }), context: context(), params: params(s) }),
  )
const home = async (who: UserWithSession) =>
  payloadOf<{ submissions: { submissionId: number; status: string; traineeName: string; snapshotSha256: string }[] }>(
    await settle(() => assessorHome({ request: requestAs(who.cookie, '/assessor'), context: context(), params: {} })),
  ).data.submissions
const traineeView = async (who: UserWithSession, s: Submission) =>
  payloadOf<{
    assessments: {
      assessorName: string
      outcome: string | null
      snapshotSha256: string
      judgements: { areaCode: string; judgement: string; comment: string }[]
    }[]
  }>(
    await settle(() =>
      traineeAssessment({
        request: requestAs(who.cookie, `/submissions/${s.id}/assessment`),
        context: context(),
        params: params(s),
      }),
    ),
  ).data.assessments
const csvAs = (who: UserWithSession, s: Submission) =>
  responseOf(() =>
    assessorCsv({ request: requestAs(who.cookie, `${url(s)}/assessment.csv`), context: context(), params: params(s) }),
  )

/** A page as the server renders it, given what its loader (and, for a post, its action) returned. */
async function render(Page: ComponentType, loaderData: object, actionData?: object): Promise<string> {
  const routes = [
    { id: 'page', path: '*', element: createElement(Page), loader: () => loaderData, action: () => actionData ?? null },
  ]
  const handler = createStaticHandler(routes)
  const request = new Request(
    'http://localhost/page',
    actionData === undefined ? {} : { method: 'POST', body: new URLSearchParams() },
  )
  const context = await handler.query(request)
  if (context instanceof Response) throw new Error('unexpected redirect')
  return renderToStaticMarkup(
    createElement(StaticRouterProvider, {
      router: createStaticRouter(handler.dataRoutes, context),
      context,
      hydrate: false,
    }),
  )
}

/** The value of the checked radio button of this name in rendered HTML, or null. */
function checked(html: string, name: string): string | null {
  for (const [input] of html.matchAll(/<input [^>]*>/g)) {
    if (input.includes(`name="${name}"`) && / checked=""/.test(input)) return /value="([^"]*)"/.exec(input)?.[1] ?? null
  }
  return null
}

/** Every area judged, as the form sends it. */
function fullForm(overrides: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {}
  for (const code of ALL_AREA_CODES) form[`judgement:${code}`] = 'met'
  return { ...form, outcome: 'proceed-to-interview', comment: 'A well organised portfolio.', ...overrides }
}

describe('the assessor’s list', () => {
  it('lists exactly the submissions assigned to this assessor', async () => {
    const mine = await home(assessor)
    expect(mine.map((s) => s.submissionId)).toEqual([submission.id])
    expect(mine[0]).toMatchObject({
      status: 'not-started',
      traineeName: 'Alex Morgan',
      snapshotSha256: submission.snapshotSha256,
    })
    expect((await home(otherAssessor)).map((s) => s.submissionId)).toEqual([otherSubmission.id])
    const fresh = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
    expect(await home(fresh)).toEqual([])
  })

  it('is for assessors only', async () => {
    for (const who of [trainee, admin]) {
      const response = await responseOf(() =>
        assessorHome({ request: requestAs(who.cookie, '/assessor'), context: context(), params: {} }),
      )
      expect(response.status).toBe(404)
    }
  })
})

describe('access to an assessment', () => {
  it('is refused (404) to an assessor not assigned, on the page, the form and the CSV', async () => {
    expect(((await load(otherAssessor, submission)) as Response).status).toBe(404)
    expect(
      ((await post(otherAssessor, submission, { intent: 'save', 'judgement:Sci1': 'met' })) as Response).status,
    ).toBe(404)
    expect((await csvAs(otherAssessor, submission)).status).toBe(404)
    expect(getAssessment(t.db, submission.id, otherAssessor.user.id)).toBeUndefined()
  })

  it('is refused to trainees, and to anyone for a submission that does not exist', async () => {
    expect(((await load(trainee, submission)) as Response).status).toBe(404)
    expect(((await post(trainee, submission, { intent: 'save' })) as Response).status).toBe(404)
    expect((await csvAs(trainee, submission)).status).toBe(404)
    expect(
      (
        (await settle(() =>
          assessLoader({
            request: requestAs(assessor.cookie, '/assessor/submissions/999999'),
            context: context(),
            params: { id: '999999' },
          }),
        )) as Response
      ).status,
    ).toBe(404)
    // Not signed in: off to sign in.
    const anonymous = (await settle(() =>
      assessLoader({ request: requestAs(null, url(submission)), context: context(), params: params(submission) }),
    )) as Response
    expect(anonymous.status).toBe(302)
  })
})

describe('assessing a submission', () => {
  it('shows every area with the evidence claiming it, and interview topics', async () => {
    const page = payloadOf<{
      submission: { snapshotSha256: string }
      domains: { areas: { code: string; evidence: { ref: string; statement: string; verification: unknown }[] }[] }[]
      assessment: unknown
      topics: unknown[]
    }>(await load(assessor, submission)).data
    expect(page.submission.snapshotSha256).toBe(submission.snapshotSha256)
    expect(page.domains.flatMap((d) => d.areas.map((a) => a.code))).toEqual(ALL_AREA_CODES)
    for (const area of page.domains.flatMap((d) => d.areas)) expect(area.evidence.length).toBeGreaterThan(0)
    const sci1 = page.domains[0]!.areas[0]!
    expect(sci1.evidence[0]).toMatchObject({
      ref: expect.stringMatching(/^E\d+$/),
      statement: expect.stringContaining('Sci1'),
      verification: { mentorName: 'Dr Sam Okoro' },
    })
    expect(page.assessment).toBeNull()
    expect(Array.isArray(page.topics)).toBe(true)
  })

  it('saves a draft bound to the submission’s snapshot hash', async () => {
    const result = payloadOf<{ ok: boolean; intent: string }>(
      await post(assessor, submission, {
        intent: 'save',
        'judgement:Sci1': 'met',
        'comment:Sci1': 'Convincing.',
        'judgement:Clin2': 'not-met',
        'comment:Clin2': 'Ask about the MDT.',
        outcome: '',
      }),
    )
    expect(result.data).toMatchObject({ ok: true, intent: 'save' })
    const saved = getAssessment(t.db, submission.id, assessor.user.id)!
    expect(saved).toMatchObject({ snapshotSha256: submission.snapshotSha256, outcome: null, releasedAt: null })
    expect(saved.judgements).toEqual([
      { areaCode: 'Clin2', judgement: 'not-met', comment: 'Ask about the MDT.' },
      { areaCode: 'Sci1', judgement: 'met', comment: 'Convincing.' },
    ])
    expect(listAuditEvents(t.db, { actorId: assessor.user.id }).map((e) => e.action)).toContain('assessment.saved')
    expect((await home(assessor))[0]!.status).toBe('draft')

    // Interview topics start with what was judged not met.
    const page = payloadOf<{ topics: { areaCode: string; reason: string }[] }>(await load(assessor, submission)).data
    expect(page.topics[0]).toMatchObject({ areaCode: 'Clin2', reason: expect.stringMatching(/^Judged not met\./) })

    // Saving again replaces the draft: an area left empty loses its judgement.
    await post(assessor, submission, {
      intent: 'save',
      'judgement:Sci1': 'partly-met',
      'comment:Sci1': 'Convincing, mostly.',
    })
    expect(getAssessment(t.db, submission.id, assessor.user.id)!.judgements).toEqual([
      { areaCode: 'Sci1', judgement: 'partly-met', comment: 'Convincing, mostly.' },
    ])
  })

  it('refuses bad values at their fields, keeps what was typed and saves nothing', async () => {
    const before = getAssessment(t.db, submission.id, assessor.user.id)!
    const long = 'x'.repeat(2_001)
    const result = payloadOf<{
      ok: boolean
      errors: Record<string, string[]>
      values: Record<string, string>
      formError: string
    }>(
      await post(assessor, submission, {
        intent: 'save',
        'judgement:Sci1': 'excellent',
        'judgement:Sci2': 'met',
        'comment:Sci2': long,
        outcome: 'pass',
        'comment:Tech1': 'No judgement yet',
      }),
    )
    expect(result.status).toBe(400)
    expect(Object.keys(result.data.errors).sort()).toEqual([
      'comment:Sci2',
      'judgement:Sci1',
      'judgement:Tech1',
      'outcome',
    ])
    expect(result.data.values).toMatchObject({
      'judgement:Sci1': 'excellent',
      'comment:Sci2': long,
      'comment:Tech1': 'No judgement yet',
    })
    expect(result.data.formError).toMatch(/Nothing was saved/)
    expect(getAssessment(t.db, submission.id, assessor.user.id)).toEqual(before)
  })

  it('never shows a draft to the trainee', async () => {
    expect(await traineeView(trainee, submission)).toEqual([])
    expect(releasedAssessments(t.db, submission.id)).toEqual([])
    const csv = await responseOf(() =>
      traineeCsv({
        request: requestAs(trainee.cookie, `/submissions/${submission.id}/assessment.csv`),
        context: context(),
        params: params(submission),
      }),
    )
    expect(csv.status).toBe(404)
  })

  it('refuses release without the confirmation, or while incomplete, keeping the draft', async () => {
    const unconfirmed = payloadOf<{ errors: Record<string, string[]>; formError: string }>(
      await post(assessor, submission, { ...fullForm(), intent: 'release' }),
    )
    expect(unconfirmed.status).toBe(400)
    expect(Object.keys(unconfirmed.data.errors)).toEqual(['confirm'])
    expect(getAssessment(t.db, submission.id, assessor.user.id)!.releasedAt).toBeNull()

    const form = fullForm({ intent: 'release', confirm: 'on', outcome: '' })
    delete form['judgement:Prof11']
    delete form['judgement:Com2']
    const incomplete = payloadOf<{
      errors: Record<string, string[]>
      formError: string
      values: Record<string, string>
    }>(await post(assessor, submission, form))
    expect(incomplete.status).toBe(400)
    expect(Object.keys(incomplete.data.errors).sort()).toEqual(['judgement:Com2', 'judgement:Prof11', 'outcome'])
    expect(incomplete.data.formError).toContain('choose the overall outcome and a judgement for 2 areas Com2, Prof11')
    expect(incomplete.data.values['comment']).toBe('A well organised portfolio.')
    const draft = getAssessment(t.db, submission.id, assessor.user.id)!
    expect(draft.releasedAt).toBeNull()
    expect(draft.judgements).toHaveLength(ALL_AREA_CODES.length - 2)
    expect(await traineeView(trainee, submission)).toEqual([])
  })

  it('releases a complete assessment, tells the trainee and then refuses any change', async () => {
    const form = fullForm({
      intent: 'release',
      confirm: 'on',
      'judgement:PS3': 'partly-met',
      'comment:PS3': 'Discuss the root-cause analysis.',
    })
    const result = payloadOf<{ ok: boolean; intent: string; releasedAt: string }>(
      await post(assessor, submission, form),
    )
    expect(result.data).toMatchObject({ ok: true, intent: 'release' })
    const released = getAssessment(t.db, submission.id, assessor.user.id)!
    expect(released.releasedAt).toBe(result.data.releasedAt)
    expect(released.outcome).toBe('proceed-to-interview')
    expect(listAuditEvents(t.db, { actorId: assessor.user.id }).map((e) => e.action)).toContain('assessment.released')
    expect((await home(assessor))[0]!.status).toBe('released')

    const notes = listNotifications(t.db, trainee.user.id).filter((n) => n.kind === 'assessment_released')
    expect(notes.map((n) => n.link)).toEqual([`/submissions/${submission.id}/assessment`])
    expect(
      listOutbox(t.db).some((m) => m.userId === trainee.user.id && m.subject.includes('released their judgements')),
    ).toBe(true)

    const again = await post(assessor, submission, { ...fullForm(), intent: 'save', 'judgement:PS3': 'met' })
    expect(payloadOf(again).status).toBe(409)
    expect(
      saveAssessment(t.db, {
        submissionId: submission.id,
        assessorId: assessor.user.id,
        snapshotSha256: submission.snapshotSha256,
        outcome: 'not-yet',
        comment: '',
        judgements: [],
      }),
    ).toMatchObject({
      ok: false,
      reason: 'released',
    })
    const after = getAssessment(t.db, submission.id, assessor.user.id)!
    expect(after).toEqual(released)
    expect(after.judgements.find((j) => j.areaCode === 'PS3')).toEqual({
      areaCode: 'PS3',
      judgement: 'partly-met',
      comment: 'Discuss the root-cause analysis.',
    })

    // A second release changes nothing either.
    const twice = await post(assessor, submission, { ...fullForm(), intent: 'release', confirm: 'on' })
    expect(payloadOf(twice).status).toBe(409)
    expect(getAssessment(t.db, submission.id, assessor.user.id)!.releasedAt).toBe(released.releasedAt)
  })

  it('shows the released judgements to the trainee and to an admin, never to another trainee', async () => {
    const seen = await traineeView(trainee, submission)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      assessorName: 'Dr Pat Lee',
      outcome: 'proceed-to-interview',
      snapshotSha256: submission.snapshotSha256,
    })
    expect(seen[0]!.judgements).toHaveLength(ALL_AREA_CODES.length)
    expect(seen[0]!.judgements.find((j) => j.areaCode === 'PS3')).toMatchObject({
      judgement: 'partly-met',
      comment: 'Discuss the root-cause analysis.',
    })
    expect(await traineeView(admin, submission)).toHaveLength(1)
    const other = await settle(() =>
      traineeAssessment({
        request: requestAs(otherTrainee.cookie, `/submissions/${submission.id}/assessment`),
        context: context(),
        params: params(submission),
      }),
    )
    expect((other as Response).status).toBe(404)
    // The assessor reads their own judgements on their page, not the trainee's.
    const asAssessor = await settle(() =>
      traineeAssessment({
        request: requestAs(assessor.cookie, `/submissions/${submission.id}/assessment`),
        context: context(),
        params: params(submission),
      }),
    )
    expect((asAssessor as Response).status).toBe(404)
  })

  it('gives a CSV with a row per area that neutralises formulas', async () => {
    // A draft elsewhere with a formula in a comment, straight through the model.
    assign(submission.id, otherAssessor.user.id)
    saveAssessment(t.db, {
      submissionId: submission.id,
      assessorId: otherAssessor.user.id,
      snapshotSha256: submission.snapshotSha256,
      outcome: null,
      comment: '@SUM(1,2)',
      judgements: [{ areaCode: 'Sci1', judgement: 'not-met', comment: '=HYPERLINK("http://evil.example","x")' }],
    })
    const response = await csvAs(otherAssessor, submission)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="assessment-submission-${submission.number}-Alex-Morgan.csv"`,
    )
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const bytes = new Uint8Array(await response.arrayBuffer())
    // A byte order mark, so spreadsheets read UTF-8 (decoding as text drops it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('Domain,Area,Area text,Judgement,Comment,Evidence')
    const areaRows = lines.filter((l) => ALL_AREA_CODES.some((code) => l.split(',')[1] === code))
    expect(areaRows).toHaveLength(snapshotAreaCodes(submission.snapshot).length)
    expect(text).toContain(`Not met,"'=HYPERLINK(""http://evil.example"",""x"")"`)
    expect(text).toContain(`Overall comment,"'@SUM(1,2)"`)
    expect(text).toContain(`Snapshot SHA-256,${submission.snapshotSha256}`)
    expect(text).toContain('Released at,Not released (draft)')
    expect(text).not.toMatch(/(^|,)[=+@]/m)

    // The trainee's CSV is the released assessment only.
    const mine = await responseOf(() =>
      traineeCsv({
        request: requestAs(trainee.cookie, `/submissions/${submission.id}/assessment.csv`),
        context: context(),
        params: params(submission),
      }),
    )
    expect(mine.status).toBe(200)
    const body = await mine.text()
    expect(body).toContain('Assessor,Dr Pat Lee')
    expect(body).not.toContain('HYPERLINK')
    // The draft of the second assessor stays hidden from the trainee.
    expect((await traineeView(trainee, submission)).map((a) => a.assessorName)).toEqual(['Dr Pat Lee'])
    const hidden = t.db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.assessorId, otherAssessor.user.id))
      .get()!
    const draftCsv = await responseOf(() =>
      traineeCsv({
        request: requestAs(trainee.cookie, `/submissions/${submission.id}/assessment.csv?assessment=${hidden.id}`),
        context: context(),
        params: params(submission),
      }),
    )
    expect(draftCsv.status).toBe(404)
  })
})

describe('the assessment model', () => {
  it('binds a draft to the submission’s own snapshot and its framework’s areas only', async () => {
    const base = {
      submissionId: otherSubmission.id,
      assessorId: otherAssessor.user.id,
      outcome: null,
      comment: '',
      judgements: [],
    }
    expect(saveAssessment(t.db, { ...base, snapshotSha256: submission.snapshotSha256 })).toEqual({
      ok: false,
      reason: 'snapshot-mismatch',
    })
    expect(
      saveAssessment(t.db, { ...base, submissionId: 999_999, snapshotSha256: otherSubmission.snapshotSha256 }),
    ).toEqual({ ok: false, reason: 'not-found' })
    expect(() =>
      saveAssessment(t.db, {
        ...base,
        snapshotSha256: otherSubmission.snapshotSha256,
        judgements: [{ areaCode: 'Nope1', judgement: 'met', comment: '' }],
      }),
    ).toThrow(/Nope1/)
    expect(getAssessment(t.db, otherSubmission.id, otherAssessor.user.id)).toBeUndefined()
  })

  it('refuses to release what was never started, listing every area', async () => {
    const result = releaseAssessment(t.db, otherSubmission.id, otherAssessor.user.id)
    expect(result).toMatchObject({
      ok: false,
      reason: 'incomplete',
      missingOutcome: true,
      missingAreas: ALL_AREA_CODES,
    })
  })
})

describe('the pages', () => {
  it('shows an assessor with nothing assigned the empty state', async () => {
    const fresh = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
    const html = await render(
      AssessorHome,
      payloadOf(
        await settle(() =>
          assessorHome({ request: requestAs(fresh.cookie, '/assessor'), context: context(), params: {} }),
        ),
      ).data,
    )
    expect(html).toContain('No portfolios assigned to you')
    expect(html).toContain('You see submitted portfolios only, never drafts.')
  })

  it('lists assigned submissions with their status and both links', async () => {
    const html = await render(
      AssessorHome,
      payloadOf(
        await settle(() =>
          assessorHome({ request: requestAs(assessor.cookie, '/assessor'), context: context(), params: {} }),
        ),
      ).data,
    )
    expect(html).toContain('Alex Morgan')
    expect(html).toContain('Released')
    expect(html).toContain(`href="/assessor/submissions/${submission.id}"`)
    expect(html).toContain(`href="/submissions/${submission.id}"`)
  })

  it('renders the judgement form with fieldsets, evidence links, the hash, and errors at the fields with what was typed', async () => {
    const loaderData = payloadOf(await load(otherAssessor, submission)).data
    const failed = payloadOf(
      await post(otherAssessor, submission, {
        intent: 'save',
        'judgement:Sci2': 'met',
        'comment:Sci2': 'x'.repeat(2_001),
        'judgement:Sci3': 'bogus',
      }),
    )
    expect(failed.status).toBe(400)
    const html = await render(AssessPage, loaderData, failed.data)
    expect(html).toContain('<legend>Judgement on Sci1</legend>')
    expect(html).toContain('<legend>Overall outcome</legend>')
    expect(html).toMatch(new RegExp(`href="/submissions/${submission.id}#item-E\\d+"`))
    expect(html).toContain(submission.snapshotSha256)
    expect(html).toContain('Interview topics')
    expect(html).toContain(`href="/assessor/submissions/${submission.id}/assessment.csv"`)
    expect(html).toContain('Use at most 2,000 characters')
    expect(html).toContain('x'.repeat(2_001))
    expect(html).toContain('Choose met, partly met, not met or not assessed')
    // Before a post, the form shows the saved draft; after a refused one, what was posted.
    expect(checked(await render(AssessPage, loaderData), 'judgement:Sci1')).toBe('not-met')
    expect(checked(html, 'judgement:Sci1')).toBeNull()
    expect(checked(html, 'judgement:Sci2')).toBe('met')
  })

  it('shows a released assessment read-only to its assessor', async () => {
    const html = await render(AssessPage, payloadOf(await load(assessor, submission)).data)
    expect(html).toContain('Your released judgements')
    expect(html).not.toContain('<form')
    expect(html).toContain('Proceed to interview')
    expect(html).toContain('Discuss the root-cause analysis.')
  })

  it('shows the trainee the released judgements, or says none are released yet', async () => {
    const view = (who: UserWithSession, s: Submission) =>
      settle(() =>
        traineeAssessment({
          request: requestAs(who.cookie, `/submissions/${s.id}/assessment`),
          context: context(),
          params: params(s),
        }),
      )
    const released = await render(TraineeAssessmentPage, payloadOf(await view(trainee, submission)).data)
    expect(released).toContain('Judgements by Dr Pat Lee')
    expect(released).toContain('Partly met')
    expect(released).toContain(submission.snapshotSha256)
    expect(released).toContain(`/submissions/${submission.id}/assessment.csv?assessment=`)
    expect(released).not.toContain('HYPERLINK')
    const none = await render(TraineeAssessmentPage, payloadOf(await view(otherTrainee, otherSubmission)).data)
    expect(none).toContain('Your assessor has not released their judgements yet.')
  })
})
