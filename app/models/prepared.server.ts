import type { Db } from '../../db/client'

const statements = new WeakMap<Db, Map<(db: Db) => unknown, unknown>>()

/**
 * A query built and compiled once per connection, then run with new values
 * (`sql.placeholder`): the hot paths (the session behind every request, the
 * signed-in user, the framework) skip drizzle's query building and SQLite's
 * statement compilation. `make` must be a module-level function: it is the key.
 */
export function prepared<T>(db: Db, make: (db: Db) => T): T {
  let forDb = statements.get(db)
  if (!forDb) statements.set(db, (forDb = new Map()))
  let statement = forDb.get(make) as T | undefined
  if (statement === undefined) {
    statement = make(db)
    forDb.set(make, statement)
  }
  return statement
}
