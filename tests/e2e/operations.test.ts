/**
 * A restore drill under load: the production server takes evidence (with
 * files) as fast as a few clients can send it, a backup is taken from the
 * command line in the middle, the server stops, and the backup is restored
 * into a fresh data directory with the restore command — which must hold
 * everything the server had acknowledged before the backup began, intact.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { BackupManifest } from '../../db/scripts/backup'
import {
  createEvidence,
  HttpVisitor,
  openAppDatabase,
  root,
  signIn,
  signUpTrainee,
  startApp,
  type RunningApp,
} from './harness'

const LOAD_MS = 5_000
const BACKUP_AFTER_MS = 2_000
/** Writers go on this long after the backup script has finished, so its copy is surely taken mid-load. */
const AFTER_BACKUP_MS = 1_000
const WRITERS = 3
const PASSWORD = 'correct horse battery staple 42'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-drill-'))
const apps: RunningApp[] = []
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()))
  fs.rmSync(scratch, { recursive: true, force: true })
})

interface Outcome {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs one of the db command-line scripts against `dataDir`, as `npm run db:…` would. */
function runScript(script: string, args: string[], dataDir: string): Promise<Outcome> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' }
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
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }))
  })
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a restore drill under load', () => {
  it('restores a backup taken mid-load with everything acknowledged before it began', async () => {
    const app = await startApp()
    apps.push(app)
    const trainee = new HttpVisitor(app.baseUrl)
    const email = `drill-${randomBytes(4).toString('hex')}@example.test`
    await signUpTrainee(trainee, { name: 'Rosalind Franklin', email, password: PASSWORD })

    // Writers log items (every other one with a file of its own) until the time is up and the backup is done.
    const acknowledged: { id: number; sentAt: number; at: number; withFile: boolean }[] = []
    const failures: string[] = []
    const loadStarted = performance.now()
    let sequence = 0
    let backupEndedAt = Number.POSITIVE_INFINITY
    const writing = () =>
      performance.now() - loadStarted < LOAD_MS || performance.now() < backupEndedAt + AFTER_BACKUP_MS
    const writer = async () => {
      while (writing()) {
        const n = ++sequence
        const withFile = n % 2 === 0
        const files = withFile
          ? [
              {
                name: `readings-${n}.txt`,
                mimeType: 'text/plain',
                buffer: Buffer.from(`Chamber readings, run ${n}: ${randomBytes(16).toString('hex')}\n`),
              },
            ]
          : []
        const sentAt = performance.now()
        try {
          const id = await createEvidence(
            trainee,
            {
              title: `Output check ${n}`,
              activityStart: '2026-03-02',
              evidenceType: 'audit',
              role: 'led',
              description: 'Measured output with a Farmer chamber.',
              claims: [{ area: 'Tech3', statement: `I performed output check ${n} myself.` }],
            },
            files,
          )
          acknowledged.push({ id, sentAt, at: performance.now(), withFile })
        } catch (error) {
          failures.push(error instanceof Error ? error.message.slice(0, 300) : String(error))
        }
      }
    }

    // The backup starts in the middle of the load, while the server is writing.
    const dest = path.join(scratch, 'backup')
    let backupStartedAt = 0
    const backupRun = delay(BACKUP_AFTER_MS).then(() => {
      backupStartedAt = performance.now()
      return runScript('db/scripts/backup-cli.ts', [dest], app.dataDir).then((outcome) => {
        backupEndedAt = performance.now()
        return outcome
      })
    })
    const [backupOutcome] = await Promise.all([backupRun, ...Array.from({ length: WRITERS }, writer)])
    const loadMs = performance.now() - loadStarted

    expect(failures).toEqual([])
    expect(backupOutcome.stderr).toBe('')
    expect(backupOutcome.code).toBe(0)
    expect(backupOutcome.stdout).toContain(`Backup written to ${dest}`)

    const live = openAppDatabase(app)
    const itemsOnServer = live.prepare('SELECT count(*) FROM evidence_items').pluck().get() as number
    live.close()
    expect(itemsOnServer).toBe(acknowledged.length)
    expect(await app.stop()).toBe(0)

    // Restore into a fresh data directory, with the command an operator would use.
    const restoredDir = path.join(scratch, 'restored')
    const restoreOutcome = await runScript('db/scripts/restore-cli.ts', [dest], restoredDir)
    expect(restoreOutcome.stderr).toBe('')
    expect(restoreOutcome.code).toBe(0)

    const manifest = JSON.parse(fs.readFileSync(path.join(dest, 'manifest.json'), 'utf8')) as BackupManifest
    const restored = new Database(path.join(restoredDir, 'attain.db'), { readonly: true, fileMustExist: true })
    let restoredIds: Set<number>
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(restored.pragma('foreign_key_check')).toEqual([])
      for (const [table, rows] of Object.entries(manifest.tables)) {
        expect(restored.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(rows)
      }
      restoredIds = new Set(restored.prepare('SELECT id FROM evidence_items').pluck().all() as number[])
      // Every file the restored rows point at is there and hashes to its name; so does every other stored file.
      const referenced = restored
        .prepare('SELECT DISTINCT file_sha256 FROM evidence_attachments')
        .pluck()
        .all() as string[]
      for (const sha of referenced)
        expect(fs.existsSync(path.join(restoredDir, 'files', sha.slice(0, 2), sha)), sha).toBe(true)
    } finally {
      restored.close()
    }
    let files = 0
    for (const prefix of fs.readdirSync(path.join(restoredDir, 'files'))) {
      for (const name of fs.readdirSync(path.join(restoredDir, 'files', prefix))) {
        const hash = createHash('sha256')
          .update(fs.readFileSync(path.join(restoredDir, 'files', prefix, name)))
          .digest('hex')
        expect(hash).toBe(name)
        files++
      }
    }
    expect(files).toBe(manifest.files.count)

    const before = acknowledged.filter((a) => a.at < backupStartedAt)
    const during = acknowledged.filter((a) => a.at >= backupStartedAt && a.at <= backupEndedAt)
    expect(before.length).toBeGreaterThan(0)
    const after = acknowledged.filter((a) => a.sentAt > backupEndedAt)
    expect(before.filter((a) => !restoredIds.has(a.id))).toEqual([])
    expect(after.length).toBeGreaterThan(0)
    expect(after.filter((a) => restoredIds.has(a.id))).toEqual([])
    expect(manifest.tables.evidence_items).toBe(restoredIds.size)
    expect(restoredIds.size).toBeLessThan(acknowledged.length)
    expect(manifest.files.missing).toEqual([])

    // The restored directory runs: the trainee signs in and opens an item from before the backup, and its file.
    const second = await startApp({ env: { DATA_DIR: restoredDir } })
    apps.push(second)
    const back = new HttpVisitor(second.baseUrl)
    expect((await signIn(back, email, PASSWORD)).status).toBe(302)
    const sample = before.find((a) => a.withFile) ?? before[0]!
    const page = await back.get(`/evidence/${sample.id}`)
    expect(page.status).toBe(200)
    const fileLink = /href="(\/evidence\/\d+\/files\/\d+)[^"]*"/.exec(page.body)?.[1]
    if (sample.withFile) {
      expect(fileLink).toBeDefined()
      const download = await back.get(fileLink!)
      expect(download.status).toBe(200)
      expect(download.body).toMatch(/^Chamber readings, run \d+: [0-9a-f]{32}\n$/)
    }
    await second.stop()

    console.log(
      [
        'Restore drill:',
        `  items written           ${acknowledged.length} in ${(loadMs / 1000).toFixed(1)} s by ${WRITERS} clients (${acknowledged.filter((a) => a.withFile).length} with a file)`,
        `  acknowledged before     ${before.length} (all in the restore)`,
        `  acknowledged during     ${during.length} (the backup script's run: ${restoredIds.size - before.length} of them made the copy)`,
        `  sent after it ended     ${after.length} (none in the restore)`,
        `  items in the backup     ${manifest.tables.evidence_items}`,
        `  files in the backup     ${manifest.files.count} (${manifest.files.bytes} bytes)`,
        `  database copy           ${manifest.database.bytes} bytes, ${manifest.database.pages} pages`,
        `  backup                  ${manifest.durationMs} ms inside the script, ${backupOutcome.ms.toFixed(0)} ms as a process`,
        `  restore                 ${restoreOutcome.ms.toFixed(0)} ms as a process`,
        ...backupOutcome.stdout
          .split('\n')
          .filter((l) => /started over/.test(l))
          .map((l) => `  ${l.trim()}`),
      ].join('\n'),
    )
  })
})
