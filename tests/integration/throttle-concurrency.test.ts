import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionFunctionArgs } from '@remix-run/node'
import { FREE_ATTEMPTS, FREE_ATTEMPTS_PER_ADDRESS } from '../../app/auth/throttle'
import { createSession } from '../../app/models/session.server'
import { regenerateRecoveryCodes } from '../../app/models/two-factor.server'
import { readEnv } from '../../app/utils/env.server'
import * as loginRoute from '../../app/routes/login'
import * as twoFactorLoginRoute from '../../app/routes/login_.two-factor'
import * as passwordRoute from '../../app/routes/settings.password'
import * as twoFactorSettingsRoute from '../../app/routes/settings.two-factor'
import { makeContext } from '../support/context'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, TEST_PASSWORD, type UserWithSession } from '../support/users'

/**
 * Guesses sent all at once, against one account and one address: however
 * many arrive together, no more are checked than the throttle allows — the
 * rest answer 429 without a look at the password or code.
 */

type Action = (args: ActionFunctionArgs) => unknown

let t: TestDb
beforeEach(() => {
  t = createTestDb()
})
afterEach(() => t.cleanup())

async function statusOf(action: Action, url: string, form: Record<string, string>, cookie?: string): Promise<number> {
  const headers: Record<string, string> = { Origin: 'http://localhost' }
  if (cookie) headers.Cookie = cookie
  const request = new Request(new URL(url, 'http://localhost'), {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  })
  try {
    const result = await action({ request, context: makeContext(t.db), params: {} })
    if (result instanceof Response) return result.status
    return (result as { init?: { status?: number } } | null)?.init?.status ?? 200
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
}

/** Sends every form at once and returns the statuses in the order sent. */
const burst = (forms: Record<string, string>[], send: (form: Record<string, string>) => Promise<number>) =>
  Promise.all(forms.map(send))

const checked = (statuses: number[]) => statuses.filter((s) => s !== 429).length

/** A cookie for a session half-way through signing in: password given, second factor owed. */
function pendingCookie(user: UserWithSession): string {
  return `attain_session=${createSession(t.db, { userId: user.user.id, verified: false }, readEnv({ NODE_ENV: 'test' }).session).token}`
}

const wrongPasswords = (n: number) => Array.from({ length: n }, (_, i) => `wrong guess number ${i} for this account`)

describe('passwords at sign-in, sent at once', () => {
  it(`check at most ${FREE_ATTEMPTS} of 20 wrong passwords for one account`, async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    const statuses = await burst(
      wrongPasswords(20).map((password) => ({ email: user.email, password })),
      (form) => statusOf(loginRoute.action, '/login', form),
    )
    expect(checked(statuses), statuses.join(' ')).toBe(FREE_ATTEMPTS)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - FREE_ATTEMPTS)
  })

  it('do not let the right password through behind eleven wrong ones', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    const forms = [...wrongPasswords(11), TEST_PASSWORD].map((password) => ({ email: user.email, password }))
    const statuses = await burst(forms, (form) => statusOf(loginRoute.action, '/login', form))
    expect(checked(statuses), statuses.join(' ')).toBeLessThanOrEqual(FREE_ATTEMPTS)
    expect(statuses.at(-1), 'the right password, sent after the allowance was spent').toBe(429)
  })

  it(`check at most ${FREE_ATTEMPTS_PER_ADDRESS} from one address across many accounts`, async () => {
    const forms = Array.from({ length: FREE_ATTEMPTS_PER_ADDRESS + 15 }, (_, i) => ({
      email: `nobody${i}@example.test`,
      password: 'a wrong password for nobody',
    }))
    const statuses = await burst(forms, (form) => statusOf(loginRoute.action, '/login', form))
    expect(checked(statuses), statuses.join(' ')).toBe(FREE_ATTEMPTS_PER_ADDRESS)
  })

  it('sign in normally once the burst is over and the wait has passed, and a success gives its attempt back', async () => {
    const { user } = await createUserWithSession(t.db, { role: 'trainee' })
    const statuses = await burst(
      [TEST_PASSWORD, TEST_PASSWORD, TEST_PASSWORD].map((password) => ({ email: user.email, password })),
      (form) => statusOf(loginRoute.action, '/login', form),
    )
    expect(statuses).toEqual([302, 302, 302])
    const rows = t.db.$client.prepare('SELECT key, failures FROM login_throttle').all()
    expect(rows).toEqual([{ key: 'address:127.0.0.1', failures: 0 }])
  })
})

describe('second factors at sign-in, sent at once', () => {
  it(`check at most ${FREE_ATTEMPTS} of 60 wrong authenticator codes`, async () => {
    const user = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const cookie = pendingCookie(user)
    const forms = Array.from({ length: 60 }, (_, i) => ({ intent: 'app', code: String(100_000 + i * 7919) }))
    const statuses = await burst(forms, (form) =>
      statusOf(twoFactorLoginRoute.action, '/login/two-factor', form, cookie),
    )
    expect(checked(statuses), statuses.join(' ')).toBeLessThanOrEqual(FREE_ATTEMPTS)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - FREE_ATTEMPTS)
  })

  it(`check at most ${FREE_ATTEMPTS} of 30 wrong recovery codes`, async () => {
    const user = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    regenerateRecoveryCodes(t.db, user.user.id)
    const cookie = pendingCookie(user)
    const forms = Array.from({ length: 30 }, (_, i) => ({
      intent: 'recovery',
      recoveryCode: `zzzz-zzzz-zzz${'abcdefghjkmnpqrstuvwxyz23456789'[i]}`,
    }))
    const statuses = await burst(forms, (form) =>
      statusOf(twoFactorLoginRoute.action, '/login/two-factor', form, cookie),
    )
    expect(checked(statuses), statuses.join(' ')).toBeLessThanOrEqual(FREE_ATTEMPTS)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30 - FREE_ATTEMPTS)
  })
})

describe('re-entering a password or code in settings, sent at once', () => {
  it(`checks at most ${FREE_ATTEMPTS} of 20 wrong current passwords`, async () => {
    const user = await createUserWithSession(t.db, { role: 'trainee' })
    const forms = wrongPasswords(20).map((currentPassword) => ({
      currentPassword,
      newPassword: 'a brand new passphrase for testing',
    }))
    const statuses = await burst(forms, (form) =>
      statusOf(passwordRoute.action, '/settings/password', form, user.cookie),
    )
    expect(checked(statuses), statuses.join(' ')).toBe(FREE_ATTEMPTS)
  })

  it(`checks at most ${FREE_ATTEMPTS} of 20 wrong passwords for turning two-factor sign-in off`, async () => {
    const user = await createUserWithSession(t.db, { role: 'trainee', twoFactor: true })
    const forms = wrongPasswords(20).map((password) => ({ intent: 'disable', password, code: '123456' }))
    const statuses = await burst(forms, (form) =>
      statusOf(twoFactorSettingsRoute.action, '/settings/two-factor', form, user.cookie),
    )
    expect(checked(statuses), statuses.join(' ')).toBe(FREE_ATTEMPTS)
  })
})
