import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_PATH: z.string().min(1).optional(),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce.number().int().min(1).default(12),
  SESSION_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  UPLOAD_MAX_FILES: z.coerce.number().int().positive().max(1000).default(20),
  IMPORT_MAX_MB: z.coerce.number().positive().max(4096).default(200),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Attain <no-reply@attain.invalid>'),
  PUBLIC_URL: z.string().url().optional(),
  DEMO: z.enum(['0', '1']).default('0'),
  DIGEST_SCHEDULE: z.enum(['weekly', 'off']).default('weekly'),
  CONVERT_COMMAND: z.string().min(1).default('soffice'),
  CONVERT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  CONVERT_TIMEOUT_S: z.coerce.number().positive().max(3600).default(60),
  CONVERT_MEMORY_MB: z.coerce.number().int().min(256).default(2048),
  CONVERT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  CONVERT_RETRY_BASE_S: z.coerce.number().min(0).max(3600).default(10),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
})

export interface Env {
  nodeEnv: 'production' | 'development' | 'test'
  port: number
  host: string
  dataDir: string
  databasePath: string
  busyTimeoutMs: number
  shutdownTimeoutMs: number
  /** Memory each process may give to pages it has rendered, to send again while their data is unchanged; 0: none. */
  pageCacheBytes: number
  /** Processes answering requests (`node:cluster` workers); 1 serves from the one process, as in development. */
  webConcurrency: number
  /** The longest a request may take to arrive in full: a body trickled in slowly is cut off then (408). */
  requestTimeoutMs: number
  session: {
    idleTimeoutMs: number
    absoluteTimeoutMs: number
    /** Mark the cookie Secure (only sent over https, or to localhost). */
    secureCookie: boolean
  }
  invitationTtlMs: number
  /** The largest file a trainee may attach, in bytes. */
  uploadMaxBytes: number
  /** Most files one evidence form may attach at once. */
  uploadMaxFiles: number
  /** The largest portfolio export (JSON, attachments included) that may be imported. */
  importMaxBytes: number
  mail: {
    /** e.g. smtps://user:pass@smtp.example.org:465; without it e-mails wait in the outbox for an admin to read. */
    smtpUrl: string | null
    from: string
  }
  /** The address people use to reach this site, for links in e-mails (falls back to the request's origin). */
  publicUrl: string | null
  /** Seed the demo portfolio and accounts at start-up (once). */
  demo: boolean
  /** Send the weekly digest from this process (`off`: only when an admin sends it from the outbox page). */
  digestSchedule: 'weekly' | 'off'
  /** Converting Word, Excel and PowerPoint files to PDF with LibreOffice. */
  conversion: {
    /** The LibreOffice program (`soffice`). */
    command: string
    concurrency: number
    timeoutMs: number
    memoryMb: number
    maxAttempts: number
    retryBaseMs: number
  }
}

/** Reads the configuration from the environment, failing with the name of any bad key. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid environment configuration:\n${problems}`)
  }
  const e = result.data
  const dataDir = path.resolve(e.DATA_DIR)
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: path.resolve(e.DATABASE_PATH ?? path.join(dataDir, 'attain.db')),
    busyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    webConcurrency: e.WEB_CONCURRENCY ?? os.availableParallelism(),
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    session: {
      idleTimeoutMs: e.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      absoluteTimeoutMs: e.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000,
      secureCookie: e.SESSION_COOKIE_SECURE ? e.SESSION_COOKIE_SECURE === 'true' : e.NODE_ENV === 'production',
    },
    invitationTtlMs: e.INVITATION_TTL_DAYS * 86_400_000,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    uploadMaxFiles: e.UPLOAD_MAX_FILES,
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/$/, '') : null,
    demo: e.DEMO === '1',
    digestSchedule: e.DIGEST_SCHEDULE,
    conversion: {
      command: e.CONVERT_COMMAND,
      concurrency: e.CONVERT_CONCURRENCY,
      timeoutMs: Math.round(e.CONVERT_TIMEOUT_S * 1000),
      memoryMb: e.CONVERT_MEMORY_MB,
      maxAttempts: e.CONVERT_ATTEMPTS,
      retryBaseMs: Math.round(e.CONVERT_RETRY_BASE_S * 1000),
    },
  }
}
