import { and, asc, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { emailOutbox, notifications, users } from '../../db/schema'
import { composeEmailText, oneLine } from '~/notifications/email'
import { isSitePath } from '~/notifications/links'
import { keysetPage } from '~/models/pagination.server'
import { prepared } from '~/models/prepared.server'
import { PAGE_SIZE, type PageRequest } from '~/utils/pagination'

export const NOTIFICATION_KINDS = [
  'review_requested',
  'claim_verified',
  'changes_requested',
  'comment',
  'declaration_signed',
  'declaration_voided',
  'assessment_released',
  'portfolio_submitted',
  'submission_assigned',
  'feedback_released',
  'weekly_digest',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export interface NotifyInput {
  userIds: number[]
  kind: NotificationKind
  title: string
  body?: string
  /** A path on this site, such as `/evidence/12`; anything else is refused. */
  link: string
  /** Defaults to the title. */
  emailSubject?: string
  /** Defaults to the body. The link is always added after it. */
  emailText?: string
}

export interface NotifyResult {
  /** Notifications created: one per distinct, enabled recipient. */
  notified: number
  /** E-mails queued: for those recipients with e-mail notifications on. */
  queued: number
}

/**
 * Tells each of these users, once, in the app and — for those who want it — by
 * an e-mail queued in the outbox. Disabled accounts and unknown ids are skipped.
 * Throws if the link is not a path on this site.
 */
export function notify(
  db: Db,
  input: NotifyInput,
  now = new Date(),
  { publicUrl }: { publicUrl: string | null },
): NotifyResult {
  if (!isSitePath(input.link))
    throw new Error(`A notification link must be a path on this site, not ${JSON.stringify(input.link)}`)
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(input.kind))
    throw new Error(`Unknown notification kind ${JSON.stringify(input.kind)}`)
  const ids = [...new Set(input.userIds)]
  if (ids.length === 0) return { notified: 0, queued: 0 }

  const stamp = now.toISOString()
  const title = oneLine(input.title)
  const body = input.body?.trim() ?? ''
  const subject = oneLine(input.emailSubject ?? input.title)
  const text = composeEmailText({ title, body, emailText: input.emailText, link: input.link, publicUrl })

  return db.transaction((tx) => {
    const recipients = tx
      .select({ id: users.id, email: users.email, emailNotifications: users.emailNotifications })
      .from(users)
      .where(and(inArray(users.id, ids), isNull(users.disabledAt)))
      .orderBy(asc(users.id))
      .all()
    if (recipients.length === 0) return { notified: 0, queued: 0 }
    tx.insert(notifications)
      .values(
        recipients.map((r) => ({ userId: r.id, kind: input.kind, title, body, link: input.link, createdAt: stamp })),
      )
      .run()
    const mailed = recipients.filter((r) => r.emailNotifications)
    if (mailed.length > 0) {
      tx.insert(emailOutbox)
        .values(mailed.map((r) => ({ userId: r.id, toAddress: r.email, subject, body: text, createdAt: stamp })))
        .run()
    }
    return { notified: recipients.length, queued: mailed.length }
  })
}

export interface NotificationRow {
  id: number
  kind: string
  title: string
  body: string
  link: string
  createdAt: string
  readAt: string | null
}

/** A user's notifications, newest first. */
const notificationColumns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
}

export function listNotifications(db: Db, userId: number, { limit = 50 }: { limit?: number } = {}): NotificationRow[] {
  return db
    .select(notificationColumns)
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all()
}

/** One page of a user's notifications, newest first, by keyset on (time, id). */
export function listNotificationsPage(db: Db, userId: number, request: PageRequest, size = PAGE_SIZE) {
  const mine = eq(notifications.userId, userId)
  return keysetPage<NotificationRow>(
    {
      key: notifications.createdAt,
      id: notifications.id,
      order: 'desc',
      cursorOf: (row) => ({ key: row.createdAt, id: row.id }),
      rows: (extra, direction, limit) =>
        db
          .select(notificationColumns)
          .from(notifications)
          .where(and(mine, extra))
          .orderBy(
            direction === 'desc' ? desc(notifications.createdAt) : asc(notifications.createdAt),
            direction === 'desc' ? desc(notifications.id) : asc(notifications.id),
          )
          .limit(limit)
          .all(),
      count: (extra) => db.select({ n: count() }).from(notifications).where(and(mine, extra)).get()!.n,
    },
    request,
    size,
  )
}

// In the header of every signed-in page: prepared once per connection.
const unreadOf = (db: Db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt)))
    .prepare()

export function unreadCount(db: Db, userId: number): number {
  return prepared(db, unreadOf).get({ userId })?.n ?? 0
}

/**
 * Marks one of this user's notifications read (a read one keeps its first time).
 * False when the user has no notification by that id — another user's included.
 */
export function markRead(db: Db, userId: number, id: number, now = new Date()): boolean {
  return (
    db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()})` })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .run().changes === 1
  )
}

/** Marks one of this user's notifications read and gives its link; undefined if it is not theirs. */
export function openNotification(db: Db, userId: number, id: number, now = new Date()): string | undefined {
  return db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ link: notifications.link })
    .get()?.link
}

/** Marks every unread notification of this user read; how many there were. */
export function markAllRead(db: Db, userId: number, now = new Date()): number {
  return db
    .update(notifications)
    .set({ readAt: now.toISOString() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes
}

/** Turns e-mail notifications on or off; false if there is no such user. */
export function setEmailNotifications(db: Db, userId: number, on: boolean, now = new Date()): boolean {
  return (
    db.update(users).set({ emailNotifications: on, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
      .changes === 1
  )
}

/** Turns the weekly digest on or off; false if there is no such user. */
export function setWeeklyDigest(db: Db, userId: number, on: boolean, now = new Date()): boolean {
  return (
    db.update(users).set({ weeklyDigest: on, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
      .changes === 1
  )
}

/** Whether this user gets the weekly digest (false for an unknown user). */
export function getWeeklyDigest(db: Db, userId: number): boolean {
  return db.select({ on: users.weeklyDigest }).from(users).where(eq(users.id, userId)).get()?.on ?? false
}

/** Whether this user wants e-mails (false for an unknown user). */
export function getEmailNotifications(db: Db, userId: number): boolean {
  return db.select({ on: users.emailNotifications }).from(users).where(eq(users.id, userId)).get()?.on ?? false
}

export interface OutboxRow {
  id: number
  userId: number | null
  /** The recipient's name now, if the e-mail was for an account. */
  recipientName: string | null
  toAddress: string
  subject: string
  body: string
  createdAt: string
  sentAt: string | null
  attempts: number
  lastError: string | null
}

/** The outbox, newest first, for administrators. */
const outboxColumns = {
  id: emailOutbox.id,
  userId: emailOutbox.userId,
  recipientName: users.name,
  toAddress: emailOutbox.toAddress,
  subject: emailOutbox.subject,
  body: emailOutbox.body,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
}

export function listOutbox(db: Db, { limit = 100 }: { limit?: number } = {}): OutboxRow[] {
  return db
    .select(outboxColumns)
    .from(emailOutbox)
    .leftJoin(users, eq(users.id, emailOutbox.userId))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit)
    .all()
}

/** One page of the outbox, newest first, by keyset on (time, id). */
export function listOutboxPage(db: Db, request: PageRequest, size = PAGE_SIZE) {
  return keysetPage<OutboxRow>(
    {
      key: emailOutbox.createdAt,
      id: emailOutbox.id,
      order: 'desc',
      cursorOf: (row) => ({ key: row.createdAt, id: row.id }),
      rows: (extra, direction, limit) =>
        db
          .select(outboxColumns)
          .from(emailOutbox)
          .leftJoin(users, eq(users.id, emailOutbox.userId))
          .where(extra)
          .orderBy(
            direction === 'desc' ? desc(emailOutbox.createdAt) : asc(emailOutbox.createdAt),
            direction === 'desc' ? desc(emailOutbox.id) : asc(emailOutbox.id),
          )
          .limit(limit)
          .all(),
      count: (extra) => db.select({ n: count() }).from(emailOutbox).where(extra).get()!.n,
    },
    request,
    size,
  )
}

export interface PendingEmail {
  id: number
  toAddress: string
  subject: string
  body: string
  attempts: number
}

/** Unsent e-mails that have not used up their attempts, oldest first. */
export function pendingEmails(
  db: Db,
  limit: number,
  { maxAttempts = 5 }: { maxAttempts?: number } = {},
): PendingEmail[] {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      body: emailOutbox.body,
      attempts: emailOutbox.attempts,
    })
    .from(emailOutbox)
    .where(and(isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, maxAttempts)))
    .orderBy(asc(emailOutbox.id))
    .limit(limit)
    .all()
}

export function markSent(db: Db, id: number, now = new Date()): void {
  db.update(emailOutbox)
    .set({ sentAt: now.toISOString(), attempts: sql`${emailOutbox.attempts} + 1` })
    .where(eq(emailOutbox.id, id))
    .run()
}

/** Counts a failed attempt and keeps its reason (shortened) for the administrator. */
export function markFailed(db: Db, id: number, error: string): void {
  const reason = error.replace(/\s+/g, ' ').trim().slice(0, 500) || 'Unknown error'
  db.update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: reason })
    .where(eq(emailOutbox.id, id))
    .run()
}
