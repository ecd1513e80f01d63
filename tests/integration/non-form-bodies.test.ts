import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionFunctionArgs } from '@remix-run/node'
import { submissionAssignments } from '../../db/schema'
import { createAssessorLink } from '../../app/models/assessor-link.server'
import { createEvidence } from '../../app/models/evidence.server'
import { createRound } from '../../app/models/feedback.server'
import { acceptInvitation, createInvitation } from '../../app/models/mentor.server'
import { issuePasswordSetup } from '../../app/models/password-setup.server'
import { sendForReview } from '../../app/models/review.server'
import { createSession } from '../../app/models/session.server'
import { createSubmission } from '../../app/submission/submit.server'
import { readEnv } from '../../app/utils/env.server'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'

/**
 * Every action in app/routes, sent a body that is not a form: JSON, plain
 * text, multipart without its boundary, bytes with no type. Whoever sends it,
 * the answer is a refusal with a message (400 or 415), a redirect to sign in
 * or a 404 — never an error that would become a 500.
 */

type Action = (args: ActionFunctionArgs) => unknown
const routeModules = import.meta.glob<{ action?: Action }>('../../app/routes/*.tsx', { eager: true })
const routesDir = path.resolve(import.meta.dirname, '../../app/routes')

/** Actions that read no body at all: the request itself is the whole instruction. */
const BODILESS = ['logout.tsx', 'invite.$token.tsx', 'evidence.$id_.delete.tsx', 'mentor.trainees.$traineeId.tsx']

const actions = Object.entries(routeModules)
  .filter(([, module]) => typeof module.action === 'function')
  .map(([file, module]) => ({ file: path.basename(file), action: module.action! }))

let t: TestDb
let trainee: UserWithSession
let mentor: UserWithSession
let admin: UserWithSession
let assessor: UserWithSession
let submitter: UserWithSession
/** Half-way through a two-factor sign-in: the password given, the code not yet. */
let pending: UserWithSession
const ids: Record<string, string> = {}

beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
  mentor = await createUserWithSession(t.db, { role: 'mentor' })
  admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
  assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
  submitter = await createUserWithSession(t.db, { role: 'trainee' })
  pending = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
  const { token } = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 86_400_000 })
  acceptInvitation(t.db, token, mentor.user.id)
  await buildReadyPortfolio(t.db, { items: 6, dataDir: t.dir, trainee: submitter.user })
  const submitted = createSubmission(t.db, submitter.user.id)
  if (!submitted.ok) throw new Error(`not submitted: ${submitted.reason}`)
  t.db
    .insert(submissionAssignments)
    .values({
      submissionId: submitted.id,
      assessorId: assessor.user.id,
      assignedBy: admin.user.id,
      createdAt: new Date().toISOString(),
    })
    .run()
  ids.submission = String(submitted.id)
  ids.token = createAssessorLink(t.db, {
    submissionId: submitted.id,
    recipient: 'An assessor',
    expiresAt: new Date(Date.now() + 86_400_000),
    createdBy: submitter.user.id,
  }).token
  const item = () =>
    createEvidence(t.db, trainee.user.id, {
      title: 'Monthly linac QA',
      activityStart: '2026-01-05',
      activityEnd: null,
      evidenceType: 'commissioning-qa-report',
      role: 'led',
      description: 'Output checks.',
      reflection: 'Went well.',
      claims: [
        {
          area: 'Tech3',
          statement: 'I performed the monthly output checks myself against tolerance.',
          competencies: [],
        },
      ],
    })
  ids.evidence = String(item())
  sendForReview(t.db, trainee.user.id, [Number(ids.evidence)])
  // Deleting runs among the others: it gets an item of its own.
  ids.doomed = String(item())
  ids.trainee = String(trainee.user.id)
  ids.round = String(
    createRound(
      t.db,
      {
        traineeId: trainee.user.id,
        traineeName: trainee.user.name,
        areaCodes: ['Com2'],
        raters: Array.from({ length: 6 }, (_, i) => ({ email: `rater-${i}@example.nhs.uk`, relationship: 'other' })),
      },
      new Date(),
      { publicUrl: null },
    ),
  )
  const newcomer = await createUserWithSession(t.db, { role: 'assessor' })
  ids.setup = issuePasswordSetup(t.db, newcomer.user.id, 86_400_000)
})
afterAll(() => t.cleanup())

/** The route's params, filled with things that exist: `$id` is a submission on submission pages, else an evidence item. */
function paramsFor(file: string): Record<string, string> {
  const names = [...file.matchAll(/\$([A-Za-z]+)/g)].map((m) => m[1]!)
  return Object.fromEntries(
    names.map((name) => {
      if (name === 'id')
        return [
          name,
          /submission/.test(file)
            ? ids.submission!
            : file.startsWith('feedback.')
              ? ids.round!
              : file.includes('delete')
                ? ids.doomed!
                : ids.evidence!,
        ]
      if (name === 'token')
        return [
          name,
          file.startsWith('s.') ? ids.token! : file.startsWith('setup-password') ? ids.setup! : 'not-a-token',
        ]
      if (name === 'traineeId') return [name, ids.trainee!]
      return [name, '1']
    }),
  )
}

const BODIES: [label: string, headers: Record<string, string>, body: BodyInit][] = [
  ['JSON', { 'Content-Type': 'application/json' }, JSON.stringify({ email: 'someone@example.test', intent: 'save' })],
  ['plain text', { 'Content-Type': 'text/plain' }, 'email=someone@example.test'],
  [
    'multipart without a boundary',
    { 'Content-Type': 'multipart/form-data' },
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
  ],
  ['bytes with no Content-Type', {}, new Uint8Array([1, 2, 3])],
]

async function statusOf(
  action: Action,
  file: string,
  who: UserWithSession | null,
  headers: Record<string, string>,
  body: BodyInit,
) {
  const all: Record<string, string> = { Origin: 'http://localhost', ...headers }
  // A session of its own for every request: signing out, or out everywhere, ends the ones before.
  if (who)
    all.Cookie = `attain_session=${createSession(t.db, { userId: who.user.id, verified: who !== pending }, readEnv({ NODE_ENV: 'test' }).session).token}`
  const url = new URL(`/${file.replace(/\.tsx$/, '').replace(/_?\./g, '/')}`, 'http://localhost')
  const request = new Request(url, { method: 'POST', headers: all, body })
  try {
    const result = await action({
      request,
      context: makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir } }),
      params: paramsFor(file),
    })
    if (result instanceof Response)
      return { status: result.status, text: (await result.text()) + (result.headers.get('location') ?? '') }
    const init = (result as { init?: { status?: number } } | null)?.init
    return { status: init?.status ?? 200, text: JSON.stringify((result as { data?: unknown } | null)?.data ?? result) }
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() }
    throw error
  }
}

const visitors = () => [null, trainee, mentor, admin, assessor, submitter, pending]

describe('every action, sent a body that is not a form', () => {
  it('covers every action in app/routes', () => {
    expect(actions.length).toBeGreaterThanOrEqual(25)
    for (const file of BODILESS) {
      expect(readFileSync(path.join(routesDir, file), 'utf8'), file).not.toMatch(/formData|readForm/)
    }
  })

  describe.each(actions)('$file', ({ file, action }) => {
    it.each(BODIES)('%s: refused with a message, never a 500', async (_label, headers, body) => {
      const answers = []
      for (const who of visitors())
        answers.push({ who: who?.user.role ?? 'signed out', ...(await statusOf(action, file, who, headers, body)) })
      for (const answer of answers) expect(answer.status, JSON.stringify(answer)).toBeLessThan(500)
      if (BODILESS.includes(file)) return
      // Someone can reach the form, and is told the body is not one.
      const refused = answers.filter((a) => a.status === 400 || a.status === 415)
      expect(refused.length, JSON.stringify(answers)).toBeGreaterThan(0)
      for (const answer of refused) expect(answer.text.length, JSON.stringify(answer)).toBeGreaterThan(10)
      // Nobody's form was handled as if it were empty: no success.
      for (const answer of answers) expect(answer.status, JSON.stringify(answer)).not.toBe(200)
    })
  })

  it.each(['login.tsx', 'signup.tsx', 's.$token.tsx', 'login_.two-factor.tsx'])(
    '%s, reachable signed out, answers 415 to JSON',
    async (file) => {
      const action = actions.find((a) => a.file === file)!.action
      const answer = await statusOf(action, file, null, { 'Content-Type': 'application/json' }, '{}')
      expect(answer.status).toBe(415)
      expect(answer.text).toContain('accepts a form')
    },
  )
})
