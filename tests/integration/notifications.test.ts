import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailOutbox, notifications, users, type Role } from '../../db/schema'
import {
  getEmailNotifications,
  listNotifications,
  listOutbox,
  markAllRead,
  markRead,
  notify,
  setEmailNotifications,
  unreadCount,
  type NotifyInput,
} from '../../app/models/notifications.server'
import type { User } from '../../app/models/user.server'
import { readEnv } from '../../app/utils/env.server'
import { action as notificationsAction, loader as notificationsLoader } from '../../app/routes/notifications'
import { action as settingsAction, loader as settingsLoader } from '../../app/routes/settings.notifications'
import { loader as outboxLoader } from '../../app/routes/admin.outbox'
import { makeContext } from '../support/context'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'
import { outcomeOf } from '../support/responses'

const NOW = new Date('2025-03-03T09:00:00.000Z')
const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000)
const SITE = { publicUrl: 'https://attain.example.nhs.uk' }

let t: TestDb

beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const signedIn = (role: Role) =>
  createUserWithSession(t.db, { role, twoFactor: role === 'admin' || role === 'assessor' })

const context = (overrides: Parameters<typeof makeContext>[1] = {}) =>
  makeContext(t.db, { now: () => NOW, ...overrides })

const review = (userIds: number[], over: Partial<NotifyInput> = {}): NotifyInput => ({
  userIds,
  kind: 'review_requested',
  title: 'Tess sent “Linac QA audit” for review',
  body: 'Three claims: Sci1, Sci4 and Prof2.',
  link: '/mentor/trainees/1',
  ...over,
})

const outboxFor = (userId: number) => t.db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId)).all()
const notificationsFor = (userId: number) =>
  t.db.select().from(notifications).where(eq(notifications.userId, userId)).all()

describe('notify', () => {
  it('tells each user in the app and queues e-mails only for those who want them', async () => {
    const { user: wantsMail } = await signedIn('mentor')
    const { user: noMail } = await signedIn('mentor')
    setEmailNotifications(t.db, noMail.id, false)

    const result = notify(t.db, review([wantsMail.id, noMail.id]), NOW, SITE)
    expect(result).toEqual({ notified: 2, queued: 1 })

    for (const u of [wantsMail, noMail]) {
      expect(notificationsFor(u.id)).toEqual([
        expect.objectContaining({
          kind: 'review_requested',
          title: 'Tess sent “Linac QA audit” for review',
          body: 'Three claims: Sci1, Sci4 and Prof2.',
          link: '/mentor/trainees/1',
          createdAt: NOW.toISOString(),
          readAt: null,
        }),
      ])
    }
    expect(outboxFor(noMail.id)).toEqual([])
    const [mail] = outboxFor(wantsMail.id)
    expect(mail).toMatchObject({
      toAddress: wantsMail.email,
      subject: 'Tess sent “Linac QA audit” for review',
      createdAt: NOW.toISOString(),
      sentAt: null,
      attempts: 0,
      lastError: null,
    })
    expect(mail!.body).toMatch(
      /^Three claims: Sci1, Sci4 and Prof2\.\n\nhttps:\/\/attain\.example\.nhs\.uk\/mentor\/trainees\/1\n/,
    )
  })

  it('uses the e-mail subject and text when given, and names the path when the site address is unknown', async () => {
    const { user } = await signedIn('trainee')
    notify(
      t.db,
      review([user.id], {
        kind: 'comment',
        emailSubject: 'New comment in Attain',
        emailText: 'Your mentor commented on Sci1.',
        link: '/evidence/7#comments',
      }),
      NOW,
      { publicUrl: null },
    )
    const [mail] = outboxFor(user.id)
    expect(mail!.subject).toBe('New comment in Attain')
    expect(mail!.body).toContain('Your mentor commented on Sci1.\n\nOpen Attain and go to /evidence/7#comments')
    expect(mail!.body).not.toContain('http')
  })

  it('gives a disabled account nothing', async () => {
    const { user } = await signedIn('mentor')
    t.db.update(users).set({ disabledAt: NOW.toISOString() }).where(eq(users.id, user.id)).run()
    expect(notify(t.db, review([user.id]), NOW, SITE)).toEqual({ notified: 0, queued: 0 })
    expect(notificationsFor(user.id)).toEqual([])
    expect(outboxFor(user.id)).toEqual([])
  })

  it('tells someone named twice once, and skips ids of no account', async () => {
    const { user } = await signedIn('mentor')
    expect(notify(t.db, review([user.id, user.id, 987_654]), NOW, SITE)).toEqual({ notified: 1, queued: 1 })
    expect(notificationsFor(user.id)).toHaveLength(1)
    expect(outboxFor(user.id)).toHaveLength(1)
    expect(notify(t.db, review([]), NOW, SITE)).toEqual({ notified: 0, queued: 0 })
  })

  it.each([
    'https://evil.example/phish',
    '//evil.example',
    '/\\evil.example',
    'evidence/1',
    '',
    'javascript:alert(1)',
    '/a\nb',
  ])('refuses the link %j and stores nothing', async (link) => {
    const { user } = await signedIn('trainee')
    expect(() => notify(t.db, review([user.id], { link }), NOW, SITE)).toThrow(/path on this site/)
    expect(notificationsFor(user.id)).toEqual([])
    expect(outboxFor(user.id)).toEqual([])
  })

  it('keeps a subject on one line', async () => {
    const { user } = await signedIn('trainee')
    notify(t.db, review([user.id], { emailSubject: 'Hello\r\nBcc: everyone@example.org' }), NOW, SITE)
    expect(outboxFor(user.id)[0]!.subject).toBe('Hello Bcc: everyone@example.org')
  })
})

describe('reading notifications', () => {
  let a: User
  let b: User

  beforeAll(async () => {
    a = (await signedIn('trainee')).user
    b = (await signedIn('trainee')).user
    notify(t.db, review([a.id, b.id], { title: 'First' }), NOW, SITE)
    notify(t.db, review([a.id, b.id], { title: 'Second' }), minutesLater(1), SITE)
  })

  it('lists newest first and counts the unread', () => {
    expect(listNotifications(t.db, a.id).map((n) => n.title)).toEqual(['Second', 'First'])
    expect(listNotifications(t.db, a.id, { limit: 1 }).map((n) => n.title)).toEqual(['Second'])
    expect(unreadCount(t.db, a.id)).toBe(2)
  })

  it('lets a user mark only their own as read', () => {
    const bFirst = listNotifications(t.db, b.id).find((n) => n.title === 'First')!
    expect(markRead(t.db, a.id, bFirst.id, minutesLater(2))).toBe(false)
    expect(unreadCount(t.db, b.id)).toBe(2)
    expect(listNotifications(t.db, b.id).find((n) => n.id === bFirst.id)?.readAt).toBeNull()

    const aFirst = listNotifications(t.db, a.id).find((n) => n.title === 'First')!
    expect(markRead(t.db, a.id, aFirst.id, minutesLater(2))).toBe(true)
    expect(unreadCount(t.db, a.id)).toBe(1)
    // Marking again keeps the first time it was read.
    expect(markRead(t.db, a.id, aFirst.id, minutesLater(5))).toBe(true)
    expect(listNotifications(t.db, a.id).find((n) => n.id === aFirst.id)?.readAt).toBe(minutesLater(2).toISOString())
    expect(unreadCount(t.db, b.id)).toBe(2)
  })

  it('marks all of one user’s as read, and no one else’s', () => {
    expect(markAllRead(t.db, b.id, minutesLater(3))).toBe(2)
    expect(unreadCount(t.db, b.id)).toBe(0)
    expect(markAllRead(t.db, b.id, minutesLater(4))).toBe(0)
    expect(unreadCount(t.db, a.id)).toBe(1)
  })
})

describe('/notifications', () => {
  const load = (cookie: string | null) =>
    outcomeOf(() =>
      notificationsLoader({ request: requestAs(cookie, '/notifications'), params: {}, context: context() }),
    )
  const post = (cookie: string | null, form: Record<string, string>) =>
    outcomeOf(() =>
      notificationsAction({ request: requestAs(cookie, '/notifications', { form }), params: {}, context: context() }),
    )

  it('sends someone signed out to sign in', async () => {
    const answer = await load(null)
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/login?redirectTo=%2Fnotifications')
    expect((await post(null, { intent: 'all' })).status).toBe(302)
  })

  it('shows an empty list to someone with no notifications', async () => {
    const { cookie } = await signedIn('mentor')
    const answer = await load(cookie)
    expect(answer.data).toMatchObject({ role: 'mentor', notifications: [], unread: 0, emailOn: true })
  })

  it('lists the user’s own notifications, marks one read, then all', async () => {
    const me = await signedIn('trainee')
    const other = await signedIn('trainee')
    notify(
      t.db,
      review([me.user.id, other.user.id], { kind: 'claim_verified', title: 'Sci1 verified', link: '/evidence/3' }),
      NOW,
      SITE,
    )
    notify(
      t.db,
      review([me.user.id], { kind: 'comment', title: 'New comment', link: '/evidence/3#comments' }),
      minutesLater(1),
      SITE,
    )

    const page = await load(me.cookie)
    expect(page.data.unread).toBe(2)
    expect(page.data.notifications.map((n: { title: string }) => n.title)).toEqual(['New comment', 'Sci1 verified'])

    const first = page.data.notifications[1].id
    const read = await post(me.cookie, { intent: 'read', id: String(first) })
    expect(read).toMatchObject({ status: 200, data: { ok: true, intent: 'read' } })
    expect(unreadCount(t.db, me.user.id)).toBe(1)

    const all = await post(me.cookie, { intent: 'all' })
    expect(all.data).toMatchObject({ ok: true, message: 'Marked 1 notification as read.' })
    expect(unreadCount(t.db, me.user.id)).toBe(0)
    expect(unreadCount(t.db, other.user.id)).toBe(1)
  })

  it('opens a notification: marks it read and goes to its stored link, whatever the form says', async () => {
    const me = await signedIn('trainee')
    notify(
      t.db,
      review([me.user.id], { kind: 'changes_requested', title: 'Changes asked', link: '/evidence/12?tab=review' }),
      NOW,
      SITE,
    )
    const [n] = listNotifications(t.db, me.user.id)
    const answer = await post(me.cookie, {
      intent: 'open',
      id: String(n!.id),
      link: 'https://evil.example/',
      redirectTo: '//evil.example',
    })
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/evidence/12?tab=review')
    expect(listNotifications(t.db, me.user.id)[0]!.readAt).toBe(NOW.toISOString())
  })

  it('answers 404 for another user’s notification, and leaves it unread', async () => {
    const me = await signedIn('trainee')
    const other = await signedIn('mentor')
    notify(t.db, review([other.user.id]), NOW, SITE)
    const [theirs] = listNotifications(t.db, other.user.id)
    for (const intent of ['open', 'read']) {
      const answer = await post(me.cookie, { intent, id: String(theirs!.id) })
      expect(answer.status).toBe(404)
    }
    expect((await post(me.cookie, { intent: 'open', id: '999999' })).status).toBe(404)
    expect(unreadCount(t.db, other.user.id)).toBe(1)
  })

  it('refuses a malformed request at the form', async () => {
    const me = await signedIn('trainee')
    const noId = await post(me.cookie, { intent: 'open', id: 'everything' })
    expect(noId.status).toBe(400)
    expect(noId.data.formError).toBe('Choose a notification')
    const noIntent = await post(me.cookie, { intent: 'delete' })
    expect(noIntent.status).toBe(400)
    expect(noIntent.data.formError).toBeTruthy()
  })
})

describe('/settings/notifications', () => {
  const load = (cookie: string) =>
    outcomeOf(() =>
      settingsLoader({ request: requestAs(cookie, '/settings/notifications'), params: {}, context: context() }),
    )
  const post = (cookie: string, form: Record<string, string>) =>
    outcomeOf(() =>
      settingsAction({
        request: requestAs(cookie, '/settings/notifications', { form }),
        params: {},
        context: context(),
      }),
    )

  it('turns e-mails off and on again', async () => {
    const { user, cookie } = await signedIn('mentor')
    expect((await load(cookie)).data).toEqual({
      email: user.email,
      role: 'mentor',
      emailNotifications: true,
      weeklyDigest: true,
    })

    const off = await post(cookie, {})
    expect(off.data).toMatchObject({ ok: true, on: false })
    expect(getEmailNotifications(t.db, user.id)).toBe(false)
    expect((await load(cookie)).data.emailNotifications).toBe(false)
    // With e-mail off, notifications still arrive in the app.
    notify(t.db, review([user.id]), NOW, SITE)
    expect(unreadCount(t.db, user.id)).toBe(1)
    expect(outboxFor(user.id)).toEqual([])

    const on = await post(cookie, { emailNotifications: 'on' })
    expect(on.data).toMatchObject({ ok: true, on: true })
    expect(getEmailNotifications(t.db, user.id)).toBe(true)
  })

  it('refuses a value a checkbox never sends', async () => {
    const { user, cookie } = await signedIn('trainee')
    const answer = await post(cookie, { emailNotifications: 'sometimes' })
    expect(answer.status).toBe(400)
    expect(getEmailNotifications(t.db, user.id)).toBe(true)
  })

  it('sends someone signed out to sign in', async () => {
    const answer = await outcomeOf(() =>
      settingsLoader({ request: requestAs(null, '/settings/notifications'), params: {}, context: context() }),
    )
    expect(answer.status).toBe(302)
  })
})

describe('/admin/outbox', () => {
  const load = (cookie: string, smtpUrl?: string) =>
    outcomeOf(() =>
      outboxLoader({
        request: requestAs(cookie, '/admin/outbox'),
        params: {},
        context: context({ env: readEnv({ NODE_ENV: 'test', ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}) }) }),
      }),
    )

  it.each<Role>(['trainee', 'mentor', 'assessor'])('is not there for a %s', async (role) => {
    const { cookie } = await signedIn(role)
    expect((await load(cookie)).status).toBe(404)
  })

  it('lists e-mails for an administrator, newest first, with the recipient and status', async () => {
    const admin = await signedIn('admin')
    const { user: mentor } = await signedIn('mentor')
    notify(t.db, review([mentor.id], { title: 'Older' }), NOW, SITE)
    notify(t.db, review([mentor.id], { title: 'Newer' }), minutesLater(10), SITE)
    const [newer, older] = outboxFor(mentor.id).sort((x, y) => y.id - x.id)
    t.db
      .update(emailOutbox)
      .set({ attempts: 2, lastError: '550 No such mailbox' })
      .where(eq(emailOutbox.id, older!.id))
      .run()

    const answer = await load(admin.cookie)
    expect(answer.status).toBe(200)
    expect(answer.data.smtpConfigured).toBe(false)
    const mine = answer.data.emails.filter((e: { toAddress: string }) => e.toAddress === mentor.email)
    expect(mine.map((e: { subject: string }) => e.subject)).toEqual(['Newer', 'Older'])
    expect(mine[0]).toMatchObject({
      id: newer!.id,
      recipientName: mentor.name,
      attempts: 0,
      status: { state: 'waiting' },
    })
    expect(mine[1]).toMatchObject({
      attempts: 2,
      status: { state: 'failed', error: '550 No such mailbox', gaveUp: false },
    })
    expect(mine[0].body).toContain('https://attain.example.nhs.uk/mentor/trainees/1')
    expect(listOutbox(t.db, { limit: 1 })).toHaveLength(1)
  })

  it('says SMTP is configured without ever showing its address', async () => {
    const admin = await signedIn('admin')
    const answer = await load(admin.cookie, 'smtps://mailer:s3cret-pass@smtp.example.org:465')
    expect(answer.data.smtpConfigured).toBe(true)
    expect(JSON.stringify(answer.data)).not.toMatch(/s3cret|smtp\.example\.org/)
  })
})
