import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Logger } from 'drizzle-orm'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** The handle `db.transaction((tx) => …)` passes to its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * A transaction's handle as a `Db`, so the same model functions run inside a transaction and outside one. The
 * handle has the whole query API of the connection (better-sqlite3 transactions are synchronous and use the
 * same connection); only `$client` and nesting differ, and model functions use neither.
 */
export function asDb(tx: Tx): Db {
  return tx as unknown as Db
}

export interface OpenOptions {
  /** How long a writer waits for a lock before SQLITE_BUSY, in ms. */
  busyTimeoutMs?: number
  /** Told of every query drizzle runs (tests count them). */
  logger?: Logger
}

/**
 * Opens (creating if needed) the SQLite database at `file` with the settings
 * every connection must have: WAL, foreign keys enforced, a busy timeout.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  return drizzle(sqlite, { schema, logger: options.logger })
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close()
}
