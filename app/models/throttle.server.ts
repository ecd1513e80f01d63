import { inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { loginThrottle } from '../../db/schema'
import { FREE_ATTEMPTS, FREE_ATTEMPTS_PER_ADDRESS, MAX_WAIT_SECONDS, secondsToWait } from '~/auth/throttle'

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
export const addressKey = (ip: string) => `address:${ip}`

const freeAttempts = (key: string) => (key.startsWith('address:') ? FREE_ATTEMPTS_PER_ADDRESS : FREE_ATTEMPTS)

/** Seconds before another attempt is allowed for any of these keys; 0 if it may go ahead. */
export function throttleWait(db: Db, keys: string[], now = new Date()): number {
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all()
  return Math.max(0, ...rows.map((r) => secondsToWait(r.failures, new Date(r.lastFailureAt), now, freeAttempts(r.key))))
}

class Throttled extends Error {}

/**
 * Reserves one attempt against every key before anything is checked: the
 * attempt counts as a failure from this moment, so guesses sent at once
 * cannot all slip past a count read before any of them was recorded. Each
 * key is counted, and its wait checked, in one SQLite statement (the same
 * rule as `secondsToWait`; a day without failures wipes the slate), and the
 * keys together in one transaction: either every key is reserved or none is.
 *
 * Returns 0 when the attempt may go ahead — call `refundAttempt` if it then
 * succeeds — or the seconds to wait, with nothing reserved.
 */
export function reserveAttempt(db: Db, keys: string[], now = new Date()): number {
  const stamp = now.toISOString()
  const sinceLast = sql`(julianday(${stamp}) - julianday(${loginThrottle.lastFailureAt}))`
  try {
    db.transaction((tx) => {
      for (const key of keys) {
        const free = freeAttempts(key)
        const stale = sql`${sinceLast} > 1`
        const reserved = tx
          .insert(loginThrottle)
          .values({ key, failures: 1, lastFailureAt: stamp })
          .onConflictDoUpdate({
            target: loginThrottle.key,
            set: {
              failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
              lastFailureAt: stamp,
            },
            setWhere: sql`${stale} OR ${loginThrottle.failures} < ${free}
              OR ${sinceLast} * 86400 >= min(${MAX_WAIT_SECONDS}, 30 << min(${loginThrottle.failures} - ${free}, 20))`,
          })
          .returning({ failures: loginThrottle.failures })
          .all()
        if (reserved.length === 0) throw new Throttled()
      }
    })
    return 0
  } catch (error) {
    if (error instanceof Throttled) return Math.max(1, throttleWait(db, keys, now))
    throw error
  }
}

/** Gives back an attempt reserved by `reserveAttempt` that succeeded: it was no failure. */
export function refundAttempt(db: Db, keys: string[]): void {
  db.update(loginThrottle)
    .set({ failures: sql`max(${loginThrottle.failures} - 1, 0)` })
    .where(inArray(loginThrottle.key, keys))
    .run()
}

export function clearFailures(db: Db, keys: string[]): void {
  db.delete(loginThrottle).where(inArray(loginThrottle.key, keys)).run()
}
