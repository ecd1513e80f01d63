/** Failures allowed for one account before sign-in slows down. */
export const FREE_ATTEMPTS = 5
/**
 * Failures allowed from one address. Higher: a hospital network puts many
 * people behind one address, and a few typos each must not slow them all.
 */
export const FREE_ATTEMPTS_PER_ADDRESS = 30
/** The longest wait: throttling slows guessing but never locks an account for good. */
export const MAX_WAIT_SECONDS = 15 * 60

/** How long after the last failure the next attempt must wait: 0 for the first five, then doubling from 30 s. */
export function waitAfterFailures(failures: number, free = FREE_ATTEMPTS): number {
  if (failures < free) return 0
  return Math.min(MAX_WAIT_SECONDS, 30 * 2 ** Math.min(failures - free, 20))
}

/** Seconds still to wait at `now`, 0 when an attempt may go ahead. */
export function secondsToWait(failures: number, lastFailureAt: Date, now: Date, free = FREE_ATTEMPTS): number {
  const until = lastFailureAt.getTime() + waitAfterFailures(failures, free) * 1000
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000))
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
