/**
 * `npm run bench:cold-start -- [--runs 3] [--workers 1,2] [--skip-build]`
 *
 * How long `npm start` takes on a built app, from the command to the first 200 from /healthz, on a data directory
 * whose database already exists (made by one unmeasured start first), for each worker count (WEB_CONCURRENCY).
 * Each start is stopped with SIGTERM to its process group, as a terminal or a service manager does. Prints every
 * run and the median; the goal is under 2 s. Exits 1 if a start fails.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { intOption, root, UsageError } from './lib'
import { ensureBuild } from './measure'
import { delay, freePort } from './server'

const GOAL_MS = 2000
const GIVE_UP_MS = 120_000

const USAGE = `Usage: npm run bench:cold-start -- [--runs 3] [--workers 1,2] [--skip-build]

  --runs        measured starts per worker count (default 3)
  --workers     comma-separated worker counts (default "1,2")
  --skip-build  use build/ as it is, even if older than the sources`

/** Starts `npm start`, returns the time to the first 200 from /healthz, then stops it. */
async function startOnce(dataDir: string, workers: number): Promise<number> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_CONCURRENCY: String(workers) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  let done = false
  void exited.then(() => (done = true))
  let elapsed: number | undefined
  while (!done && performance.now() - started < GIVE_UP_MS) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })
      await response.body?.cancel()
      if (response.status === 200) {
        elapsed = performance.now() - started
        break
      }
    } catch {
      // Not listening yet.
    }
    await delay(10)
  }
  if (!done) process.kill(-child.pid!, 'SIGTERM')
  const code = await exited
  if (elapsed === undefined) throw new Error(`npm start did not answer /healthz (exit ${code}):\n${output}`)
  return elapsed
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      workers: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const runs = intOption('runs', values.runs, 3, 1, 100)
  const workerCounts = (values.workers ?? '1,2').split(',').map((w) => intOption('workers', w.trim(), 1, 1, 64))
  ensureBuild('bench:cold-start', values['skip-build'] ?? false)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attain-cold-start-'))
  try {
    // The database is made and migrated once, unmeasured: the figure is a restart's.
    await startOnce(dataDir, 1)
    const lines: string[] = []
    for (const workers of workerCounts) {
      const times: number[] = []
      for (let i = 0; i < runs; i++) times.push(await startOnce(dataDir, workers))
      const sorted = [...times].sort((a, b) => a - b)
      const median = sorted[Math.floor((sorted.length - 1) / 2)]!
      lines.push(
        `${workers} worker(s): median ${Math.round(median)} ms (runs: ${times.map((t) => Math.round(t)).join(', ')} ms); ` +
          `goal < ${GOAL_MS} ms: ${median < GOAL_MS ? 'met' : 'NOT MET'}`,
      )
    }
    console.log(`\nnpm start to the first 200 from /healthz, load average ${os.loadavg()[0]!.toFixed(1)}:`)
    for (const line of lines) console.log(line)
    return 0
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`bench:cold-start: ${error.message}\n\n${USAGE}`)
    else console.error('bench:cold-start failed:', error)
    process.exit(1)
  },
)
