import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as signupAction } from '../../app/routes/signup'
import { loader as confirmLoader } from '../../app/routes/signup_.confirm.$token'
import { getUserByEmail } from '../../app/models/user.server'
import { makeContext } from '../support/context'
import { confirmSignupFromEmail, latestEmail, signupLink } from '../support/signup'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'

/**
 * Sign-up says nothing about which addresses have accounts: a new address and
 * a registered one get the same answer in the same time, and only the e-mail,
 * read by the address's owner, tells them apart.
 */

let t: TestDb
let registered: string
beforeAll(async () => {
  t = createTestDb()
  registered = (await createUserWithSession(t.db, { role: 'trainee', name: 'Priya Sharma' })).user.email
})
afterAll(() => t.cleanup())

const ctx = () => makeContext(t.db)
const form = (email: string) => ({
  name: 'Someone Signing Up',
  email,
  password: 'wobbly kettle on the linac',
  specialism: 'radiotherapy-physics',
  employer: 'Leeds Teaching Hospitals',
  targetSubmissionDate: '',
})

async function signUp(
  email: string,
): Promise<{ status: number; headers: [string, string][]; body: string; ms: number }> {
  const started = process.hrtime.bigint()
  let answer: unknown
  try {
    answer = await signupAction({
      request: requestAs(null, '/signup', { form: form(email) }),
      context: ctx(),
      params: {},
    })
  } catch (error) {
    answer = error
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (!(answer instanceof Response)) throw new Error(`expected a Response, got ${JSON.stringify(answer)}`)
  return { status: answer.status, headers: [...answer.headers], body: await answer.text(), ms }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

describe('signing up with an address that has an account, or not', () => {
  it('gets the same answer: status, headers and body', async () => {
    const fresh = await signUp('new.person@example.nhs.uk')
    const taken = await signUp(registered)
    expect(fresh).toMatchObject({ status: 302, body: '' })
    expect(taken.status).toBe(fresh.status)
    expect(taken.headers).toEqual(fresh.headers)
    expect(taken.body).toBe(fresh.body)
    expect(new Map(fresh.headers).get('location')).toBe('/signup/sent')
    expect(new Map(fresh.headers).has('set-cookie')).toBe(false)
  })

  it('takes the same time, within 5 ms (median of 15 of each, interleaved)', async () => {
    const fresh: number[] = []
    const taken: number[] = []
    await signUp('warm.up@example.nhs.uk')
    for (let i = 0; i < 15; i++) {
      fresh.push((await signUp(`timing.${i}@example.nhs.uk`)).ms)
      taken.push((await signUp(registered)).ms)
    }
    expect(
      Math.abs(median(fresh) - median(taken)),
      `new ${median(fresh)} ms, registered ${median(taken)} ms`,
    ).toBeLessThan(5)
  }, 60_000)

  it('tells the owner of a registered address by e-mail, and makes nothing', async () => {
    const before = getUserByEmail(t.db, registered)
    await signUp(registered)
    const mail = latestEmail(t.db, registered)!
    expect(mail.subject).toBe('You already have an Attain account')
    expect(mail.body).toContain('Hello Priya Sharma,')
    expect(mail.body).toContain('/login')
    expect(mail.body).not.toMatch(/signup\/confirm/)
    expect(getUserByEmail(t.db, registered)).toEqual(before)
  })

  it('sends a new address a link that makes the account, signs in and opens the dashboard, once', async () => {
    await signUp('Ada.Lovelace@Example.NHS.uk')
    expect(getUserByEmail(t.db, 'ada.lovelace@example.nhs.uk')).toBeUndefined()
    const mail = latestEmail(t.db, 'ada.lovelace@example.nhs.uk')!
    expect(mail.subject).toBe('Finish creating your Attain account')

    const { token } = signupLink(t.db, 'ada.lovelace@example.nhs.uk')
    expect(
      await confirmLoader({ request: requestAs(null, `/signup/confirm/${token}`), context: ctx(), params: { token } }),
    ).toMatchObject({
      email: 'ada.lovelace@example.nhs.uk',
      role: 'trainee',
    })
    const done = (await confirmSignupFromEmail(t.db, 'ada.lovelace@example.nhs.uk', ctx())) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/dashboard')
    expect(done.headers.get('Set-Cookie')).toMatch(/^attain_session=/)
    expect(getUserByEmail(t.db, 'ada.lovelace@example.nhs.uk')).toMatchObject({
      role: 'trainee',
      name: 'Someone Signing Up',
    })

    const again = (await confirmSignupFromEmail(t.db, 'ada.lovelace@example.nhs.uk', ctx())) as Response
    expect(again.status).toBe(404)
  })

  it('does not make a second account when two links for one address are both opened', async () => {
    await signUp('twice@example.nhs.uk')
    const first = signupLink(t.db, 'twice@example.nhs.uk')
    await signUp('twice@example.nhs.uk')
    expect((await confirmSignupFromEmail(t.db, 'twice@example.nhs.uk', ctx())) as Response).toHaveProperty(
      'status',
      302,
    )
    const late = await (
      await import('../../app/routes/signup_.confirm.$token')
    ).action({
      request: requestAs(null, first.path, { form: {} }),
      context: ctx(),
      params: { token: first.token },
    })
    expect(late).toEqual({ formError: 'An account with this e-mail address exists already.' })
  })

  it('keeps no spent or expired sign-up, nor the password hash it held', async () => {
    await signUp('another.new@example.nhs.uk')
    const rows = t.db.$client
      .prepare('SELECT email FROM pending_signups WHERE used_at IS NOT NULL OR expires_at < ?')
      .all(new Date().toISOString())
    expect(rows).toEqual([])
  })

  it('refuses a link past its 24 hours', async () => {
    await signUp('late@example.nhs.uk')
    const tomorrow = new Date(Date.now() + 25 * 3_600_000)
    const answer = (await confirmSignupFromEmail(
      t.db,
      'late@example.nhs.uk',
      makeContext(t.db, { now: () => tomorrow }),
    )) as Response
    expect(answer.status).toBe(404)
    expect(getUserByEmail(t.db, 'late@example.nhs.uk')).toBeUndefined()
  })
})
