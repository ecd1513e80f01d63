import { LruCache } from '~/utils/lru'

const MAX_ENTRIES = 500

/**
 * One report per trainee, valid while the key it was made under still holds: the key is built from
 * `databaseVersion` (app/models/database-version.server.ts), so any write makes it stale.
 */
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
