/**
 * The weekly digest's run: each mentor's items waiting for review, each trainee's target date against their
 * coverage, sent at most once a week whichever process runs it. The queries and the claim are
 * app/models/digest.server.ts.
 */
import type { Db } from '../../db/client'
import { coverageReportsFor } from '~/portfolio/coverage.server'
import {
  claimDigestRun,
  digestMentors,
  digestRunOf,
  digestTrainees,
  type DigestNotice,
  type DigestRunResult,
} from '~/models/digest.server'
import { isoWeek, traineeDigest } from '~/notifications/digest'

/** Each trainee with the digest on: their target date against their coverage. */
function traineeNotices(db: Db, now: Date): DigestNotice[] {
  const rows = digestTrainees(db)
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

/**
 * Sends the digest of the week `now` falls in, unless it has gone already. Claiming the week and queueing every
 * notification and e-mail happen in one immediate transaction (`claimDigestRun`): of two processes only one
 * sends, and a crash or error sends nothing and leaves the week unclaimed for the next check.
 */
export function runWeeklyDigest(db: Db, now: Date, { publicUrl }: { publicUrl: string | null }): DigestRunResult {
  const period = isoWeek(now)
  const ranAt = now.toISOString()
  // The hourly check costs one read once the week's digest has gone.
  const gone = digestRunOf(db, period)
  if (gone) return gone
  // What to say is read first; the claim decides, atomically, whether it is sent.
  const notices = [...digestMentors(db, now), ...traineeNotices(db, now)]
  const claimed = claimDigestRun(db, { period, ranAt, notices }, now, { publicUrl })
  if (!claimed) return digestRunOf(db, period)!
  return {
    period,
    claimed: true,
    ranAt,
    mentors: notices.filter((m) => m.to === 'mentor').length,
    trainees: notices.filter((m) => m.to === 'trainee').length,
  }
}
