import type { RequestHandler } from 'express'

/**
 * One JSON line per request, written when the response has gone (or the
 * connection closed first):
 *
 *   {"event":"request","time":"…","method":"GET","path":"/evidence/12","status":200,"durationMs":8.4,"userId":3,"bytes":5120}
 *
 * Only what is safe to keep: never a query string (it may hold search
 * terms), never a body, never a cookie or other header, and the secret
 * tokens some paths carry (`/invite/<token>`, `/setup-password/<token>`, `/s/<token>`, `/f/<token>`)
 * replaced by `[token]`. `userId` is `res.locals.userId` when something
 * earlier set it, else null; `kept` is there when `res.locals.pageKept` is. `bytes` counts the body as sent (compressed,
 * when registered before the compression middleware). Health checks and
 * static assets are left out unless they fail (status 400 or more).
 */
export interface RequestLogOptions {
  write?: (line: string) => void
}

export interface RequestLogLine {
  event: 'request'
  time: string
  method: string
  path: string
  status: number
  durationMs: number
  userId: number | string | null
  bytes: number
  /** Present (true) when the client went away before the response was complete. */
  aborted?: true
  /** Present (true) when the page was sent as this process had rendered it before (~/utils/rendered-pages.server). */
  kept?: true
}

const QUIET_PATH = /^\/(?:healthz$|assets\/)/
/** Path segments that are secrets in themselves. Tokens are base64url, so a `.data` suffix stays outside. */
const SECRET_SEGMENTS: [RegExp, string][] = [
  [/^\/invite\/[^/.]+/, '/invite/[token]'],
  [/^\/setup-password\/[^/.]+/, '/setup-password/[token]'],
  [/^\/s\/[^/.]+/, '/s/[token]'],
  [/^\/f\/[^/.]+/, '/f/[token]'],
]

/** The path to log: no query string or fragment, secret segments replaced. */
export function loggablePath(url: string): string {
  const end = url.search(/[?#]/)
  let pathname = end < 0 ? url : url.slice(0, end)
  for (const [pattern, replacement] of SECRET_SEGMENTS) pathname = pathname.replace(pattern, replacement)
  return pathname || '/'
}

export function requestLog({
  write = (line) => void process.stdout.write(line + '\n'),
}: RequestLogOptions = {}): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    const time = new Date().toISOString()
    const method = req.method
    const pathname = loggablePath(req.originalUrl || req.url)
    let bytes = 0

    const count = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string')
        bytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
      else if (chunk instanceof Uint8Array) bytes += chunk.byteLength
    }
    const originalWrite = res.write
    const originalEnd = res.end
    res.write = function (this: typeof res, chunk: unknown, ...rest: unknown[]) {
      count(chunk, rest[0])
      return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as typeof res.write
    res.end = function (this: typeof res, chunk?: unknown, ...rest: unknown[]) {
      if (typeof chunk !== 'function') count(chunk, rest[0])
      return (originalEnd as (...args: unknown[]) => typeof res).call(this, chunk, ...rest)
    } as typeof res.end

    let logged = false
    const log = (aborted: boolean) => {
      if (logged) return
      logged = true
      const status = res.statusCode
      if (status < 400 && QUIET_PATH.test(pathname)) return
      const line: RequestLogLine = {
        event: 'request',
        time,
        method,
        path: pathname,
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 100_000) / 10,
        userId: (res.locals.userId as number | string | undefined) ?? null,
        // No body goes out for HEAD, 204 or 304, whatever was handed to write().
        bytes: method === 'HEAD' || status === 204 || status === 304 ? 0 : bytes,
      }
      if (aborted) line.aborted = true
      if (res.locals.pageKept === true) line.kept = true
      try {
        write(JSON.stringify(line))
      } catch {
        // A log that cannot be written must not take the response down with it.
      }
    }
    res.once('finish', () => log(false))
    res.once('close', () => log(!res.writableFinished))
    next()
  }
}
