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
  rememberStatements(sqlite)
  const db = drizzle(sqlite, { schema, logger: options.logger })
  // Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first write: a deferred
  // transaction that reads and then writes fails at once with SQLITE_BUSY when another connection (the server, the
  // conversion worker, a CLI) wrote in between, without waiting out the busy timeout. Beginning immediately makes
  // every writer wait its turn instead. A caller may still ask for another behaviour.
  const transaction = db.transaction.bind(db)
  db.transaction = ((run, config) => transaction(run, { behavior: 'immediate', ...config })) as typeof db.transaction
  return db
}

/** How many compiled statements a connection keeps: every query the app makes, with room to spare. */
const STATEMENTS_KEPT = 1_000

/**
 * Makes `prepare` hand back the statement already compiled for the same SQL, so a query drizzle builds again on
 * each request is compiled by SQLite once per connection, not every time (a CPU profile of a signed-in page put
 * statement compilation near the top). Least recently used statements are dropped past `STATEMENTS_KEPT`. A
 * statement's output mode is reset on the way out: drizzle switches some to `raw()` arrays, and the next caller of
 * the same SQL may expect objects. Safe because better-sqlite3 runs a statement to completion in one call; only
 * `iterate()` keeps one busy, and nothing here iterates.
 */
function rememberStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite)
  const kept = new Map<string, Database.Statement>()
  sqlite.prepare = ((source: string) => {
    let statement = kept.get(source)
    if (statement) {
      kept.delete(source)
      if (statement.reader) statement.raw(false).pluck(false).expand(false)
    } else {
      statement = compile(source)
      if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!)
    }
    kept.set(source, statement)
    return statement
  }) as typeof sqlite.prepare
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close()
}
