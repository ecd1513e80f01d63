import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { getTableColumns, getTableName, is } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createEvidence } from '../../app/models/evidence.server'
import { backupBeforeMigrations, countRows, migrationState, readJournal } from '../../db/scripts/backup'
import { checkMigrations } from '../../db/scripts/check-migrations'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { MIGRATIONS_FOLDER, runMigrations } from '../../db/migrate'
import * as schema from '../../db/schema'
import { prepareDatabase } from '../../db/setup'
import { createUserWithSession } from '../support/users'

const root = path.resolve(import.meta.dirname, '../..')
const journal = readJournal()
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'attain-migrations-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

function open(file: string): Db {
  const db = openDatabase(file)
  cleanups.push(() => closeDatabase(db))
  return db
}

interface Entry {
  idx: number
  version: string
  when: number
  tag: string
  breakpoints: boolean
}

/** A copy of the migrations folder whose journal is rewritten by `edit`. */
function migrationsCopy(edit: (entries: Entry[]) => Entry[] = (e) => e): string {
  const dir = path.join(tempDir(), 'migrations')
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true })
  const file = path.join(dir, 'meta', '_journal.json')
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Entry[] }
  data.entries = edit(data.entries)
  fs.writeFileSync(file, JSON.stringify(data, null, 2))
  return dir
}

/** The migrations folder as it was when only the first `k` migrations existed. */
function firstMigrations(k: number): string {
  const dir = migrationsCopy((entries) => entries.slice(0, k))
  for (const entry of journal.slice(k)) fs.rmSync(path.join(dir, `${entry.tag}.sql`))
  return dir
}

// ---------------------------------------------------------------------------
// Filling whatever tables a schema has, following its foreign keys, so every
// migration — including ones not written yet — meets a database full of data.

interface Column {
  name: string
  type: string
  notnull: number
  pk: number
}
interface ForeignKey {
  table: string
  from: string
  to: string | null
}

function tablesOf(sqlite: Database.Database) {
  const all = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as {
    name: string
    sql: string
  }[]
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name)
  const ordinary = all
    .map((t) => t.name)
    .filter(
      (name) =>
        !virtual.includes(name) && name !== '__drizzle_migrations' && !virtual.some((v) => name.startsWith(`${v}_`)),
    )
  return { ordinary, virtual }
}

const schemaTables: SQLiteTable[] = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable =>
  is(v, SQLiteTable),
)
/** Columns the code reads as JSON (`text(…, { mode: 'json' })`): they get JSON. */
const jsonColumns = new Set(
  schemaTables.flatMap((table) =>
    Object.values(getTableColumns(table))
      .filter((column) => column.columnType === 'SQLiteTextJson')
      .map((column) => `${getTableName(table)}.${column.name}`),
  ),
)

const q = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Inserts `rows` rows into every table, parents before children, each foreign key pointing at a real row. */
function fillTables(sqlite: Database.Database, rows = 3): void {
  const { ordinary, virtual } = tablesOf(sqlite)
  const keys = new Map(
    ordinary.map((t) => [t, sqlite.prepare(`PRAGMA foreign_key_list(${q(t)})`).all() as ForeignKey[]]),
  )
  const done = new Set<string>()
  while (done.size < ordinary.length) {
    const ready = ordinary.filter((t) => !done.has(t) && keys.get(t)!.every((k) => k.table === t || done.has(k.table)))
    if (ready.length === 0)
      throw new Error(`Foreign keys go round in a circle among ${ordinary.filter((t) => !done.has(t)).join(', ')}`)
    for (const table of ready) {
      const columns = sqlite.prepare(`PRAGMA table_info(${q(table)})`).all() as Column[]
      const soleIntegerKey =
        columns.filter((c) => c.pk > 0).length === 1 && columns.some((c) => c.pk === 1 && /^integer$/i.test(c.type))
      const filled = columns.filter(
        (c) => !(soleIntegerKey && c.pk === 1 && !keys.get(table)!.some((k) => k.from === c.name)),
      )
      const insert = sqlite.prepare(
        `INSERT INTO ${q(table)} (${filled.map((c) => q(c.name)).join(', ')}) VALUES (${filled.map(() => '?').join(', ')})`,
      )
      for (let i = 0; i < rows; i++) {
        insert.run(
          filled.map((c) => {
            const key = keys.get(table)!.find((k) => k.from === c.name)
            if (key) {
              if (key.table === table) return null
              const parents = sqlite
                .prepare(`SELECT ${key.to ? q(key.to) : 'rowid'} AS v FROM ${q(key.table)} ORDER BY rowid`)
                .pluck()
                .all()
              return parents[i % parents.length]
            }
            if (/int/i.test(c.type)) return i + 1
            const text = `${table}.${c.name} #${i + 1}`
            if (jsonColumns.has(`${table}.${c.name}`)) return JSON.stringify([text])
            if (/sha256/.test(c.name)) return createHash('sha256').update(text).digest('hex')
            if (/(^|_)at$/.test(c.name)) return new Date(Date.UTC(2026, 0, 1 + i)).toISOString()
            return text
          }),
        )
      }
      done.add(table)
    }
  }
  for (const table of virtual) {
    const columns = (sqlite.prepare(`PRAGMA table_info(${q(table)})`).all() as Column[]).map((c) => c.name)
    const insert = sqlite.prepare(
      `INSERT INTO ${q(table)} (rowid, ${columns.map(q).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
    )
    for (let i = 0; i < rows; i++) insert.run(i + 1, ...columns.map((c) => `${c} words ${i + 1}`))
  }
}

/** Every row of every table (virtual tables: their row counts), with the columns each had. */
function snapshot(sqlite: Database.Database) {
  const { ordinary, virtual } = tablesOf(sqlite)
  const tables = Object.fromEntries(
    ordinary.map((table) => {
      const columns = (sqlite.prepare(`PRAGMA table_info(${q(table)})`).all() as Column[]).map((c) => c.name)
      return [
        table,
        {
          columns,
          rows: sqlite
            .prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} ORDER BY rowid`)
            .raw()
            .all(),
        },
      ]
    }),
  )
  const counts = Object.fromEntries(
    virtual.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as { n: number }).n]),
  )
  return { tables, counts }
}

// ---------------------------------------------------------------------------

describe('every migration, applied to a database full of data', () => {
  const stages = journal.slice(0, -1).map((entry, i) => ({ k: i + 1, last: entry.tag }))

  it.each(stages)('keeps every row when migrating on from $last', ({ k }) => {
    const dataDir = tempDir()
    const db = open(path.join(dataDir, 'attain.db'))
    runMigrations(db, firstMigrations(k))
    expect(migrationState(db).applied).toBe(k)
    fillTables(db.$client)
    const before = snapshot(db.$client)
    expect(Object.values(before.tables).every((t) => t.rows.length === 3)).toBe(true)

    // Start-up takes a backup first, because there is data and there are migrations to apply.
    const saved = backupBeforeMigrations(db, { dataDir, now: new Date('2026-05-01T00:00:00Z') })
    expect(saved).toBe(path.join(dataDir, 'backups', 'pre-migration-2026-05-01T00-00-00-000Z'))
    const manifest = JSON.parse(fs.readFileSync(path.join(saved!, 'manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({
      kind: 'pre-migration',
      schema: { migrationsApplied: k, pending: journal.slice(k).map((e) => e.tag) },
    })
    expect(manifest.tables).toEqual(countRows(db))

    runMigrations(db)

    const after = snapshot(db.$client)
    for (const [table, { columns, rows }] of Object.entries(before.tables)) {
      expect(after.tables[table], `${table} is still there`).toBeDefined()
      const now = db.$client
        .prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} ORDER BY rowid`)
        .raw()
        .all()
      expect(now, `${table} keeps its rows and values`).toEqual(rows)
    }
    for (const [table, n] of Object.entries(before.counts)) expect(after.counts[table], table).toBe(n)
    expect(db.$client.pragma('foreign_key_check')).toEqual([])
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(migrationState(db)).toMatchObject({ applied: journal.length, pending: [] })
    // Every table the code declares is readable with every column it expects.
    for (const table of schemaTables) {
      expect(() => db.select().from(table).all(), getTableName(table)).not.toThrow()
    }
    // Nothing more to do: the next start takes no backup.
    expect(backupBeforeMigrations(db, { dataDir })).toBeNull()
  })

  it('takes no backup of a new database (nothing to lose) or of one that is up to date', () => {
    const dataDir = tempDir()
    const db = open(path.join(dataDir, 'attain.db'))
    expect(migrationState(db)).toMatchObject({ applied: 0, pending: journal.map((e) => e.tag) })
    expect(backupBeforeMigrations(db, { dataDir })).toBeNull()
    runMigrations(db)
    expect(backupBeforeMigrations(db, { dataDir })).toBeNull()
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false)
  })

  it('hard-links the store into the pre-migration backup', () => {
    const dataDir = tempDir()
    const db = open(path.join(dataDir, 'attain.db'))
    runMigrations(db, firstMigrations(journal.length - 1))
    fillTables(db.$client)
    const sha = createHash('sha256').update('stored').digest('hex')
    fs.mkdirSync(path.join(dataDir, 'files', sha.slice(0, 2)), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'files', sha.slice(0, 2), sha), 'stored')
    const saved = backupBeforeMigrations(db, { dataDir })!
    const copy = path.join(saved, 'files', sha.slice(0, 2), sha)
    expect(fs.readFileSync(copy, 'utf8')).toBe('stored')
    expect(fs.statSync(copy).ino).toBe(fs.statSync(path.join(dataDir, 'files', sha.slice(0, 2), sha)).ino)
  })
})

describe('a migration that rebuilds a table', () => {
  /** The migrations plus a drizzle-kit style rebuild of evidence_items, which claims and attachments point at (ON DELETE CASCADE). */
  function withRebuild(db: Db, { reviewed }: { reviewed: boolean }): string {
    const dir = migrationsCopy()
    const create = (
      db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'evidence_items'").get() as { sql: string }
    ).sql
    const indexes = db.$client
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evidence_items' AND sql IS NOT NULL")
      .pluck()
      .all() as string[]
    const columns = (db.$client.prepare('PRAGMA table_info(evidence_items)').all() as Column[])
      .map((c) => `\`${c.name}\``)
      .join(', ')
    const tag = `${String(journal.length).padStart(4, '0')}_rebuild_evidence_items`
    const statements = [
      `${reviewed ? '-- reviewed: table rebuild\n' : ''}PRAGMA foreign_keys=OFF;`,
      `${create.replace(/^CREATE TABLE\s+[`"]?evidence_items[`"]?/i, 'CREATE TABLE `__new_evidence_items`')};`,
      `INSERT INTO \`__new_evidence_items\`(${columns}) SELECT ${columns} FROM \`evidence_items\`;`,
      'DROP TABLE `evidence_items`;',
      'ALTER TABLE `__new_evidence_items` RENAME TO `evidence_items`;',
      'PRAGMA foreign_keys=ON;',
      ...indexes.map((sql) => `${sql};`),
    ]
    fs.writeFileSync(path.join(dir, `${tag}.sql`), statements.join('--> statement-breakpoint\n'))
    const file = path.join(dir, 'meta', '_journal.json')
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Entry[] }
    data.entries.push({ idx: journal.length, version: '6', when: journal.at(-1)!.when + 1000, tag, breakpoints: true })
    fs.writeFileSync(file, JSON.stringify(data, null, 2))
    return dir
  }

  async function databaseWithItems() {
    const dir = tempDir()
    const db = prepareDatabase(path.join(dir, 'attain.db'))
    cleanups.push(() => closeDatabase(db))
    const trainee = await createUserWithSession(db, { role: 'trainee' })
    for (let i = 0; i < 4; i++) {
      createEvidence(db, trainee.user.id, {
        title: `Item ${i}`,
        activityStart: '2026-03-02',
        activityEnd: null,
        evidenceType: 'audit',
        role: 'led',
        description: '',
        reflection: '',
        claims: [{ area: 'Tech3', statement: 'I did the checks.', competencies: [] }],
      })
    }
    return db
  }

  it('keeps the rows pointing at the rebuilt table under runMigrations, which turns foreign keys off first', async () => {
    const db = await databaseWithItems()
    const before = countRows(db)
    runMigrations(db, withRebuild(db, { reviewed: true }))
    expect(countRows(db)).toEqual({ ...before, __drizzle_migrations: before.__drizzle_migrations! + 1 })
    expect(db.$client.pragma('foreign_key_check')).toEqual([])
  })

  it('would delete those rows (ON DELETE CASCADE) under drizzle’s migrator alone: its PRAGMA foreign_keys=OFF is ignored inside the transaction', async () => {
    const db = await databaseWithItems()
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
    migrate(db, { migrationsFolder: withRebuild(db, { reviewed: true }) })
    expect(db.$client.prepare('SELECT count(*) FROM evidence_items').pluck().get()).toBe(4)
    expect(db.$client.prepare('SELECT count(*) FROM evidence_claims').pluck().get()).toBe(0)
  })

  it('fails the migration check until it is marked as reviewed', async () => {
    const db = await databaseWithItems()
    const tag = `${String(journal.length).padStart(4, '0')}_rebuild_evidence_items`
    expect(checkMigrations(withRebuild(db, { reviewed: false }))).toMatchObject({
      problems: [],
      unreviewedRebuilds: [tag],
    })
    expect(checkMigrations(withRebuild(db, { reviewed: true }))).toMatchObject({ problems: [], unreviewedRebuilds: [] })
  })
})

describe('npm run db:check-migrations', () => {
  it('passes the committed migrations', () => {
    expect(checkMigrations()).toEqual({ entries: journal.length, problems: [], unreviewedRebuilds: [] })
  })

  it('finds entries out of order', () => {
    const swapped = migrationsCopy((entries) => {
      const copy = [...entries]
      ;[copy[1], copy[2]] = [copy[2]!, copy[1]!]
      return copy
    })
    const { problems } = checkMigrations(swapped)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${journal[2]!.tag}: idx is 2, expected 1`)),
        expect.stringMatching(new RegExp(`^${journal[1]!.tag}: "when" \\d+ is not later than`)),
        expect.stringMatching(
          new RegExp(`^${journal[2]!.tag}: its number does not match its place in the journal \\(1\\)`),
        ),
      ]),
    )
  })

  it('finds an entry whose time goes backwards, even with idx in order', () => {
    const folder = migrationsCopy((entries) => entries.map((e, i) => (i === 3 ? { ...e, when: entries[1]!.when } : e)))
    expect(checkMigrations(folder).problems).toEqual([
      expect.stringMatching(new RegExp(`^${journal[3]!.tag}: "when" .* not later`)),
    ])
  })

  it('finds a missing SQL file and one the journal does not list', () => {
    const folder = migrationsCopy()
    fs.rmSync(path.join(folder, `${journal[2]!.tag}.sql`))
    fs.writeFileSync(path.join(folder, '0099_stray.sql'), 'SELECT 1;')
    expect(checkMigrations(folder).problems).toEqual([
      `${journal[2]!.tag}: ${journal[2]!.tag}.sql is missing`,
      '0099_stray.sql is not in the journal (drizzle would never apply it)',
    ])
  })

  it('exits 1 with the problem, and 0 on the committed folder', () => {
    const folder = migrationsCopy()
    fs.rmSync(path.join(folder, `${journal[1]!.tag}.sql`))
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'db/scripts/check-migrations.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
      })
    const bad = run([folder])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain(`PROBLEM  ${journal[1]!.tag}: ${journal[1]!.tag}.sql is missing`)
    const good = run([])
    expect(good.status).toBe(0)
    expect(good.stdout).toMatch(/^Migrations OK: \d+ in order/)
  })
})
