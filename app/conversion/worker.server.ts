/**
 * The conversion worker: takes jobs from the queue in SQLite, runs
 * LibreOffice on each (at most `concurrency` at a time), stores the PDF
 * beside the original and records its page count. Everything it knows is in
 * the database, so a worker killed at any moment loses nothing: the next one
 * takes up the job it was running.
 */
import { PDFDocument } from 'pdf-lib'
import type { Db } from '../../db/client'
import { filePath, storeBytes } from '~/files/store.server'
import { claimNextConversion, recordConversionFailure, recordConversionReady } from '~/models/conversions.server'
import {
  convertToPdf,
  killAllConversions,
  removeAbandonedRunDirs,
  type ConverterOptions,
} from '~/conversion/soffice.server'

export interface WorkerOptions extends ConverterOptions {
  db: Db
  dataDir: string
  concurrency: number
  /** Attempts per document before it is marked failed. */
  maxAttempts: number
  /** Wait before attempt n + 1 is `retryBaseMs × 4^(n − 1)`. */
  retryBaseMs: number
  /** How often to look for new jobs when idle. */
  pollMs?: number
  now?: () => Date
  /** Told each finished job (for logs and the files:convert progress bar). */
  onJob?: (event: {
    sourceSha256: string
    outcome: 'ready' | 'retry' | 'failed'
    pages?: number
    reason?: string
    ms: number
  }) => void
}

export interface RunningWorker {
  /** Looks for work now rather than at the next poll. */
  wake(): void
  /** Resolves once the queue holds nothing ready to run and no job is running. */
  idle(): Promise<void>
  /** Stops taking jobs, kills running conversions and waits for them to end. */
  stop(): Promise<void>
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function startConversionWorker(options: WorkerOptions): RunningWorker {
  const { db, dataDir, concurrency, pollMs = 1000 } = options
  const now = options.now ?? (() => new Date())
  const running = new Set<Promise<void>>()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let idleWaiters: (() => void)[] = []
  // The claim lasts past the time limit, so a live worker's job is never taken from it.
  const leaseMs = options.timeoutMs * 2 + 60_000

  const runJob = async (job: { sourceSha256: string; mediaType: string; attempts: number }) => {
    const started = Date.now()
    const outcome = await convertToPdf(filePath(dataDir, job.sourceSha256), job.mediaType, options)
    if (stopped && !outcome.ok) return // killed by stop(): the next worker takes the job up again
    if (outcome.ok) {
      let pages: number
      try {
        pages = (await PDFDocument.load(outcome.pdf, { updateMetadata: false, ignoreEncryption: true })).getPageCount()
      } catch {
        pages = 0
      }
      if (pages > 0) {
        const pdfSha256 = await storeBytes(dataDir, outcome.pdf)
        recordConversionReady(db, job.sourceSha256, { pdfSha256, pageCount: pages, now: now() })
        options.onJob?.({ sourceSha256: job.sourceSha256, outcome: 'ready', pages, ms: Date.now() - started })
        return
      }
    }
    const reason = outcome.ok ? 'The converted PDF could not be read.' : outcome.reason
    const retry = (outcome.ok || outcome.retry) && job.attempts < options.maxAttempts
    const retryAt = retry ? new Date(now().getTime() + options.retryBaseMs * 4 ** (job.attempts - 1)) : null
    recordConversionFailure(db, job.sourceSha256, { reason, retryAt, now: now() })
    options.onJob?.({
      sourceSha256: job.sourceSha256,
      outcome: retry ? 'retry' : 'failed',
      reason,
      ms: Date.now() - started,
    })
  }

  const pump = () => {
    if (stopped) return
    clearTimeout(timer)
    while (running.size < concurrency) {
      let job
      try {
        job = claimNextConversion(db, { workerPid: process.pid, now: now(), leaseMs, isAlive })
      } catch (error) {
        console.error('Conversion queue could not be read', error)
        break
      }
      if (!job) break
      const task: Promise<void> = runJob(job)
        .catch((error: unknown) => {
          console.error('Conversion job failed', error)
          try {
            recordConversionFailure(db, job.sourceSha256, {
              reason: 'The conversion failed on the server.',
              retryAt: job.attempts < options.maxAttempts ? new Date(now().getTime() + options.retryBaseMs) : null,
              now: now(),
            })
          } catch {
            // the database is closing; the job stays claimed and is taken over later
          }
        })
        .finally(() => {
          running.delete(task)
          pump()
        })
      running.add(task)
    }
    if (running.size === 0 && idleWaiters.length > 0 && !hasRunnableJob()) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const resolve of waiters) resolve()
    }
    timer = setTimeout(pump, pollMs)
    timer.unref?.()
  }

  const hasRunnableJob = () => {
    const row = db.$client
      .prepare(
        `SELECT 1 FROM file_conversions JOIN stored_files ON stored_files.sha256 = source_sha256 WHERE status = 'queued' AND run_after <= ? LIMIT 1`,
      )
      .get(now().toISOString())
    return row !== undefined
  }

  void removeAbandonedRunDirs(options.workRoot)
  setImmediate(pump)
  return {
    wake: () => setImmediate(pump),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve)
        setImmediate(pump)
      }),
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      killAllConversions()
      await Promise.allSettled([...running])
      for (const resolve of idleWaiters) resolve()
      idleWaiters = []
    },
  }
}
