import type { Db } from '../../db/client'
import type { Env } from '~/utils/env.server'
import { sweepFiles } from '~/files/sweep.server'
import { startMailDelivery } from '~/notifications/mailer.server'
import { startDigestSchedule } from '~/notifications/digest-schedule.server'
import { startConversionProcess } from '~/conversion/supervisor.server'

const SWEEP_INTERVAL_MS = 6 * 3_600_000

/**
 * Every job the server runs beside answering requests, started in exactly one process: the cluster's primary
 * when several workers answer requests, else the one server process. A new scheduled job belongs here.
 *
 * - the file sweep: stored files no attachment uses (a form that failed after its files were stored) go after a
 *   day; at start-up and every six hours;
 * - e-mail delivery: the outbox every 30 seconds when SMTP_URL is set; without it e-mails wait for an admin;
 * - the weekly digest: checked at start-up and hourly, sent once a week from Monday 07:00 UTC; whether a week's
 *   has gone is a row in the database, so a restart neither skips nor repeats one;
 * - the Office-conversion worker process, restarted if it dies.
 *
 * The returned function stops them all and resolves once the work under way has finished: call it before the
 * database is closed.
 */
export function startBackgroundJobs(db: Db, env: Env): () => Promise<void> {
  const sweep = () =>
    sweepFiles(db, env.dataDir)
      .then((report) => console.log(JSON.stringify({ event: 'file_sweep', ...report, missing: report.missing.length })))
      .catch((error: unknown) => console.error('File sweep failed', error))
  let sweeping: Promise<void> | undefined = sweep()
  const sweepTimer = setInterval(() => void (sweeping = sweep()), SWEEP_INTERVAL_MS)
  sweepTimer.unref()
  const stopMail = startMailDelivery(db, env)
  const stopDigest = startDigestSchedule(db, env)
  const stopConversion = startConversionProcess(env)

  let stopping: Promise<void> | undefined
  return () =>
    (stopping ??= (async () => {
      clearInterval(sweepTimer)
      stopDigest()
      await Promise.all([stopMail(), stopConversion(), sweeping])
      sweeping = undefined
    })())
}
