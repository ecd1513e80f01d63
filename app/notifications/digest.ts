/**
 * The weekly digest's words and calendar (pure): which week a moment falls in, and what each person is told.
 * `app/models/digest.server.ts` gathers the facts and queues the messages.
 */

/** Items wait this long before the digest mentions them. */
export const DIGEST_WAIT_DAYS = 7

const DAY = 86_400_000

/** The ISO week of a moment (UTC), e.g. `2026-W49`: the period one weekly digest covers. */
export function isoWeek(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const weekday = day.getUTCDay() || 7
  // The Thursday of this week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday)
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((day.getTime() - yearStart) / DAY + 1) / 7)
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

export interface WaitingItem {
  evidenceId: number
  title: string
  traineeName: string
  /** When the item last entered the review queue. */
  reviewRequestedAt: string
}

export interface DigestMessage {
  title: string
  body: string
  link: string
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** Whole days from `from` to `now`. */
export function daysBetween(from: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(from).getTime()) / DAY)
}

/**
 * A mentor's digest: the items waiting for their review more than seven days, oldest first; null when there are
 * none (no digest is sent to say nothing).
 */
export function mentorDigest(items: readonly WaitingItem[], now: Date): DigestMessage | null {
  const waiting = items
    .filter((i) => daysBetween(i.reviewRequestedAt, now) > DIGEST_WAIT_DAYS)
    .sort((a, b) => a.reviewRequestedAt.localeCompare(b.reviewRequestedAt) || a.evidenceId - b.evidenceId)
  if (waiting.length === 0) return null
  const lines = waiting.map(
    (i) =>
      `- “${i.title}” from ${i.traineeName}: waiting ${plural(daysBetween(i.reviewRequestedAt, now), 'day')} (/mentor/reviews/${i.evidenceId})`,
  )
  return {
    title: `Weekly digest: ${plural(waiting.length, 'item')} waiting more than a week for your review`,
    body: [`Oldest first:`, '', ...lines].join('\n'),
    link: '/mentor/reviews',
  }
}

export interface TraineeFacts {
  /** YYYY-MM-DD, or null when not set. */
  targetSubmissionDate: string | null
  areasWithoutEvidence: number
  areasTotal: number
  awaitingReview: number
}

/** A trainee's digest: their target date against their coverage, e.g. "12 weeks to your target date; 5 areas without evidence". */
export function traineeDigest(facts: TraineeFacts, now: Date): DigestMessage {
  const areas =
    facts.areasWithoutEvidence === 0
      ? `every one of the ${facts.areasTotal} areas has evidence`
      : `${plural(facts.areasWithoutEvidence, 'area')} without evidence`
  let when: string
  if (!facts.targetSubmissionDate) when = 'no target date set'
  else {
    const days = Math.ceil((Date.parse(`${facts.targetSubmissionDate}T00:00:00Z`) - now.getTime()) / DAY)
    if (days < 0) when = 'your target date has passed'
    else if (days < 14) when = `${plural(days, 'day')} to your target date`
    else when = `${plural(Math.floor(days / 7), 'week')} to your target date`
  }
  const sentence = `${when[0]!.toUpperCase()}${when.slice(1)}; ${areas}.`
  const body = [
    sentence,
    facts.awaitingReview > 0 ? `${plural(facts.awaitingReview, 'item')} waiting for your mentors’ review.` : '',
    facts.targetSubmissionDate ? '' : 'Set a target submission date in Settings → Profile to see how long is left.',
  ]
    .filter(Boolean)
    .join('\n')
  return { title: `Weekly digest: ${sentence.replace(/\.$/, '')}`, body, link: '/coverage' }
}
