/**
 * `npx tsx tests/bench/profile-coverage.ts [--dir DIR] [--iterations N]`
 *
 * Where the time of one /coverage request goes, on the bench data set, in one
 * process with no HTTP in between:
 *
 * - the loader's pieces: loadPortfolioData (each SQL statement timed on its
 *   own) and computeCoverage;
 * - the whole Remix request, through the production build's request handler:
 *   /ping, /login signed out (the floor of any page), /coverage.data (the loaders and their serialised data, no HTML) and
 *   the /coverage document (loaders, serialised data and the React render);
 * - compressing the document as the server's compression middleware would.
 *
 * Needs `npm run build` and `npm run bench:data` first. Changes nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { defaultFramework } from '../../competences/index'
import { closeDatabase, openDatabase } from '../../db/client'
import { users } from '../../db/schema'
import { computeCoverage } from '../../app/coverage/engine'
import { converterAvailable } from '../../app/conversion/availability.server'
import { loadPortfolioData } from '../../app/models/coverage.server'
import { readEnv } from '../../app/utils/env.server'
import { DATABASE_FILE, DEFAULT_BENCH_DIR, intOption, MANIFEST_FILE, root, SESSION_FILE } from './lib'

interface Timing {
  median: number
  mean: number
  p90: number
  min: number
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
  return { median: at(0.5), mean: samples.reduce((s, v) => s + v, 0) / samples.length, p90: at(0.9), min: sorted[0]! }
}

async function time(iterations: number, fn: () => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(10, iterations); i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  return summarise(samples)
}

const ms = (n: number) => n.toFixed(2).padStart(8)
const row = (label: string, t: Timing) => `${label.padEnd(58)}${ms(t.median)}${ms(t.mean)}${ms(t.p90)}${ms(t.min)}`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, iterations: { type: 'string' } } })
  const dir = path.resolve(values.dir ?? DEFAULT_BENCH_DIR)
  const iterations = intOption('iterations', values.iterations, 50, 1, 100_000)
  const buildFile = path.join(root, 'build/server/index.js')
  if (!existsSync(path.join(dir, DATABASE_FILE)) || !existsSync(buildFile)) {
    throw new Error('Run `npm run build` and `npm run bench:data` first')
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as { sessionEmail: string }
  const token = readFileSync(path.join(dir, SESSION_FILE), 'utf8').trim()

  const db = openDatabase(path.join(dir, DATABASE_FILE))
  const traineeId = db.select({ id: users.id }).from(users).where(eq(users.email, manifest.sessionEmail)).get()!.id

  // Time every statement drizzle runs: wrap the statements better-sqlite3 prepares.
  const statementTimes = new Map<string, number[]>()
  let recording = false
  const sqlite = db.$client
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      if (typeof statement[method] !== 'function') continue
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement)
      ;(statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const start = performance.now()
        try {
          return original(...args)
        } finally {
          if (recording) {
            const list = statementTimes.get(source) ?? []
            list.push(performance.now() - start)
            statementTimes.set(source, list)
          }
        }
      }
    }
    return statement
  }) as typeof sqlite.prepare

  const now = new Date()
  const data = loadPortfolioData(db, [traineeId], { converterAvailable: converterAvailable() }).get(traineeId)!
  const input = {
    framework: defaultFramework,
    rules: DEFAULT_COVERAGE_RULES,
    now,
    items: data.items,
    claims: data.claims,
  }
  const report = computeCoverage(input)

  console.log(
    `Bench data: ${data.items.length} items, ${data.claims.length} claims; ${iterations} iterations each; milliseconds\n`,
  )
  console.log(`${''.padEnd(58)}${'median'.padStart(8)}${'mean'.padStart(8)}${'p90'.padStart(8)}${'min'.padStart(8)}`)

  recording = true
  const load = await time(iterations, () =>
    loadPortfolioData(db, [traineeId], { converterAvailable: converterAvailable() }),
  )
  recording = false
  console.log(row('loadPortfolioData (its queries + assembly)', load))
  const perCall = iterations + Math.min(10, iterations)
  for (const [source, samples] of statementTimes) {
    const label = source
      .replace(/\s+/g, ' ')
      .replace(/^select .*? from /i, 'SELECT … FROM ')
      .slice(0, 48)
    console.log(row(`  ${label}`, summarise(samples.slice(-iterations))))
    if (samples.length !== perCall) console.log(`    (${samples.length} runs)`)
  }
  const compute = await time(iterations, () => computeCoverage(input))
  console.log(row('computeCoverage', compute))

  // The whole Remix request, as the production build serves it (no Express, no compression, no socket).
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild
  const handler = createRequestHandler(build, 'production')
  const env = readEnv({
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dir,
    SESSION_IDLE_TIMEOUT_MINUTES: '525600',
    SESSION_ABSOLUTE_TIMEOUT_HOURS: '8760',
  })
  const context = {
    db,
    env,
    cspNonce: 'bench',
    clientIp: '127.0.0.1',
    now: () => new Date(),
  } as unknown as AppLoadContext
  const get = async (url: string, signedIn = true) => {
    const headers: Record<string, string> = { Accept: 'text/html', 'User-Agent': 'attain-bench' }
    if (signedIn) headers.Cookie = `attain_session=${token}`
    const response = await handler(new Request(`http://127.0.0.1${url}`, { headers }), context)
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`)
    return body
  }
  const page = await get('/coverage')
  const dataBody = await get('/coverage.data')
  console.log('')
  console.log(row('Remix handler: /ping', await time(iterations, () => get('/ping'))))
  console.log(
    row(
      'Remix handler: /login document, signed out (a small page)',
      await time(iterations, () => get('/login', false)),
    ),
  )
  console.log(
    row('Remix handler: /coverage.data (loaders + turbo-stream)', await time(iterations, () => get('/coverage.data'))),
  )
  console.log(row('Remix handler: /coverage document (+ React render)', await time(iterations, () => get('/coverage'))))

  const html = Buffer.from(page)
  console.log('')
  console.log(
    row(
      `brotli quality 4 of the ${kb(html.length)} document`,
      await time(iterations, () =>
        zlib.brotliCompressSync(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
      ),
    ),
  )
  console.log(row('gzip level 6 of the document', await time(iterations, () => zlib.gzipSync(html))))

  // What the page carries.
  const json = (value: unknown) => Buffer.byteLength(JSON.stringify(value))
  const inlineData = [...page.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (sum, m) => sum + Buffer.byteLength(m[1]!),
    0,
  )
  console.log('')
  console.log(
    `Document ${kb(html.length)}: ${kb(inlineData)} inside <script> elements (the loader data again, for hydration)`,
  )
  console.log(`/coverage.data: ${kb(Buffer.byteLength(dataBody))}`)
  console.log(
    `Report as JSON ${kb(json(report))}: ` +
      (Object.keys(report) as (keyof typeof report)[]).map((key) => `${key} ${kb(json(report[key]))}`).join(', '),
  )
  console.log(
    `Findings: ${report.findings.length} (${['blocker', 'warning', 'advice'].map((s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`).join(', ')}); ` +
      `by rule: ${Object.entries(
        report.findings.reduce<Record<string, number>>(
          (acc, f) => ({ ...acc, [f.ruleId]: (acc[f.ruleId] ?? 0) + 1 }),
          {},
        ),
      )
        .map(([rule, n]) => `${rule} ${n}`)
        .join(', ')}`,
  )
  closeDatabase(db)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
