import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionFunctionArgs } from '@remix-run/node'
import { submissionAssignments } from '../../db/schema'
import { createAssessorLink } from '../../app/models/assessor-link.server'
import { createEvidence } from '../../app/models/evidence.server'
import { acceptInvitation, createInvitation } from '../../app/models/mentor.server'
import { sendForReview } from '../../app/models/review.server'
import { createSubmission } from '../../app/submission/submit.server'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'
import { routeFiles } from '../support/route-files'
import * as adminRoute from '../../app/routes/admin._index'
import * as adminSubmissionsRoute from '../../app/routes/admin.submissions'
import * as outboxRoute from '../../app/routes/admin.outbox'
import * as assessRoute from '../../app/routes/assessor.submissions.$id'
import * as evidenceItemRoute from '../../app/routes/evidence.$id'
import * as evidenceListRoute from '../../app/routes/evidence._index'
import * as evidenceNewRoute from '../../app/routes/evidence.new'
import * as evidenceEditRoute from '../../app/routes/evidence.$id_.edit'
import * as deleteEvidenceRoute from '../../app/routes/evidence.$id_.delete'
import * as inviteRoute from '../../app/routes/invite.$token'
import * as feedbackFormRoute from '../../app/routes/f.$token'
import * as feedbackNewRoute from '../../app/routes/feedback.new'
import * as feedbackRoundRoute from '../../app/routes/feedback.$id'
import { createRound } from '../../app/models/feedback.server'
import * as loginRoute from '../../app/routes/login'
import * as logoutRoute from '../../app/routes/logout'
import * as twoFactorLoginRoute from '../../app/routes/login_.two-factor'
import * as mentorRoute from '../../app/routes/mentor._index'
import * as reviewRoute from '../../app/routes/mentor.reviews.$id'
import * as traineeRoute from '../../app/routes/mentor.trainees.$traineeId'
import * as notificationsRoute from '../../app/routes/notifications'
import * as profileRoute from '../../app/routes/settings._index'
import * as mentorsRoute from '../../app/routes/settings.mentors'
import * as notificationSettingsRoute from '../../app/routes/settings.notifications'
import * as recordRoute from '../../app/routes/record'
import * as passwordRoute from '../../app/routes/settings.password'
import * as sessionsRoute from '../../app/routes/settings.sessions'
import * as portfolioDataRoute from '../../app/routes/settings.portfolio'
import * as linkRoute from '../../app/routes/s.$token'
import * as twoFactorRoute from '../../app/routes/settings.two-factor'
import * as setupPasswordRoute from '../../app/routes/setup-password.$token'
import * as signupRoute from '../../app/routes/signup'
import * as signupConfirmRoute from '../../app/routes/signup_.confirm.$token'
import * as submissionRoute from '../../app/routes/submission'
import * as sharingRoute from '../../app/routes/submissions.$id_.sharing'

/**
 * Every action, fed arbitrary forms: whatever arrives, the answer is a page,
 * a redirect or a refusal — never an exception that would become a 500.
 */

let t: TestDb
let trainee: UserWithSession
let mentor: UserWithSession
let admin: UserWithSession
let evidenceId: number
/** A feedback round of the trainee's, and a rater's link to it. */
let roundId: number
let raterToken: string
/** A trainee whose complete portfolio is submitted, shared by link and assigned to an assessor. */
let submitter: UserWithSession
let assessor: UserWithSession
let submissionId: number
let linkToken: string
beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
  mentor = await createUserWithSession(t.db, { role: 'mentor' })
  admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
  const { token } = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 86_400_000 })
  acceptInvitation(t.db, token, mentor.user.id)

  submitter = await createUserWithSession(t.db, { role: 'trainee' })
  await buildReadyPortfolio(t.db, { items: 6, dataDir: t.dir, trainee: submitter.user })
  const submitted = createSubmission(t.db, submitter.user.id)
  if (!submitted.ok) throw new Error(`not submitted: ${submitted.reason}`)
  submissionId = submitted.id
  linkToken = createAssessorLink(t.db, {
    submissionId,
    recipient: 'An assessor',
    expiresAt: new Date(Date.now() + 86_400_000),
    createdBy: submitter.user.id,
  }).token
  assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
  t.db
    .insert(submissionAssignments)
    .values({
      submissionId,
      assessorId: assessor.user.id,
      assignedBy: admin.user.id,
      createdAt: new Date().toISOString(),
    })
    .run()
  evidenceId = createEvidence(t.db, trainee.user.id, {
    title: 'Monthly linac QA',
    activityStart: '2026-01-05',
    activityEnd: null,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: 'Output checks.',
    reflection: 'Went well.',
    claims: [
      { area: 'Tech3', statement: 'I performed the monthly output checks myself against tolerance.', competencies: [] },
    ],
  })
  sendForReview(t.db, trainee.user.id, [evidenceId])
  roundId = createRound(
    t.db,
    {
      traineeId: trainee.user.id,
      traineeName: trainee.user.name,
      areaCodes: ['Com2'],
      raters: Array.from({ length: 6 }, (_, i) => ({ email: `fuzz-rater-${i}@example.nhs.uk`, relationship: 'other' })),
    },
    new Date(),
    { publicUrl: null },
  )
  const mail = t.db.$client
    .prepare("SELECT body FROM email_outbox WHERE to_address = 'fuzz-rater-0@example.nhs.uk'")
    .get() as { body: string }
  raterToken = /\/f\/([A-Za-z0-9_-]{43})/.exec(mail.body)![1]!
})
afterAll(() => t.cleanup())

const INTENTS = [
  'invite',
  'revoke',
  'end',
  'send',
  'comment',
  'acknowledge',
  'read',
  'open',
  'all',
  'others',
  'everywhere',
  'start',
  'confirm',
  'cancel',
  'disable',
  'enable',
  'role',
  'reset-links',
  'password-link',
  'create-assessor',
  'regenerate',
  'recovery',
  'totp',
  'save-statement',
  'submit',
  'create',
  'assign',
  'unassign',
  'save',
  'release',
  'save-post',
  'delete-post',
  'save-qualification',
  'delete-qualification',
  'save-membership',
  'delete-membership',
  'remind',
  'answer',
  'decline',
  'send-digest',
]
const FIELD_NAMES = [
  'intent',
  'id',
  'userId',
  'traineeId',
  'mentorId',
  'invitationId',
  'findingId',
  'parentId',
  'body',
  'reason',
  'note',
  'name',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'code',
  'role',
  'specialism',
  'employer',
  'targetSubmissionDate',
  'title',
  'activityStart',
  'activityEnd',
  'evidenceType',
  'description',
  'reflection',
  'claims[0].area',
  'claims[0].statement',
  'claims[0].competencies',
  'send',
  'revision',
  'decision:Tech3',
  'comment:Tech3',
  'comment',
  'forAssessor',
  'emailNotifications',
  'weeklyDigest',
  'redirectTo',
  'removeAttachment',
  'statement',
  'confirm',
  'recipient',
  'expiresOn',
  'linkId',
  'submissionId',
  'assessorId',
  'outcome',
  'judgement:Tech3',
  'judgement:R&D1',
  'comment:R&D1',
  'file',
  'jobTitle',
  'startDate',
  'endDate',
  'fraction',
  'supervisedPractice',
  'supervisorName',
  'kind',
  'since',
  'number',
  'area',
  'rater-1-email',
  'rater-1-relationship',
  'rating-listens',
  'strengths',
  'development',
  '__proto__',
  'constructor',
]
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...INTENTS),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1',
    '1e309',
    'NaN',
    'on',
    'verified',
    'changes_requested',
    'met',
    'not-assessed',
    'proceed-to-interview',
    'external-adviser',
    'nuclear-medicine',
    'not-yet',
    'na',
    '7',
    'clinician',
    'Com2',
    'R&D1',
    'Sci99',
    '2026-02-30',
    '2099-01-01',
    '<script>',
    '../../etc/passwd',
  ),
)
const form = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), value), {
  maxLength: 12,
})

type Action = (args: ActionFunctionArgs) => unknown

async function outcome(
  action: Action,
  who: UserWithSession | null,
  url: string,
  params: Record<string, string>,
  pairs: [string, string][],
  multipart = false,
) {
  const body = multipart ? new FormData() : new URLSearchParams()
  for (const [k, v] of pairs) body.append(k, v)
  const headers: Record<string, string> = { Origin: 'http://localhost' }
  if (who) headers.Cookie = who.cookie
  const request = new Request(new URL(url, 'http://localhost'), { method: 'POST', body, headers })
  try {
    // The test's own data folder: submitting writes the summary PDF into the file store.
    const result = await action({
      request,
      context: makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir } }),
      params,
    })
    if (result instanceof Response) return result.status
    const init = (result as { init?: { status?: number } } | null)?.init
    return init?.status ?? 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

const cases: [string, Action, () => UserWithSession | null, string, () => Record<string, string>, boolean?][] = [
  ['login', loginRoute.action, () => null, '/login', () => ({})],
  ['signup', signupRoute.action, () => null, '/signup', () => ({})],
  [
    'sign-up confirmation',
    signupConfirmRoute.action,
    () => null,
    '/signup/confirm/x',
    () => ({ token: 'not-a-token' }),
  ],
  ['second factor', twoFactorLoginRoute.action, () => trainee, '/login/two-factor', () => ({})],
  ['profile', profileRoute.action, () => trainee, '/settings', () => ({})],
  ['password', passwordRoute.action, () => mentor, '/settings/password', () => ({})],
  ['mentors', mentorsRoute.action, () => trainee, '/settings/mentors', () => ({})],
  ['notification settings', notificationSettingsRoute.action, () => trainee, '/settings/notifications', () => ({})],
  ['outbox (send the weekly digest)', outboxRoute.action, () => admin, '/admin/outbox', () => ({})],
  ['mentor profile (specialism)', profileRoute.action, () => mentor, '/settings', () => ({})],
  ['two-factor settings', twoFactorRoute.action, () => trainee, '/settings/two-factor', () => ({})],
  ['notifications', notificationsRoute.action, () => mentor, '/notifications', () => ({})],
  ['invitation', inviteRoute.action, () => mentor, '/invite/x', () => ({ token: 'not-a-token' })],
  ['mentor dashboard', mentorRoute.action, () => mentor, '/mentor', () => ({})],
  [
    'declaration',
    traineeRoute.action,
    () => mentor,
    '/mentor/trainees/x',
    () => ({ traineeId: String(trainee.user.id) }),
  ],
  ['review', reviewRoute.action, () => mentor, '/mentor/reviews/x', () => ({ id: String(evidenceId) })],
  ['experience record', recordRoute.action, () => trainee, '/record', () => ({})],
  ['evidence list', evidenceListRoute.action, () => trainee, '/evidence', () => ({})],
  ['evidence item', evidenceItemRoute.action, () => trainee, '/evidence/x', () => ({ id: String(evidenceId) })],
  ['new evidence', evidenceNewRoute.action, () => trainee, '/evidence/new', () => ({}), true],
  [
    'edit evidence',
    evidenceEditRoute.action,
    () => trainee,
    '/evidence/x/edit',
    () => ({ id: String(evidenceId) }),
    true,
  ],
  ['admin', adminRoute.action, () => admin, '/admin', () => ({})],
  ['password set-up', setupPasswordRoute.action, () => null, '/setup-password/x', () => ({ token: 'not-a-token' })],
  ['submission', submissionRoute.action, () => submitter, '/submission', () => ({})],
  ['sharing', sharingRoute.action, () => submitter, '/submissions/x/sharing', () => ({ id: String(submissionId) })],
  ['assessor link', linkRoute.action, () => assessor, '/s/x', () => ({ token: linkToken })],
  ['assessor link, signed out', linkRoute.action, () => null, '/s/x', () => ({ token: linkToken })],
  ['judgements', assessRoute.action, () => assessor, '/assessor/submissions/x', () => ({ id: String(submissionId) })],
  ['new feedback round', feedbackNewRoute.action, () => trainee, '/feedback/new', () => ({})],
  ['feedback round', feedbackRoundRoute.action, () => trainee, '/feedback/x', () => ({ id: String(roundId) })],
  [
    'feedback round, as mentor',
    feedbackRoundRoute.action,
    () => mentor,
    '/feedback/x',
    () => ({ id: String(roundId) }),
  ],
  ['feedback form', feedbackFormRoute.action, () => null, '/f/x', () => ({ token: raterToken })],
  ['feedback form, unknown link', feedbackFormRoute.action, () => null, '/f/x', () => ({ token: 'not-a-token' })],
  ['admin submissions', adminSubmissionsRoute.action, () => admin, '/admin/submissions', () => ({})],
  ['portfolio import', portfolioDataRoute.action, () => trainee, '/settings/portfolio', () => ({}), true],
  // Last, as they may end sessions or delete the item the cases above use.
  ['sessions', sessionsRoute.action, () => trainee, '/settings/sessions', () => ({})],
  [
    'delete evidence',
    deleteEvidenceRoute.action,
    () => trainee,
    '/evidence/x/delete',
    () => ({ id: String(evidenceId) }),
  ],
  ['sign-out', logoutRoute.action, () => mentor, '/logout', () => ({})],
]

describe('every action, given arbitrary forms', () => {
  it.each(cases)(
    '%s answers below 500',
    async (_name, action, who, url, params, multipart) => {
      await fc.assert(
        fc.asyncProperty(form, async (pairs) => {
          const status = await outcome(action, who(), url, params(), pairs, multipart)
          expect(status).toBeLessThan(500)
        }),
        { seed: 20261122, numRuns: 40 },
      )
    },
    60_000,
  )
})

describe('the fuzzer’s list', () => {
  // Read from app/routes, so a route with a new action cannot be left out of the cases above.
  it('has a case for every route module in app/routes that exports an action', async () => {
    const fuzzed = new Set<unknown>(cases.map((c) => c[1]))
    const missing: string[] = []
    for (const route of routeFiles()) {
      const module = (await import(route.path)) as { action?: unknown }
      if (typeof module.action === 'function' && !fuzzed.has(module.action)) missing.push(route.file)
    }
    expect(missing).toEqual([])
  }, 60_000)
})
