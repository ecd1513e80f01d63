import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../db/client'
import { mentorLinks, portfolios, sessions as sessionsTable, users, type Role } from '../../db/schema'
import { changeRole, setAccountDisabled } from '../../app/models/accounts.server'
import { listAuditEvents, verifyAuditTrail } from '../../app/models/audit.server'
import { acceptInvitation, createInvitation } from '../../app/models/mentor.server'
import { findUsableSetup, issuePasswordSetup, PASSWORD_SETUP_TTL_MS } from '../../app/models/password-setup.server'
import { countUserSessions, createSession } from '../../app/models/session.server'
import {
  getPasswordHash,
  getTraineeProfile,
  getUserByEmail,
  getUserById,
  setRole,
  type User,
} from '../../app/models/user.server'
import { verifyPassword } from '../../app/utils/password.server'
import { action as adminAction, loader as adminLoader } from '../../app/routes/admin._index'
import { action as setupAction, loader as setupLoader } from '../../app/routes/setup-password.$token'
import { makeContext } from '../support/context'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'
import { outcomeOf } from '../support/responses'

const NOW = new Date('2025-03-03T09:00:00.000Z')
const hoursLater = (h: number) => new Date(NOW.getTime() + h * 3_600_000)

let t: TestDb
let admin: { user: User; cookie: string }

beforeAll(async () => {
  t = createTestDb()
  admin = await createUserWithSession(t.db, {
    role: 'admin',
    name: 'Ada Admin',
    email: 'ada.admin@example.nhs.uk',
    twoFactor: true,
  })
})
afterAll(() => t.cleanup())

/** Someone signed in with this role; admins and assessors with two-factor sign-in set up, as they must have. */
const signedIn = (role: Role, options: { name?: string; email?: string; twoFactor?: boolean } = {}) =>
  createUserWithSession(t.db, { role, twoFactor: role === 'admin' || role === 'assessor', ...options })

/** An account nobody is signed in as. */
async function account(
  role: Role,
  { disabled = false, db = t.db }: { disabled?: boolean; db?: Db } = {},
): Promise<User> {
  const { user } = await createUserWithSession(db, { role })
  db.delete(sessionsTable).where(eq(sessionsTable.userId, user.id)).run()
  if (disabled) db.update(users).set({ disabledAt: NOW.toISOString() }).where(eq(users.id, user.id)).run()
  return getUserById(db, user.id)!
}

const form = (fields: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]))

const post = (cookie: string | null, url: string, fields: Record<string, string | number>) =>
  requestAs(cookie, url, { form: form(fields) })

const context = (now = NOW) => makeContext(t.db, { now: () => now })

function loadAdmin(cookie: string | null) {
  return adminLoader({ request: requestAs(cookie, '/admin'), params: {}, context: context() })
}

/** Runs the admin action and gives back its status and data, however it answered. */
async function postAdmin(cookie: string | null, fields: Record<string, string | number>) {
  return outcomeOf(() => adminAction({ request: post(cookie, '/admin', fields), params: {}, context: context() }))
}

function eventsFor(action: string, subjectId?: number) {
  return listAuditEvents(t.db, { limit: 1000 }).filter(
    (e) => e.action === action && (subjectId === undefined || e.subjectId === String(subjectId)),
  )
}

describe('who may use the admin console', () => {
  it.each<Role>(['trainee', 'mentor', 'assessor'])('a %s is told there is nothing there', async (role) => {
    const { cookie } = await signedIn(role)
    expect((await outcomeOf(() => loadAdmin(cookie))).status).toBe(404)
    const target = await account('trainee')
    const answer = await postAdmin(cookie, { intent: 'disable', userId: target.id })
    expect(answer.status).toBe(404)
    expect(getUserById(t.db, target.id)?.disabledAt).toBeNull()
  })

  it('sends someone signed out to sign in, and back here afterwards', async () => {
    const answer = await outcomeOf(() => loadAdmin(null))
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin')
    const posted = await postAdmin(null, { intent: 'disable', userId: admin.user.id })
    expect(posted.status).toBe(302)
  })

  it('sends an administrator without two-factor sign-in to set it up', async () => {
    const { cookie } = await signedIn('admin', { twoFactor: false })
    const answer = await outcomeOf(() => loadAdmin(cookie))
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/settings/two-factor')
  })

  it('shows an administrator every account and the recent audit events', async () => {
    const trainee = await account('trainee')
    await postAdmin(admin.cookie, { intent: 'reset-links', userId: trainee.id })
    const data = loadAdmin(admin.cookie)
    expect(data.me).toBe(admin.user.id)
    expect(data.accounts.map((a) => a.email)).toEqual(expect.arrayContaining([admin.user.email, trainee.email]))
    const me = data.accounts.find((a) => a.id === admin.user.id)!
    expect(me).toMatchObject({ role: 'admin', twoFactorEnabled: true, disabledAt: null })
    expect(data.accounts.every((a) => !('passwordHash' in a) && !('totpSecret' in a))).toBe(true)
    expect(data.events.length).toBeLessThanOrEqual(50)
    expect(data.events[0]).toMatchObject({
      action: 'admin.mentor_links_reset',
      actorEmail: admin.user.email,
      subjectEmail: trainee.email,
      ipAddress: '127.0.0.1',
    })
  })
})

describe('changing a role', () => {
  it('changes it and records from what to what', async () => {
    const mentor = await account('mentor')
    const answer = await postAdmin(admin.cookie, { intent: 'change-role', userId: mentor.id, role: 'assessor' })
    expect(answer.status).toBe(200)
    expect(answer.data).toMatchObject({ ok: true, message: expect.stringContaining('is now an assessor') })
    expect(getUserById(t.db, mentor.id)?.role).toBe('assessor')
    expect(eventsFor('admin.role_changed', mentor.id)).toEqual([
      expect.objectContaining({ actorId: admin.user.id, detail: { from: 'mentor', to: 'assessor' } }),
    ])
  })

  it('gives someone who becomes a trainee a profile and portfolios', async () => {
    const mentor = await account('mentor')
    expect(getTraineeProfile(t.db, mentor.id)).toBeUndefined()
    const answer = await postAdmin(admin.cookie, { intent: 'change-role', userId: mentor.id, role: 'trainee' })
    expect(answer.status).toBe(200)
    expect(getUserById(t.db, mentor.id)?.role).toBe('trainee')
    expect(getTraineeProfile(t.db, mentor.id)).toMatchObject({ specialism: 'other' })
    expect(t.db.select().from(portfolios).where(eq(portfolios.traineeId, mentor.id)).all().length).toBeGreaterThan(0)
  })

  it('keeps the profile of a former trainee who becomes one again', async () => {
    const trainee = await account('trainee')
    await postAdmin(admin.cookie, { intent: 'change-role', userId: trainee.id, role: 'mentor' })
    await postAdmin(admin.cookie, { intent: 'change-role', userId: trainee.id, role: 'trainee' })
    expect(getTraineeProfile(t.db, trainee.id)?.specialism).toBe('radiotherapy-physics')
  })

  it('refuses an unknown role at the form, not with an error page', async () => {
    const mentor = await account('mentor')
    const answer = await postAdmin(admin.cookie, { intent: 'change-role', userId: mentor.id, role: 'overlord' })
    expect(answer.status).toBe(400)
    expect(answer.data.formError).toBe('Choose a role')
    expect(getUserById(t.db, mentor.id)?.role).toBe('mentor')
  })

  it('refuses to change an administrator’s own role', async () => {
    const answer = await postAdmin(admin.cookie, { intent: 'change-role', userId: admin.user.id, role: 'mentor' })
    expect(answer.status).toBe(400)
    expect(answer.data.formError).toMatch(/cannot change the role of your own account/)
    expect(getUserById(t.db, admin.user.id)?.role).toBe('admin')
  })
})

describe('disabling and enabling', () => {
  it('disables an account, ends its sessions, and enables it again', async () => {
    const { user: trainee, cookie } = await signedIn('trainee')
    createSession(t.db, { userId: trainee.id, verified: true }, context().env.session)
    expect(countUserSessions(t.db, trainee.id)).toBe(2)

    const disabled = await postAdmin(admin.cookie, { intent: 'disable', userId: trainee.id })
    expect(disabled.status).toBe(200)
    expect(getUserById(t.db, trainee.id)?.disabledAt).toBe(NOW.toISOString())
    expect(countUserSessions(t.db, trainee.id)).toBe(0)
    expect(eventsFor('admin.account_disabled', trainee.id)).toEqual([
      expect.objectContaining({ actorId: admin.user.id, detail: { sessionsEnded: 2 } }),
    ])
    // The old cookie no longer signs anyone in.
    expect(
      (await outcomeOf(() => adminLoader({ request: requestAs(cookie, '/admin'), params: {}, context: context() })))
        .status,
    ).toBe(302)

    const enabled = await postAdmin(admin.cookie, { intent: 'enable', userId: trainee.id })
    expect(enabled.status).toBe(200)
    expect(getUserById(t.db, trainee.id)?.disabledAt).toBeNull()
    expect(eventsFor('admin.account_enabled', trainee.id)).toHaveLength(1)
  })

  it('refuses to let an administrator disable their own account', async () => {
    const answer = await postAdmin(admin.cookie, { intent: 'disable', userId: admin.user.id })
    expect(answer.status).toBe(400)
    expect(answer.data.formError).toMatch(/cannot disable your own account/)
    expect(getUserById(t.db, admin.user.id)?.disabledAt).toBeNull()
    expect(countUserSessions(t.db, admin.user.id)).toBeGreaterThan(0)
  })

  it('answers 404 for an account that does not exist', async () => {
    expect((await postAdmin(admin.cookie, { intent: 'disable', userId: 999_999 })).status).toBe(404)
    expect((await postAdmin(admin.cookie, { intent: 'issue-password-link', userId: 999_999 })).status).toBe(404)
  })

  it('refuses a malformed request at the form', async () => {
    const noUser = await postAdmin(admin.cookie, { intent: 'disable', userId: 'everyone' })
    expect(noUser.status).toBe(400)
    expect(noUser.data.formError).toBe('Choose an account')
    const noIntent = await postAdmin(admin.cookie, { intent: 'delete-everything', userId: admin.user.id })
    expect(noIntent.status).toBe(400)
    expect(noIntent.data.formError).toBeTruthy()
  })
})

describe('the last active administrator', () => {
  it('cannot be demoted or disabled (the models refuse)', async () => {
    const other = createTestDb()
    try {
      const only = await account('admin', { db: other.db })
      expect(changeRole(other.db, only.id, 'mentor', NOW)).toEqual({ ok: false, reason: 'last-admin' })
      expect(setAccountDisabled(other.db, only.id, true, NOW)).toEqual({ ok: false, reason: 'last-admin' })
      const second = await account('admin', { db: other.db })
      expect(setAccountDisabled(other.db, second.id, true, NOW)).toMatchObject({ ok: true, changed: true })
      expect(changeRole(other.db, only.id, 'mentor', NOW)).toEqual({ ok: false, reason: 'last-admin' })
    } finally {
      other.cleanup()
    }
  })

  it('is protected when two administrators act on each other at once', async () => {
    const first = await signedIn('admin')
    const second = await account('admin')
    // Leave these two as the only active administrators.
    for (const u of t.db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).all()) {
      if (u.id !== first.user.id && u.id !== second.id)
        t.db.update(users).set({ disabledAt: NOW.toISOString() }).where(eq(users.id, u.id)).run()
    }
    try {
      // `first` is signed in and authorised; before their request is handled, `second` demotes them.
      const pending = postAdmin(first.cookie, { intent: 'disable', userId: second.id })
      setRole(t.db, first.user.id, 'mentor', NOW)
      const answer = await pending
      expect(answer.status).toBe(400)
      expect(answer.data.formError).toMatch(/last active administrator/)
      expect(getUserById(t.db, second.id)?.disabledAt).toBeNull()

      const demote = postAdmin(first.cookie, { intent: 'change-role', userId: second.id, role: 'trainee' })
      const demoted = await demote
      // By now `first` is no longer an administrator at all.
      expect(demoted.status).toBe(404)
      expect(getUserById(t.db, second.id)?.role).toBe('admin')
    } finally {
      t.db
        .update(users)
        .set({ disabledAt: null })
        .where(and(eq(users.role, 'admin'), eq(users.id, admin.user.id)))
        .run()
    }
  })
})

describe('ending mentor links', () => {
  it('ends every active link of the account, as trainee or mentor', async () => {
    const trainee = await account('trainee')
    const mentors = [await account('mentor'), await account('mentor')]
    for (const m of mentors) {
      const { token } = createInvitation(t.db, { traineeId: trainee.id, note: '', ttlMs: 86_400_000 }, NOW)
      expect(acceptInvitation(t.db, token, m.id, NOW).ok).toBe(true)
    }
    const active = () =>
      t.db
        .select()
        .from(mentorLinks)
        .where(eq(mentorLinks.traineeId, trainee.id))
        .all()
        .filter((l) => l.endedAt === null)
    expect(active()).toHaveLength(2)

    const answer = await postAdmin(admin.cookie, { intent: 'reset-links', userId: trainee.id })
    expect(answer.status).toBe(200)
    expect(answer.data.message).toMatch(/Ended 2 mentor links/)
    expect(active()).toHaveLength(0)
    const ended = t.db.select().from(mentorLinks).where(eq(mentorLinks.traineeId, trainee.id)).all()
    expect(ended.every((l) => l.endedBy === admin.user.id)).toBe(true)
    expect(eventsFor('admin.mentor_links_reset', trainee.id)).toEqual([
      expect.objectContaining({ detail: { ended: 2 } }),
    ])
  })
})

describe('creating an assessor', () => {
  it('creates the account and shows a set-up link once', async () => {
    const answer = await postAdmin(admin.cookie, {
      intent: 'create-assessor',
      name: '  Ravi Assessor ',
      email: 'Ravi.Assessor@Example.NHS.uk',
    })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Cache-Control')).toBe('no-store')
    const assessor = getUserByEmail(t.db, 'ravi.assessor@example.nhs.uk')!
    expect(assessor).toMatchObject({
      role: 'assessor',
      name: 'Ravi Assessor',
      twoFactorEnabled: false,
      disabledAt: null,
    })
    expect(answer.data.link).toMatch(/^http:\/\/localhost\/setup-password\/[A-Za-z0-9_-]{43}$/)
    const token = answer.data.link.split('/').pop()
    expect(findUsableSetup(t.db, token, NOW)?.userId).toBe(assessor.id)
    expect(eventsFor('admin.account_created', assessor.id)).toEqual([
      expect.objectContaining({ actorId: admin.user.id, detail: { role: 'assessor' } }),
    ])
    expect(eventsFor('admin.password_link_issued', assessor.id)).toHaveLength(1)
    // The token appears in no audit event.
    expect(JSON.stringify(listAuditEvents(t.db, { limit: 1000 }))).not.toContain(token)
    // The page itself never shows the link again.
    expect(JSON.stringify(loadAdmin(admin.cookie))).not.toContain(token)
  })

  it('refuses an email address already in use, at the email field, keeping what was typed', async () => {
    const answer = await postAdmin(admin.cookie, {
      intent: 'create-assessor',
      name: 'Someone Else',
      email: admin.user.email.toUpperCase(),
    })
    expect(answer.status).toBe(400)
    expect(answer.data.errors.email).toEqual(['An account with this email address already exists.'])
    expect(answer.data.values).toMatchObject({ name: 'Someone Else', email: admin.user.email.toUpperCase() })
  })

  it('puts missing or malformed details at their fields', async () => {
    const answer = await postAdmin(admin.cookie, { intent: 'create-assessor', name: ' ', email: 'not-an-address' })
    expect(answer.status).toBe(400)
    expect(answer.data.errors.name).toEqual(['Enter the assessor’s name'])
    expect(answer.data.errors.email).toEqual(['Enter an email address like name@nhs.net'])
    expect(answer.data.formError).toBeUndefined()
  })
})

describe('a password set-up link', () => {
  const setupArgs = (token: string, now: Date, fields?: Record<string, string>) => ({
    request: fields ? post(null, `/setup-password/${token}`, fields) : requestAs(null, `/setup-password/${token}`),
    params: { token },
    context: context(now),
  })

  it('lets its owner choose a password, once', async () => {
    const { user: trainee } = await signedIn('trainee', { name: 'Tess Wolstenholme-Clarke' })
    const issued = await postAdmin(admin.cookie, { intent: 'issue-password-link', userId: trainee.id })
    expect(issued.status).toBe(200)
    expect(eventsFor('admin.password_link_issued', trainee.id)).toHaveLength(1)
    const token: string = issued.data.link.split('/').pop()

    const later = hoursLater(1)
    const page = await outcomeOf(() => setupLoader(setupArgs(token, later)))
    expect(page).toMatchObject({ status: 200, data: { name: 'Tess Wolstenholme-Clarke', email: trainee.email } })

    const weak = await outcomeOf(() => setupAction(setupArgs(token, later, { password: 'password' })))
    expect(weak.status).toBe(400)
    expect(weak.data.errors.password?.[0]).toMatch(/at least 15 characters/)
    expect(weak.data.values.password).toBeUndefined()

    const onName = await outcomeOf(() => setupAction(setupArgs(token, later, { password: 'Wolstenholme-Clarke 2025' })))
    expect(onName.status).toBe(400)
    expect(onName.data.errors.password).toEqual(['Do not build your password around your name or email address.'])

    const passphrase = 'copper kettle whistles at dawn'
    const done = await outcomeOf(() => setupAction(setupArgs(token, later, { password: passphrase })))
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/login?setup=done')
    expect(await verifyPassword(getPasswordHash(t.db, trainee.id), passphrase)).toBe(true)
    expect(countUserSessions(t.db, trainee.id)).toBe(0)
    expect(eventsFor('auth.password_set', trainee.id)).toEqual([expect.objectContaining({ actorId: trainee.id })])

    const again = await outcomeOf(() => setupLoader(setupArgs(token, later)))
    expect(again.status).toBe(404)
    expect(again.data).toBe('This link has expired or has already been used. Ask your administrator for a new one.')
    const reused = await outcomeOf(() =>
      setupAction(setupArgs(token, later, { password: 'another long passphrase here' })),
    )
    expect(reused.status).toBe(404)
    expect(await verifyPassword(getPasswordHash(t.db, trainee.id), passphrase)).toBe(true)
  })

  it('stops working after 72 hours', async () => {
    const assessor = await account('assessor')
    const token = issuePasswordSetup(t.db, assessor.id, PASSWORD_SETUP_TTL_MS, NOW)
    expect((await outcomeOf(() => setupLoader(setupArgs(token, hoursLater(71))))).status).toBe(200)
    expect((await outcomeOf(() => setupLoader(setupArgs(token, hoursLater(73))))).status).toBe(404)
    const late = await outcomeOf(() =>
      setupAction(setupArgs(token, hoursLater(73), { password: 'copper kettle whistles at dawn' })),
    )
    expect(late.status).toBe(404)
  })

  it('stops working when a newer one is issued', async () => {
    const mentor = await account('mentor')
    const first = issuePasswordSetup(t.db, mentor.id, PASSWORD_SETUP_TTL_MS, NOW)
    const second = issuePasswordSetup(t.db, mentor.id, PASSWORD_SETUP_TTL_MS, NOW)
    expect(findUsableSetup(t.db, first, NOW)).toBeUndefined()
    expect(findUsableSetup(t.db, second, NOW)?.userId).toBe(mentor.id)
  })

  it('answers 404 for a token that was never issued', async () => {
    expect((await outcomeOf(() => setupLoader(setupArgs('not-a-real-token', NOW)))).status).toBe(404)
  })

  it('is not issued for a disabled account', async () => {
    const disabled = await account('mentor', { disabled: true })
    const answer = await postAdmin(admin.cookie, { intent: 'issue-password-link', userId: disabled.id })
    expect(answer.status).toBe(400)
    expect(answer.data.formError).toMatch(/disabled/)
  })
})

describe('the audit trail', () => {
  it('stays intact through everything above', () => {
    expect(verifyAuditTrail(t.db).ok).toBe(true)
  })
})
