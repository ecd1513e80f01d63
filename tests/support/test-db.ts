import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { closeDatabase, openDatabase, type Db, type OpenOptions } from '../../db/client'
import { prepareDatabase } from '../../db/setup'

export interface TestDb {
  db: Db
  file: string
  dir: string
  cleanup(): void
}

function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'attain-test-'))
}

function wrap(db: Db, dir: string, file: string): TestDb {
  return {
    db,
    file,
    dir,
    cleanup() {
      closeDatabase(db)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh database file of this test's own: migrated and seeded, as the server would have it. */
export function createTestDb(options: OpenOptions = {}): TestDb {
  const dir = tempDir()
  const file = path.join(dir, 'attain.db')
  return wrap(prepareDatabase(file, options), dir, file)
}

/** A fresh database file with nothing applied yet. */
export function createEmptyTestDb(): TestDb {
  const dir = tempDir()
  const file = path.join(dir, 'attain.db')
  return wrap(openDatabase(file), dir, file)
}
