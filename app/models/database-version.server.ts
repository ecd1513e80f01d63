import type { Db } from '../../db/client'

/**
 * What moves whenever anything in the database changes: this connection's count of changed rows (every write in
 * this process moves it) and SQLite's data version (moved by other processes' commits, a restore for instance).
 * Reports cached under it (~/utils/report-cache), with the day since staleness rules depend on the date, are
 * never served once a write has made them stale.
 */
export function databaseVersion(db: Db): string {
  const { changes } = db.$client.prepare('SELECT total_changes() AS changes').get() as { changes: number }
  const dataVersion = db.$client.pragma('data_version', { simple: true }) as number
  return `${changes}:${dataVersion}`
}
