import type { Db } from '../../db/client'
import { databaseVersion } from '~/models/database-version.server'
import { LruCache } from '~/utils/lru'

const MAX_ENTRIES = 1000

const caches = new WeakMap<Db, LruCache<string, { version: string; value: object }>>()

/**
 * A loader's data made from the database alone, kept until the database next changes: `key` names what it is for
 * (the route, the person, the address's query), and the entry holds while `databaseVersion` does, which any write
 * moves, in this process or another. Authorization stays outside, on every request; only the reading is saved.
 *
 * What comes back is frozen, deeply: the same object answers many requests, and a page's tag may digest it once
 * (~/utils/http-cache.server), so nothing may change it.
 */
export function untilNextWrite<T extends object>(db: Db, key: string, make: () => T): T {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new LruCache(MAX_ENTRIES)))
  const version = databaseVersion(db)
  const hit = cache.get(key)
  if (hit && hit.version === version) return hit.value as T
  const value = deepFreeze(make())
  cache.set(key, { version, value })
  return value
}

const deeplyFrozen = new WeakSet<object>()

/** Whether this object came from `untilNextWrite`, or is part of what did: frozen all the way down. */
export function isDeeplyFrozen(value: unknown): value is object {
  return typeof value === 'object' && value !== null && deeplyFrozen.has(value)
}

function deepFreeze<T extends object>(value: T): T {
  freeze(value, new Set())
  return value
}

/**
 * Freezes plain objects and arrays all the way down and says whether that made the value unchangeable. Anything
 * else (a Date, a Map, a Set, bytes) is left as it is and makes what holds it unvouched for: freezing one would
 * not stop its methods changing it.
 */
function freeze(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null || deeplyFrozen.has(value) || seen.has(value)) return true
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) return false
  seen.add(value)
  Object.freeze(value)
  let unchangeable = true
  for (const part of Object.values(value)) if (!freeze(part, seen)) unchangeable = false
  if (unchangeable) deeplyFrozen.add(value)
  return unchangeable
}
