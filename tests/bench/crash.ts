/**
 * `npm run proof:crash -- [--kills 20] [--seed 1] [--writers 3] [--workers 1] [--keep]`
 *
 * With `--workers N` (WEB_CONCURRENCY) the server is a cluster, and each kill is a SIGKILL to the primary and every
 * worker at once.
 *
 * Crash proof: the production server takes evidence items, each with a small
 * file of its own, from a few clients at once and is killed with SIGKILL at a
 * random moment (a seeded delay of 50–400 ms after the uploads start), then
 * restarted on the same data directory. After the last kill the server is
 * stopped and the data directory checked: the database passes
 * `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, every save a client
 * saw acknowledged is there with its file, no attachment points at a missing
 * file, and every stored file hashes to its name (no partial file). Temporary
 * files left in files/tmp by an interrupted upload are allowed (the sweep
 * removes them) and counted.
 *
 * Needs the production build (`npm run build`). Exits 1 if a check fails.
 */
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { missingFiles } from '../../app/files/store.server'
import { HttpVisitor, root, signIn, signUpTrainee, startApp, type RunningApp } from '../e2e/harness-core'

export interface CrashProofOptions {
  kills: number
  seed: number
  /** Concurrent uploading clients during each cycle. */
  writers: number
  /** Shortest and longest delay between the start of the uploads and the kill, in ms. */
  minDelayMs: number
  maxDelayMs: number
  /** Worker processes (WEB_CONCURRENCY); default 1. */
  workers?: number
  /** Leave the data directory in place (its path is in the result). */
  keep?: boolean
  log?: (line: string) => void
}

export interface CrashProofResult {
  kills: number
  attempted: number
  acknowledged: number
  present: number
  /** Acknowledged titles not found in the database. */
  lost: string[]
  /** Acknowledged items without exactly one attachment row. */
  withoutFile: string[]
  integrity: string
  foreignKeyProblems: number
  missingFiles: string[]
  partialFiles: string[]
  storedFiles: number
  tempLeftovers: number
  /** Requests that got an answer other than the acknowledgement (not a dropped connection). */
  unexpectedAnswers: string[]
  cycleMs: number[]
  dataDir: string
  summary: string
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kill delays. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** SIGKILL to the process and its children (a cluster's workers, the conversion worker), all at once. */
function killAll(pid: number) {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
  for (const child of [pid, ...children.map(Number)]) {
    try {
      process.kill(child, 'SIGKILL')
    } catch {
      // Gone already.
    }
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const PASSWORD = 'crash proof password 2026'

/** Posts one new item with a file; resolves with its id when acknowledged, null when the connection dropped. */
async function postItem(
  visitor: HttpVisitor,
  title: string,
  n: number,
): Promise<{ id: number | null; unexpected?: string }> {
  const form = new FormData()
  form.append('title', title)
  form.append('activityStart', '2026-03-02')
  form.append('activityEnd', '')
  form.append('evidenceType', 'audit')
  form.append('role', 'led')
  form.append('description', 'Checked the linac output against the reference chamber.')
  form.append('reflection', '')
  form.append('claims[0].area', 'Tech3')
  form.append('claims[0].statement', `I performed output check ${n} myself.`)
  const content = `Chamber readings, run ${n}: ${randomBytes(24).toString('hex')}\n`
  form.append('files', new Blob([content], { type: 'text/plain' }), `readings-${n}.txt`)
  let response: Response
  try {
    response = await fetch(new URL('/evidence/new', visitor.baseUrl), {
      method: 'POST',
      headers: { Cookie: visitor.cookieHeader(), Origin: visitor.baseUrl },
      body: form,
      redirect: 'manual',
    })
  } catch {
    return { id: null }
  }
  const location = response.headers.get('location') ?? ''
  const id = /^\/evidence\/(\d+)(\?saved=1)?$/.exec(location)?.[1]
  let body = ''
  try {
    body = await response.text()
  } catch {
    // The server died while sending the body; the status line already counts.
  }
  if (response.status === 302 && id) return { id: Number(id) }
  return { id: null, unexpected: `${response.status} ${location} ${body.slice(0, 200)}` }
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex')
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir)
  } catch {
    return []
  }
}

export async function runCrashProof(options: CrashProofOptions): Promise<CrashProofResult> {
  const log = options.log ?? (() => {})
  const random = seededRandom(options.seed)
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'attain-crash-'))
  const workers = options.workers ?? 1
  const start = () => startApp({ env: { DATA_DIR: dataDir, WEB_CONCURRENCY: String(workers) } })
  const email = `crash-${randomBytes(4).toString('hex')}@example.test`

  let app: RunningApp | undefined
  const acknowledged = new Map<string, number>()
  const unexpectedAnswers: string[] = []
  const cycleMs: number[] = []
  let attempted = 0
  let sequence = 0
  try {
    app = await start()
    await signUpTrainee(new HttpVisitor(app.baseUrl), { name: 'Marie Curie', email, password: PASSWORD })

    for (let kill = 1; kill <= options.kills; kill++) {
      const cycleStarted = performance.now()
      const visitor = new HttpVisitor(app.baseUrl)
      const signedIn = await signIn(visitor, email, PASSWORD)
      if (signedIn.status !== 302)
        throw new Error(
          `Signing in after restart ${kill - 1} answered ${signedIn.status}\n${signedIn.body.slice(0, 500)}`,
        )

      let alive = true
      const writer = async () => {
        while (alive) {
          const n = ++sequence
          const title = `Output check ${n}`
          attempted++
          const outcome = await postItem(visitor, title, n)
          if (outcome.id !== null) acknowledged.set(title, outcome.id)
          else if (outcome.unexpected && alive) unexpectedAnswers.push(`${title}: ${outcome.unexpected}`)
          else if (!outcome.unexpected && alive) await delay(5) // a dropped connection before the kill: do not spin
        }
      }
      const writers = Array.from({ length: options.writers }, writer)
      const killAfter = Math.round(options.minDelayMs + random() * (options.maxDelayMs - options.minDelayMs))
      await delay(killAfter)
      const dead = app
      killAll(dead.process.pid!)
      await dead.exited
      alive = false
      await Promise.all(writers)
      await dead.stop() // removes the spare temp directory startApp made; the data directory stays

      app = await start()
      cycleMs.push(performance.now() - cycleStarted)
      log(
        `kill ${kill}/${options.kills} after ${killAfter} ms: ${attempted} attempted, ${acknowledged.size} acknowledged so far`,
      )
    }
    const exitCode = await app.stop('SIGTERM')
    app = undefined
    if (exitCode !== 0) throw new Error(`The server exited with ${exitCode} on SIGTERM`)

    // Checks, on the data directory as the last server left it.
    const db = new Database(path.join(dataDir, 'attain.db'), { fileMustExist: true })
    let integrity: string
    let foreignKeyProblems: number
    let present = 0
    const lost: string[] = []
    const withoutFile: string[] = []
    let referenced: string[]
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }))
      foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length
      const byTitle = db.prepare('SELECT id FROM evidence_items WHERE title = ?').pluck()
      const attachments = db.prepare('SELECT count(*) FROM evidence_attachments WHERE evidence_id = ?').pluck()
      for (const [title, id] of acknowledged) {
        const ids = byTitle.all(title) as number[]
        if (ids.includes(id)) present++
        else lost.push(`${title} (#${id})`)
        if (ids.includes(id) && attachments.get(id) !== 1) withoutFile.push(`${title} (#${id})`)
      }
      referenced = db.prepare('SELECT DISTINCT file_sha256 FROM evidence_attachments').pluck().all() as string[]
    } finally {
      db.close()
    }
    const missing = await missingFiles(dataDir, referenced)

    const store = path.join(dataDir, 'files')
    const partialFiles: string[] = []
    let storedFiles = 0
    for (const prefix of await listDir(store)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue
      for (const name of await listDir(path.join(store, prefix))) {
        storedFiles++
        const hash = await sha256File(path.join(store, prefix, name))
        if (hash !== name) partialFiles.push(`${prefix}/${name}`)
      }
    }
    const tempLeftovers = (await listDir(path.join(store, 'tmp'))).length

    const summary =
      `Crash proof: kills ${options.kills}, saves attempted ${attempted}, acknowledged ${acknowledged.size}, present ${present}, ` +
      `integrity ${integrity}, foreign key problems ${foreignKeyProblems}, missing files ${missing.length}, partial files ${partialFiles.length}, ` +
      `temp leftovers ${tempLeftovers} (stored files ${storedFiles}; acknowledged without their file ${withoutFile.length}; ` +
      `unexpected answers ${unexpectedAnswers.length}; cycle ${median(cycleMs).toFixed(0)} ms median)`
    return {
      kills: options.kills,
      attempted,
      acknowledged: acknowledged.size,
      present,
      lost,
      withoutFile,
      integrity,
      foreignKeyProblems,
      missingFiles: missing,
      partialFiles,
      storedFiles,
      tempLeftovers,
      unexpectedAnswers,
      cycleMs,
      dataDir,
      summary,
    }
  } finally {
    if (app) await app.stop('SIGKILL')
    if (!options.keep) await fs.rm(dataDir, { recursive: true, force: true })
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function main() {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      writers: { type: 'string', default: '3' },
      workers: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  })
  const kills = Number(values.kills)
  const seed = Number(values.seed)
  const writers = Number(values.writers)
  const workers = Number(values.workers)
  if (
    !Number.isInteger(kills) ||
    kills < 1 ||
    !Number.isInteger(seed) ||
    !Number.isInteger(writers) ||
    writers < 1 ||
    !Number.isInteger(workers) ||
    workers < 1
  ) {
    console.error('Usage: npm run proof:crash -- [--kills 20] [--seed 1] [--writers 3] [--workers 1] [--keep]')
    process.exit(2)
  }
  if (!existsSync(path.join(root, 'build/server/index.js'))) {
    console.error('No production build: run `npm run build` first.')
    process.exit(2)
  }
  const result = await runCrashProof({
    kills,
    seed,
    writers,
    workers,
    minDelayMs: 50,
    maxDelayMs: 400,
    keep: values.keep,
    log: (l) => console.log(l),
  })
  console.log(result.summary)
  for (const line of [
    ...result.lost.map((t) => `lost: ${t}`),
    ...result.withoutFile.map((t) => `without its file: ${t}`),
  ])
    console.log(line)
  for (const sha of result.missingFiles) console.log(`missing file: ${sha}`)
  for (const name of result.partialFiles) console.log(`partial file: ${name}`)
  for (const answer of result.unexpectedAnswers.slice(0, 10)) console.log(`unexpected answer: ${answer}`)
  if (values.keep) console.log(`Data directory kept: ${result.dataDir}`)
  const ok =
    result.integrity === 'ok' &&
    result.foreignKeyProblems === 0 &&
    result.lost.length === 0 &&
    result.withoutFile.length === 0 &&
    result.missingFiles.length === 0 &&
    result.partialFiles.length === 0
  process.exit(ok ? 0 : 1)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
