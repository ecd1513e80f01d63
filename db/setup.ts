import { frameworks } from '../competences/index'
import { openDatabase, type Db, type OpenOptions } from './client'
import { runMigrations } from './migrate'
import { seedFrameworks } from './seed'

/** Opens the database, brings its schema up to date and seeds the frameworks: what start-up and tests share. */
export function prepareDatabase(file: string, options: OpenOptions = {}): Db {
  const db = openDatabase(file, options)
  try {
    runMigrations(db)
    seedFrameworks(db, frameworks)
  } catch (error) {
    db.$client.close()
    throw error
  }
  return db
}
