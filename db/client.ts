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
  const db = drizzle(sqlite, { schema, logger: options.logger })
  // Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first write: a deferred
  // transaction that reads and then writes fails at once with SQLITE_BUSY when another connection (the server, the
  // conversion worker, a CLI) wrote in between, without waiting out the busy timeout. Beginning immediately makes
  // every writer wait its turn instead. A caller may still ask for another behaviour.
  const transaction = db.transaction.bind(db)
  db.transaction = ((run, config) => transaction(run, { behavior: 'immediate', ...config })) as typeof db.transaction
  return db
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close()
}
