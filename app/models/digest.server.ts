/** The weekly digest: who gets one, and the run that claims its week and queues them in one transaction. */
import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { asDb, type Db } from '../../db/client'
import { evidenceItems, mentorLinks, scheduledRuns, traineeProfiles, users } from '../../db/schema'
import { coverageReportsFor } from '~/models/coverage.server'
import { notify } from '~/models/notifications.server'
import { DIGEST_WAIT_DAYS, isoWeek, mentorDigest, traineeDigest, type WaitingItem } from '~/notifications/digest'

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

/**
 * Sends the digest of the week `now` falls in, unless it has gone already. Claiming the week (one INSERT … ON
 * CONFLICT DO NOTHING on its (kind, period) key) and queueing every notification and e-mail happen in one
 * immediate transaction: of two processes only the one whose insert lands sends, and a crash or error sends
 * nothing and leaves the week unclaimed for the next check.
 */
export function runWeeklyDigest(db: Db, now: Date, { publicUrl }: { publicUrl: string | null }): DigestRunResult {
  const period = isoWeek(now)
  const ranAt = now.toISOString()
  const earlierRun = () => {
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
  // The hourly check costs one read once the week's digest has gone.
  const gone = earlierRun()
  if (gone) return gone
  // What to say is read first; the claim below decides, atomically, whether it is sent.
  const messages = [...digestMentors(db, now), ...digestTrainees(db, now)]
  const detail = {
    mentors: messages.filter((m) => m.to === 'mentor').length,
    trainees: messages.filter((m) => m.to === 'trainee').length,
  }
  const claimed = db.transaction((tx) => {
    const won =
      tx.insert(scheduledRuns).values({ kind: WEEKLY_DIGEST, period, ranAt, detail }).onConflictDoNothing().run()
        .changes === 1
    if (!won) return false
    for (const { userId, message } of messages)
      notify(asDb(tx), { userIds: [userId], kind: 'weekly_digest', ...message }, now, { publicUrl })
    return true
  })
  return claimed ? { period, claimed: true, ranAt, ...detail } : earlierRun()!
}

/** Each mentor with the digest on and items of linked trainees waiting more than seven days, with their message. */
function digestMentors(db: Db, now: Date) {
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

/** Each trainee with the digest on: their target date against their coverage. */
function digestTrainees(db: Db, now: Date) {
  const rows = db
    .select({ userId: users.id, targetSubmissionDate: traineeProfiles.targetSubmissionDate })
    .from(users)
    .innerJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(and(eq(users.role, 'trainee'), eq(users.weeklyDigest, true), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .all()
  if (rows.length === 0) return []
  const reports = coverageReportsFor(
    db,
    rows.map((r) => r.userId),
    now,
  )
  return rows.map((r) => {
    const { report, awaitingReview } = reports.get(r.userId)!
    return {
      userId: r.userId,
      to: 'trainee' as const,
      message: traineeDigest(
        {
          targetSubmissionDate: r.targetSubmissionDate,
          areasWithoutEvidence: report.summary.areasTotal - report.summary.areasEvidenced,
          areasTotal: report.summary.areasTotal,
          awaitingReview,
        },
        now,
      ),
    }
  })
}
