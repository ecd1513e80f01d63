/**
 * `npm run bench:http -- [--dir DIR] [--routes LIST] [--workers LIST] [--connections 10] [--duration 8] [--warmup 2]
 *   [--accept-encoding ENC] [--skip-build]`
 *
 * Load-tests the production server on 127.0.0.1, page by page, beside a bare `node:http` server answering "ok"
 * (in a process of its own), all in one run, and reports each page's throughput as a share of the bare server's
 * and of `/ping` (a route of the app that does nothing), its p99, and whether each goal is met:
 *
 * - `/ping` at ≥ 25 % of bare node:http;
 * - `/dashboard`, `/coverage`, `/framework`, `/mentor` (10 trainees of 200 items), `/evidence/:id` and
 *   `/submissions/:id` at ≥ 40 % of `/ping`, and `/evidence` (500 items) at ≥ 30 %;
 * - p99 under 50 ms at 10 connections for each page;
 * - with `--workers 1,2`: `/coverage` with 2 workers at ≥ 1.7 × 1 worker.
 *
 * Builds the app first if the build is missing or older than the sources, makes the data set in DIR if there is
 * none (and adds the mentor's trainees and a submitted portfolio to it once), starts the server for each worker
 * count, checks that every page answers 200 with the page expected (a redirect to /login would be measured as
 * fast), waits until a tagged page stops changing (and the coverage page has counted the preview's pages), warms each up, measures, stops the server with SIGTERM and writes the figures to DIR/bench-http.json.
 * Exits 0 whether or not the goals hold; 1 on an error, or if any measured response was not a 2xx.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensureBenchData, summary } from './generate'
import { ensureHttpBenchData, type HttpBenchData } from './http-data'
import { DEFAULT_BENCH_DIR, intOption, SESSION_FILE, UsageError } from './lib'
import { ensureBuild, gitState, load, probe, settle, textTable, type RouteResult, type Target } from './measure'
import { freePort, startServer } from './server'

const SESSION_COOKIE = 'attain_session'
const GOAL_PING_PERCENT_OF_BARE = 25
const GOAL_PAGE_PERCENT_OF_PING = 40
const GOAL_LIST_PERCENT_OF_PING = 30
const GOAL_P99_MS = 50
const GOAL_CONNECTIONS = 10
const GOAL_SCALING = 1.7
/** What a browser sends; `--accept-encoding identity` measures without compression. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br'

type Session = keyof HttpBenchData['sessions'] | null

interface RouteSpec {
  /** The name in the table and in `--routes`. */
  name: string
  path: (data: HttpBenchData) => string
  session: Session
  /** What the page must hold for the measurement to count (not a login page, not an error page). */
  expect?: RegExp
  /** The goal, as a share of /ping's throughput (of bare node:http's for /ping itself). */
  goalPercent?: number
}

const ROUTES: RouteSpec[] = [
  { name: 'bare', path: () => '/', session: null },
  { name: '/ping', path: () => '/ping', session: null, goalPercent: GOAL_PING_PERCENT_OF_BARE },
  {
    name: '/dashboard',
    path: () => '/dashboard',
    session: 'trainee',
    expect: /<h1/,
    goalPercent: GOAL_PAGE_PERCENT_OF_PING,
  },
  {
    name: '/coverage',
    path: () => '/coverage',
    session: 'trainee',
    expect: /<h1>Coverage<\/h1>/,
    goalPercent: GOAL_PAGE_PERCENT_OF_PING,
  },
  {
    name: '/framework',
    path: () => '/framework',
    session: 'trainee',
    expect: /Sci1/,
    goalPercent: GOAL_PAGE_PERCENT_OF_PING,
  },
  { name: '/mentor', path: () => '/mentor', session: 'mentor', expect: /<h1/, goalPercent: GOAL_PAGE_PERCENT_OF_PING },
  {
    name: '/evidence/:id',
    path: (d) => `/evidence/${d.evidenceId}`,
    session: 'trainee',
    expect: /<h1/,
    goalPercent: GOAL_PAGE_PERCENT_OF_PING,
  },
  {
    name: '/submissions/:id',
    path: (d) => `/submissions/${d.submissionId}`,
    session: 'submitter',
    expect: /<h1/,
    goalPercent: GOAL_PAGE_PERCENT_OF_PING,
  },
  {
    name: '/evidence',
    path: () => '/evidence',
    session: 'trainee',
    expect: /<h1/,
    goalPercent: GOAL_LIST_PERCENT_OF_PING,
  },
]
const ROUTE_NAMES = ROUTES.map((r) => r.name)

const USAGE = `Usage: npm run bench:http -- [--dir DIR] [--routes LIST] [--workers LIST] [--connections N] [--duration S] [--warmup S] [--accept-encoding ENC] [--skip-build]

  --dir              bench data directory (default ./data/bench; made with the defaults if missing)
  --routes           comma-separated, from: ${ROUTE_NAMES.join(',')} (default: all)
  --workers          comma-separated worker counts (WEB_CONCURRENCY) to run the routes with (default 1; "1,2" also
                     checks that throughput scales with cores)
  --connections      concurrent connections (default 10)
  --duration         seconds of measurement per route (default 8)
  --warmup           seconds of unmeasured load per route first (default 2)
  --accept-encoding  Accept-Encoding header sent (default "${BROWSER_ACCEPT_ENCODING}", as a browser; "identity" for none)
  --skip-build       use build/ as it is, even if older than the sources`

const fmt = (n: number, digits: number) => n.toFixed(digits)
const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0)

/** A bare node:http server answering "ok", in a process of its own as the app's server is. */
async function startBare(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1', () => console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`the bare node:http server exited (${code})`)))
  })
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

interface Row {
  workers: number
  route: string
  path: string
  result: RouteResult
  pageBytes: number
  wireBytes: number
  percentOfBare: number | null
  percentOfPing: number | null
  goal: { percent: number; of: 'bare' | '/ping'; met: boolean } | null
  p99Met: boolean | null
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      routes: { type: 'string' },
      workers: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'accept-encoding': { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const dir = path.resolve(values.dir ?? DEFAULT_BENCH_DIR)
  const connections = intOption('connections', values.connections, 10, 1, 1000)
  const duration = intOption('duration', values.duration, 8, 1, 3600)
  const warmup = intOption('warmup', values.warmup, 2, 0, 600)
  const acceptEncoding = values['accept-encoding'] ?? BROWSER_ACCEPT_ENCODING
  const selected = values.routes ? values.routes.split(',').map((r) => r.trim()) : ROUTE_NAMES
  for (const name of selected) {
    if (!ROUTE_NAMES.includes(name)) throw new UsageError(`--routes: unknown route ${JSON.stringify(name)}`)
  }
  const routes = ROUTES.filter((r) => selected.includes(r.name))
  const workerCounts = (values.workers ?? '1').split(',').map((w) => intOption('workers', w.trim(), 1, 1, 64))

  ensureBuild('bench:http', values['skip-build'] ?? false)
  const data = await ensureBenchData(dir)
  console.log(summary(data))
  const needsExtras = routes.some((r) => r.session === 'mentor' || r.session === 'submitter')
  const extras: HttpBenchData = needsExtras
    ? await ensureHttpBenchData(data)
    : {
        sessions: {
          trainee: readFileSync(path.join(dir, SESSION_FILE), 'utf8').trim(),
          mentor: '',
          submitter: '',
        },
        evidenceId: 0,
        submissionId: 0,
        mentees: 0,
        menteeItems: 0,
        submittedItems: 0,
      }

  const base = {
    Accept: 'text/html,application/xhtml+xml',
    'Accept-Encoding': acceptEncoding,
    'User-Agent': 'attain-bench',
  }
  const headersFor = (session: Session): Record<string, string> =>
    session ? { ...base, Cookie: `${SESSION_COOKIE}=${extras.sessions[session]}` } : base

  const bare = routes.some((r) => r.name === 'bare') ? await startBare() : undefined
  const rows: Row[] = []
  let interrupted = false
  try {
    for (const workers of workerCounts) {
      const server = await startServer(dir, { workers, startupTimeoutMs: 120_000 })
      const stopOnSignal = (signal: NodeJS.Signals) => {
        interrupted = true
        console.error(`bench:http: ${signal}; stopping the servers`)
        void Promise.all([server.stop(), bare?.stop()]).then(() => process.exit(130))
      }
      process.once('SIGINT', stopOnSignal)
      process.once('SIGTERM', stopOnSignal)
      try {
        for (const route of routes) {
          // The bare server does not depend on the worker count: measured once, in the first pass.
          if (route.name === 'bare' && rows.some((r) => r.route === 'bare')) continue
          const baseUrl = route.name === 'bare' ? bare!.baseUrl : server.baseUrl
          const target: Target = { name: route.name, path: route.path(extras), headers: headersFor(route.session) }
          const answer = await probe(baseUrl + target.path, target.headers)
          const plain = await probe(baseUrl + target.path, { ...target.headers, 'Accept-Encoding': 'identity' })
          const text = plain.body.toString('utf8')
          if (answer.status !== 200 || (route.expect && !route.expect.test(text))) {
            throw new Error(
              `GET ${target.path} answered ${answer.status}${answer.location ? ` → ${answer.location}` : ''}, ` +
                `not 200 with the page expected.\n${text.slice(0, 500)}\nServer output:\n${server.output()}`,
            )
          }
          await settle(baseUrl + target.path, target.headers, workers)
          if (warmup > 0) await load(baseUrl, target, connections, warmup)
          console.log(`bench:http: ${workers} worker(s), ${route.name}, ${connections} connections, ${duration} s…`)
          const result = await load(baseUrl, target, connections, duration)
          rows.push({
            workers,
            route: route.name,
            path: target.path,
            result,
            pageBytes: plain.bytes,
            wireBytes: answer.bytes,
            percentOfBare: null,
            percentOfPing: null,
            goal: null,
            p99Met: null,
          })
        }
      } finally {
        process.off('SIGINT', stopOnSignal)
        process.off('SIGTERM', stopOnSignal)
        const code = await server.stop()
        if (code !== 0 && !interrupted)
          console.error(`bench:http: the server exited with code ${code} on SIGTERM.\n${server.output()}`)
      }
    }
  } finally {
    await bare?.stop()
  }

  // Ratios within one run: each page against bare node:http and /ping measured with the same worker count.
  const bareRps = rows.find((r) => r.route === 'bare')?.result.requestsPerSecond
  for (const row of rows) {
    const ping = rows.find((r) => r.route === '/ping' && r.workers === row.workers)?.result.requestsPerSecond
    const rps = row.result.requestsPerSecond
    if (row.route !== 'bare' && bareRps) row.percentOfBare = percent(rps, bareRps)
    if (row.route !== 'bare' && row.route !== '/ping' && ping) row.percentOfPing = percent(rps, ping)
    const spec = ROUTES.find((r) => r.name === row.route)!
    if (spec.goalPercent !== undefined) {
      const actual = row.route === '/ping' ? row.percentOfBare : row.percentOfPing
      if (actual !== null)
        row.goal = {
          percent: spec.goalPercent,
          of: row.route === '/ping' ? 'bare' : '/ping',
          met: actual >= spec.goalPercent,
        }
    }
    if (row.route !== 'bare' && row.route !== '/ping') row.p99Met = row.result.latency.p99 < GOAL_P99_MS
  }
  const coverageBy = (workers: number) =>
    rows.find((r) => r.route === '/coverage' && r.workers === workers)?.result.requestsPerSecond
  const one = coverageBy(1)
  const two = coverageBy(2)
  const scaling =
    one && two ? { oneWorker: one, twoWorkers: two, ratio: two / one, met: two / one >= GOAL_SCALING } : null

  const cpus = os.cpus()
  const yesNo = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'NOT MET')
  console.log('')
  console.log(
    `${data.items} items for the first trainee; mentor of ${extras.mentees} × ${extras.menteeItems} items; ` +
      `${connections} connections × ${duration} s per route; Accept-Encoding: ${acceptEncoding}; ` +
      `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}`,
  )
  console.log('')
  console.log(
    textTable(
      [
        'route',
        'workers',
        'req/s',
        'p50 ms',
        'p99 ms',
        '% of bare',
        '% of /ping',
        'goal',
        'share goal',
        'p99 < 50 ms',
        'HTML bytes',
      ],
      rows.map((r) => [
        r.route,
        String(r.workers),
        fmt(r.result.requestsPerSecond, 1),
        fmt(r.result.latency.p50, 1),
        fmt(r.result.latency.p99, 1),
        r.percentOfBare === null ? '' : `${fmt(r.percentOfBare, 2)} %`,
        r.percentOfPing === null ? '' : `${fmt(r.percentOfPing, 1)} %`,
        r.goal ? `≥ ${r.goal.percent} % of ${r.goal.of}` : '',
        yesNo(r.goal?.met ?? null),
        yesNo(r.p99Met),
        r.pageBytes.toLocaleString('en-GB'),
      ]),
    ),
  )
  if (scaling) {
    console.log(
      `\n/coverage with 2 workers: ${fmt(scaling.twoWorkers, 1)} req/s against ${fmt(scaling.oneWorker, 1)} with 1: ` +
        `${fmt(scaling.ratio, 2)}× (goal ≥ ${GOAL_SCALING}×): ${yesNo(scaling.met)}`,
    )
  }
  if (connections !== GOAL_CONNECTIONS)
    console.log(`(the p99 goal is set at ${GOAL_CONNECTIONS} connections; this run used ${connections})`)

  const report = {
    measuredAt: new Date().toISOString(),
    git: gitState(),
    node: process.version,
    cpus: { count: cpus.length, model: cpus[0]?.model.trim() ?? null },
    options: {
      dir,
      routes: selected,
      workers: workerCounts,
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
      acceptEncoding,
    },
    data: {
      trainees: data.trainees,
      items: data.items,
      claims: data.claims,
      mentees: extras.mentees,
      menteeItems: extras.menteeItems,
      submittedItems: extras.submittedItems,
    },
    rows: rows.map((r) => ({
      route: r.route,
      path: r.path,
      workers: r.workers,
      pageBytes: r.pageBytes,
      wireBytes: r.wireBytes,
      percentOfBare: r.percentOfBare,
      percentOfPing: r.percentOfPing,
      goal: r.goal,
      p99: { goalMs: GOAL_P99_MS, atConnections: GOAL_CONNECTIONS, met: r.p99Met },
      result: r.result,
    })),
    scaling: scaling && { ...scaling, goal: GOAL_SCALING },
  }
  const out = path.join(dir, 'bench-http.json')
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\nbench:http: figures written to ${out}`)

  const bad = rows.filter((r) => r.result.non2xx > 0 || r.result.errors > 0 || r.result.timeouts > 0)
  for (const r of bad) {
    console.error(
      `bench:http: ${r.route} (${r.workers} worker(s)) had ${r.result.non2xx} non-2xx responses (${JSON.stringify(r.result.statusCodes)}), ${r.result.errors} errors, ${r.result.timeouts} timeouts`,
    )
  }
  return bad.length > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`bench:http: ${error.message}\n\n${USAGE}`)
    } else {
      console.error('bench:http failed:', error)
    }
    process.exit(1)
  },
)
