import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, portfolios, sessions, traineeProfiles, users } from '../../db/schema'
import { action as loginAction, loader as loginLoader } from '../../app/routes/login'
import { action as logoutAction } from '../../app/routes/logout'
import { action as signupAction } from '../../app/routes/signup'
import { action as passwordAction } from '../../app/routes/settings.password'
import { action as sessionsAction, loader as sessionsLoader } from '../../app/routes/settings.sessions'
import { loader as dashboardLoader } from '../../app/routes/dashboard'
import { findSession } from '../../app/models/session.server'
import { getPasswordHash, getUserByEmail } from '../../app/models/user.server'
import { verifyAuditTrail } from '../../app/models/audit.server'
import { verifyPassword } from '../../app/utils/password.server'
import { hashToken } from '../../app/utils/tokens.server'
import { makeContext } from '../support/context'
import { cookieFrom, payloadOf, responseOf, settle } from '../support/responses'
import { confirmSignupFromEmail, latestEmail } from '../support/signup'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, TEST_PASSWORD } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const PASSPHRASE = 'wobbly kettle on the linac'
const ctx = (overrides: Parameters<typeof makeContext>[1] = {}) => makeContext(t.db, overrides)
const post = (url: string, form: Record<string, string>, cookie: string | null = null) =>
  requestAs(cookie, url, { form })
const args = (request: Request, context = ctx()) => ({ request, context, params: {} })

function auditActions(userId: number) {
  return t.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.actorId, userId))
    .all()
    .map((e) => e.action)
}

describe('signing up as a trainee', () => {
  const form = {
    name: 'Priya Sharma',
    email: 'Priya.Sharma@Example.NHS.uk',
    password: PASSPHRASE,
    specialism: 'radiotherapy-physics',
    employer: 'Leeds Teaching Hospitals',
    targetSubmissionDate: '2027-09-30',
  }

  it('from the e-mailed link, creates the account, profile and portfolio, signs in and goes to the dashboard', async () => {
    const sent = await responseOf(() => signupAction(args(post('/signup', form))))
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe('/signup/sent')
    expect(sent.headers.get('Set-Cookie')).toBeNull()
    expect(getUserByEmail(t.db, 'priya.sharma@example.nhs.uk')).toBeUndefined()

    const response = (await confirmSignupFromEmail(t.db, 'priya.sharma@example.nhs.uk', ctx())) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/dashboard')
    const cookie = response.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/^attain_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/)

    const user = getUserByEmail(t.db, 'priya.sharma@example.nhs.uk')!
    expect(user).toMatchObject({ role: 'trainee', name: 'Priya Sharma', email: 'priya.sharma@example.nhs.uk' })
    expect(await verifyPassword(getPasswordHash(t.db, user.id), PASSPHRASE)).toBe(true)
    expect(getPasswordHash(t.db, user.id)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(t.db.select().from(traineeProfiles).where(eq(traineeProfiles.userId, user.id)).get()).toMatchObject({
      specialism: 'radiotherapy-physics',
      targetSubmissionDate: '2027-09-30',
    })
    expect(t.db.select().from(portfolios).where(eq(portfolios.traineeId, user.id)).all()).toHaveLength(1)
    expect(auditActions(user.id)).toContain('user.signed_up')

    const token = cookieFrom(response).split('=')[1]!
    // Only the token's hash is stored.
    expect(t.db.select().from(sessions).where(eq(sessions.idHash, token)).get()).toBeUndefined()
    expect(
      t.db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, hashToken(token)))
        .get(),
    ).toBeDefined()
  })

  it('answers a taken email as any other, and tells its owner by e-mail (see signup-enumeration.test.ts)', async () => {
    const response = await responseOf(() =>
      signupAction(args(post('/signup', { ...form, email: 'priya.sharma@example.nhs.uk' }))),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/signup/sent')
    expect(latestEmail(t.db, 'priya.sharma@example.nhs.uk')?.subject).toBe('You already have an Attain account')
  })

  it.each([
    ['a short password', { password: 'too short' }, 'password', /at least 15 characters/],
    ['a common password', { password: 'passwordpassword' }, 'password', /most commonly used/],
    ['a password built on the name', { password: 'priyasharma2026' }, 'password', /name or email/],
    ['no name', { name: '  ' }, 'name', /Enter your name/],
    ['a malformed email', { email: 'priya at nhs' }, 'email', /email address like/],
    ['an unknown specialism', { specialism: 'astrology' }, 'specialism', /Choose your specialism/],
    ['an impossible date', { targetSubmissionDate: '2027-02-30' }, 'targetSubmissionDate', /does not exist/],
  ])('refuses %s with a message at the field', async (_label, change, field, message) => {
    const result = payloadOf<{ errors: Record<string, string[]> }>(
      await settle(() =>
        signupAction(args(post('/signup', { ...form, email: 'someone.new@example.nhs.uk', ...change }))),
      ),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors[field]?.join(' ')).toMatch(message)
    expect(getUserByEmail(t.db, 'someone.new@example.nhs.uk')).toBeUndefined()
  })

  it('survives a 10 MB field without a 500', async () => {
    const result = payloadOf<{ errors: Record<string, string[]> }>(
      await settle(() =>
        signupAction(args(post('/signup', { ...form, email: 'big@example.nhs.uk', name: 'x'.repeat(10_000_000) }))),
      ),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors.name?.[0]).toMatch(/at most 100/)
  })
})

describe('signing in', () => {
  it('answers the same message whether the email exists or the password is wrong', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    const wrongPassword = payloadOf<{ formError: string }>(
      await settle(() =>
        loginAction(
          args(
            post('/login', { email: user.email, password: 'not the password at all' }),
            ctx({ clientIp: '10.0.0.1' }),
          ),
        ),
      ),
    )
    const noAccount = payloadOf<{ formError: string }>(
      await settle(() =>
        loginAction(
          args(
            post('/login', { email: 'nobody@example.nhs.uk', password: 'not the password at all' }),
            ctx({ clientIp: '10.0.0.1' }),
          ),
        ),
      ),
    )
    expect(wrongPassword.status).toBe(400)
    expect(noAccount.status).toBe(400)
    expect(wrongPassword.data.formError).toBe(noAccount.data.formError)
    expect(auditActions(user.id)).toContain('auth.sign_in_failed')
  })

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    const time = async (email: string) => {
      const start = performance.now()
      await settle(() =>
        loginAction(args(post('/login', { email, password: 'a wrong password here' }), ctx({ clientIp: '10.9.9.9' }))),
      )
      return performance.now() - start
    }
    // Both verify an Argon2id hash; without the dummy hash an unknown email would answer in well under a millisecond.
    const known = await time(user.email)
    const unknown = await time('unknown-person@example.nhs.uk')
    expect(unknown).toBeGreaterThan(known / 4)
  })

  it('starts a new session with a new id, ending the one the browser came with', async () => {
    const { user, cookie: oldCookie, token: oldToken } = await createUserWithSession(t.db, { role: 'trainee' })
    const response = await responseOf(() =>
      loginAction(
        args(post('/login', { email: user.email, password: TEST_PASSWORD, redirectTo: '/settings' }, oldCookie)),
      ),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/settings')
    const newToken = cookieFrom(response).split('=')[1]!
    expect(newToken).not.toBe(oldToken)
    expect(findSession(t.db, oldToken, ctx().env.session)).toBeUndefined()
    expect(findSession(t.db, newToken, ctx().env.session)?.userId).toBe(user.id)
  })

  it('never follows a redirectTo off the site', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    for (const redirectTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const response = await responseOf(() =>
        loginAction(args(post('/login', { email: user.email, password: TEST_PASSWORD, redirectTo }))),
      )
      expect(response.headers.get('Location')).toBe('/dashboard')
    }
  })

  it('slows down after five failures, per account and per address, answering 429', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    const at = (seconds: number) => new Date(Date.UTC(2026, 5, 1, 12, 0, seconds))
    const attempt = (password: string, seconds: number, ip = '10.1.1.1') =>
      settle(() =>
        loginAction(
          args(post('/login', { email: user.email, password }), ctx({ now: () => at(seconds), clientIp: ip })),
        ),
      )
    for (let i = 0; i < 5; i++) expect(payloadOf(await attempt('wrong password number x', i)).status).toBe(400)
    const blocked = payloadOf<{ formError: string }>(await attempt(TEST_PASSWORD, 6, '10.2.2.2'))
    expect(blocked.status).toBe(429)
    expect(blocked.data.formError).toMatch(/Too many unsuccessful attempts.*wait \d+ seconds/)
    // Not a lock-out: once the wait is over the right password works.
    expect((await responseOf(() => attempt(TEST_PASSWORD, 40, '10.2.2.2'))).status).toBe(302)
  })

  it('slows down an address trying many accounts', async () => {
    const at = new Date(Date.UTC(2026, 6, 1))
    // Thirty failures from one address (many people share a hospital's) before it slows down.
    for (let i = 0; i < 30; i++) {
      const answer = payloadOf(
        await settle(() =>
          loginAction(
            args(
              post('/login', { email: `guess${i}@example.nhs.uk`, password: 'some password guess' }),
              ctx({ clientIp: '10.3.3.3', now: () => at }),
            ),
          ),
        ),
      )
      expect(answer.status).toBe(400)
    }
    const blocked = payloadOf(
      await settle(() =>
        loginAction(
          args(
            post('/login', { email: 'guess9@example.nhs.uk', password: 'x' }),
            ctx({ clientIp: '10.3.3.3', now: () => at }),
          ),
        ),
      ),
    )
    expect(blocked.status).toBe(429)
  })

  it('refuses a disabled account even with the right password', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'mentor' })
    t.db.update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.id, user.id)).run()
    const result = payloadOf<{ formError: string }>(
      await settle(() => loginAction(args(post('/login', { email: user.email, password: TEST_PASSWORD })))),
    )
    expect(result.status).toBe(400)
    expect(result.data.formError).toMatch(/disabled/)
  })

  it('sends a signed-in visitor from the sign-in page to their home', async () => {
    const { cookie } = await createUserWithSession(t.db, { role: 'mentor' })
    const response = await responseOf(() => loginLoader(args(requestAs(cookie, '/login'))))
    expect(response.headers.get('Location')).toBe('/mentor')
  })
})

describe('sessions', () => {
  it('end on sign-out, on the server', async () => {
    const { user, cookie, token } = await createUserWithSession(t.db, { role: 'trainee' })
    const response = await responseOf(() => logoutAction(args(requestAs(cookie, '/logout', { method: 'POST' }))))
    expect(response.headers.get('Set-Cookie')).toMatch(/^attain_session=; .*Max-Age=0/)
    expect(findSession(t.db, token, ctx().env.session)).toBeUndefined()
    expect(auditActions(user.id)).toContain('auth.signed_out')
    const after = await responseOf(() => dashboardLoader(args(requestAs(cookie, '/dashboard'))))
    expect(after.headers.get('Location')).toBe('/login?redirectTo=%2Fdashboard')
  })

  it('end after two hours idle', async () => {
    const { cookie } = await createUserWithSession(t.db, { role: 'trainee' })
    const later = (ms: number) => ctx({ now: () => new Date(Date.now() + ms) })
    expect(
      await settle(() => dashboardLoader(args(requestAs(cookie, '/dashboard'), later(119 * 60_000)))),
    ).toMatchObject({ name: expect.any(String) })
    const response = await responseOf(() =>
      dashboardLoader(args(requestAs(cookie, '/dashboard'), later(119 * 60_000 + 2 * 3_600_000))),
    )
    expect(response.headers.get('Location')).toMatch(/^\/login/)
  })

  it('end after twelve hours however active', async () => {
    const { cookie } = await createUserWithSession(t.db, { role: 'trainee' })
    for (let h = 1; h < 12; h++) {
      const ok = await settle(() =>
        dashboardLoader(
          args(requestAs(cookie, '/dashboard'), ctx({ now: () => new Date(Date.now() + h * 3_600_000) })),
        ),
      )
      expect(ok).not.toBeInstanceOf(Response)
    }
    const response = await responseOf(() =>
      dashboardLoader(
        args(requestAs(cookie, '/dashboard'), ctx({ now: () => new Date(Date.now() + 12 * 3_600_000 + 1000) })),
      ),
    )
    expect(response.headers.get('Location')).toMatch(/^\/login/)
  })

  it('follow configured timeouts', async () => {
    const { cookie } = await createUserWithSession(t.db, { role: 'trainee' })
    const short = ctx({ now: () => new Date(Date.now() + 11 * 60_000) })
    short.env = { ...short.env, session: { ...short.env.session, idleTimeoutMs: 10 * 60_000 } }
    expect((await responseOf(() => dashboardLoader(args(requestAs(cookie, '/dashboard'), short)))).status).toBe(302)
  })

  it('ignore malformed cookies', async () => {
    for (const cookie of ['attain_session=%%%', `attain_session=${'a'.repeat(5000)}`, 'attain_session=', 'junk']) {
      const response = await responseOf(() => dashboardLoader(args(requestAs(cookie, '/dashboard'))))
      expect(response.status).toBe(302)
    }
  })

  it('can all be ended but the current one, or every one', async () => {
    const first = await createUserWithSession(t.db, { role: 'trainee' })
    const again = await responseOf(() =>
      loginAction(args(post('/login', { email: first.user.email, password: TEST_PASSWORD }))),
    )
    const second = cookieFrom(again)
    expect(
      payloadOf<{ count: number }>(await settle(() => sessionsLoader(args(requestAs(second, '/settings/sessions')))))
        .data.count,
    ).toBe(2)
    const result = payloadOf<{ ended: number }>(
      await settle(() => sessionsAction(args(post('/settings/sessions', { intent: 'others' }, second)))),
    )
    expect(result.data.ended).toBe(1)
    expect(findSession(t.db, first.token, ctx().env.session)).toBeUndefined()
    const everywhere = await responseOf(() =>
      sessionsAction(args(post('/settings/sessions', { intent: 'everywhere' }, second))),
    )
    expect(everywhere.headers.get('Location')).toBe('/login')
    expect(findSession(t.db, second.split('=')[1]!, ctx().env.session)).toBeUndefined()
  })
})

describe('changing the password', () => {
  it('asks for the current one, applies the policy, and ends other sessions', async () => {
    const { user, cookie } = await createUserWithSession(t.db, { role: 'trainee' })
    const other = cookieFrom(
      await responseOf(() => loginAction(args(post('/login', { email: user.email, password: TEST_PASSWORD })))),
    )

    const wrong = payloadOf<{ errors: Record<string, string[]> }>(
      await settle(() =>
        passwordAction(
          args(
            post('/settings/password', { currentPassword: 'not my password at all', newPassword: PASSPHRASE }, cookie),
          ),
        ),
      ),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors.currentPassword?.[0]).toMatch(/not your current password/)

    const weak = payloadOf<{ errors: Record<string, string[]> }>(
      await settle(() =>
        passwordAction(
          args(post('/settings/password', { currentPassword: TEST_PASSWORD, newPassword: 'shortone' }, cookie)),
        ),
      ),
    )
    expect(weak.data.errors.newPassword?.[0]).toMatch(/at least 15/)

    const ok = payloadOf<{ ok: boolean; ended: number }>(
      await settle(() =>
        passwordAction(
          args(post('/settings/password', { currentPassword: TEST_PASSWORD, newPassword: PASSPHRASE }, cookie)),
        ),
      ),
    )
    expect(ok.data).toMatchObject({ ok: true, ended: 1 })
    expect(await verifyPassword(getPasswordHash(t.db, user.id), PASSPHRASE)).toBe(true)
    expect(findSession(t.db, other.split('=')[1]!, ctx().env.session)).toBeUndefined()
    expect(auditActions(user.id)).toContain('auth.password_changed')
  })
})

describe('the audit trail', () => {
  it('stays a valid chain through all of the above, and refuses edits', () => {
    expect(verifyAuditTrail(t.db)).toMatchObject({ ok: true })
    expect(() => t.db.$client.prepare("UPDATE audit_events SET action = 'x'").run()).toThrow(/append-only/)
    expect(() => t.db.$client.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/)
  })
})

describe('the request log', () => {
  it('learns who the signed-in user is from the session', async () => {
    const { user, cookie } = await createUserWithSession(t.db, { role: 'trainee' })
    const seen: number[] = []
    await settle(() => dashboardLoader(args(requestAs(cookie, '/dashboard'), ctx({ onUser: (id) => seen.push(id) }))))
    expect(seen).toContain(user.id)
  })
})
