import path from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Db } from './client'
import { projectRoot } from './project-root'

export const MIGRATIONS_FOLDER = path.join(projectRoot, 'db/migrations')

/**
 * Applies pending migrations; a no-op when the database is up to date.
 *
 * Foreign keys are switched off while migrating: SQLite rebuilds a table to
 * alter it, and dropping the old table with foreign keys on would cascade
 * deletes into the rows that reference it. The check afterwards makes sure
 * the migrated data still holds together before keys are enforced again.
 */
export function runMigrations(db: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
  const sqlite = db.$client
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
    const violations = sqlite.pragma('foreign_key_check') as unknown[]
    if (violations.length > 0) {
      throw new Error(
        `Migration left ${violations.length} rows breaking foreign keys: ${JSON.stringify(violations.slice(0, 5))}`,
      )
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}
