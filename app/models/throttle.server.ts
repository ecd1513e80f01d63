import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { loginThrottle } from '../../db/schema'
import { FREE_ATTEMPTS, FREE_ATTEMPTS_PER_ADDRESS, secondsToWait } from '../auth/throttle'

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
export const addressKey = (ip: string) => `address:${ip}`

/** Seconds before another sign-in attempt is allowed for any of these keys; 0 if it may go ahead. */
export function throttleWait(db: Db, keys: string[], now = new Date()): number {
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all()
  return Math.max(
    0,
    ...rows.map((r) =>
      secondsToWait(r.failures, new Date(r.lastFailureAt), now, r.key.startsWith('address:') ? FREE_ATTEMPTS_PER_ADDRESS : FREE_ATTEMPTS),
    ),
  )
}

export function recordFailure(db: Db, keys: string[], now = new Date()): void {
  for (const key of keys) {
    const existing = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get()
    // A day without failures wipes the slate.
    const stale = existing && now.getTime() - Date.parse(existing.lastFailureAt) > 86_400_000
    db.insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: now.toISOString() })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: { failures: stale ? 1 : (existing?.failures ?? 0) + 1, lastFailureAt: now.toISOString() },
      })
      .run()
  }
}

export function clearFailures(db: Db, keys: string[]): void {
  db.delete(loginThrottle).where(inArray(loginThrottle.key, keys)).run()
}
