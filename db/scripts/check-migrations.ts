/**
 * `npm run db:check-migrations [-- FOLDER]`: checks the committed migrations
 * before they reach a database.
 *
 * - The journal (meta/_journal.json) is in order: `idx` runs 0, 1, 2…, each
 *   `when` is later than the one before, and each tag's number is its idx.
 *   Drizzle's migrator applies every entry whose `when` is later than the
 *   last one it recorded, so an entry slotted in with an earlier `when` would
 *   be skipped silently on every existing database.
 * - Every entry has its SQL file, and every SQL file has its entry.
 * - No migration rebuilds a table (drizzle-kit's `CREATE TABLE __new_x` …
 *   `INSERT INTO __new_x … SELECT` … `DROP TABLE x` … `RENAME`) without a
 *   `-- reviewed: table rebuild` comment on its first line.
 *
 * Why rebuilds need a look: drizzle's migrator runs all pending migrations
 * inside one transaction, and SQLite ignores `PRAGMA foreign_keys` inside a
 * transaction, so the `PRAGMA foreign_keys=OFF` drizzle-kit writes around a
 * rebuild does nothing. Dropping the old table with foreign keys on would
 * run its ON DELETE actions: CASCADE would delete every row pointing at it
 * (claims, attachments, comments of evidence items). runMigrations
 * (db/migrate.ts) turns foreign keys off before the transaction starts for
 * exactly that reason, and checks them afterwards. A rebuild can still go
 * wrong in ways the check does not see (a column left out of the copy, a
 * default that changes meaning), so each one is read by a person before it
 * ships, and marked as read.
 *
 * The marker goes on the first line, in the same statement chunk as the
 * first statement (a chunk holding only a comment is not a statement
 * SQLite can run). Adding it to a migration already applied is harmless:
 * drizzle records a hash of each file but never compares it on SQLite.
 *
 * Exit codes: 0 all well, 1 problems found.
 */
import fs from 'node:fs'
import path from 'node:path'
import { MIGRATIONS_FOLDER } from '../migrate'

export const REVIEWED_REBUILD_MARKER = '-- reviewed: table rebuild'

export interface MigrationCheck {
  entries: number
  /** Journal and file problems: the migrations cannot be trusted as they are. */
  problems: string[]
  /** Migrations that rebuild a table without the reviewed marker. */
  unreviewedRebuilds: string[]
}

interface JournalEntry {
  idx?: unknown
  when?: unknown
  tag?: unknown
}

const REBUILD_COPY = /INSERT\s+INTO\s+[`"[]?__new_/i
const DROP_TABLE = /\bDROP\s+TABLE\b/i
const MARKER = /^--\s*reviewed:\s*table rebuild\b/im

export function checkMigrations(folder = MIGRATIONS_FOLDER): MigrationCheck {
  const problems: string[] = []
  const unreviewedRebuilds: string[] = []
  const journalFile = path.join(folder, 'meta', '_journal.json')
  let entries: JournalEntry[]
  try {
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries?: unknown }
    if (!Array.isArray(journal.entries)) throw new Error('it has no "entries" list')
    entries = journal.entries as JournalEntry[]
  } catch (error) {
    return {
      entries: 0,
      problems: [`${journalFile} cannot be read: ${error instanceof Error ? error.message : String(error)}`],
      unreviewedRebuilds,
    }
  }

  const listed = new Set<string>()
  entries.forEach((entry, i) => {
    const tag = typeof entry.tag === 'string' ? entry.tag : null
    const label = tag ?? `entry ${i}`
    if (entry.idx !== i)
      problems.push(
        `${label}: idx is ${JSON.stringify(entry.idx)}, expected ${i} (entries must be numbered 0, 1, 2… in order)`,
      )
    if (typeof entry.when !== 'number') {
      problems.push(`${label}: "when" is not a number`)
    } else if (i > 0) {
      const before = entries[i - 1]!.when
      if (typeof before === 'number' && entry.when <= before) {
        problems.push(
          `${label}: "when" ${entry.when} is not later than the entry before's ${before} (drizzle would skip it on databases already past that time)`,
        )
      }
    }
    if (!tag) {
      problems.push(`entry ${i}: no tag`)
      return
    }
    const number = /^(\d+)_/.exec(tag)?.[1]
    if (number === undefined || Number(number) !== i)
      problems.push(`${tag}: its number does not match its place in the journal (${i})`)
    listed.add(`${tag}.sql`)
    const file = path.join(folder, `${tag}.sql`)
    if (!fs.existsSync(file)) {
      problems.push(`${tag}: ${tag}.sql is missing`)
      return
    }
    const sql = fs.readFileSync(file, 'utf8')
    if (REBUILD_COPY.test(sql) && DROP_TABLE.test(sql) && !MARKER.test(sql)) unreviewedRebuilds.push(tag)
  })

  for (const name of fs
    .readdirSync(folder)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    if (!listed.has(name)) problems.push(`${name} is not in the journal (drizzle would never apply it)`)
  }
  return { entries: entries.length, problems, unreviewedRebuilds }
}

function main(): number {
  const folder = path.resolve(process.argv[2] ?? MIGRATIONS_FOLDER)
  const result = checkMigrations(folder)
  for (const problem of result.problems) console.error(`PROBLEM  ${problem}`)
  for (const tag of result.unreviewedRebuilds) {
    console.error(
      `REVIEW   ${tag} rebuilds a table (INSERT INTO \`__new_…\` then DROP TABLE). Check that every column and row is carried over, ` +
        `then put "${REVIEWED_REBUILD_MARKER}" on its first line.`,
    )
  }
  if (result.problems.length > 0 || result.unreviewedRebuilds.length > 0) return 1
  console.log(
    `Migrations OK: ${result.entries} in order, each with its SQL file, no unreviewed table rebuilds (${folder})`,
  )
  return 0
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) process.exit(main())
