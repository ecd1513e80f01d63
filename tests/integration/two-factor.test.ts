import { generateTOTP } from '@epic-web/totp'
import type { AppLoadContext } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recoveryCodes } from '../../db/schema'
import { action as loginAction } from '../../app/routes/login'
import { action as twoFactorAction, loader as twoFactorLoader } from '../../app/routes/login_.two-factor'
import { action as settingsAction, loader as settingsLoader } from '../../app/routes/settings.two-factor'
import { listAuditEvents } from '../../app/models/audit.server'
import { createSession, findSession } from '../../app/models/session.server'
import {
  countUnusedRecoveryCodes,
  getPendingSecret,
  getTotpState,
  recordTotpStep,
  regenerateRecoveryCodes,
  redeemRecoveryCode,
} from '../../app/models/two-factor.server'
import { getUserById, type User } from '../../app/models/user.server'
import { requireUser } from '../../app/utils/session.server'
import { makeContext } from '../support/context'
import { cookieFrom, payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, TEST_PASSWORD } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

// Failed attempts are counted per address as well as per account: each test comes from an address of its own.
let address = 0
function freshContext(): AppLoadContext {
  address += 1
  return makeContext(t.db, { clientIp: `192.0.2.${address}` })
}

type Payload = {
  ok?: boolean
  errors?: Record<string, string[]>
  formError?: string
  codes?: string[]
  intent?: string
  ended?: number
}

async function codeFor(secret: string) {
  return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: 'SHA-1' })).otp
}

/** Six digits that are not the secret's code for now or a step either side. */
async function wrongCodeFor(secret: string) {
  return String((Number(await codeFor(secret)) + 500_000) % 1_000_000).padStart(6, '0')
}

function secretOf(user: User) {
  return getTotpState(t.db, user.id)!.secret
}

function tokenOf(cookie: string) {
  return cookie.slice(cookie.indexOf('=') + 1)
}

function settingsPost(context: AppLoadContext, cookie: string, form: Record<string, string>) {
  return settle(() =>
    settingsAction({ request: requestAs(cookie, '/settings/two-factor', { form }), params: {}, context }),
  )
}

function settingsGet(context: AppLoadContext, cookie: string) {
  return settle(() => settingsLoader({ request: requestAs(cookie, '/settings/two-factor'), params: {}, context }))
}

/** Signs in with email and password; returns the half-signed-in session's cookie. */
async function signInWithPassword(context: AppLoadContext, user: User, redirectTo?: string) {
  const form: Record<string, string> = { email: user.email, password: TEST_PASSWORD }
  if (redirectTo) form.redirectTo = redirectTo
  const response = await responseOf(() =>
    loginAction({ request: requestAs(null, '/login', { form }), params: {}, context }),
  )
  expect(response.status).toBe(302)
  return { response, cookie: cookieFrom(response) }
}

function secondFactor(context: AppLoadContext, cookie: string, form: Record<string, string>, search = '') {
  return settle(() =>
    twoFactorAction({ request: requestAs(cookie, `/login/two-factor${search}`, { form }), params: {}, context }),
  )
}

function auditActions(userId: number) {
  return listAuditEvents(t.db, { actorId: userId }).map((e) => e.action)
}

describe('setting up two-factor sign-in', () => {
  it('goes from a pending secret, through a confirmed code, to recovery codes', async () => {
    const context = freshContext()
    const { user, cookie } = await createUserWithSession(t.db, { role: 'trainee' })

    const before = payloadOf<{ enabled: boolean; setup: unknown }>(await settingsGet(context, cookie)).data
    expect(before.enabled).toBe(false)
    expect(before.setup).toBeNull()

    const started = await settingsPost(context, cookie, { intent: 'start' })
    expect(started).toBeInstanceOf(Response)
    expect((started as Response).status).toBe(302)
    expect((started as Response).headers.get('Location')).toBe('/settings/two-factor')

    const pending = getPendingSecret(t.db, user.id)
    expect(pending).toMatch(/^[A-Z2-7]{32}$/)
    const page = payloadOf<{ enabled: boolean; setup: { secret: string; qrCode: string } }>(
      await settingsGet(context, cookie),
    ).data
    expect(page.enabled).toBe(false)
    expect(page.setup.secret.replace(/ /g, '')).toBe(pending)
    expect(page.setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(page.setup.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg')

    const malformed = payloadOf<Payload>(await settingsPost(context, cookie, { intent: 'confirm', code: '12345' }))
    expect(malformed.status).toBe(400)
    expect(malformed.data.errors?.code).toBeDefined()

    const wrong = payloadOf<Payload>(
      await settingsPost(context, cookie, { intent: 'confirm', code: await wrongCodeFor(pending!) }),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors?.code?.[0]).toMatch(/not right/)
    expect(getUserById(t.db, user.id)!.twoFactorEnabled).toBe(false)

    const code = await codeFor(pending!)
    const confirmed = payloadOf<Payload>(
      await settingsPost(context, cookie, { intent: 'confirm', code: `${code.slice(0, 3)} ${code.slice(3)}` }),
    )
    expect(confirmed.status).toBe(200)
    expect(confirmed.data.ok).toBe(true)
    expect(confirmed.data.codes).toHaveLength(10)
    expect(new Set(confirmed.data.codes).size).toBe(10)

    expect(getUserById(t.db, user.id)!.twoFactorEnabled).toBe(true)
    expect(getPendingSecret(t.db, user.id)).toBeNull()
    const state = getTotpState(t.db, user.id)!
    expect(state.secret).toBe(pending)
    expect(typeof state.lastStep).toBe('number')

    // Only hashes are stored.
    const stored = t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all()
    expect(stored).toHaveLength(10)
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/)
      expect(confirmed.data.codes).not.toContain(row.codeHash)
    }
    expect(auditActions(user.id)).toContain('auth.two_factor_enabled')

    const after = payloadOf<{ enabled: boolean; unusedCodes: number }>(await settingsGet(context, cookie)).data
    expect(after.enabled).toBe(true)
    expect(after.unusedCodes).toBe(10)

    // Set-up cannot be started again while it is on.
    const again = payloadOf<Payload>(await settingsPost(context, cookie, { intent: 'start' }))
    expect(again.status).toBe(400)
  })

  it('answers an unknown intent at the form, not with an error page', async () => {
    const context = freshContext()
    const { cookie } = await createUserWithSession(t.db, { role: 'trainee' })
    const result = payloadOf<Payload>(await settingsPost(context, cookie, { intent: 'explode' }))
    expect(result.status).toBe(400)
    expect(result.data.formError).toBeTruthy()
  })
})

describe('signing in with a second factor', () => {
  it('leaves the password-only session unverified until a right code, then rotates it', async () => {
    const context = freshContext()
    const { user } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })

    const { response, cookie } = await signInWithPassword(context, user, '/settings/password')
    expect(response.headers.get('Location')).toBe('/login/two-factor?redirectTo=%2Fsettings%2Fpassword')
    const halfSession = findSession(t.db, tokenOf(cookie), context.env.session)
    expect(halfSession?.verified).toBe(false)

    // The half-signed-in session opens nothing.
    const refused = await settle(() =>
      requireUser(requestAs(cookie, '/settings/two-factor'), context, { allowWithoutTwoFactor: true }),
    )
    expect((refused as Response).status).toBe(302)
    expect((refused as Response).headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    const settingsRefused = (await settingsGet(context, cookie)) as Response
    expect(settingsRefused.headers.get('Location')).toBe('/login?redirectTo=%2Fsettings%2Ftwo-factor')

    const page = await settle(() =>
      twoFactorLoader({
        request: requestAs(cookie, '/login/two-factor?redirectTo=%2Fsettings%2Fpassword'),
        params: {},
        context,
      }),
    )
    expect(page).toEqual({ method: 'app', redirectTo: '/settings/password' })

    const code = await codeFor(secretOf(user))
    const done = await responseOf(() =>
      secondFactor(context, cookie, { intent: 'app', code, redirectTo: '/settings/password' }),
    )
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/settings/password')
    const newCookie = cookieFrom(done)
    expect(newCookie).toMatch(/^attain_session=/)
    expect(tokenOf(newCookie)).not.toBe(tokenOf(cookie))
    expect(findSession(t.db, tokenOf(cookie), context.env.session)).toBeUndefined()
    expect(findSession(t.db, tokenOf(newCookie), context.env.session)?.verified).toBe(true)
    expect(requireUser(requestAs(newCookie, '/dashboard'), context).user.id).toBe(user.id)

    const signedIn = listAuditEvents(t.db, { actorId: user.id }).find((e) => e.action === 'auth.signed_in')
    expect(signedIn?.detail).toEqual({ second_factor: 'totp' })

    // Once signed in, the page sends you on.
    const onward = (await settle(() =>
      twoFactorLoader({ request: requestAs(newCookie, '/login/two-factor'), params: {}, context }),
    )) as Response
    expect(onward.headers.get('Location')).toBe('/dashboard')

    // The same code is never accepted again, even in a new sign-in.
    const second = await signInWithPassword(context, user)
    const replay = payloadOf<Payload>(await secondFactor(context, second.cookie, { intent: 'app', code }))
    expect(replay.status).toBe(400)
    expect(replay.data.errors?.code?.[0]).toMatch(/not right/)
    expect(findSession(t.db, tokenOf(second.cookie), context.env.session)?.verified).toBe(false)
    expect(auditActions(user.id)).toContain('auth.two_factor_failed')
  })

  it('sends a visitor without a session to sign in', async () => {
    const context = freshContext()
    const page = (await settle(() =>
      twoFactorLoader({ request: requestAs(null, '/login/two-factor'), params: {}, context }),
    )) as Response
    expect(page.status).toBe(302)
    expect(page.headers.get('Location')).toBe('/login')
    const post = (await secondFactor(context, '', { intent: 'app', code: '123456' })) as Response
    expect(post.headers.get('Location')).toBe('/login')
  })

  it('answers a malformed code at the field', async () => {
    const context = freshContext()
    const { user } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const { cookie } = await signInWithPassword(context, user)
    for (const code of ['', '12345', 'abcdef']) {
      const result = payloadOf<Payload>(await secondFactor(context, cookie, { intent: 'app', code }))
      expect(result.status).toBe(400)
      expect(result.data.errors?.code).toBeDefined()
    }
  })

  it('accepts a recovery code once and only once', async () => {
    const context = freshContext()
    const { user } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const codes = regenerateRecoveryCodes(t.db, user.id)

    const first = await signInWithPassword(context, user)
    const used = await responseOf(() =>
      secondFactor(context, first.cookie, { intent: 'recovery', recoveryCode: codes[0]!.toUpperCase() }),
    )
    expect(used.status).toBe(302)
    expect(used.headers.get('Location')).toBe('/dashboard')
    expect(findSession(t.db, tokenOf(cookieFrom(used)), context.env.session)?.verified).toBe(true)
    expect(countUnusedRecoveryCodes(t.db, user.id)).toBe(9)
    const signedIn = listAuditEvents(t.db, { actorId: user.id }).find((e) => e.action === 'auth.signed_in')
    expect(signedIn?.detail).toMatchObject({ second_factor: 'recovery_code' })

    const second = await signInWithPassword(context, user)
    const reused = payloadOf<Payload>(
      await secondFactor(context, second.cookie, { intent: 'recovery', recoveryCode: codes[0]! }),
    )
    expect(reused.status).toBe(400)
    expect(reused.data.errors?.recoveryCode?.[0]).toMatch(/used already/)

    const another = await responseOf(() =>
      secondFactor(context, second.cookie, { intent: 'recovery', recoveryCode: codes[1]!.replace(/-/g, ' ') }),
    )
    expect(another.status).toBe(302)
    expect(countUnusedRecoveryCodes(t.db, user.id)).toBe(8)
  })

  it('slows down guessing: the sixth wrong attempt in a row is refused outright', async () => {
    const context = freshContext()
    const { user } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const { cookie } = await signInWithPassword(context, user)
    const secret = secretOf(user)
    for (let i = 0; i < 5; i++) {
      const result = payloadOf<Payload>(
        await secondFactor(context, cookie, { intent: 'app', code: await wrongCodeFor(secret) }),
      )
      expect(result.status).toBe(400)
    }
    // Even the right code waits now.
    const sixth = payloadOf<Payload>(
      await secondFactor(context, cookie, { intent: 'app', code: await codeFor(secret) }),
    )
    expect(sixth.status).toBe(429)
    expect(sixth.data.formError).toMatch(/^Too many unsuccessful attempts.*30 seconds/)
    expect(findSession(t.db, tokenOf(cookie), context.env.session)?.verified).toBe(false)
  })
})

describe('roles that require two-factor sign-in', () => {
  it('sends an admin without it to set it up, and lets the set-up page through', async () => {
    const context = freshContext()
    const { cookie } = await createUserWithSession(t.db, { role: 'admin' })
    const refused = (await settle(() => requireUser(requestAs(cookie, '/admin'), context))) as Response
    expect(refused.status).toBe(302)
    expect(refused.headers.get('Location')).toBe('/settings/two-factor')
    const page = payloadOf<{ enabled: boolean; required: boolean; home: string }>(
      await settingsGet(context, cookie),
    ).data
    expect(page).toMatchObject({ enabled: false, required: true, home: '/admin' })
  })

  it('does not let an admin turn it off', async () => {
    const context = freshContext()
    const { user, cookie } = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    const result = payloadOf<Payload>(
      await settingsPost(context, cookie, {
        intent: 'disable',
        password: TEST_PASSWORD,
        code: await codeFor(secretOf(user)),
      }),
    )
    expect(result.status).toBe(403)
    expect(result.data.formError).toMatch(/role requires two-factor sign-in/)
    expect(getUserById(t.db, user.id)!.twoFactorEnabled).toBe(true)
  })
})

describe('managing two-factor sign-in once it is on', () => {
  it('lets a trainee turn it off with their password and a code, ending their other sessions', async () => {
    const context = freshContext()
    const { user, cookie, token } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    regenerateRecoveryCodes(t.db, user.id)
    const other = createSession(t.db, { userId: user.id, verified: true }, context.env.session)
    const secret = secretOf(user)

    const badPassword = payloadOf<Payload>(
      await settingsPost(context, cookie, {
        intent: 'disable',
        password: 'not my password',
        code: await codeFor(secret),
      }),
    )
    expect(badPassword.status).toBe(400)
    expect(badPassword.data.errors?.password).toBeDefined()

    const badCode = payloadOf<Payload>(
      await settingsPost(context, cookie, {
        intent: 'disable',
        password: TEST_PASSWORD,
        code: await wrongCodeFor(secret),
      }),
    )
    expect(badCode.status).toBe(400)
    expect(badCode.data.errors?.code).toBeDefined()
    expect(getUserById(t.db, user.id)!.twoFactorEnabled).toBe(true)

    const done = payloadOf<Payload>(
      await settingsPost(context, cookie, { intent: 'disable', password: TEST_PASSWORD, code: await codeFor(secret) }),
    )
    expect(done.status).toBe(200)
    expect(done.data).toMatchObject({ ok: true, intent: 'disable', ended: 1 })
    expect(getUserById(t.db, user.id)!.twoFactorEnabled).toBe(false)
    expect(getTotpState(t.db, user.id)).toBeUndefined()
    expect(countUnusedRecoveryCodes(t.db, user.id)).toBe(0)
    expect(findSession(t.db, other.token, context.env.session)).toBeUndefined()
    expect(findSession(t.db, token, context.env.session)).toBeDefined()
    expect(auditActions(user.id)).toContain('auth.two_factor_disabled')

    // Signing in now takes only the password.
    const { response } = await signInWithPassword(context, user)
    expect(response.headers.get('Location')).toBe('/dashboard')
  })

  it('replaces the recovery codes for a current code', async () => {
    const context = freshContext()
    const { user, cookie } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const old = regenerateRecoveryCodes(t.db, user.id)
    redeemRecoveryCode(t.db, user.id, old[0]!)
    const secret = secretOf(user)

    const wrong = payloadOf<Payload>(
      await settingsPost(context, cookie, { intent: 'regenerate', code: await wrongCodeFor(secret) }),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors?.code).toBeDefined()

    const code = await codeFor(secret)
    const fresh = payloadOf<Payload>(await settingsPost(context, cookie, { intent: 'regenerate', code }))
    expect(fresh.status).toBe(200)
    expect(fresh.data.codes).toHaveLength(10)
    expect(fresh.data.codes!.some((c) => old.includes(c))).toBe(false)
    expect(countUnusedRecoveryCodes(t.db, user.id)).toBe(10)
    expect(redeemRecoveryCode(t.db, user.id, old[1]!)).toBe(false)
    expect(auditActions(user.id)).toContain('auth.recovery_codes_regenerated')

    // The code that did it is spent.
    const replay = payloadOf<Payload>(await settingsPost(context, cookie, { intent: 'regenerate', code }))
    expect(replay.status).toBe(400)
  })
})

describe('the two-factor model', () => {
  it('records each time step once, and never one older than the last', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    expect(recordTotpStep(t.db, user.id, 1000)).toBe(true)
    // The same code sent twice at once: the second to arrive loses.
    expect(recordTotpStep(t.db, user.id, 1000)).toBe(false)
    expect(recordTotpStep(t.db, user.id, 999)).toBe(false)
    expect(recordTotpStep(t.db, user.id, 1001)).toBe(true)
    expect(getTotpState(t.db, user.id)?.lastStep).toBe(1001)
  })

  it('records no step for an account without two-factor sign-in', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    expect(recordTotpStep(t.db, user.id, 1000)).toBe(false)
  })

  it('spends a recovery code of this account only', async () => {
    const { user: owner } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const { user: other } = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const codes = regenerateRecoveryCodes(t.db, owner.id)
    expect(redeemRecoveryCode(t.db, other.id, codes[0]!)).toBe(false)
    expect(redeemRecoveryCode(t.db, owner.id, 'not a code')).toBe(false)
    expect(redeemRecoveryCode(t.db, owner.id, codes[0]!)).toBe(true)
    expect(redeemRecoveryCode(t.db, owner.id, codes[0]!)).toBe(false)
  })
})
