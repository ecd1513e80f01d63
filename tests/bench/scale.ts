/**
 * `npm run bench:scale -- [--trainees 1,1000,10000] [--items 200] [--claims 5] [--connections 10] [--duration 5] [--warmup 2] [--keep]`
 *
 * Does /coverage for one trainee slow down as the installation holds more
 * OTHER trainees? For each size N this builds (or reuses) `data/scale-<N>`:
 * N trainees, each with --items evidence items of about --claims claims,
 * written with raw prepared statements in large transactions (the app's own
 * models are far too slow for millions of rows). Only trainee #1's items get
 * full-text search rows; the others' are left out, as search is not what is
 * measured and /coverage does not read it. Then it starts the production
 * server on that directory, signs in as trainee #1 and load-tests /ping and
 * /coverage with autocannon, and prints one row per size.
 *
 * Data directories over 1 GB are deleted afterwards unless --keep is given.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { closeDatabase } from '../../db/client'
import { SPECIALISMS } from '../../db/schema'
import { prepareDatabase } from '../../db/setup'
import { defaultFramework } from '../../competences/index'
import { wordCount } from '../../app/evidence/form'
import { createSession } from '../../app/models/session.server'
import { hashPassword } from '../../app/utils/password.server'
import { claimStatement, description, reflection, title, TOPICS, type DomainKey } from './corpus'
import { DATABASE_FILE, intOption, Random, root, seconds, UsageError } from './lib'
import { startServer } from './server'
import { ensureBuild, percentile } from './measure'

const SESSION_COOKIE = 'attain_session'
const SCALE_MANIFEST = 'scale-data.json'
const SCALE_SESSION = 'scale-session.txt'
const PASSWORD = 'bench portfolio passphrase'
const YEAR_MS = 365 * 86_400_000
const DAY_MS = 86_400_000
const STARTUP_TIMEOUT_MS = 60_000
const KEEP_LIMIT_BYTES = 1024 ** 3
const SEED = 20250601
/** Distinct texts drawn once and reused by every item: the database sees realistic lengths without generating 2 million texts. */
const POOL = 1000

const USAGE = `Usage: npm run bench:scale -- [--trainees 1,1000,10000] [--items 200] [--claims 5] [--connections 10] [--duration 5] [--warmup 2] [--keep]

  --trainees     comma-separated numbers of trainees, one data set each (default 1,1000)
  --items        evidence items per trainee (default 200)
  --claims       average claims per item (default 5)
  --connections  concurrent connections (default 10)
  --duration     seconds of measurement per route (default 5)
  --warmup       seconds of unmeasured load per route first (default 2)
  --keep         keep data directories over 1 GB (deleted by default)`

interface Manifest {
  generator: 'attain-bench-scale'
  trainees: number
  items: number
  claimsPerItem: number
  claims: number
  buildSeconds: number
  firstTraineeId: number
}

interface TextPoolEntry {
  title: string
  description: string
  reflection: string
  descriptionWords: number
  reflectionWords: number
  evidenceType: string
  statements: string[]
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10)

function textPool(): TextPoolEntry[] {
  const random = new Random(SEED)
  const pool: TextPoolEntry[] = []
  for (let i = 0; i < POOL; i++) {
    const topic = random.pick(TOPICS)
    const values = { monthYear: 'March 2025' }
    const d = description(random, topic, values)
    const r = reflection(random, topic, values)
    const statements = Array.from({ length: 8 }, () =>
      claimStatement(random, random.pick(topic.domains) as DomainKey, topic, values),
    )
    pool.push({
      title: title(random, topic, values),
      description: d,
      reflection: r,
      descriptionWords: wordCount(d),
      reflectionWords: wordCount(r),
      evidenceType: random.weighted(topic.types),
      statements,
    })
  }
  return pool
}

function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, SCALE_MANIFEST)
  if (!existsSync(file) || !existsSync(path.join(dir, DATABASE_FILE))) return undefined
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>
  return data.generator === 'attain-bench-scale' ? (data as Manifest) : undefined
}

function dirBytes(dir: string): number {
  let total = 0
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) {
    const file = path.join(dir, name)
    if (existsSync(file)) total += statSync(file).size
  }
  return total
}

interface Built {
  dir: string
  reused: boolean
  claims: number
  buildSeconds: number
  /** Seconds per 1,000 trainees of the bulk insert (without migrations and session). */
  perThousand: number
  firstTraineeId: number
}

async function build(trainees: number, items: number, claimsPerItem: number, pool: TextPoolEntry[]): Promise<Built> {
  const dir = path.join(root, `data/scale-${trainees}`)
  const existing = readManifest(dir)
  if (
    existing &&
    existing.trainees === trainees &&
    existing.items === items &&
    existing.claimsPerItem === claimsPerItem
  ) {
    return {
      dir,
      reused: true,
      claims: existing.claims,
      buildSeconds: existing.buildSeconds,
      perThousand: (existing.buildSeconds / trainees) * 1000,
      firstTraineeId: existing.firstTraineeId,
    }
  }
  if (existsSync(path.join(dir, DATABASE_FILE)) && !existing) {
    throw new UsageError(`${dir} holds a database this script did not make; it is left alone.`)
  }
  mkdirSync(dir, { recursive: true })
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, SCALE_MANIFEST, SCALE_SESSION])
    rmSync(path.join(dir, name), { force: true })

  const started = performance.now()
  const db = prepareDatabase(path.join(dir, DATABASE_FILE))
  const sqlite = db.$client
  // A throwaway data set: durability during the load buys nothing.
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')
  const framework = sqlite
    .prepare('SELECT id FROM frameworks WHERE slug = ? AND version = ?')
    .get(defaultFramework.id, defaultFramework.version) as { id: number } | undefined
  if (!framework) throw new Error('The default framework was not seeded')
  const areaIds = (
    sqlite.prepare('SELECT id FROM competence_areas WHERE framework_id = ? ORDER BY position').all(framework.id) as {
      id: number
    }[]
  ).map((r) => r.id)
  const passwordHash = await hashPassword(PASSWORD)

  const insertUser = sqlite.prepare(
    "INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'trainee', ?, ?, ?) RETURNING id",
  )
  const insertProfile = sqlite.prepare(
    'INSERT INTO trainee_profiles (user_id, specialism, employer, target_submission_date) VALUES (?, ?, ?, ?)',
  )
  const insertPortfolio = sqlite.prepare(
    'INSERT INTO portfolios (trainee_id, framework_id, created_at) VALUES (?, ?, ?) RETURNING id',
  )
  const insertItem = sqlite.prepare(
    `INSERT INTO evidence_items (portfolio_id, trainee_id, title, activity_start, activity_end, evidence_type, role, description, reflection,
       description_words, reflection_words, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertClaim = sqlite.prepare(
    'INSERT INTO evidence_claims (evidence_id, area_id, statement, position) VALUES (?, ?, ?, ?)',
  )
  const insertSearch = sqlite.prepare(
    'INSERT INTO evidence_search (rowid, title, description, reflection, claims) VALUES (?, ?, ?, ?, ?)',
  )
  const roles = ['led', 'contributed', 'observed'] as const

  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`)
  const random = new Random(SEED)
  let claims = 0
  let firstTraineeId = 0
  const BATCH = 100 // trainees per transaction
  const insertBatch = sqlite.transaction((from: number, to: number) => {
    for (let t = from; t < to; t++) {
      const joined = new Date(today - 3 * YEAR_MS).toISOString()
      const { id: userId } = insertUser.get(
        `trainee${t + 1}@scale.attain.test`,
        `Scale Trainee ${t + 1}`,
        passwordHash,
        joined,
        joined,
      ) as { id: number }
      if (t === 0) firstTraineeId = userId
      insertProfile.run(
        userId,
        SPECIALISMS[t % SPECIALISMS.length],
        'North Coast NHS Foundation Trust',
        isoDay(today + 200 * DAY_MS),
      )
      const { id: portfolioId } = insertPortfolio.get(userId, framework.id, joined) as { id: number }
      for (let i = 0; i < items; i++) {
        const text = pool[random.int(0, pool.length - 1)]!
        const day = today - random.int(0, 3 * 365 - 1) * DAY_MS
        const stamp = new Date(day + random.int(8 * 3600, 18 * 3600) * 1000).toISOString()
        const { lastInsertRowid } = insertItem.run(
          portfolioId,
          userId,
          text.title,
          isoDay(day),
          text.evidenceType,
          roles[random.int(0, 2)],
          text.description,
          text.reflection,
          text.descriptionWords,
          text.reflectionWords,
          stamp,
          stamp,
        )
        const evidenceId = Number(lastInsertRowid)
        const count =
          claimsPerItem === 0
            ? 0
            : random.int(Math.max(1, claimsPerItem - 2), Math.min(areaIds.length, claimsPerItem + 2))
        const chosen = new Set<number>()
        while (chosen.size < count) chosen.add(random.int(0, areaIds.length - 1))
        let position = 0
        const searchClaims: string[] = []
        for (const a of chosen) {
          const statement = text.statements[position % text.statements.length]!
          insertClaim.run(evidenceId, areaIds[a]!, statement, position++)
          if (t === 0) searchClaims.push(statement)
        }
        claims += count
        // Only the measured trainee's items are indexed for search.
        if (t === 0)
          insertSearch.run(evidenceId, text.title, text.description, text.reflection, searchClaims.join('\n'))
      }
    }
  })
  const loadStarted = performance.now()
  for (let from = 0; from < trainees; from += BATCH) {
    insertBatch(from, Math.min(trainees, from + BATCH))
    if (trainees >= 1000 && (from / BATCH) % 10 === 9) {
      const done = Math.min(trainees, from + BATCH)
      const s = (performance.now() - loadStarted) / 1000
      console.log(
        `bench:scale:   ${done}/${trainees} trainees, ${seconds(s * 1000)} s (${seconds((s / done) * 1_000_000)} s per 1,000)`,
      )
    }
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.exec('ANALYZE')

  const { token } = createSession(
    db,
    { userId: firstTraineeId, verified: true, ipAddress: '127.0.0.1', userAgent: 'attain bench' },
    { idleTimeoutMs: YEAR_MS, absoluteTimeoutMs: YEAR_MS },
  )
  writeFileSync(path.join(dir, SCALE_SESSION), `${token}\n`, { mode: 0o600 })
  closeDatabase(db)
  const buildSeconds = (performance.now() - started) / 1000
  const manifest: Manifest = {
    generator: 'attain-bench-scale',
    trainees,
    items,
    claimsPerItem,
    claims,
    buildSeconds: Number(buildSeconds.toFixed(2)),
    firstTraineeId,
  }
  writeFileSync(path.join(dir, SCALE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  return { dir, reused: false, claims, buildSeconds, perThousand: (loadSeconds / trainees) * 1000, firstTraineeId }
}

// ---------------------------------------------------------------------------
// Server and load
// ---------------------------------------------------------------------------

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      )
      response.on('error', reject)
    })
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)))
    request.on('error', reject)
  })
}

interface Measured {
  requestsPerSecond: number
  p50: number
  p99: number
  bad: number
}

async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  duration: number,
): Promise<Measured> {
  const latencies: number[] = []
  const instance = autocannon({ url, connections, duration, headers, timeout: 30 })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms))
  const result = await instance
  const sorted = Float64Array.from(latencies).sort()
  return {
    requestsPerSecond: result.requests.mean,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    bad: result.non2xx + result.errors + result.timeouts,
  }
}

// ---------------------------------------------------------------------------

interface Row {
  trainees: number
  items: number
  claims: number
  dbBytes: number
  build: string
  ping: Measured
  coverage: Measured
}

function table(rows: Row[]): string {
  const header = [
    'trainees',
    'items',
    'claims',
    'db size',
    'build',
    '/ping req/s',
    '/ping p50',
    '/ping p99',
    '/coverage req/s',
    '/coverage p50',
    '/coverage p99',
    'non-2xx/errors',
  ]
  const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`
  const cells = rows.map((r) => [
    r.trainees.toLocaleString('en-GB'),
    r.items.toLocaleString('en-GB'),
    r.claims.toLocaleString('en-GB'),
    mb(r.dbBytes),
    r.build,
    r.ping.requestsPerSecond.toFixed(0),
    `${r.ping.p50.toFixed(2)} ms`,
    `${r.ping.p99.toFixed(2)} ms`,
    r.coverage.requestsPerSecond.toFixed(0),
    `${r.coverage.p50.toFixed(2)} ms`,
    `${r.coverage.p99.toFixed(2)} ms`,
    String(r.ping.bad + r.coverage.bad),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((v, i) => v.padStart(widths[i]!)).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      trainees: { type: 'string' },
      items: { type: 'string' },
      claims: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const sizes = (values.trainees ?? '1,1000').split(',').map((s) => intOption('trainees', s.trim(), 1, 1, 100_000))
  const items = intOption('items', values.items, 200, 0, 100_000)
  const claimsPerItem = intOption('claims', values.claims, 5, 0, 40)
  const connections = intOption('connections', values.connections, 10, 1, 1000)
  const duration = intOption('duration', values.duration, 5, 1, 3600)
  const warmup = intOption('warmup', values.warmup, 2, 0, 600)

  ensureBuild('bench:scale', true)
  const pool = textPool()
  const rows: Row[] = []
  const base = {
    Accept: 'text/html,application/xhtml+xml',
    'Accept-Encoding': 'gzip, deflate, br',
    'User-Agent': 'attain-bench',
  }
  for (const trainees of sizes) {
    console.log(`bench:scale: ${trainees} trainee(s) × ${items} items…`)
    const built = await build(trainees, items, claimsPerItem, pool)
    console.log(
      built.reused
        ? `bench:scale: reusing ${built.dir} (built in ${seconds(built.buildSeconds * 1000)} s)`
        : `bench:scale: built ${built.dir} in ${seconds(built.buildSeconds * 1000)} s (${seconds(built.perThousand * 1000)} s of inserts per 1,000 trainees)`,
    )
    const token = readFileSync(path.join(built.dir, SCALE_SESSION), 'utf8').trim()
    const server = await startServer(built.dir, { startupTimeoutMs: STARTUP_TIMEOUT_MS })
    try {
      const coverageHeaders = { ...base, Cookie: `${SESSION_COOKIE}=${token}` }
      const check = await get(`${server.baseUrl}/coverage`, { ...coverageHeaders, 'Accept-Encoding': 'identity' })
      if (check.status !== 200 || !/<h1>Coverage<\/h1>/.test(check.body)) {
        throw new Error(
          `GET /coverage answered ${check.status}, not the coverage page:\n${check.body.slice(0, 500)}\n${server.output()}`,
        )
      }
      if (warmup > 0) {
        await load(`${server.baseUrl}/ping`, base, connections, warmup)
        await load(`${server.baseUrl}/coverage`, coverageHeaders, connections, warmup)
      }
      const ping = await load(`${server.baseUrl}/ping`, base, connections, duration)
      const coverage = await load(`${server.baseUrl}/coverage`, coverageHeaders, connections, duration)
      rows.push({
        trainees,
        items: trainees * items,
        claims: built.claims,
        dbBytes: dirBytes(built.dir),
        build: `${seconds(built.buildSeconds * 1000)} s${built.reused ? ' (reused)' : ''}`,
        ping,
        coverage,
      })
    } finally {
      const code = await server.stop()
      if (code !== 0) console.error(`bench:scale: the server exited with code ${code} on SIGTERM.\n${server.output()}`)
    }
    if (!values.keep && dirBytes(built.dir) > KEEP_LIMIT_BYTES) {
      rmSync(built.dir, { recursive: true, force: true })
      console.log(`bench:scale: removed ${built.dir} (over 1 GB; --keep keeps it)`)
    }
  }

  const cpus = os.cpus()
  console.log('')
  console.log(
    `/coverage of trainee #1 (${items} items, ~${claimsPerItem} claims each) as the number of trainees grows; ` +
      `${connections} connections × ${duration} s per route after ${warmup} s warm-up; Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}`,
  )
  console.log('Full-text search rows are written for trainee #1 only; /coverage does not read them.')
  console.log('')
  console.log(table(rows))
  return rows.some((r) => r.ping.bad + r.coverage.bad > 0) ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`bench:scale: ${error.message}\n\n${USAGE}`)
    } else {
      console.error('bench:scale failed:', error)
    }
    process.exit(1)
  },
)
