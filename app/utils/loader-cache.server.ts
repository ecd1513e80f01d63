import { serialize } from 'node:v8'
import type { Db } from '../../db/client'
import { databaseVersion } from '~/models/database-version.server'

/** At most this much kept data per process, measured as V8 serializes it (as a page's tag reads it). */
export const KEPT_DATA_MAX_BYTES = 32 * 1024 * 1024

/** Entries by key, least recently used first, bounded by their size. */
class KeptData {
  private readonly entries = new Map<string, { version: string; value: object; bytes: number }>()
  private bytes = 0

  get(key: string, version: string): object | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    if (entry.version !== version) {
      this.bytes -= entry.bytes
      return undefined
    }
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, version: string, value: object, bytes: number): void {
    const old = this.entries.get(key)
    if (old) {
      this.entries.delete(key)
      this.bytes -= old.bytes
    }
    if (bytes > KEPT_DATA_MAX_BYTES) return
    this.entries.set(key, { version, value, bytes })
    this.bytes += bytes
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= KEPT_DATA_MAX_BYTES) break
      this.entries.delete(oldest)
      this.bytes -= entry.bytes
    }
  }
}

const caches = new WeakMap<Db, KeptData>()

/**
 * A loader's data made from the database alone, kept until the database next changes: `key` names what it is for
 * (the route, the person, the address's query), and the entry holds while `databaseVersion` does, which any write
 * moves, in this process or another. Authorization stays outside, on every request; only the reading is saved.
 * At most `KEPT_DATA_MAX_BYTES` per process, least recently used out first; data that cannot be measured (it
 * holds a function or a promise) is made every time.
 *
 * What comes back is frozen, deeply: the same object answers many requests, and a page's tag may digest it once
 * (~/utils/http-cache.server), so nothing may change it.
 */
export function untilNextWrite<T extends object>(db: Db, key: string, make: () => T): T {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new KeptData()))
  const version = databaseVersion(db)
  const hit = cache.get(key, version)
  if (hit) return hit as T
  const value = deepFreeze(make())
  const bytes = sizeOf(value)
  if (bytes !== null) cache.set(key, version, value, bytes)
  return value
}

function sizeOf(value: object): number | null {
  try {
    return serialize(value).byteLength
  } catch {
    return null
  }
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
