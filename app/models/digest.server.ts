/** The weekly digest's queries: who gets one, and the claim of a week that queues them in one transaction. */
import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { asDb, type Db } from '../../db/client'
import { evidenceItems, mentorLinks, scheduledRuns, traineeProfiles, users } from '../../db/schema'
import { notify } from '~/models/notifications.server'
import { DIGEST_WAIT_DAYS, mentorDigest, type DigestMessage, type WaitingItem } from '~/notifications/digest'

export const WEEKLY_DIGEST = 'weekly-digest'

export interface DigestRunResult {
  period: string
  /** False when this week's digest had already gone (from this process or another): nothing was sent. */
  claimed: boolean
  ranAt: string
  mentors: number
  trainees: number
}

/** The latest digest run, if any. */
export function lastDigestRun(db: Db) {
  return db
    .select({ period: scheduledRuns.period, ranAt: scheduledRuns.ranAt, detail: scheduledRuns.detail })
    .from(scheduledRuns)
    .where(eq(scheduledRuns.kind, WEEKLY_DIGEST))
    .orderBy(desc(scheduledRuns.ranAt))
    .get()
}

/** The digest run of this period (an ISO week), if it has gone. */
export function digestRunOf(db: Db, period: string): DigestRunResult | undefined {
  const earlier = db
    .select({ ranAt: scheduledRuns.ranAt, detail: scheduledRuns.detail })
    .from(scheduledRuns)
    .where(and(eq(scheduledRuns.kind, WEEKLY_DIGEST), eq(scheduledRuns.period, period)))
    .get()
  return earlier
    ? {
        period,
        claimed: false,
        ranAt: earlier.ranAt,
        mentors: Number(earlier.detail.mentors ?? 0),
        trainees: Number(earlier.detail.trainees ?? 0),
      }
    : undefined
}

export interface DigestNotice {
  userId: number
  to: 'mentor' | 'trainee'
  message: DigestMessage
}

/**
 * Claims the period's digest and queues every notice (and its e-mail) in one immediate transaction: one
 * INSERT … ON CONFLICT DO NOTHING on the run's (kind, period) key, so of two processes only the one whose insert
 * lands sends. Returns whether this call claimed it.
 */
export function claimDigestRun(
  db: Db,
  { period, ranAt, notices }: { period: string; ranAt: string; notices: readonly DigestNotice[] },
  now: Date,
  { publicUrl }: { publicUrl: string | null },
): boolean {
  const detail = {
    mentors: notices.filter((m) => m.to === 'mentor').length,
    trainees: notices.filter((m) => m.to === 'trainee').length,
  }
  return db.transaction((tx) => {
    const won =
      tx.insert(scheduledRuns).values({ kind: WEEKLY_DIGEST, period, ranAt, detail }).onConflictDoNothing().run()
        .changes === 1
    if (!won) return false
    for (const { userId, message } of notices)
      notify(asDb(tx), { userIds: [userId], kind: 'weekly_digest', ...message }, now, { publicUrl })
    return true
  })
}

/** Each mentor with the digest on and items of linked trainees waiting more than seven days, with their message. */
export function digestMentors(db: Db, now: Date) {
  const cutoff = new Date(now.getTime() - DIGEST_WAIT_DAYS * 86_400_000).toISOString()
  const trainee = alias(users, 'trainee')
  const rows = db
    .select({
      mentorId: mentorLinks.mentorId,
      evidenceId: evidenceItems.id,
      title: evidenceItems.title,
      traineeName: trainee.name,
      reviewRequestedAt: evidenceItems.reviewRequestedAt,
    })
    .from(evidenceItems)
    .innerJoin(trainee, eq(trainee.id, evidenceItems.traineeId))
    .innerJoin(mentorLinks, and(eq(mentorLinks.traineeId, evidenceItems.traineeId), isNull(mentorLinks.endedAt)))
    .innerJoin(users, eq(users.id, mentorLinks.mentorId))
    .where(
      and(
        eq(evidenceItems.status, 'awaiting_review'),
        lt(evidenceItems.reviewRequestedAt, cutoff),
        eq(users.weeklyDigest, true),
        isNull(users.disabledAt),
        eq(users.role, 'mentor'),
        isNull(trainee.disabledAt),
      ),
    )
    .orderBy(asc(mentorLinks.mentorId), asc(evidenceItems.reviewRequestedAt), asc(evidenceItems.id))
    .all()
  const byMentor = new Map<number, WaitingItem[]>()
  for (const r of rows) {
    if (!r.reviewRequestedAt) continue
    byMentor.set(r.mentorId, [...(byMentor.get(r.mentorId) ?? []), { ...r, reviewRequestedAt: r.reviewRequestedAt }])
  }
  return [...byMentor].flatMap(([userId, items]) => {
    const message = mentorDigest(items, now)
    return message ? [{ userId, to: 'mentor' as const, message }] : []
  })
}

/** Each trainee with the digest on, with their target submission date, in order of id. */
export function digestTrainees(db: Db) {
  return db
    .select({ userId: users.id, targetSubmissionDate: traineeProfiles.targetSubmissionDate })
    .from(users)
    .innerJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(and(eq(users.role, 'trainee'), eq(users.weeklyDigest, true), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .all()
}
