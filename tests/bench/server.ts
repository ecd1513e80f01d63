/** The production server started for a benchmark on a free port of 127.0.0.1, and stopped again. */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { DATABASE_FILE, root } from './lib'

const KILL_AFTER_MS = 10_000

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port'))))
    })
  })
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface Server {
  baseUrl: string
  child: ChildProcess
  output(): string
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>
}

/**
 * What `npm start` runs, read from package.json (the compiled server and Node's options for it), without its
 * `prestart` check: each bench builds first when it must.
 */
export function startArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string }
  }
  const [program, ...args] = scripts.start.trim().split(/\s+/)
  if (program !== 'node') throw new Error(`package.json's start script does not run node: ${scripts.start}`)
  return args
}

export async function startServer(
  dataDir: string,
  { startupTimeoutMs = 30_000, workers = 1 }: { startupTimeoutMs?: number; workers?: number } = {},
): Promise<Server> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, startArguments(), {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      // One process unless a bench asks for more: figures compare with earlier runs made that way.
      WEB_CONCURRENCY: String(workers),
      DATABASE_PATH: path.join(dataDir, DATABASE_FILE),
      // A year: the bench session must not end mid-run, nor between runs.
      SESSION_IDLE_TIMEOUT_MINUTES: String(365 * 24 * 60),
      SESSION_ABSOLUTE_TIMEOUT_HOURS: String(365 * 24),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Keep the last of what the server said, for error messages.
  let log = ''
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      log = (log + chunk).slice(-20_000)
    })
  }
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      exitCode = code
      resolve(code)
    })
  })
  let spawnError: Error | undefined
  child.once('error', (error) => (spawnError = error))

  let stopping: Promise<number | null> | undefined
  const stop = () => {
    stopping ??= (async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS)
        await exited
        clearTimeout(timer)
      }
      return exitCode ?? null
    })()
    return stopping
  }
  const server: Server = { baseUrl, child, output: () => log, stop }

  const deadline = Date.now() + startupTimeoutMs
  let problem = 'no answer yet'
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`Could not start the server: ${spawnError.message}`)
    if (exitCode !== undefined)
      throw new Error(`The server exited (code ${exitCode}) before /healthz answered.\n${log}`)
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })
      await response.body?.cancel()
      if (response.status === 200) return server
      problem = `/healthz answered ${response.status}`
    } catch (error) {
      problem = error instanceof Error ? String(error.cause ?? error.message) : String(error)
    }
    await delay(100)
  }
  await stop()
  throw new Error(`The server did not answer /healthz within ${startupTimeoutMs / 1000} s (${problem}).\n${log}`)
}
