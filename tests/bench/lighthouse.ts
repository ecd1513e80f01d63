/**
 * `npm run bench:lighthouse -- [--dir DIR] [--routes /,/coverage,/evidence] [--runs 3] [--busy N] [--reports DIR] [--skip-build]`
 *
 * Lighthouse's mobile performance audit (its default: a mid-range phone on a slow 4G connection, simulated) of the
 * production server's pages, signed in as the bench data set's first trainee (500 items). Chromium is Debian's
 * (`CHROME_PATH`, default /usr/bin/chromium). Each page is audited `--runs` times and the median score is reported
 * with its First Contentful Paint, Largest Contentful Paint, Total Blocking Time and Cumulative Layout Shift.
 * Audits start once every page has settled (`settle` in ./measure): just after a start, the coverage page counts
 * the preview's pages in a background render that would otherwise compete with the browser for the CPU.
 *
 * `--busy N` keeps N processes spinning on the CPU meanwhile, as a busy machine would: Lighthouse scales the
 * main-thread work it observes, so a page that needs a lot of script suffers most there.
 *
 * Writes the figures to DIR/bench-lighthouse.json. Exits 0 whether or not the goal (a score of 95) is met; 1 on an
 * error, or if a page does not answer 200.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { ensureBenchData, summary } from './generate'
import { DEFAULT_BENCH_DIR, intOption, SESSION_FILE, UsageError } from './lib'
import { ensureBuild, probe, settle, textTable } from './measure'
import { startServer } from './server'

const SESSION_COOKIE = 'attain_session'
const GOAL_SCORE = 95
const DEFAULT_ROUTES = ['/', '/coverage', '/evidence']

const USAGE = `Usage: npm run bench:lighthouse -- [--dir DIR] [--routes LIST] [--runs N] [--busy N] [--reports DIR] [--skip-build]

  --dir         bench data directory (default ./data/bench; made with the defaults if missing)
  --routes      comma-separated paths to audit (default ${DEFAULT_ROUTES.join(',')})
  --runs        audits per page; the median is reported (default 3)
  --busy        processes kept spinning on the CPU while auditing (default 0)
  --reports     also write each audit's full Lighthouse report (JSON) to this directory
  --skip-build  use build/ as it is, even if older than the sources`

interface Audit {
  score: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  cls: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Processes that spin until killed, each on a core of its own if there is one. */
function burners(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
}

/** Lighthouse's own "please run Lighthouse again" failures: the trace of a load came out incomplete. */
const RETRIED_ERRORS = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED', 'NO_DCL', 'NO_FCP'])
const ATTEMPTS = 3

async function audit(url: string, port: number, cookie: string, reportFile?: string): Promise<Audit> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      extraHeaders: { Cookie: cookie },
    })
    const lhr = result?.lhr
    if (!lhr) throw new Error(`Lighthouse gave no result for ${url}`)
    const failure = lhr.runtimeError
    if (failure && RETRIED_ERRORS.has(failure.code) && attempt < ATTEMPTS) {
      console.error(`bench:lighthouse: ${url}: ${failure.code}, auditing again (${attempt + 1} of ${ATTEMPTS})`)
      continue
    }
    if (failure) throw new Error(`Lighthouse could not audit ${url}: ${failure.message}`)
    return scored(lhr, reportFile)
  }
}

function scored(lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'], reportFile?: string): Audit {
  if (reportFile) writeFileSync(reportFile, JSON.stringify(lhr))
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      routes: { type: 'string' },
      runs: { type: 'string' },
      busy: { type: 'string' },
      reports: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const dir = path.resolve(values.dir ?? DEFAULT_BENCH_DIR)
  const routes = (values.routes ?? DEFAULT_ROUTES.join(','))
    .split(',')
    .map((route) => route.trim())
    .filter(Boolean)
  if (routes.some((route) => !route.startsWith('/'))) throw new UsageError('--routes: each path starts with /')
  const runs = intOption('runs', values.runs, 3, 1, 20)
  const busy = intOption('busy', values.busy, 0, 0, 64)
  if (values.reports) mkdirSync(path.resolve(values.reports), { recursive: true })

  ensureBuild('bench:lighthouse', values['skip-build'] ?? false)
  const data = await ensureBenchData(dir)
  console.log(summary(data))
  const cookie = `${SESSION_COOKIE}=${readFileSync(path.join(dir, SESSION_FILE), 'utf8').trim()}`

  const server = await startServer(dir)
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  })
  let spinning: ChildProcess[] = []
  try {
    for (const route of routes) {
      const answer = await probe(server.baseUrl + route, { Cookie: cookie, Accept: 'text/html' })
      if (answer.status !== 200) throw new Error(`GET ${route} answered ${answer.status}, not 200`)
      // Not while the preview's pages are being counted: that render keeps a core busy for many seconds.
      await settle(server.baseUrl + route, { Cookie: cookie, Accept: 'text/html' })
    }
    spinning = burners(busy)
    const results: { route: string; runs: Audit[]; median: Audit }[] = []
    for (const route of routes) {
      const audits: Audit[] = []
      for (let run = 0; run < runs; run++) {
        const reportFile = values.reports
          ? path.join(path.resolve(values.reports), `${route.replace(/\W+/g, '_') || 'root'}-${run + 1}.json`)
          : undefined
        audits.push(await audit(server.baseUrl + route, chrome.port, cookie, reportFile))
      }
      const pick = (key: keyof Audit) => median(audits.map((a) => a[key]))
      results.push({
        route,
        runs: audits,
        median: {
          score: pick('score'),
          fcpMs: pick('fcpMs'),
          lcpMs: pick('lcpMs'),
          tbtMs: pick('tbtMs'),
          cls: pick('cls'),
        },
      })
    }
    console.log(
      `\nLighthouse ${lighthouseVersion()} mobile performance, median of ${runs}; ` +
        `${busy === 0 ? 'no other load' : `${busy} spinning processes beside it`}\n`,
    )
    console.log(
      textTable(
        ['route', 'score', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', `goal ≥ ${GOAL_SCORE}`],
        results.map(({ route, median: m }) => [
          route,
          String(m.score),
          m.fcpMs.toFixed(0),
          m.lcpMs.toFixed(0),
          m.tbtMs.toFixed(0),
          m.cls.toFixed(3),
          m.score >= GOAL_SCORE ? 'met' : 'not met',
        ]),
      ),
    )
    const file = path.join(dir, 'bench-lighthouse.json')
    writeFileSync(
      file,
      JSON.stringify({ at: new Date().toISOString(), busy, runs, goal: GOAL_SCORE, results }, null, 2),
    )
    console.log(`\nFigures written to ${file}`)
    return 0
  } finally {
    for (const child of spinning) child.kill('SIGKILL')
    await chrome.kill()
    await server.stop()
  }
}

function lighthouseVersion(): string {
  const file = path.join(path.dirname(import.meta.filename), '../../node_modules/lighthouse/package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`)
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  },
)
