import type { Db } from '../../db/client'

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

export class ReportCache<T> {
  private entries = new Map<number, { key: string; value: T }>()

  get(traineeId: number, key: string): T | undefined {
    const entry = this.entries.get(traineeId)
    if (!entry || entry.key !== key) return undefined
    // Refresh its place: the least recently used go first.
    this.entries.delete(traineeId)
    this.entries.set(traineeId, entry)
    return entry.value
  }

  set(traineeId: number, key: string, value: T): void {
    this.entries.delete(traineeId)
    this.entries.set(traineeId, { key, value })
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
  }
}
