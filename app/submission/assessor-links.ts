import { z } from 'zod'
import { formatShortDay } from '~/utils/dates'

/** How long a new assessor link works unless its creator chooses otherwise. */
export const LINK_DEFAULT_DAYS = 30
/** The longest an assessor link may work: a forgotten link should not stay open for ever. */
export const LINK_MAX_DAYS = 90
export const RECIPIENT_MAX = 200

const DAY_MS = 86_400_000

export const LINK_OPENINGS = ['summary', 'pdf', 'export'] as const
export type LinkOpening = (typeof LINK_OPENINGS)[number]

export const OPENING_LABELS: Record<LinkOpening, string> = {
  summary: 'Summary page',
  pdf: 'Summary PDF',
  export: 'Everything (zip)',
}

export type LinkStatus = 'active' | 'expired' | 'revoked'

export const LINK_STATUS_LABELS: Record<LinkStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
}

/** The calendar day (UTC) of an instant, as YYYY-MM-DD. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10)
}

function dayAfter(now: Date, days: number): string {
  return isoDay(new Date(now.getTime() + days * DAY_MS))
}

/** The latest day a link made now may run to. */
export function latestExpiryDay(now: Date): string {
  return dayAfter(now, LINK_MAX_DAYS)
}

export function defaultExpiryDay(now: Date): string {
  return dayAfter(now, LINK_DEFAULT_DAYS)
}

/** A link chosen to expire on a day works to the end of that day (UTC). */
export function expiryInstant(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS)
}

function realDay(s: string): boolean {
  const date = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s)
}

/** The form that creates a link. The allowed expiry days depend on today, so the schema is made per request. */
export function newLinkSchema(now: Date) {
  const today = isoDay(now)
  const latest = latestExpiryDay(now)
  return z.object({
    intent: z.literal('create'),
    recipient: z
      .string({ error: 'Say who this link is for' })
      .trim()
      .min(1, 'Say who this link is for')
      .max(RECIPIENT_MAX, `Use at most ${RECIPIENT_MAX} characters`),
    expiresOn: z
      .string({ error: 'Enter the day the link stops working' })
      .trim()
      .superRefine((s, ctx) => {
        const fail = (message: string) => ctx.addIssue({ code: 'custom', message })
        if (s === '') return fail('Enter the day the link stops working')
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return fail('Enter a date as YYYY-MM-DD')
        if (!realDay(s)) return fail('That date does not exist')
        if (s < today) return fail('That day has passed: choose today or a later day')
        if (s > latest) return fail(`A link can work for at most ${LINK_MAX_DAYS} days: choose ${latest} or earlier`)
      }),
  })
}

export function linkStatus(link: { revokedAt: string | null; expiresAt: string }, now: Date): LinkStatus {
  if (link.revokedAt) return 'revoked'
  return link.expiresAt <= now.toISOString() ? 'expired' : 'active'
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/\bChrome\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/\bcurl\/(\d+)/, 'curl'],
]

const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
]

const SHORT_MAX = 60

/**
 * A user agent as a person would say it ("Firefox 128 on Windows"); one not
 * recognised is cut short rather than guessed at.
 */
export function shortUserAgent(userAgent: string): string {
  const ua = userAgent.trim()
  if (!ua) return 'Unknown'
  const browser = BROWSERS.map(([re, name]) => {
    const m = re.exec(ua)
    return m ? `${name} ${m[1]}` : null
  }).find((b) => b !== null)
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1]
  if (browser) return system ? `${browser} on ${system}` : browser
  return ua.length > SHORT_MAX ? `${ua.slice(0, SHORT_MAX - 1)}…` : ua
}

/** The day a link works until, for people: it stops at the end of the day before `expiresAt`'s midnight. */
export function lastDayOf(expiresAt: string): string {
  return formatShortDay(new Date(Date.parse(expiresAt) - 1).toISOString())
}
