import { frameworks } from '../competences/index'
import { backupBeforeMigrations } from './scripts/backup'
import { openDatabase, type Db, type OpenOptions } from './client'
import { runMigrations } from './migrate'
import { seedFrameworks } from './seed'

/** Opens the database, brings its schema up to date and seeds the frameworks: what start-up and tests share. */
export interface PrepareOptions extends OpenOptions {
  /**
   * The data directory. With it, a database that already holds data is backed up to
   * `<dataDir>/backups/pre-migration-<UTC time>` before pending migrations are applied.
   */
  dataDir?: string
}

export function prepareDatabase(file: string, options: PrepareOptions = {}): Db {
  const db = openDatabase(file, options)
  try {
    if (options.dataDir) {
      const saved = backupBeforeMigrations(db, { dataDir: options.dataDir })
      if (saved) console.log(JSON.stringify({ event: 'pre_migration_backup', path: saved }))
    }
    runMigrations(db)
    seedFrameworks(db, frameworks)
  } catch (error) {
    db.$client.close()
    throw error
  }
  return db
}
