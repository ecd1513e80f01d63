/**
 * The arithmetic of a trainee's experience and training record: how much postgraduate experience the posts add
 * up to, how much of it was supervised practice, where the gaps are, and where posts overlap beyond full time.
 * Pure: dates in, figures out.
 *
 * How experience is counted: each day in post counts by the post's whole-time fraction (a 0.6 post counts 0.6 of
 * a day), overlapping posts add up, but no day counts more than one full day. Supervised practice is counted the
 * same way over the posts marked as supervised practice in a healthcare setting. A post's end day is included; a
 * post without an end runs to the day the figures are worked out. A year is 365.25 days.
 */

export interface PostSpan {
  id?: number
  /** ISO day (YYYY-MM-DD). */
  startDate: string
  /** ISO day, included; null while the post is held. */
  endDate: string | null
  /** Whole-time equivalent in hundredths: 100 is full time. */
  fractionPercent: number
  supervisedPractice: boolean
}

export interface Gap {
  /** First day without a post. */
  from: string
  /** Last day without a post. */
  to: string
  days: number
}

export interface ExperienceSummary {
  /** Whole-time-equivalent years in post. */
  years: number
  /** Whole-time-equivalent years of supervised practice in a healthcare setting. */
  supervisedYears: number
  /** Gaps of at least a day between one post ending and the next starting. */
  gaps: Gap[]
  /** First day of the earliest post, or null without posts. */
  firstDay: string | null
  /** Whether a post is held on the day the figures are worked out. */
  current: boolean
}

export const DAYS_PER_YEAR = 365.25
const DAY_MS = 86_400_000

/** Days since 1970-01-01 of an ISO day; NaN when it is not one. */
export function dayNumber(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return Number.NaN
  const ms = Date.parse(`${iso}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) return Number.NaN
  return Math.round(ms / DAY_MS)
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Half-open day ranges [start, end) of the posts that have begun by `today`, cut at the day after it. */
function spans(posts: readonly PostSpan[], today: string) {
  const last = dayNumber(today) + 1
  const result: { start: number; end: number; fraction: number; supervised: boolean; post: PostSpan }[] = []
  for (const post of posts) {
    const start = dayNumber(post.startDate)
    const endDay = post.endDate === null ? last : Math.min(dayNumber(post.endDate) + 1, last)
    if (!Number.isFinite(start) || !Number.isFinite(endDay) || endDay <= start) continue
    const fraction = Math.max(0, Math.min(100, Math.round(post.fractionPercent)))
    result.push({ start, end: endDay, fraction, supervised: post.supervisedPractice, post })
  }
  return result
}

/** The load (hundredths) in each stretch of days where it does not change. */
function segments(list: ReturnType<typeof spans>, select: (s: ReturnType<typeof spans>[number]) => boolean) {
  const bounds = new Set<number>()
  for (const s of list) {
    if (!select(s)) continue
    bounds.add(s.start)
    bounds.add(s.end)
  }
  const points = [...bounds].sort((a, b) => a - b)
  const out: { start: number; end: number; load: number; posts: PostSpan[] }[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    let load = 0
    const posts: PostSpan[] = []
    for (const s of list) {
      if (select(s) && s.start <= start && s.end >= end) {
        load += s.fraction
        posts.push(s.post)
      }
    }
    out.push({ start, end, load, posts })
  }
  return out
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** The record's figures as of `today` (an ISO day). */
export function summariseExperience(posts: readonly PostSpan[], today: string): ExperienceSummary {
  const list = spans(posts, today)
  let days = 0
  let supervisedDays = 0
  const gaps: Gap[] = []
  const all = segments(list, () => true)
  for (const seg of all) {
    const length = seg.end - seg.start
    days += (length * Math.min(100, seg.load)) / 100
    if (seg.load === 0) gaps.push({ from: isoDay(seg.start), to: isoDay(seg.end - 1), days: length })
  }
  for (const seg of segments(list, (s) => s.supervised)) {
    supervisedDays += ((seg.end - seg.start) * Math.min(100, seg.load)) / 100
  }
  const todayNumber = dayNumber(today)
  return {
    years: round2(days / DAYS_PER_YEAR),
    supervisedYears: round2(supervisedDays / DAYS_PER_YEAR),
    gaps,
    firstDay: list.length === 0 ? null : isoDay(Math.min(...list.map((s) => s.start))),
    current: list.some((s) => s.start <= todayNumber && s.end > todayNumber),
  }
}

export interface Overload {
  /** First and last day on which the posts together come to more than full time. */
  from: string
  to: string
  /** Their total, in hundredths. */
  load: number
  posts: PostSpan[]
}

/**
 * The first stretch of days on which the posts together come to more than full time, or null. A post without an
 * end runs on indefinitely here: two current full-time posts overlap whatever today is.
 */
export function firstOverload(posts: readonly PostSpan[]): Overload | null {
  const list = spans(posts, '9999-12-30')
  for (const seg of segments(list, () => true)) {
    if (seg.load > 100) return { from: isoDay(seg.start), to: isoDay(seg.end - 1), load: seg.load, posts: seg.posts }
  }
  return null
}

/** "4.2 years", "1 year", "0 years". */
export function formatYears(years: number): string {
  const rounded = Math.round(years * 10) / 10
  return `${rounded.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${rounded === 1 ? 'year' : 'years'}`
}

/** "0.6 whole-time", "full time". */
export function formatFraction(fractionPercent: number): string {
  return fractionPercent >= 100 ? 'full time' : `${(fractionPercent / 100).toLocaleString('en-GB')} whole-time`
}
