/** Failures allowed before sign-in slows down. */
export const FREE_ATTEMPTS = 5
/** The longest wait: throttling slows guessing but never locks an account for good. */
export const MAX_WAIT_SECONDS = 15 * 60

/** How long after the last failure the next attempt must wait: 0 for the first five, then doubling from 30 s. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(MAX_WAIT_SECONDS, 30 * 2 ** (failures - FREE_ATTEMPTS))
}

/** Seconds still to wait at `now`, 0 when an attempt may go ahead. */
export function secondsToWait(failures: number, lastFailureAt: Date, now: Date): number {
  const until = lastFailureAt.getTime() + waitAfterFailures(failures) * 1000
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000))
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
