/**
 * Backups of the database and the file store, and restoring them.
 *
 * A backup is a folder:
 *
 *   attain.db       a consistent copy of the database (one file, rollback journal, integrity checked)
 *   files/          the content-addressed store, laid out as under DATA_DIR (app/files/store-path.ts)
 *   manifest.json   when, the schema, row counts per table, file totals, the copy's SHA-256
 *
 * The database is copied with SQLite's online backup API, so a backup can be
 * taken while the server is running and writing (WAL lets a reader see one
 * snapshot while writers carry on). The database is copied first and the
 * files after: the app stores a file before writing the row that points at
 * it, so every file the copied rows reference is already in the store.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { isErrno, syncDirectory } from '../../app/files/fs.server'
import { filePath, isStorePrefix, isStoredName, pathInStore, storeRoot } from '../../app/files/store-path'
import { referencedFiles } from '../../app/models/files.server'
import type { Db } from '../client'
import { MIGRATIONS_FOLDER } from '../migrate'
import * as schema from '../schema'

export const BACKUP_DATABASE_NAME = 'attain.db'
export const MANIFEST_NAME = 'manifest.json'
const MIGRATIONS_TABLE = '__drizzle_migrations'

type Source = Db | Database.Database | string

export interface BackupManifest {
  format: 1
  kind: 'backup' | 'pre-migration'
  createdAt: string
  durationMs: number
  source: { databasePath: string; dataDir: string }
  database: { file: string; bytes: number; sha256: string; pages: number; integrity: 'ok' }
  schema: {
    migrationsApplied: number
    /** The `when` of the last migration applied, as drizzle records it. */
    lastMigrationAt: number | null
    /** Its tag in the journal, when this code's journal knows it. */
    lastMigrationTag: string | null
    /** For a pre-migration backup: the migrations about to be applied. */
    pending?: string[]
  }
  /** Rows per table in the copy (virtual tables left out; their storage tables are counted). */
  tables: Record<string, number>
  files: {
    count: number
    bytes: number
    /** Files copied (or linked) into the backup this time; the rest were there already. */
    copied: number
    skipped: number
    /** Store files whose content did not match their name: not copied. */
    mismatched: string[]
    /** Files the copied rows point at that the backup does not hold. */
    missing: string[]
  }
}

// ---------------------------------------------------------------------------
// The database

export interface DatabaseCopy {
  file: string
  bytes: number
  sha256: string
  pages: number
  /** Steps the online backup took, and how often it started over because another connection wrote. */
  steps: number
  restarts: number
  durationMs: number
}

export interface BackupProgress {
  totalPages: number
  remainingPages: number
  steps: number
  restarts: number
}

export interface BackupDatabaseOptions {
  /** Pages copied per step; the event loop runs between steps. Default 1000. */
  pagesPerStep?: number
  /**
   * A write by another connection makes the next step start again from the
   * first page. After this many fresh starts the rest is copied in one step,
   * holding one read snapshot (which, with WAL, does not block writers). Default 3.
   */
  maxRestarts?: number
  /** Told after every step. */
  onProgress?: (progress: BackupProgress) => void
}

/**
 * Copies the database (a connection, or the path of a database file) to
 * `destFile` with SQLite's online backup API, switches the copy to a rollback
 * journal so it is one self-contained file, and checks it with
 * `PRAGMA integrity_check`. A copy that fails the check is deleted and an
 * error thrown. The copy is written under a temporary name and renamed into
 * place, so `destFile` is never a half-written database.
 */
export async function backupDatabase(
  source: Source,
  destFile: string,
  options: BackupDatabaseOptions = {},
): Promise<DatabaseCopy> {
  const started = performance.now()
  const dest = path.resolve(destFile)
  const { sqlite, close } = openSource(source)
  try {
    if (sqlite.name && sqlite.name !== ':memory:' && path.resolve(sqlite.name) === dest) {
      throw new Error('A backup cannot be written over the database it copies')
    }
    await fsp.mkdir(path.dirname(dest), { recursive: true })
    const temp = temporaryName(dest)
    const pagesPerStep = Math.max(1, Math.trunc(options.pagesPerStep ?? 1000))
    const maxRestarts = options.maxRestarts ?? 3
    let steps = 0
    let restarts = 0
    let lastCopied = -1
    try {
      await sqlite.backup(temp, {
        progress: ({ totalPages, remainingPages }) => {
          steps++
          // Another connection's write sends the copy back to page one: no more pages copied than a step ago.
          // (Writes through this same connection are copied as they happen; the total grows, progress goes on.)
          const copied = totalPages - remainingPages
          if (copied <= lastCopied) restarts++
          lastCopied = copied
          options.onProgress?.({ totalPages, remainingPages, steps, restarts })
          return restarts >= maxRestarts ? 0x7fffffff : pagesPerStep
        },
      })
      const checked = finishCopy(temp)
      await fsp.rename(temp, dest)
      return { file: dest, ...checked, steps, restarts, durationMs: round1(performance.now() - started) }
    } catch (error) {
      removeDatabaseFiles(temp)
      throw error
    }
  } finally {
    close()
  }
}

/**
 * The same as `backupDatabase`, synchronously, with `VACUUM INTO`: for
 * start-up, before anything else uses the connection (the online backup API
 * is asynchronous; preparing the database is not).
 */
export function snapshotDatabaseSync(
  source: Db | Database.Database,
  destFile: string,
): Omit<DatabaseCopy, 'steps' | 'restarts'> {
  const started = performance.now()
  const dest = path.resolve(destFile)
  const sqlite = clientOf(source)
  fs.mkdirSync(path.dirname(dest), { recursive: true })
  const temp = temporaryName(dest)
  try {
    sqlite.prepare('VACUUM INTO ?').run(temp)
    const checked = finishCopy(temp)
    fs.renameSync(temp, dest)
    return { file: dest, ...checked, durationMs: round1(performance.now() - started) }
  } catch (error) {
    removeDatabaseFiles(temp)
    throw error
  }
}

/** Makes a fresh copy one self-contained file, checks it, and describes it. Throws if the check fails. */
function finishCopy(file: string): { bytes: number; sha256: string; pages: number } {
  const copy = new Database(file, { fileMustExist: true })
  try {
    // The online backup copies the WAL flag from the source's header; a backup should need no -wal beside it.
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
  const check = checkDatabaseFile(file)
  if (!check.ok) throw new Error(`The copy failed its integrity check: ${check.problems.slice(0, 5).join('; ')}`)
  return { bytes: fs.statSync(file).size, sha256: sha256OfFileSync(file), pages: check.pages }
}

export interface DatabaseCheck {
  ok: boolean
  problems: string[]
  pages: number
}

/** Opens a database file read-only and runs `PRAGMA integrity_check`. A file SQLite cannot read at all fails too. */
export function checkDatabaseFile(file: string): DatabaseCheck {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true })
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[]
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok')
    const pages = Number(sqlite.pragma('page_count', { simple: true }))
    return { ok: problems.length === 0 && rows.length > 0, problems, pages }
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)], pages: 0 }
  } finally {
    sqlite?.close()
  }
}

/** Rows per table: every ordinary table, the migrations table and full-text storage tables included. */
export function countRows(source: Db | Database.Database): Record<string, number> {
  const sqlite = clientOf(source)
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (sqlite.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number }).n,
    ]),
  )
}

// ---------------------------------------------------------------------------
// Migrations: which are applied, which pending

interface JournalEntry {
  idx: number
  when: number
  tag: string
}

export function readJournal(migrationsFolder = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[]
  }
  return journal.entries
}

export interface MigrationState {
  /** Rows in `__drizzle_migrations`. */
  applied: number
  lastAppliedAt: number | null
  lastAppliedTag: string | null
  /** Tags of the journal's migrations drizzle's migrator would apply now. */
  pending: string[]
}

/**
 * What drizzle's migrator would do to this database. It records each
 * migration it applies as a row (hash, created_at = the journal entry's
 * `when`) in `__drizzle_migrations`, and on the next run applies every
 * journal entry whose `when` is later than the latest `created_at` — it
 * compares times, not counts, so this does the same.
 */
export function migrationState(source: Db | Database.Database, migrationsFolder = MIGRATIONS_FOLDER): MigrationState {
  const sqlite = clientOf(source)
  const entries = readJournal(migrationsFolder)
  const hasTable =
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined
  const row = hasTable
    ? (sqlite
        .prepare(
          `SELECT count(*) AS n, max(CAST(created_at AS INTEGER)) AS last FROM ${quoteIdentifier(MIGRATIONS_TABLE)}`,
        )
        .get() as {
        n: number
        last: number | null
      })
    : { n: 0, last: null }
  const last = row.n > 0 ? row.last : null
  return {
    applied: row.n,
    lastAppliedAt: last,
    lastAppliedTag: last === null ? null : (entries.find((e) => e.when === last)?.tag ?? null),
    pending: entries.filter((e) => last === null || e.when > last).map((e) => e.tag),
  }
}

// ---------------------------------------------------------------------------
// The file store

export interface StoreCopy {
  /** Files in the source store. */
  files: number
  copied: number
  /** Already in the destination with the same size (same name means same content). */
  skipped: number
  bytesCopied: number
  /** Source files whose content does not hash to their name: left out. */
  mismatched: string[]
}

interface StoreEntry {
  prefix: string
  name: string
  full: string
  size: number
}

/** The files of a store folder (`<2 hex>/<sha256>`); `tmp/` and anything else is not part of it. */
export function listStore(filesDir: string): StoreEntry[] {
  const entries: StoreEntry[] = []
  for (const prefix of readdirOrEmpty(filesDir).sort()) {
    if (!isStorePrefix(prefix)) continue
    const dir = path.join(filesDir, prefix)
    for (const name of readdirOrEmpty(dir).sort()) {
      if (!isStoredName(prefix, name)) continue
      const full = path.join(dir, name)
      const stat = statOrNull(full)
      if (stat?.isFile()) entries.push({ prefix, name, full, size: stat.size })
    }
  }
  return entries
}

export interface CopyStoreOptions {
  /** Hash each file copied and leave out any whose content does not match its name. Default true. */
  verify?: boolean
}

/**
 * Copies the content-addressed store under `dataDir` into `destFilesDir`,
 * incrementally: a file already there with the same size is skipped (names
 * are hashes, so the same name is the same content). Uploads in flight
 * (`files/tmp`) are never copied.
 */
export function copyFiles(dataDir: string, destFilesDir: string, options: CopyStoreOptions = {}): Promise<StoreCopy> {
  return copyStore(storeRoot(dataDir), destFilesDir, options)
}

/** `copyFiles` between two store folders. */
export async function copyStore(
  fromFilesDir: string,
  toFilesDir: string,
  { verify = true }: CopyStoreOptions = {},
): Promise<StoreCopy> {
  const result: StoreCopy = { files: 0, copied: 0, skipped: 0, bytesCopied: 0, mismatched: [] }
  for (const entry of listStore(fromFilesDir)) {
    result.files++
    const target = path.join(toFilesDir, pathInStore(entry.name))
    if (statOrNull(target)?.size === entry.size) {
      result.skipped++
      continue
    }
    await fsp.mkdir(path.dirname(target), { recursive: true })
    const temp = temporaryName(target)
    try {
      if (verify) {
        const hash = crypto.createHash('sha256')
        await pipeline(
          fs.createReadStream(entry.full),
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              hash.update(chunk)
              yield chunk
            }
          },
          fs.createWriteStream(temp, { flags: 'wx' }),
        )
        if (hash.digest('hex') !== entry.name) {
          await fsp.rm(temp, { force: true })
          result.mismatched.push(entry.name)
          continue
        }
      } else {
        await fsp.copyFile(entry.full, temp, fs.constants.COPYFILE_EXCL)
      }
      await fsp.rename(temp, target)
    } catch (error) {
      await fsp.rm(temp, { force: true })
      if (isErrno(error, 'ENOENT') && !statOrNull(entry.full)) continue // removed by the sweep meanwhile
      throw error
    }
    result.copied++
    result.bytesCopied += entry.size
  }
  return result
}

/**
 * `copyStore`, synchronously, hard-linking where it can (the store's files
 * are never changed in place, so a link is as good as a copy and costs no
 * space) and copying where it cannot (another file system).
 */
export function linkStoreSync(fromFilesDir: string, toFilesDir: string): StoreCopy {
  const result: StoreCopy = { files: 0, copied: 0, skipped: 0, bytesCopied: 0, mismatched: [] }
  for (const entry of listStore(fromFilesDir)) {
    result.files++
    const target = path.join(toFilesDir, pathInStore(entry.name))
    if (statOrNull(target)?.size === entry.size) {
      result.skipped++
      continue
    }
    fs.mkdirSync(path.dirname(target), { recursive: true })
    try {
      fs.linkSync(entry.full, target)
    } catch (error) {
      if (isErrno(error, 'EEXIST')) fs.rmSync(target, { force: true })
      const temp = temporaryName(target)
      fs.copyFileSync(entry.full, temp)
      fs.renameSync(temp, target)
    }
    result.copied++
    result.bytesCopied += entry.size
  }
  return result
}

/**
 * The SHA-256s the database's rows point at that the store under `dataDir` does not hold: the app's own list
 * of referenced files (live attachments, files frozen in submissions, generated and converted PDFs) and every
 * row of `stored_files`.
 */
function missingReferencedFiles(sqlite: Database.Database, dataDir: string): string[] {
  const referenced = referencedFiles(drizzle(sqlite, { schema }), { storedRows: true })
  return [...referenced].sort().filter((sha) => {
    try {
      return !statOrNull(filePath(dataDir, sha))?.isFile()
    } catch {
      return true // not a SHA-256: no file can answer to it
    }
  })
}

// ---------------------------------------------------------------------------
// Backups

export interface BackupOptions extends BackupDatabaseOptions {
  dataDir: string
  /** Default `<dataDir>/attain.db`. */
  databasePath?: string
  /** A connection to copy from instead of opening `databasePath` (in the server's own process). */
  db?: Db | Database.Database
  /**
   * The backup folder, default `<dataDir>/backups/<UTC time>`. It may hold an
   * earlier backup: the database and manifest are replaced and only new files copied.
   */
  dest?: string
  now?: () => Date
}

export interface BackupResult {
  dir: string
  manifest: BackupManifest
  database: DatabaseCopy
}

/** A backup of the database and the file store into one folder, with its manifest. */
export async function backup(options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? (() => new Date())
  const createdAt = now()
  const started = performance.now()
  const dataDir = path.resolve(options.dataDir)
  const databasePath = path.resolve(options.databasePath ?? path.join(dataDir, BACKUP_DATABASE_NAME))
  const source = options.db ?? databasePath
  if (typeof source === 'string' && !fs.existsSync(source)) throw new Error(`No database at ${source}`)
  const dir = options.dest
    ? path.resolve(options.dest)
    : freshFolder(path.join(dataDir, 'backups'), timestamp(createdAt))
  await fsp.mkdir(storeRoot(dir), { recursive: true })

  const database = await backupDatabase(source, path.join(dir, BACKUP_DATABASE_NAME), options)
  const files = await copyFiles(dataDir, storeRoot(dir))
  const manifest = describeBackup(dir, database, files, {
    kind: 'backup',
    createdAt,
    durationMs: performance.now() - started,
    source: { databasePath, dataDir },
  })
  return { dir, manifest, database }
}

/** Reads the copy in `dir`, writes the manifest and returns it. */
function describeBackup(
  dir: string,
  database: Omit<DatabaseCopy, 'steps' | 'restarts'>,
  files: StoreCopy,
  facts: {
    kind: BackupManifest['kind']
    createdAt: Date
    durationMs: number
    source: BackupManifest['source']
    pending?: string[]
  },
): BackupManifest {
  const copy = new Database(database.file, { readonly: true, fileMustExist: true })
  let tables: Record<string, number>
  let state: MigrationState
  let missing: string[]
  try {
    tables = countRows(copy)
    state = migrationState(copy)
    missing = missingReferencedFiles(copy, dir)
  } finally {
    copy.close()
  }
  const held = listStore(storeRoot(dir))
  const manifest: BackupManifest = {
    format: 1,
    kind: facts.kind,
    createdAt: facts.createdAt.toISOString(),
    durationMs: round1(facts.durationMs),
    source: facts.source,
    database: {
      file: BACKUP_DATABASE_NAME,
      bytes: database.bytes,
      sha256: database.sha256,
      pages: database.pages,
      integrity: 'ok',
    },
    schema: {
      migrationsApplied: state.applied,
      lastMigrationAt: state.lastAppliedAt,
      lastMigrationTag: state.lastAppliedTag,
      ...(facts.pending ? { pending: facts.pending } : {}),
    },
    tables,
    files: {
      count: held.length,
      bytes: held.reduce((sum, f) => sum + f.size, 0),
      copied: files.copied,
      skipped: files.skipped,
      mismatched: files.mismatched,
      missing,
    },
  }
  writeFileAtomicSync(path.join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/**
 * Before migrations change a database that already holds data, a backup of
 * it as it is: `<dataDir>/backups/pre-migration-<UTC time>` (the store's
 * files hard-linked, so it costs little space). Returns the folder, or null
 * when there is nothing to migrate or no data to lose (a new database).
 * Synchronous, for start-up; call it on the open connection before `runMigrations`.
 */
export function backupBeforeMigrations(
  db: Db | Database.Database,
  {
    dataDir,
    migrationsFolder = MIGRATIONS_FOLDER,
    now = new Date(),
  }: { dataDir: string; migrationsFolder?: string; now?: Date },
): string | null {
  const sqlite = clientOf(db)
  const state = migrationState(sqlite, migrationsFolder)
  if (state.applied === 0 || state.pending.length === 0) return null
  const started = performance.now()
  const root = path.resolve(dataDir)
  const dir = freshFolder(path.join(root, 'backups'), `pre-migration-${timestamp(now)}`)
  fs.mkdirSync(storeRoot(dir), { recursive: true })
  const database = snapshotDatabaseSync(sqlite, path.join(dir, BACKUP_DATABASE_NAME))
  const files = linkStoreSync(storeRoot(root), storeRoot(dir))
  describeBackup(dir, database, files, {
    kind: 'pre-migration',
    createdAt: now,
    durationMs: performance.now() - started,
    source: { databasePath: sqlite.name, dataDir: root },
    pending: state.pending,
  })
  return dir
}

// ---------------------------------------------------------------------------
// Restoring

export type RestoreRefusalReason = 'no-backup' | 'damaged' | 'database-exists' | 'files-exist' | 'in-use'

/** A restore that was not started, and why; nothing in the target was changed. */
export class RestoreRefusal extends Error {
  constructor(
    readonly reason: RestoreRefusalReason,
    message: string,
  ) {
    super(message)
    this.name = 'RestoreRefusal'
  }
}

export interface RestoreOptions {
  /** The backup folder. */
  from: string
  dataDir: string
  /** Default `<dataDir>/attain.db`. */
  databasePath?: string
  /** Replace an existing database (kept beside it as `<name>.replaced-<time>`) and add to a non-empty store. */
  force?: boolean
  now?: Date
}

export interface RestoreResult {
  databasePath: string
  /** Where the database that was replaced now is, if there was one. */
  replaced: string | null
  manifest: BackupManifest
  tables: Record<string, number>
  files: StoreCopy
  /** Files the restored rows point at that the restored store does not hold. */
  missing: string[]
}

export function readManifest(from: string): BackupManifest {
  const file = path.join(path.resolve(from), MANIFEST_NAME)
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    throw new RestoreRefusal('no-backup', `${path.resolve(from)} is not a backup: it has no ${MANIFEST_NAME}`)
  }
  const manifest = JSON.parse(text) as BackupManifest
  if (manifest.format !== 1 || !manifest.database?.sha256 || !manifest.tables) {
    throw new RestoreRefusal('no-backup', `${file} is not a manifest this version can read`)
  }
  return manifest
}

/** Checks a backup folder without changing anything: its database matches the manifest and passes the integrity check. */
export function verifyBackup(from: string): BackupManifest {
  const dir = path.resolve(from)
  const manifest = readManifest(dir)
  const file = path.join(dir, BACKUP_DATABASE_NAME)
  if (!fs.existsSync(file)) throw new RestoreRefusal('damaged', `The backup's database ${file} is missing`)
  const sha256 = sha256OfFileSync(file)
  if (sha256 !== manifest.database.sha256) {
    throw new RestoreRefusal(
      'damaged',
      `The backup's database is damaged: its SHA-256 is ${sha256}, the manifest says ${manifest.database.sha256}`,
    )
  }
  const check = checkDatabaseFile(file)
  if (!check.ok)
    throw new RestoreRefusal(
      'damaged',
      `The backup's database fails its integrity check: ${check.problems.slice(0, 5).join('; ')}`,
    )
  return manifest
}

/**
 * Puts a backup in place: checks it first, then copies the database in
 * under a temporary name and renames it into place, copies the files
 * (checking each against its name), and finally checks the restored
 * database's row counts against the manifest.
 *
 * Refuses (RestoreRefusal, nothing changed) when the target database exists
 * or the store holds files, unless `force`; and always when another
 * connection has the target database open — stop the server first.
 */
export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const from = path.resolve(options.from)
  const dataDir = path.resolve(options.dataDir)
  const databasePath = path.resolve(options.databasePath ?? path.join(dataDir, BACKUP_DATABASE_NAME))
  const filesDir = storeRoot(dataDir)
  const manifest = verifyBackup(from)

  // A -wal or -journal left without its database still counts: it would be replayed into the restored file.
  const exists = ['', '-wal', '-shm', '-journal'].some((suffix) => fs.existsSync(databasePath + suffix))
  if (fs.existsSync(databasePath) && databaseInUse(databasePath)) {
    throw new RestoreRefusal(
      'in-use',
      `${databasePath} is open in another process (is the server running?). Stop it, then restore.`,
    )
  }
  if (exists && !options.force) {
    throw new RestoreRefusal(
      'database-exists',
      `${databasePath} already exists. Restoring would replace it: add --force to do so (it is kept beside, renamed).`,
    )
  }
  if (!options.force && listStore(filesDir).length > 0) {
    throw new RestoreRefusal('files-exist', `${filesDir} already holds files. Add --force to restore into it anyway.`)
  }

  await fsp.mkdir(path.dirname(databasePath), { recursive: true })
  const temp = temporaryName(databasePath)
  let replaced: string | null = null
  try {
    await fsp.copyFile(path.join(from, BACKUP_DATABASE_NAME), temp, fs.constants.COPYFILE_EXCL)
    await syncFile(temp)
    if (exists) {
      // The database moves aside with its -wal and -shm, so the three still belong together; a
      // -wal left beside the restored file would be replayed into it.
      replaced = `${databasePath}.replaced-${timestamp(options.now ?? new Date())}`
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        if (fs.existsSync(databasePath + suffix)) await fsp.rename(databasePath + suffix, replaced + suffix)
      }
    }
    await fsp.rename(temp, databasePath)
    await syncDirectory(path.dirname(databasePath))
  } catch (error) {
    await fsp.rm(temp, { force: true })
    throw error
  }

  const files = await copyStore(storeRoot(from), filesDir, { verify: true })

  const restored = new Database(databasePath, { readonly: true, fileMustExist: true })
  let tables: Record<string, number>
  let missing: string[]
  try {
    tables = countRows(restored)
    missing = missingReferencedFiles(restored, dataDir)
  } finally {
    restored.close()
  }
  const differences = Object.keys({ ...manifest.tables, ...tables }).filter((t) => manifest.tables[t] !== tables[t])
  if (differences.length > 0) {
    throw new Error(
      `The restored database's row counts differ from the manifest: ${differences.map((t) => `${t} ${tables[t] ?? 'absent'} ≠ ${manifest.tables[t] ?? 'absent'}`).join(', ')}`,
    )
  }
  return { databasePath, replaced, manifest, tables, files, missing }
}

/** True when another connection holds the database open (a running server). */
export function databaseInUse(file: string): boolean {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { fileMustExist: true })
    sqlite.pragma('busy_timeout = 0')
    // In exclusive locking mode even a WAL database needs the file to itself.
    sqlite.pragma('locking_mode = EXCLUSIVE')
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT')
    return false
  } catch (error) {
    // Anything else (a damaged file) says nothing about other connections.
    return (
      typeof error === 'object' &&
      error !== null &&
      String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')
    )
  } finally {
    sqlite?.close()
  }
}

// ---------------------------------------------------------------------------
// Small helpers

function clientOf(source: Db | Database.Database): Database.Database {
  return '$client' in source ? source.$client : source
}

function openSource(source: Source): { sqlite: Database.Database; close: () => void } {
  if (typeof source !== 'string') return { sqlite: clientOf(source), close: () => {} }
  const sqlite = new Database(source, { readonly: true, fileMustExist: true })
  sqlite.pragma('busy_timeout = 5000')
  return { sqlite, close: () => sqlite.close() }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** `2026-05-01T12-34-56-789Z`: UTC, sortable, and valid in a file name everywhere. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

/** `<parent>/<name>`, or `<name>-2`, `-3`… if that is taken. */
function freshFolder(parent: string, name: string): string {
  let candidate = path.join(parent, name)
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(parent, `${name}-${n}`)
  return candidate
}

function temporaryName(file: string): string {
  return `${file}.partial-${crypto.randomBytes(6).toString('hex')}`
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
}

export function sha256OfFileSync(file: string): string {
  const hash = crypto.createHash('sha256')
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(1024 * 1024)
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null)
      if (read === 0) break
      hash.update(buffer.subarray(0, read))
    }
  } finally {
    fs.closeSync(fd)
  }
  return hash.digest('hex')
}

function writeFileAtomicSync(file: string, text: string): void {
  const temp = temporaryName(file)
  fs.writeFileSync(temp, text)
  fs.renameSync(temp, file)
}

async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir)
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return []
    throw error
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10
}
