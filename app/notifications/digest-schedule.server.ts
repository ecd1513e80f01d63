import type { Db } from '../../db/client'
import { type DigestRunResult } from '~/models/digest.server'
import { runWeeklyDigest } from '~/notifications/weekly-digest.server'
import type { Env } from '~/utils/env.server'

/** How often the schedule looks whether this week's digest is due. */
export const DIGEST_CHECK_INTERVAL_MS = 3_600_000
/** The digest of a week goes from Monday at this hour (UTC) on. */
export const DIGEST_HOUR_UTC = 7

/** Monday 07:00 UTC of the week `now` falls in. */
export function digestDueAt(now: Date): Date {
  const weekday = now.getUTCDay() || 7
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (weekday - 1), DIGEST_HOUR_UTC))
}

export interface DigestScheduler {
  /** Sends this week's digest if it is due and has not gone yet; what it did, or null when not due. */
  runIfDue(): DigestRunResult | null
}

/**
 * The weekly digest's schedule against a clock. Whether a week's digest has gone lives in the database (its
 * `scheduled_runs` row), never in this object: a restarted server, or a second process, asks the same question
 * and gets the same answer, so a week is neither skipped nor sent twice.
 */
export function createDigestScheduler(
  db: Db,
  { now = () => new Date(), publicUrl }: { now?: () => Date; publicUrl: string | null },
): DigestScheduler {
  return {
    runIfDue() {
      const at = now()
      if (at < digestDueAt(at)) return null
      return runWeeklyDigest(db, at, { publicUrl })
    },
  }
}

/**
 * Checks at start-up and every hour whether this week's digest is due, and sends it once. The timer does not keep
 * the process alive. `DIGEST_SCHEDULE=off` schedules nothing (an admin can still send it from `/admin/outbox`).
 * The returned function stops the schedule.
 */
export function startDigestSchedule(
  db: Db,
  env: Pick<Env, 'digestSchedule' | 'publicUrl'>,
  {
    now,
    intervalMs = DIGEST_CHECK_INTERVAL_MS,
    log = console.log,
  }: { now?: () => Date; intervalMs?: number; log?: (line: string) => void } = {},
): () => void {
  if (env.digestSchedule === 'off') return () => {}
  const scheduler = createDigestScheduler(db, { now, publicUrl: env.publicUrl })
  const run = () => {
    try {
      const result = scheduler.runIfDue()
      if (result?.claimed) log(JSON.stringify({ event: 'weekly_digest', ...result }))
    } catch (error) {
      console.error('Weekly digest failed', error)
    }
  }
  run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
