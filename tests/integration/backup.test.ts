import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { recordAudit } from '../../app/models/audit.server'
import { createEvidence, listEvidence, type NewAttachment } from '../../app/models/evidence.server'
import { filePath } from '../../app/files/store-path'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { evidenceAttachments, fileConversions, storedFiles } from '../../db/schema'
import {
  backup,
  checkDatabaseFile,
  copyFiles,
  countRows,
  databaseInUse,
  listStore,
  readJournal,
  restore,
  RestoreRefusal,
  sha256OfFileSync,
} from '../../db/scripts/backup'
import { prepareDatabase } from '../../db/setup'
import { createTestDb, type TestDb } from '../support/test-db'
import { submittedPortfolio } from '../support/submitted-portfolio'
import { createUserWithSession } from '../support/users'

const root = path.resolve(import.meta.dirname, '../..')
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'attain-backup-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

function testDb(): TestDb {
  const t = createTestDb()
  cleanups.push(() => t.cleanup())
  return t
}

/** Puts `content` into the store under `dataDir` as the upload handler would, and describes it as an attachment. */
function storeFile(dataDir: string, content: string | Buffer, originalName = 'notes.txt'): NewAttachment {
  const bytes = Buffer.from(content)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const file = path.join(dataDir, 'files', sha256.slice(0, 2), sha256)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, bytes)
  return { sha256, size: bytes.length, mediaType: 'text/plain', pageCount: 1, pagesExact: true, originalName }
}

let itemCounter = 0
/** One evidence item with two claims and a file of its own, and an audit event, as the app writes them. */
function addItem(db: Db, dataDir: string, traineeId: number): number {
  itemCounter++
  const file = storeFile(dataDir, `Measurement log ${itemCounter} ${randomBytes(8).toString('hex')}\n`)
  const id = createEvidence(
    db,
    traineeId,
    {
      title: `Output check ${itemCounter}`,
      activityStart: '2026-03-02',
      activityEnd: null,
      evidenceType: 'audit',
      role: 'led',
      description: 'Measured output with a Farmer chamber.',
      reflection: 'Scripting the setup saved an hour.',
      claims: [
        { area: 'Tech3', statement: 'I performed the output checks myself.', competencies: [] },
        { area: 'Sci7', statement: 'I estimated the uncertainty budget.', competencies: ['Sci-SC1'] },
      ],
    },
    [file],
  )
  recordAudit(db, { actorId: traineeId, action: 'evidence.created', subjectType: 'evidence', subjectId: id })
  return id
}

/** A migrated, seeded database with a trainee, a mentor and `items` evidence items, each with a stored file. */
async function populated(items: number) {
  const t = testDb()
  const trainee = await createUserWithSession(t.db, { role: 'trainee' })
  await createUserWithSession(t.db, { role: 'mentor' })
  for (let i = 0; i < items; i++) addItem(t.db, t.dir, trainee.user.id)
  return { t, traineeId: trainee.user.id }
}

function count(db: Db | Database.Database, table: string): number {
  const sqlite = '$client' in db ? db.$client : db
  return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

function openCopy(file: string): Database.Database {
  const copy = new Database(file, { readonly: true, fileMustExist: true })
  cleanups.push(() => copy.close())
  return copy
}

/** Every file in a store folder hashes to its name. */
function storeHashes(filesDir: string): Map<string, string> {
  return new Map(
    listStore(filesDir).map((f) => [f.name, createHash('sha256').update(fs.readFileSync(f.full)).digest('hex')]),
  )
}

describe('backing up', () => {
  it('copies a database that another connection keeps writing to, consistent and complete', async () => {
    const { t, traineeId } = await populated(40)
    const writer = openDatabase(t.file)
    cleanups.push(() => closeDatabase(writer))
    const itemsBefore = count(t.db, 'evidence_items')

    // Writes go on concurrently from a second connection: one between every pair of backup steps,
    // and more whenever the event loop is free.
    let writesDuringBackup = 0
    let running = true
    const write = () => {
      addItem(writer, t.dir, traineeId)
      writesDuringBackup++
    }
    const loop = () => {
      if (!running) return
      write()
      setImmediate(loop)
    }
    setImmediate(loop)
    const progress: { remainingPages: number; restarts: number }[] = []
    const dest = path.join(tempDir(), 'b')
    const result = await backup({
      dataDir: t.dir,
      databasePath: t.file,
      dest,
      pagesPerStep: 4,
      onProgress: (p) => {
        progress.push(p)
        write()
      },
    })
    running = false
    const itemsAfter = count(writer, 'evidence_items')

    expect(writesDuringBackup).toBeGreaterThan(5)
    expect(result.database.steps).toBeGreaterThan(3)
    // Another connection's writes send the copy back to its first page; it then finishes in one step.
    expect(result.database.restarts).toBeGreaterThan(0)

    const file = path.join(dest, 'attain.db')
    expect(checkDatabaseFile(file)).toMatchObject({ ok: true, problems: [] })
    const copy = openCopy(file)
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(copy.pragma('foreign_key_check')).toEqual([])

    const { manifest } = result
    expect(manifest.tables).toEqual(countRows(copy))
    expect(manifest.database.sha256).toBe(sha256OfFileSync(file))
    expect(manifest.schema).toMatchObject({
      migrationsApplied: readJournal().length,
      lastMigrationTag: readJournal().at(-1)!.tag,
    })
    const itemsInCopy = manifest.tables.evidence_items!
    expect(itemsInCopy).toBeGreaterThanOrEqual(itemsBefore)
    expect(itemsInCopy).toBeLessThanOrEqual(itemsAfter)
    // One moment in time: each item with its two claims, its attachment and its audit event, nothing half-written.
    expect(manifest.tables.evidence_claims).toBe(2 * itemsInCopy)
    expect(manifest.tables.evidence_attachments).toBe(itemsInCopy)
    expect(manifest.tables.users).toBe(2)
    // Files are copied after the database, so every file a copied row points at is there.
    expect(manifest.files.missing).toEqual([])
    expect(manifest.files.count).toBeGreaterThanOrEqual(itemsInCopy)
    expect(manifest.files.count).toBe(listStore(path.join(dest, 'files')).length)
    expect(manifest.files.bytes).toBe(listStore(path.join(dest, 'files')).reduce((sum, f) => sum + f.size, 0))
    expect(JSON.parse(fs.readFileSync(path.join(dest, 'manifest.json'), 'utf8'))).toEqual(manifest)
  })

  it('keeps up with writes made through the connection it copies from', async () => {
    const { t, traineeId } = await populated(10)
    const dest = path.join(tempDir(), 'b')
    let writes = 0
    const result = await backup({
      dataDir: t.dir,
      db: t.db,
      dest,
      pagesPerStep: 4,
      onProgress: () => {
        addItem(t.db, t.dir, traineeId)
        writes++
      },
    })
    // SQLite updates the copy in place as the same connection writes: no fresh starts, nothing left out.
    expect(writes).toBeGreaterThan(3)
    expect(result.database.restarts).toBe(0)
    expect(result.manifest.tables).toEqual(countRows(t.db))
  })

  it('goes to <dataDir>/backups/<UTC time> by default', async () => {
    const { t } = await populated(1)
    const result = await backup({ dataDir: t.dir, now: () => new Date('2026-05-01T12:34:56.789Z') })
    expect(result.dir).toBe(path.join(t.dir, 'backups', '2026-05-01T12-34-56-789Z'))
    expect(fs.readdirSync(result.dir).sort()).toEqual(['attain.db', 'files', 'manifest.json'])
  })

  it('copies only new files on the next run into the same folder, and never files in flight', async () => {
    const { t, traineeId } = await populated(6)
    fs.mkdirSync(path.join(t.dir, 'files', 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(t.dir, 'files', 'tmp', 'upload.part'), 'half an upload')
    fs.writeFileSync(path.join(t.dir, 'files', 'README'), 'not a stored file')
    const dest = path.join(tempDir(), 'b')

    const first = await backup({ dataDir: t.dir, dest })
    expect(first.manifest.files).toMatchObject({ count: 6, copied: 6, skipped: 0, missing: [], mismatched: [] })
    expect(fs.existsSync(path.join(dest, 'files', 'tmp'))).toBe(false)
    expect(fs.existsSync(path.join(dest, 'files', 'README'))).toBe(false)

    for (let i = 0; i < 3; i++) addItem(t.db, t.dir, traineeId)
    const second = await backup({ dataDir: t.dir, dest })
    expect(second.manifest.files).toMatchObject({ count: 9, copied: 3, skipped: 6 })
    expect(second.manifest.tables.evidence_items).toBe(9)

    // copyFiles on its own: nothing left to copy.
    expect(await copyFiles(t.dir, path.join(dest, 'files'))).toMatchObject({
      files: 9,
      copied: 0,
      skipped: 9,
      mismatched: [],
    })
  })

  it('leaves out a stored file whose content no longer matches its name', async () => {
    const { t } = await populated(2)
    const [damaged] = listStore(path.join(t.dir, 'files'))
    fs.writeFileSync(damaged!.full, 'x'.repeat(damaged!.size))
    const result = await backup({ dataDir: t.dir, dest: path.join(tempDir(), 'b') })
    expect(result.manifest.files.mismatched).toEqual([damaged!.name])
    expect(result.manifest.files.missing).toEqual([damaged!.name])
    expect(result.manifest.files.count).toBe(1)
  })
})

describe('the missing-file check', () => {
  const NOW = new Date('2026-05-01T12:00:00.000Z')

  /** A submitted portfolio whose snapshot freezes files, and the SHA-256s of those files. */
  async function submitted() {
    const t = testDb()
    const { submission, pdf } = await submittedPortfolio(t.db, t.dir, { items: 3, now: NOW })
    const frozen = submission.snapshot.items.flatMap((item) => item.attachments.map((a) => a.sha256))
    expect(frozen.length).toBeGreaterThan(0)
    return { t, frozen, pdf }
  }

  it('passes a backup whose every referenced file is there', async () => {
    const { t } = await submitted()
    const result = await backup({ dataDir: t.dir, dest: path.join(tempDir(), 'b') })
    expect(result.manifest.files.missing).toEqual([])
    expect(result.manifest.files.mismatched).toEqual([])
  })

  it('reports a file frozen in a submission that no live item uses any more, when it is gone', async () => {
    const { t, frozen } = await submitted()
    const sha = frozen[0]!
    // The live item drops the file; only the snapshot still names it. Then the file goes.
    t.db.delete(evidenceAttachments).where(eq(evidenceAttachments.fileSha256, sha)).run()
    t.db.delete(storedFiles).where(eq(storedFiles.sha256, sha)).run()
    fs.rmSync(filePath(t.dir, sha))

    const result = await backup({ dataDir: t.dir, dest: path.join(tempDir(), 'b') })
    expect(result.manifest.files.missing).toEqual([sha])
  })

  it("reports a submission's generated PDF, a converted PDF and a stored_files row whose file is gone", async () => {
    const { t, pdf } = await submitted()
    fs.rmSync(filePath(t.dir, pdf.sha256))
    // A finished conversion of a live file, whose PDF has gone from the store.
    const source = t.db.select({ sha256: evidenceAttachments.fileSha256 }).from(evidenceAttachments).get()!.sha256
    const converted = createHash('sha256').update('a converted PDF that was never stored').digest('hex')
    t.db
      .insert(fileConversions)
      .values({
        sourceSha256: source,
        status: 'ready',
        runAfter: NOW.toISOString(),
        pdfSha256: converted,
        pageCount: 1,
        createdAt: NOW.toISOString(),
      })
      .run()
    // A file the store should hold for no other reason than its row.
    const unattached = createHash('sha256').update('a row without its file').digest('hex')
    t.db
      .insert(storedFiles)
      .values({
        sha256: unattached,
        size: 22,
        mediaType: 'text/plain',
        pageCount: 1,
        pagesExact: true,
        createdAt: NOW.toISOString(),
      })
      .run()

    const result = await backup({ dataDir: t.dir, dest: path.join(tempDir(), 'b') })
    expect(result.manifest.files.missing).toEqual([pdf.sha256, converted, unattached].sort())
  })
})

describe('restoring', () => {
  it('into an empty data directory reproduces every row and every file', async () => {
    const { t, traineeId } = await populated(12)
    const from = path.join(tempDir(), 'b')
    const { manifest } = await backup({ dataDir: t.dir, dest: from })
    const target = tempDir()

    const result = await restore({ from, dataDir: path.join(target, 'data') })
    expect(result.replaced).toBeNull()
    expect(result.tables).toEqual(manifest.tables)
    expect(result.missing).toEqual([])
    expect(result.files).toMatchObject({ files: 12, copied: 12, mismatched: [] })

    const restoredFile = path.join(target, 'data', 'attain.db')
    expect(checkDatabaseFile(restoredFile).ok).toBe(true)
    const restoredHashes = storeHashes(path.join(target, 'data', 'files'))
    expect([...restoredHashes.keys()].sort()).toEqual([...storeHashes(path.join(t.dir, 'files')).keys()].sort())
    for (const [name, hash] of restoredHashes) expect(hash).toBe(name)

    // The app opens it as it is (nothing to migrate) and finds the trainee's items.
    const db = prepareDatabase(restoredFile)
    cleanups.push(() => closeDatabase(db))
    expect(countRows(db)).toEqual(manifest.tables)
    expect(listEvidence(db, traineeId)).toHaveLength(12)
  })

  it('refuses to replace an existing database, or fill a store that holds files, unless forced', async () => {
    const { t } = await populated(3)
    const from = path.join(tempDir(), 'b')
    const { manifest } = await backup({ dataDir: t.dir, dest: from })

    // A database already there.
    const target = tempDir()
    const old = prepareDatabase(path.join(target, 'attain.db'))
    const oldRows = countRows(old)
    closeDatabase(old)
    const refusal = await restore({ from, dataDir: target }).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(RestoreRefusal)
    expect(refusal).toMatchObject({
      reason: 'database-exists',
      message: expect.stringMatching(/already exists.*--force/),
    })
    expect(fs.readdirSync(target).sort()).toEqual(['attain.db'])

    const forced = await restore({ from, dataDir: target, force: true })
    expect(forced.tables).toEqual(manifest.tables)
    expect(forced.replaced).toMatch(/attain\.db\.replaced-/)
    const kept = openCopy(forced.replaced!)
    expect(countRows(kept)).toEqual(oldRows)

    // Files already there, no database.
    const withFiles = tempDir()
    storeFile(withFiles, 'someone else’s upload')
    await expect(restore({ from, dataDir: withFiles })).rejects.toMatchObject({ reason: 'files-exist' })
    expect(fs.existsSync(path.join(withFiles, 'attain.db'))).toBe(false)
    const added = await restore({ from, dataDir: withFiles, force: true })
    expect(added.files.copied).toBe(3)
    expect(listStore(path.join(withFiles, 'files'))).toHaveLength(4)
  })

  it('refuses a database another process has open, even when forced', async () => {
    const { t } = await populated(1)
    const from = path.join(tempDir(), 'b')
    await backup({ dataDir: t.dir, dest: from })
    const target = tempDir()
    const live = openDatabase(path.join(target, 'attain.db'))
    cleanups.push(() => closeDatabase(live))
    live.$client.exec('CREATE TABLE IF NOT EXISTS x (y)')

    expect(databaseInUse(path.join(target, 'attain.db'))).toBe(true)
    await expect(restore({ from, dataDir: target, force: true })).rejects.toMatchObject({
      reason: 'in-use',
      message: expect.stringContaining('is the server running?'),
    })
    closeDatabase(live)
    expect(databaseInUse(path.join(target, 'attain.db'))).toBe(false)
  })

  it('refuses a backup whose database was damaged, changing nothing', async () => {
    const { t } = await populated(5)
    const from = path.join(tempDir(), 'b')
    await backup({ dataDir: t.dir, dest: from })
    const copyFile = path.join(from, 'attain.db')

    // A few flipped bytes in the middle of the file: the manifest's SHA-256 no longer matches.
    const bytes = fs.readFileSync(copyFile)
    const at = Math.floor(bytes.length / 2)
    for (let i = at; i < at + 8; i++) bytes[i] = bytes[i]! ^ 0xff
    fs.writeFileSync(copyFile, bytes)
    const target = tempDir()
    await expect(restore({ from, dataDir: target })).rejects.toMatchObject({
      reason: 'damaged',
      message: expect.stringContaining('SHA-256'),
    })
    expect(fs.readdirSync(target)).toEqual([])

    // Broken structure, with the manifest made to agree: the integrity check catches it.
    const fresh = path.join(tempDir(), 'b2')
    await backup({ dataDir: t.dir, dest: fresh })
    const file = path.join(fresh, 'attain.db')
    const probe = new Database(file, { readonly: true })
    const pageSize = Number(probe.pragma('page_size', { simple: true }))
    const rootPage = (
      probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'evidence_claims'").get() as { rootpage: number }
    ).rootpage
    probe.close()
    const broken = fs.readFileSync(file)
    broken.fill(0x00, (rootPage - 1) * pageSize, (rootPage - 1) * pageSize + 12)
    fs.writeFileSync(file, broken)
    const manifestFile = path.join(fresh, 'manifest.json')
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
    manifest.database.sha256 = sha256OfFileSync(file)
    fs.writeFileSync(manifestFile, JSON.stringify(manifest))
    expect(checkDatabaseFile(file).ok).toBe(false)
    await expect(restore({ from: fresh, dataDir: target })).rejects.toMatchObject({
      reason: 'damaged',
      message: expect.stringContaining('integrity check'),
    })
    expect(fs.readdirSync(target)).toEqual([])
  })

  it('refuses a folder that is not a backup', async () => {
    await expect(restore({ from: tempDir(), dataDir: tempDir() })).rejects.toMatchObject({ reason: 'no-backup' })
  })
})

describe('the command-line scripts', () => {
  function run(
    script: string,
    args: string[],
    dataDir: string,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }
      delete env.DATABASE_PATH
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
  }

  it('back up, refuse to overwrite without --force (exit 1), and restore with it', async () => {
    const { t } = await populated(2)
    const dest = path.join(tempDir(), 'b')
    const made = await run('db/scripts/backup-cli.ts', [dest], t.dir)
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    expect(made.stdout).toContain(`Backup written to ${dest}`)
    expect(made.stdout).toMatch(/integrity ok/)
    expect(made.stdout).toMatch(/files {5}2 \(/)

    const target = tempDir()
    prepareDatabase(path.join(target, 'attain.db')).$client.close()
    const refused = await run('db/scripts/restore-cli.ts', [dest], target)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^Not restored: .*attain\.db already exists\. .*--force/)

    const forced = await run('db/scripts/restore-cli.ts', [dest, '--force'], target)
    expect(forced.stderr).toBe('')
    expect(forced.code).toBe(0)
    expect(forced.stdout).toMatch(/every count as in the manifest/)
    expect(forced.stdout).toMatch(/kept at .*attain\.db\.replaced-/)

    const usage = await run('db/scripts/restore-cli.ts', [], target)
    expect(usage.code).toBe(1)
    expect(usage.stderr).toMatch(/^Usage: npm run db:restore -- FROM \[--force\]/)
  })
})
