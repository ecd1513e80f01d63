import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { emailOutbox, evidenceItems, mentorLinks, notifications, scheduledRuns, users } from '../../db/schema'
import { createEvidence } from '../../app/models/evidence.server'
import { setWeeklyDigest } from '../../app/models/notifications.server'
import { sendForReview } from '../../app/models/review.server'
import { createTrainee, createUser, type User } from '../../app/models/user.server'
import { runWeeklyDigest } from '../../app/notifications/weekly-digest.server'
import { createDigestScheduler } from '../../app/notifications/digest-schedule.server'
import { action as outboxAction, loader as outboxLoader } from '../../app/routes/admin.outbox'
import {
  action as notificationSettingsAction,
  loader as notificationSettingsLoader,
} from '../../app/routes/settings.notifications'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'

let t: TestDb
beforeEach(() => {
  t = createTestDb()
})
afterEach(() => t.cleanup())

const DAY = 86_400_000
// Tuesday 1 December 2026, in ISO week 2026-W49.
const TUESDAY = new Date('2026-12-01T09:00:00Z')

function item(db: Db, trainee: User, title: string, sentAt: Date): number {
  const id = createEvidence(db, trainee.id, {
    title,
    activityStart: '2026-10-01',
    activityEnd: null,
    evidenceType: 'audit',
    role: 'led',
    description: 'I audited the checks.',
    reflection: '',
    claims: [{ area: 'Tech3', statement: 'I did the checks myself.', competencies: [] }],
  })
  sendForReview(db, trainee.id, [id], sentAt)
  db.update(evidenceItems).set({ reviewRequestedAt: sentAt.toISOString() }).where(eq(evidenceItems.id, id)).run()
  return id
}

function world(db: Db) {
  const trainee = createTrainee(
    db,
    { email: 'priya@example.nhs.uk', name: 'Priya Shah', passwordHash: 'x' },
    { specialism: 'radiotherapy-physics', employer: 'Trust', targetSubmissionDate: '2027-02-23' },
  )
  const supervisor = createUser(db, { email: 'sup@example.nhs.uk', name: 'Dr Sup', role: 'mentor', passwordHash: 'x' })
  const adviser = createUser(db, { email: 'adv@example.nhs.uk', name: 'Dr Adv', role: 'mentor', passwordHash: 'x' })
  const quiet = createUser(db, { email: 'quiet@example.nhs.uk', name: 'Dr Quiet', role: 'mentor', passwordHash: 'x' })
  for (const [mentor, role] of [
    [supervisor, 'supervisor'],
    [adviser, 'external-adviser'],
    [quiet, 'supervisor'],
  ] as const)
    db.insert(mentorLinks).values({ traineeId: trainee.id, mentorId: mentor.id, role, createdAt: 'x' }).run()
  setWeeklyDigest(db, quiet.id, false)
  item(db, trainee, 'Newer: linac output audit', new Date(TUESDAY.getTime() - 9 * DAY))
  item(db, trainee, 'Oldest: TPS commissioning', new Date(TUESDAY.getTime() - 20 * DAY))
  item(db, trainee, 'Only three days old', new Date(TUESDAY.getTime() - 3 * DAY))
  return { trainee, supervisor, adviser, quiet }
}

const outboxTo = (db: Db, address: string) =>
  db
    .select({ subject: emailOutbox.subject, body: emailOutbox.body })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .all()

describe('the weekly digest', () => {
  it('tells each supervisor and adviser of items waiting more than 7 days, oldest first, and the trainee of their target date', () => {
    const { trainee, supervisor } = world(t.db)
    const result = runWeeklyDigest(t.db, TUESDAY, { publicUrl: 'https://attain.example.org' })
    expect(result).toMatchObject({ period: '2026-W49', claimed: true, mentors: 2, trainees: 1 })
    for (const address of ['sup@example.nhs.uk', 'adv@example.nhs.uk']) {
      const [mail, ...more] = outboxTo(t.db, address)
      expect(more).toEqual([])
      expect(mail!.subject).toBe('Weekly digest: 2 items waiting more than a week for your review')
      const body = mail!.body
      expect(body.indexOf('Oldest: TPS commissioning')).toBeGreaterThan(-1)
      expect(body.indexOf('Oldest: TPS commissioning')).toBeLessThan(body.indexOf('Newer: linac output audit'))
      expect(body).toContain('“Oldest: TPS commissioning” from Priya Shah: waiting 20 days')
      expect(body).not.toContain('Only three days old')
      expect(body).toContain('https://attain.example.org/mentor/reviews')
    }
    // Turned off: nothing, in the app or by e-mail.
    expect(outboxTo(t.db, 'quiet@example.nhs.uk')).toEqual([])
    const [traineeMail] = outboxTo(t.db, 'priya@example.nhs.uk')
    expect(traineeMail!.subject).toBe('Weekly digest: 12 weeks to your target date; 45 areas without evidence')
    expect(traineeMail!.body).toContain('3 items waiting for your mentors’ review.')
    const inApp = t.db
      .select({ userId: notifications.userId, kind: notifications.kind, link: notifications.link })
      .from(notifications)
      .where(eq(notifications.kind, 'weekly_digest'))
      .all()
    expect(inApp).toEqual(
      expect.arrayContaining([
        { userId: supervisor.id, kind: 'weekly_digest', link: '/mentor/reviews' },
        { userId: trainee.id, kind: 'weekly_digest', link: '/coverage' },
      ]),
    )
    expect(inApp).toHaveLength(3)
  })

  it('is sent once per week across a restart', () => {
    world(t.db)
    let clock = new Date('2026-11-30T06:59:00Z') // Monday, before the digest is due
    const countMails = (db: Db) =>
      db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'sup@example.nhs.uk')).all().length

    const first = createDigestScheduler(t.db, { now: () => clock, publicUrl: null })
    expect(first.runIfDue()).toBeNull()
    expect(countMails(t.db)).toBe(0)
    clock = new Date('2026-11-30T07:00:00Z')
    expect(first.runIfDue()).toMatchObject({ period: '2026-W49', claimed: true })
    expect(countMails(t.db)).toBe(1)
    clock = new Date('2026-11-30T08:00:00Z')
    expect(first.runIfDue()).toMatchObject({ period: '2026-W49', claimed: false })

    // A restart: a new connection to the same file, a new scheduler, later in the same week.
    const reopened = openDatabase(t.file)
    try {
      clock = new Date('2026-12-03T12:00:00Z')
      const second = createDigestScheduler(reopened, { now: () => clock, publicUrl: null })
      expect(second.runIfDue()).toMatchObject({ period: '2026-W49', claimed: false, mentors: 2 })
      expect(countMails(reopened)).toBe(1)
      // The next week it goes again, once.
      clock = new Date('2026-12-07T07:30:00Z')
      expect(second.runIfDue()).toMatchObject({ period: '2026-W50', claimed: true })
      expect(second.runIfDue()).toMatchObject({ period: '2026-W50', claimed: false })
      expect(countMails(reopened)).toBe(2)
      // Down for a whole week and back on the Wednesday after: that week's digest is not skipped.
      clock = new Date('2026-12-16T10:00:00Z')
      expect(second.runIfDue()).toMatchObject({ period: '2026-W51', claimed: true })
      expect(countMails(reopened)).toBe(3)
      expect(
        reopened
          .select({ period: scheduledRuns.period })
          .from(scheduledRuns)
          .all()
          .map((r) => r.period),
      ).toEqual(['2026-W49', '2026-W50', '2026-W51'])
    } finally {
      closeDatabase(reopened)
    }
  })

  it('is claimed by one process only: a second connection running at the same moment sends nothing', () => {
    world(t.db)
    const other = openDatabase(t.file)
    try {
      const a = createDigestScheduler(t.db, { now: () => TUESDAY, publicUrl: null })
      const b = createDigestScheduler(other, { now: () => TUESDAY, publicUrl: null })
      const results = [a.runIfDue(), b.runIfDue()]
      expect(results.map((r) => r?.claimed)).toEqual([true, false])
      expect(t.db.select().from(emailOutbox).all()).toHaveLength(3)
    } finally {
      closeDatabase(other)
    }
  })

  it('sends nothing and claims nothing when the run fails part-way', () => {
    world(t.db)
    // A recipient whose e-mail cannot be queued: the whole run is rolled back, the week left unclaimed.
    t.db.$client.exec(
      "CREATE TRIGGER refuse_mail BEFORE INSERT ON email_outbox WHEN NEW.to_address = 'adv@example.nhs.uk' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    )
    expect(() => runWeeklyDigest(t.db, TUESDAY, { publicUrl: null })).toThrow(/refused/)
    expect(t.db.select().from(scheduledRuns).all()).toEqual([])
    expect(t.db.select().from(emailOutbox).all()).toEqual([])
    t.db.$client.exec('DROP TRIGGER refuse_mail')
    expect(runWeeklyDigest(t.db, TUESDAY, { publicUrl: null }).claimed).toBe(true)
  })

  it('can be sent by an admin from the outbox page, once a week, and turned off by anyone in their settings', async () => {
    const { supervisor } = world(t.db)
    const admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    const context = makeContext(t.db, { now: () => TUESDAY })
    const post = () =>
      settle(() =>
        outboxAction({
          request: requestAs(admin.cookie, '/admin/outbox', { form: { intent: 'send-digest' } }),
          context,
          params: {},
        }),
      )
    expect(payloadOf(await post()).data).toMatchObject({ ok: true, claimed: true, mentors: 2, trainees: 1 })
    expect(payloadOf(await post()).data).toMatchObject({ ok: true, claimed: false })
    const page = payloadOf<{ digest: { last: { period: string } } }>(
      await settle(() => outboxLoader({ request: requestAs(admin.cookie, '/admin/outbox'), context, params: {} })),
    )
    expect(page.data.digest.last.period).toBe('2026-W49')
    const refused = await settle(() =>
      outboxAction({
        request: requestAs(admin.cookie, '/admin/outbox', { form: { intent: 'something-else' } }),
        context,
        params: {},
      }),
    )
    expect(payloadOf(refused).status).toBe(400)

    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    // Only an admin may send it.
    const notAdmin = await settle(() =>
      outboxAction({
        request: requestAs(mentor.cookie, '/admin/outbox', { form: { intent: 'send-digest' } }),
        context,
        params: {},
      }),
    )
    expect((notAdmin as Response).status).toBe(404)
    const settings = (form: Record<string, string>) =>
      settle(() =>
        notificationSettingsAction({
          request: requestAs(mentor.cookie, '/settings/notifications', { form }),
          context,
          params: {},
        }),
      )
    await settings({ emailNotifications: 'on' })
    const off = payloadOf<{ weeklyDigest: boolean }>(
      await settle(() =>
        notificationSettingsLoader({
          request: requestAs(mentor.cookie, '/settings/notifications'),
          context,
          params: {},
        }),
      ),
    )
    expect(off.data.weeklyDigest).toBe(false)
    await settings({ emailNotifications: 'on', weeklyDigest: 'on' })
    expect(t.db.select({ d: users.weeklyDigest }).from(users).where(eq(users.id, mentor.user.id)).get()!.d).toBe(true)
    expect(t.db.select({ d: users.weeklyDigest }).from(users).where(eq(users.id, supervisor.id)).get()!.d).toBe(true)
  })
})
