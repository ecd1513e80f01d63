import { createTransport } from 'nodemailer'
import type { Db } from '../../db/client'
import { markFailed, markSent, pendingEmails } from '~/models/notifications.server'
import type { Env } from '~/utils/env.server'

export interface MailMessage {
  from: string
  to: string
  subject: string
  text: string
  /** Aborting it gives up on a send in progress (at shutdown). */
  signal?: AbortSignal
}

/** Something that sends one e-mail, or rejects with the reason it could not. */
export interface Mailer {
  send(message: MailMessage): Promise<void>
}

/** How often queued e-mails are sent when SMTP is configured. */
export const DELIVERY_INTERVAL_MS = 30_000
/** After this many failed attempts an e-mail stays in the outbox unsent, with its last error. */
export const MAX_ATTEMPTS = 5

/**
 * An SMTP mailer for `env.mail.smtpUrl` (nodemailer), or null when no SMTP
 * server is configured. Nothing connects until the first send. Errors never
 * carry the URL's password.
 */
export function createMailer(mail: Env['mail']): Mailer | null {
  if (!mail.smtpUrl) return null
  const secrets = secretsOf(mail.smtpUrl)
  const transport = createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  })
  return {
    async send({ from, to, subject, text, signal }) {
      try {
        await transport.sendMail(signal ? { from, to, subject, text, signal } : { from, to, subject, text })
      } catch (error) {
        throw new Error(redact(describeError(error), secrets), { cause: error })
      }
    },
  }
}

function secretsOf(smtpUrl: string): string[] {
  try {
    const url = new URL(smtpUrl)
    return [url.password, decodeURIComponent(url.password), smtpUrl].filter((s) => s.length >= 3)
  } catch {
    return [smtpUrl]
  }
}

function redact(message: string, secrets: string[]): string {
  return secrets.reduce((m, s) => m.split(s).join('***'), message)
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}

export interface DeliveryReport {
  attempted: number
  sent: number
  failed: number
}

/**
 * Sends up to `batch` waiting e-mails, oldest first, marking each sent or
 * failed. One that fails (a bad address, a refusal) is tried again on a later
 * run until it has had `maxAttempts`; it never stops the rest of the batch.
 * Never throws. An abort (shutdown) stops the batch without counting an attempt.
 */
export async function deliverOutbox(
  db: Db,
  mailer: Mailer,
  {
    from,
    now = () => new Date(),
    batch = 20,
    maxAttempts = MAX_ATTEMPTS,
    signal,
  }: { from: string; now?: Date | (() => Date); batch?: number; maxAttempts?: number; signal?: AbortSignal },
): Promise<DeliveryReport> {
  const clock = typeof now === 'function' ? now : () => now
  const report: DeliveryReport = { attempted: 0, sent: 0, failed: 0 }
  let queue
  try {
    queue = pendingEmails(db, batch, { maxAttempts })
  } catch (error) {
    console.error('Could not read the e-mail outbox', error)
    return report
  }
  for (const email of queue) {
    if (signal?.aborted) break
    report.attempted += 1
    try {
      await mailer.send({ from, to: email.toAddress, subject: email.subject, text: email.body, signal })
      markSent(db, email.id, clock())
      report.sent += 1
    } catch (error) {
      if (signal?.aborted) {
        report.attempted -= 1
        break
      }
      report.failed += 1
      try {
        markFailed(db, email.id, describeError(error))
      } catch (markError) {
        console.error('Could not record a failed e-mail', markError)
      }
    }
  }
  return report
}

export interface MailDeliveryOptions {
  /** Defaults to an SMTP mailer for `env.mail`. */
  mailer?: Mailer | null
  intervalMs?: number
  log?: (line: string) => void
}

/**
 * Sends the outbox now and every 30 seconds when SMTP is configured; the
 * timer does not keep the process alive. Without SMTP nothing is scheduled and
 * e-mails wait in the outbox for an administrator to read.
 * The returned function stops the schedule, gives up on a send in progress and
 * resolves once the run under way (if any) has finished: call it before the
 * database is closed.
 */
export function startMailDelivery(
  db: Db,
  env: Pick<Env, 'mail'>,
  { mailer = createMailer(env.mail), intervalMs = DELIVERY_INTERVAL_MS, log = console.log }: MailDeliveryOptions = {},
): () => Promise<void> {
  if (!mailer) {
    log(
      JSON.stringify({
        event: 'mail_delivery',
        smtp: false,
        note: 'SMTP_URL is not set: e-mails are kept in the outbox',
      }),
    )
    return async () => {}
  }
  const abort = new AbortController()
  let running: Promise<void> | undefined
  const run = () => {
    if (running || abort.signal.aborted) return
    running = (async () => {
      try {
        const report = await deliverOutbox(db, mailer, { from: env.mail.from, signal: abort.signal })
        if (report.attempted > 0) log(JSON.stringify({ event: 'mail_delivery', ...report }))
      } catch (error) {
        console.error('E-mail delivery failed', error)
      } finally {
        running = undefined
      }
    })()
  }
  run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    abort.abort()
    await running
  }
}
