import type { Db } from '../../db/client'
import { LruCache } from '~/utils/lru'

/**
 * Reports kept per trainee until anything in the database changes. The key
 * is this connection's count of changed rows (every write in this process
 * moves it), SQLite's data version (moved by other processes' commits, a
 * restore for instance) and the day (staleness rules depend on the date).
 * Nothing can be served that a write has made stale.
 */
export function databaseVersion(db: Db): string {
  const { changes } = db.$client.prepare('SELECT total_changes() AS changes').get() as { changes: number }
  const dataVersion = db.$client.pragma('data_version', { simple: true }) as number
  return `${changes}:${dataVersion}`
}

const MAX_ENTRIES = 500

/** One report per trainee, valid while the key it was made under (see `databaseVersion`) still holds. */
export class ReportCache<T> {
  private readonly entries = new LruCache<number, { key: string; value: T }>(MAX_ENTRIES)

  get(traineeId: number, key: string): T | undefined {
    const entry = this.entries.get(traineeId)
    return entry && entry.key === key ? entry.value : undefined
  }

  /** The trainee's entry whatever key it was made under, to compare what it was made from. */
  latest(traineeId: number): { key: string; value: T } | undefined {
    return this.entries.get(traineeId)
  }

  set(traineeId: number, key: string, value: T): void {
    this.entries.set(traineeId, { key, value })
  }
}
