/**
 * `npm run bench:submission -- [--dir DIR] [--items 40] [--connections 10] [--duration 10] [--warmup 2] [--skip-build]`
 *
 * How the production server copes with a submitted portfolio. In a fresh data
 * directory it builds a portfolio ready to submit (every area verified by a
 * linked mentor, some items with PDF and PNG attachments, a signed
 * declaration) and a signed-in session for its trainee, then starts the server
 * on a free port of 127.0.0.1 and:
 *
 *   1. load-tests /ping, the route that does nothing, as the yardstick;
 *   2. submits the portfolio once (POST /submission, as the trainee's browser
 *      would) and times it end to end: the snapshot and the summary PDF are
 *      both made during that request;
 *   3. load-tests what the submission is then read as: /submissions/:id (the
 *      HTML summary), /submissions/:id/summary.pdf (the stored PDF) and
 *      /submissions/:id/export.zip (streamed), with a browser's Accept-Encoding.
 *
 * Each load test is warmed up first and uses the same connections for the same
 * time. Builds the app first if the build is missing or older than the
 * sources. Prints a table (each route's throughput also as a percentage of
 * /ping's in the same run), writes the figures to DIR/bench-submission.json
 * and stops the server with SIGTERM. Exits 0 whether or not anything is slow;
 * 1 on an error, or if any measured response was not a 2xx.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeDatabase, openDatabase } from '../../db/client'
import { prepareDatabase } from '../../db/setup'
import { filePath } from '../../app/files/store.server'
import { createSession } from '../../app/models/session.server'
import { getSubmission } from '../../app/models/submission.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { DATABASE_FILE, intOption, root, seconds, UsageError } from './lib'
import { allGood, ensureBuild, gitState, load, probe, textTable, type RouteResult, type Target } from './measure'
import { startServer, type Server } from './server'

const LABEL = 'bench:submission'
const DEFAULT_DIR = path.join(root, 'data/bench-submission')
/** Written first into a directory this script makes, so a later run may empty it and nothing else is ever removed. */
const MARKER_FILE = '.bench-submission'
const REPORT_FILE = 'bench-submission.json'
const SESSION_COOKIE = 'attain_session'
const YEAR_MS = 365 * 24 * 3600 * 1000
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br'

const USAGE = `Usage: npm run bench:submission -- [--dir DIR] [--items N] [--connections N] [--duration S] [--warmup S] [--skip-build]

  --dir          data directory, emptied and made afresh on every run (default ./data/bench-submission)
  --items        evidence items in the submitted portfolio (default 40)
  --connections  concurrent connections of each load test (default 10)
  --duration     seconds of measurement per route (default 10)
  --warmup       seconds of unmeasured load per route first (default 2)
  --skip-build   use build/ as it is, even if older than the sources`

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------

/** Empties DIR if an earlier run made it; refuses a directory holding anything else. */
function freshDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a directory`)
    const entries = readdirSync(dir)
    if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
      throw new UsageError(`${dir} is not empty and was not made by ${LABEL}; it is left alone. Choose another --dir.`)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, MARKER_FILE), `Made by npm run ${LABEL}; emptied on its next run.\n`)
}

interface Prepared {
  traineeId: number
  items: number
  /** The value of a Cookie header that signs in as the trainee. */
  cookie: string
  ms: number
}

async function prepareData(dir: string, items: number): Promise<Prepared> {
  const started = performance.now()
  const db = prepareDatabase(path.join(dir, DATABASE_FILE))
  try {
    const { trainee, evidenceIds } = await buildReadyPortfolio(db, { items, dataDir: dir })
    const { token } = createSession(
      db,
      { userId: trainee.id, verified: true, ipAddress: '127.0.0.1', userAgent: 'attain bench' },
      { idleTimeoutMs: YEAR_MS, absoluteTimeoutMs: YEAR_MS },
    )
    return {
      traineeId: trainee.id,
      items: evidenceIds.length,
      cookie: `${SESSION_COOKIE}=${token}`,
      ms: performance.now() - started,
    }
  } finally {
    closeDatabase(db)
  }
}

// ---------------------------------------------------------------------------
// The submission
// ---------------------------------------------------------------------------

interface Submitted {
  id: number
  number: number
  /** POST /submission, from the first byte sent to the last received. */
  submitMs: number
  snapshotSha256: string
  items: number
  attachments: number
  pdf: { sha256: string; pages: number; bytes: number }
}

async function submit(server: Server, dir: string, prepared: Prepared): Promise<Submitted> {
  const body = new URLSearchParams({ intent: 'submit', confirm: 'on' }).toString()
  const headers = {
    Cookie: prepared.cookie,
    Origin: server.baseUrl,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)),
    Accept: 'text/html,application/xhtml+xml',
    'User-Agent': 'attain-bench',
  }
  const started = performance.now()
  const answer = await probe(`${server.baseUrl}/submission`, headers, { method: 'POST', body })
  const submitMs = performance.now() - started
  const id = answer.status === 302 ? /^\/submissions\/(\d+)$/.exec(answer.location ?? '')?.[1] : undefined
  if (!id) {
    throw new Error(
      `POST /submission answered ${answer.status}${answer.location ? ` → ${answer.location}` : ''}, not a redirect to /submissions/:id.\n` +
        `${answer.body.toString('utf8').slice(0, 500)}\nServer output:\n${server.output()}`,
    )
  }

  const db = openDatabase(path.join(dir, DATABASE_FILE))
  try {
    const submission = getSubmission(db, Number(id))
    if (!submission || submission.traineeId !== prepared.traineeId)
      throw new Error(`POST /submission redirected to /submissions/${id}, which is not the trainee's submission`)
    if (!submission.pdfSha256 || submission.pdfPages === null) {
      throw new Error(
        `Submission ${id} was made, but its summary PDF was not made during the request.\nServer output:\n${server.output()}`,
      )
    }
    return {
      id: submission.id,
      number: submission.number,
      submitMs,
      snapshotSha256: submission.snapshotSha256,
      items: submission.snapshot.items.length,
      attachments: submission.snapshot.items.reduce((sum, item) => sum + item.attachments.length, 0),
      pdf: {
        sha256: submission.pdfSha256,
        pages: submission.pdfPages,
        bytes: statSync(filePath(dir, submission.pdfSha256)).size,
      },
    }
  } finally {
    closeDatabase(db)
  }
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

interface Check {
  contentType: string | undefined
  contentEncoding: string | undefined
  wireBytes: number
}

/** The route must answer 200 with the expected type before it is measured: an error page or a redirect to /login would be measured as fast. */
async function check(server: Server, target: Target, expectedType: RegExp): Promise<Check> {
  const answer = await probe(server.baseUrl + target.path, target.headers)
  if (answer.status !== 200 || !expectedType.test(answer.contentType ?? '')) {
    throw new Error(
      `GET ${target.path} answered ${answer.status} (${answer.contentType ?? 'no Content-Type'})${answer.location ? ` → ${answer.location}` : ''}, ` +
        `not 200 with ${expectedType.source}.\n${answer.status === 200 ? '' : answer.body.toString('utf8').slice(0, 500)}\nServer output:\n${server.output()}`,
    )
  }
  return { contentType: answer.contentType, contentEncoding: answer.contentEncoding, wireBytes: answer.bytes }
}

async function measure(
  server: Server,
  target: Target,
  connections: number,
  duration: number,
  warmup: number,
): Promise<RouteResult> {
  if (warmup > 0) {
    console.log(`${LABEL}: ${target.name}: warming up (${warmup} s)…`)
    await load(server.baseUrl, target, connections, warmup)
  }
  console.log(`${LABEL}: ${target.name}: ${connections} connections, ${duration} s…`)
  return load(server.baseUrl, target, connections, duration)
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const fmt = (n: number, digits: number) => n.toFixed(digits)
const count = (n: number) => n.toLocaleString('en-GB')
const percentOf = (r: RouteResult, ping: RouteResult) =>
  ping.requestsPerSecond > 0 ? (r.requestsPerSecond / ping.requestsPerSecond) * 100 : 0

function table(results: RouteResult[], ping: RouteResult): string {
  const header = ['route', 'req/s', 'p50 ms', 'p99 ms', 'bytes/response', '% of /ping']
  const rows = results.map((r) => [
    r.route,
    fmt(r.requestsPerSecond, 1),
    fmt(r.latency.p50, 2),
    fmt(r.latency.p99, 2),
    count(r.bytesPerResponse),
    `${fmt(percentOf(r, ping), 1)}%`,
  ])
  return textTable(header, rows)
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      items: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const dir = path.resolve(values.dir ?? DEFAULT_DIR)
  const items = intOption('items', values.items, 40, 1, 2000)
  const connections = intOption('connections', values.connections, 10, 1, 1000)
  const duration = intOption('duration', values.duration, 10, 1, 3600)
  const warmup = intOption('warmup', values.warmup, 2, 0, 600)

  ensureBuild(LABEL, values['skip-build'] ?? false)
  freshDir(dir)
  const prepared = await prepareData(dir, items)
  console.log(`${LABEL}: a ready portfolio of ${prepared.items} items in ${dir} (${seconds(prepared.ms)} s)`)

  const server = await startServer(dir)
  const stopOnSignal = (signal: NodeJS.Signals) => {
    console.error(`${LABEL}: ${signal}; stopping the server`)
    void server.stop().then(() => process.exit(130))
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)

  try {
    const browser = { 'Accept-Encoding': BROWSER_ACCEPT_ENCODING, 'User-Agent': 'attain-bench' }
    const ping: Target = {
      name: '/ping',
      path: '/ping',
      headers: { ...browser, Accept: 'text/html,application/xhtml+xml' },
    }
    const checks: Record<string, Check> = { '/ping': await check(server, ping, /^text\/plain/) }
    const results: RouteResult[] = [await measure(server, ping, connections, duration, warmup)]

    console.log(`${LABEL}: submitting the portfolio once…`)
    const submitted = await submit(server, dir, prepared)
    console.log(
      `${LABEL}: submission ${submitted.number} (/submissions/${submitted.id}) made in ${fmt(submitted.submitMs, 0)} ms`,
    )

    const signedIn = { ...browser, Cookie: prepared.cookie }
    const base = `/submissions/${submitted.id}`
    const routes: [Target, RegExp][] = [
      [
        { name: '/submissions/:id', path: base, headers: { ...signedIn, Accept: 'text/html,application/xhtml+xml' } },
        /^text\/html/,
      ],
      [
        {
          name: '/submissions/:id/summary.pdf',
          path: `${base}/summary.pdf`,
          headers: { ...signedIn, Accept: 'application/pdf' },
        },
        /^application\/pdf/,
      ],
      [
        {
          name: '/submissions/:id/export.zip',
          path: `${base}/export.zip`,
          headers: { ...signedIn, Accept: 'application/zip' },
        },
        /^application\/zip/,
      ],
    ]
    for (const [target, expectedType] of routes) {
      checks[target.name] = await check(server, target, expectedType)
      results.push(await measure(server, target, connections, duration, warmup))
    }

    const pingResult = results[0]!
    const cpus = os.cpus()
    console.log('')
    console.log(
      `${submitted.items} items, ${submitted.attachments} attachments; ${connections} connections × ${duration} s per route ` +
        `(after ${warmup} s of warm-up); Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}; Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}`,
    )
    console.log('')
    console.log(table(results, pingResult))
    console.log('')
    console.log(`submit (POST /submission, snapshot and PDF made in the request): ${fmt(submitted.submitMs, 0)} ms`)
    console.log(`summary PDF: ${submitted.pdf.pages} pages, ${count(submitted.pdf.bytes)} bytes`)

    const report = {
      measuredAt: new Date().toISOString(),
      git: gitState(),
      node: process.version,
      cpus: { count: cpus.length, model: cpus[0]?.model.trim() ?? null },
      options: {
        dir,
        items,
        connections,
        durationSeconds: duration,
        warmupSeconds: warmup,
        acceptEncoding: BROWSER_ACCEPT_ENCODING,
      },
      data: {
        items: submitted.items,
        attachments: submitted.attachments,
        prepareSeconds: Number(seconds(prepared.ms)),
      },
      submission: {
        id: submitted.id,
        number: submitted.number,
        snapshotSha256: submitted.snapshotSha256,
        submitMs: Number(fmt(submitted.submitMs, 1)),
        pdf: submitted.pdf,
      },
      responses: checks,
      results: results.map((r) => ({ ...r, percentOfPing: Number(fmt(percentOf(r, pingResult), 2)) })),
    }
    const out = path.join(dir, REPORT_FILE)
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
    console.log(`\n${LABEL}: figures written to ${out}`)

    const bad = results.filter((r) => !allGood(r))
    for (const r of bad) {
      console.error(
        `${LABEL}: ${r.route} had ${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`,
      )
    }
    return bad.length > 0 ? 1 : 0
  } finally {
    const code = await server.stop()
    if (code !== 0) console.error(`${LABEL}: the server exited with code ${code} on SIGTERM.\n${server.output()}`)
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`${LABEL}: ${error.message}\n\n${USAGE}`)
    } else {
      console.error(`${LABEL} failed:`, error)
    }
    process.exit(1)
  },
)
