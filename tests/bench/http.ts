/**
 * `npm run bench:http -- [--dir DIR] [--connections 10] [--duration 10] [--warmup 3] [--accept-encoding ENC] [--skip-build]`
 *
 * Load-tests the production server on 127.0.0.1: /ping (a route that does
 * nothing) and then the trainee's /coverage page (signed in as the bench
 * data set's first trainee), with the same number of connections for the same
 * time, and reports how much of /ping's throughput /coverage keeps.
 *
 * Builds the app first if the build is missing or older than the sources,
 * makes the default data set in DIR if there is none, starts the server on a
 * free port, warms both routes up, measures, stops the server with SIGTERM and
 * writes the figures to DIR/bench-http.json. Exits 0 whether or not the goals
 * hold; 1 on an error, or if any measured response was not a 2xx.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensureBenchData, summary } from './generate'
import { DEFAULT_BENCH_DIR, intOption, SESSION_FILE, UsageError } from './lib'
import { ensureBuild, gitState, load, probe, textTable, type RouteResult, type Target } from './measure'
import { startServer } from './server'

const SESSION_COOKIE = 'attain_session'
/** The goals: /coverage keeps at least half of /ping's throughput, and its p99 stays under 50 ms at 10 connections. */
const GOAL_RATIO_PERCENT = 50
const GOAL_P99_MS = 50
const GOAL_CONNECTIONS = 10
/** What a browser sends; `--accept-encoding identity` measures without compression. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br'

const USAGE = `Usage: npm run bench:http -- [--dir DIR] [--connections N] [--duration S] [--warmup S] [--accept-encoding ENC] [--skip-build]

  --dir              bench data directory (default ./data/bench; made with the defaults if missing)
  --connections      concurrent connections (default 10)
  --duration         seconds of measurement per route (default 10)
  --warmup           seconds of unmeasured load per route first (default 3)
  --accept-encoding  Accept-Encoding header sent (default "${BROWSER_ACCEPT_ENCODING}", as a browser; "identity" for none)
  --skip-build       use build/ as it is, even if older than the sources`

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const fmt = (n: number, digits: number) => n.toFixed(digits)

function table(results: RouteResult[]): string {
  const header = ['route', 'requests/s (mean)', 'p50 ms', 'p99 ms', 'non-2xx', 'errors']
  const rows = results.map((r) => [
    r.route,
    fmt(r.requestsPerSecond, 1),
    fmt(r.latency.p50, 2),
    fmt(r.latency.p99, 2),
    String(r.non2xx),
    String(r.errors + r.timeouts),
  ])
  return textTable(header, rows)
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
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
  const duration = intOption('duration', values.duration, 10, 1, 3600)
  const warmup = intOption('warmup', values.warmup, 3, 0, 600)
  const acceptEncoding = values['accept-encoding'] ?? BROWSER_ACCEPT_ENCODING

  ensureBuild('bench:http', values['skip-build'] ?? false)
  const data = await ensureBenchData(dir)
  console.log(summary(data))
  const token = readFileSync(path.join(dir, SESSION_FILE), 'utf8').trim()

  const base = {
    Accept: 'text/html,application/xhtml+xml',
    'Accept-Encoding': acceptEncoding,
    'User-Agent': 'attain-bench',
  }
  const targets: Target[] = [
    { name: '/ping', path: '/ping', headers: base },
    { name: '/coverage', path: '/coverage', headers: { ...base, Cookie: `${SESSION_COOKIE}=${token}` } },
  ]

  const server = await startServer(dir)
  const stopOnSignal = (signal: NodeJS.Signals) => {
    console.error(`bench:http: ${signal}; stopping the server`)
    void server.stop().then(() => process.exit(130))
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)

  try {
    // Both routes must answer 200 before anything is measured: a redirect to /login would be measured as "fast".
    const checks: Record<
      string,
      { status: number; contentType?: string; contentEncoding?: string; wireBytes: number; pageBytes: number }
    > = {}
    for (const target of targets) {
      const answer = await probe(server.baseUrl + target.path, target.headers)
      if (answer.status !== 200) {
        throw new Error(
          `GET ${target.path} answered ${answer.status}${answer.location ? ` → ${answer.location}` : ''}, not 200. ` +
            (target.name === '/coverage' ? `Is the session in ${path.join(dir, SESSION_FILE)} still valid? ` : '') +
            `\n${answer.body.toString('utf8').slice(0, 500)}\nServer output:\n${server.output()}`,
        )
      }
      const plain = await probe(server.baseUrl + target.path, { ...target.headers, 'Accept-Encoding': 'identity' })
      if (target.name === '/coverage' && !/<h1>Coverage<\/h1>/.test(plain.body.toString('utf8'))) {
        throw new Error(
          `GET /coverage answered 200 but not with the coverage page:\n${plain.body.toString('utf8').slice(0, 500)}`,
        )
      }
      checks[target.name] = {
        status: answer.status,
        contentType: answer.contentType,
        contentEncoding: answer.contentEncoding,
        wireBytes: answer.bytes,
        pageBytes: plain.bytes,
      }
    }

    if (warmup > 0) {
      console.log(`bench:http: warming up (${warmup} s per route)…`)
      for (const target of targets) await load(server.baseUrl, target, connections, warmup)
    }

    const results: RouteResult[] = []
    for (const target of targets) {
      console.log(`bench:http: ${target.name}, ${connections} connections, ${duration} s…`)
      results.push(await load(server.baseUrl, target, connections, duration))
    }

    const [ping, coverage] = results as [RouteResult, RouteResult]
    const ratio = ping.requestsPerSecond > 0 ? (coverage.requestsPerSecond / ping.requestsPerSecond) * 100 : 0
    const ratioMet = ratio >= GOAL_RATIO_PERCENT
    const p99Met = coverage.latency.p99 < GOAL_P99_MS
    const cpus = os.cpus()

    console.log('')
    console.log(
      `${data.items} items, ${data.claims} claims; ${connections} connections × ${duration} s per route; ` +
        `Accept-Encoding: ${acceptEncoding}; Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}`,
    )
    console.log(
      `/coverage page: ${checks['/coverage']!.pageBytes.toLocaleString('en-GB')} bytes of HTML, ` +
        `${checks['/coverage']!.wireBytes.toLocaleString('en-GB')} on the wire (${checks['/coverage']!.contentEncoding ?? 'not compressed'})`,
    )
    console.log('')
    console.log(table(results))
    console.log('')
    console.log(`/coverage throughput = ${fmt(ratio, 1)}% of /ping's`)
    const atGoal =
      connections === GOAL_CONNECTIONS
        ? ''
        : ` (the goal is set at ${GOAL_CONNECTIONS} connections; this run used ${connections})`
    console.log(
      `goal: /coverage ≥ ${GOAL_RATIO_PERCENT}% of /ping's throughput: ${ratioMet ? 'MET' : 'NOT MET'} (${fmt(ratio, 1)}%)`,
    )
    console.log(
      `goal: /coverage p99 < ${GOAL_P99_MS} ms at ${GOAL_CONNECTIONS} connections: ${p99Met ? 'MET' : 'NOT MET'} (${fmt(coverage.latency.p99, 2)} ms)${atGoal}`,
    )

    const report = {
      measuredAt: new Date().toISOString(),
      git: gitState(),
      node: process.version,
      cpus: { count: cpus.length, model: cpus[0]?.model.trim() ?? null },
      options: { dir, connections, durationSeconds: duration, warmupSeconds: warmup, acceptEncoding },
      data: { trainees: data.trainees, items: data.items, claims: data.claims },
      pages: checks,
      results,
      coverageToPingPercent: Number(fmt(ratio, 2)),
      goals: {
        throughputRatio: { goalPercent: GOAL_RATIO_PERCENT, actualPercent: Number(fmt(ratio, 2)), met: ratioMet },
        coverageP99: {
          goalMs: GOAL_P99_MS,
          atConnections: GOAL_CONNECTIONS,
          actualMs: Number(fmt(coverage.latency.p99, 2)),
          connections,
          met: p99Met,
        },
      },
    }
    const out = path.join(dir, 'bench-http.json')
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
    console.log(`\nbench:http: figures written to ${out}`)

    const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0)
    if (bad.length > 0) {
      for (const r of bad) {
        console.error(
          `bench:http: ${r.route} had ${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`,
        )
      }
      return 1
    }
    return 0
  } finally {
    const code = await server.stop()
    if (code !== 0) console.error(`bench:http: the server exited with code ${code} on SIGTERM.\n${server.output()}`)
  }
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
