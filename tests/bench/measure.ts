/**
 * What the HTTP load tests share: making sure the production build is
 * current, single requests seen exactly as sent and received, an autocannon
 * run summarised per route, and a plain-text table.
 */
import { spawnSync } from 'node:child_process'
import http from 'node:http'
import autocannon from 'autocannon'
import { buildState } from '../../app/server/build-state'
import { root } from './lib'

// ---------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------

/**
 * Builds the app unless build/ exists and (without `skipBuild`) is newer than
 * every source, as `npm start` decides. `label` prefixes what it prints.
 */
export function ensureBuild(label: string, skipBuild: boolean): void {
  const state = buildState(root)
  if (state === 'current' || (state === 'stale' && skipBuild)) return
  console.log(
    state === 'stale'
      ? `${label}: the build is older than the sources; building…`
      : `${label}: no production build; building…`,
  )
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`)
}

// ---------------------------------------------------------------------------
// Single requests
// ---------------------------------------------------------------------------

export interface Probe {
  status: number
  location: string | undefined
  contentType: string | undefined
  contentEncoding: string | undefined
  /** The page's tag, when it has one (pages tagged from their data). */
  etag: string | undefined
  /** Bytes on the wire (compressed if the server compressed). */
  bytes: number
  body: Buffer
}

/** One request with exactly these headers (a GET unless `method` says otherwise), nothing decoded or followed. */
export function probe(
  url: string,
  headers: Record<string, string>,
  { method = 'GET', body }: { method?: string; body?: string } = {},
): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const bytes = Buffer.concat(chunks)
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          contentType: response.headers['content-type'],
          contentEncoding: response.headers['content-encoding'],
          etag: response.headers.etag,
          bytes: bytes.length,
          body: bytes,
        })
      })
      response.on('error', reject)
    })
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out`)))
    request.on('error', reject)
    request.end(body)
  })
}

/** The coverage page's sign that the preview's pages are still being counted (a Typst render, in the background). */
export const COUNTING = 'page-count-pending'

/**
 * Waits until a tagged page stops changing and no longer says it is counting the preview's pages: the same tag
 * on 2 × workers answers in a row, half a second apart, each on a new connection (so that each worker answers:
 * every worker keeps its own caches and background work). Just after a start, the coverage page of a 500-item
 * portfolio has its preview rendered in the background, which keeps a core busy for many seconds: measured
 * then, the figures would be those of the render, in this and the next routes. Gives up after two minutes and
 * measures anyway.
 */
export async function settle(url: string, headers: Record<string, string>, workers = 1): Promise<void> {
  const once = { ...headers, Connection: 'close', 'Accept-Encoding': 'identity' }
  const look = async () => {
    const answer = await probe(url, once)
    return { tag: answer.etag, busy: answer.body.includes(COUNTING) }
  }
  let last = await look()
  let same = 1
  for (let i = 0; i < 240 && last.tag && (same < 2 * workers || last.busy); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const next = await look()
    same = next.tag === last.tag ? same + 1 : 1
    last = next
  }
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

export interface Target {
  name: string
  path: string
  headers: Record<string, string>
}

export interface RouteResult {
  route: string
  connections: number
  durationSeconds: number
  requests: number
  /** Requests per second: the mean of the per-second counts. */
  requestsPerSecond: number
  requestsPerSecondStddev: number
  /** Milliseconds, from every response's own time (not autocannon's 1-ms histogram). */
  latency: { mean: number; p50: number; p90: number; p99: number; max: number }
  non2xx: number
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
  /** Bytes received per response, headers included, as sent on the wire. */
  bytesPerResponse: number
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!
}

/** Loads one route with autocannon for `duration` seconds and summarises what came back. */
export async function load(
  baseUrl: string,
  target: Target,
  connections: number,
  duration: number,
): Promise<RouteResult> {
  const latencies: number[] = []
  const instance = autocannon({
    url: baseUrl + target.path,
    connections,
    duration,
    headers: target.headers,
    title: target.name,
    timeout: 30,
  })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms))
  const result = await instance
  const sorted = Float64Array.from(latencies).sort()
  const mean = sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1)
  const total = result['2xx'] + result.non2xx
  return {
    route: target.name,
    connections,
    durationSeconds: result.duration,
    requests: total,
    requestsPerSecond: result.requests.mean,
    requestsPerSecondStddev: result.requests.stddev,
    latency: {
      mean,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : 0,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    bytesPerResponse: total ? Math.round(result.throughput.total / total) : 0,
  }
}

/** Whether every measured response was a 2xx that arrived in time. */
export const allGood = (r: RouteResult) => r.non2xx === 0 && r.errors === 0 && r.timeouts === 0

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

/** A text table: the first column left-aligned, the others right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export function gitState(): { commit: string | null; dirty: boolean | null } {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' })
  if (head.status !== 0) return { commit: null, dirty: null }
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })
  return { commit: head.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim() !== '' : null }
}
