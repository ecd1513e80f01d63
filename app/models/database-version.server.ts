import type { Db } from '../../db/client'
import { prepared } from '~/models/prepared.server'

const changesOf = (db: Db) => db.$client.prepare<[], number>('SELECT total_changes()').pluck()
const dataVersionOf = (db: Db) => db.$client.prepare<[], number>('PRAGMA data_version').pluck()

/**
 * What moves whenever anything in the database changes: this connection's count of changed rows (every write in
 * this process moves it) and SQLite's data version (moved by other processes' commits, a restore for instance).
 * Reports cached under it (~/utils/report-cache, ~/utils/loader-cache.server), with the day where staleness rules
 * depend on the date, are never served once a write has made them stale.
 */
export function databaseVersion(db: Db): string {
  return `${prepared(db, changesOf).get()}:${prepared(db, dataVersionOf).get()}`
}
