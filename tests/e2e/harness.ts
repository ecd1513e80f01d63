/**
 * Helpers for the browser and server tests: start the production server on a
 * free port with a throw-away database, and drive Chromium with Playwright.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'

export const root = path.resolve(import.meta.dirname, '../..')
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const STARTUP_TIMEOUT_MS = 20_000
const KILL_AFTER_MS = 10_000

export interface RunningApp {
  /** e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  baseUrl: string
  port: number
  /** The server's DATA_DIR; removed by `stop()`. */
  dataDir: string
  process: ChildProcess
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string
  /** Resolves with the exit code (null if killed by a signal) once the server has exited. */
  exited: Promise<number | null>
  /** Sends `signal`, waits for the server to exit (SIGKILL after 10 s), then removes the data directory. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

// Servers still running when a test worker exits (a crashed test file) are killed with it.
const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** A TCP port nothing listens on right now. */
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

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Starts the production server (`build/` must exist; the global setup builds
 * it) with a fresh data directory, and waits until `/healthz` answers 200.
 */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'attain-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`

  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)

  const chunks: string[] = []
  const echo = process.env.E2E_SERVER_LOG === '1'
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      chunks.push(chunk)
      if (echo) process.stderr.write(`[server ${port}] ${chunk}`)
    })
  }
  const output = () => chunks.join('')

  let exitCode: number | null | undefined
  let exitSignal: NodeJS.Signals | null = null
  // 'close' rather than 'exit': the output streams have been read to the end.
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code, signal) => {
      exitCode = code
      exitSignal = signal
      running.delete(child)
      resolve(code)
    })
  })
  let spawnError: Error | undefined
  child.once('error', (error) => {
    spawnError = error
  })

  let stopping: Promise<number | null> | undefined
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    stopping ??= (async () => {
      if (exitCode === undefined) {
        child.kill(signal)
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS)
        await exited
        clearTimeout(timer)
      }
      await fs.rm(dataDir, { recursive: true, force: true })
      return exitCode ?? null
    })()
    return stopping
  }

  const app: RunningApp = { baseUrl, port, dataDir, process: child, output, exited, stop }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    if (spawnError) {
      await fs.rm(dataDir, { recursive: true, force: true })
      throw new Error(`Could not start the server: ${spawnError.message}`)
    }
    if (exitCode !== undefined) {
      await stop()
      throw new Error(
        `The server exited (code ${exitCode}, signal ${exitSignal}) before /healthz answered.\nServer output:\n${output()}`,
      )
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })
      if (response.status === 200) {
        await response.body?.cancel()
        return app
      }
      lastProblem = `/healthz answered ${response.status}`
      await response.body?.cancel()
    } catch (error) {
      lastProblem = error instanceof Error ? String(error.cause ?? error.message) : String(error)
    }
    await delay(100)
  }
  await stop('SIGKILL')
  throw new Error(
    `The server did not answer /healthz with 200 within ${STARTUP_TIMEOUT_MS / 1000} s (${lastProblem}).\nServer output:\n${output()}`,
  )
}

/** Headless Chromium; every context (see `newPage`) gets a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

const problemsByPage = new WeakMap<Page, string[]>()

/**
 * A page in a new browser context whose relative URLs resolve against
 * `baseUrl` (close it with `page.context().close()`). Uncaught page errors and console errors are recorded; read them
 * with `pageProblems(page)`.
 */
export async function newPage(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', reducedMotion: 'reduce', ...options })
  const page = await context.newPage()
  const problems: string[] = []
  problemsByPage.set(page, problems)
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  return page
}

/** Uncaught errors and console errors seen on a page made by `newPage`. */
export function pageProblems(page: Page): string[] {
  return [...(problemsByPage.get(page) ?? [])]
}

/**
 * Waits until React has hydrated the element matching `selector` (its event
 * handlers are attached), so typing into it reaches the app.
 */
export async function waitForHydration(page: Page, selector = 'main'): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const element = document.querySelector(sel)
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactProps$'))
    },
    selector,
    { timeout: 10_000 },
  )
}

export const screenshotDir = path.join(root, 'tests/e2e/screenshots')

/**
 * Saves a full-page screenshot to tests/e2e/screenshots/<name>.png when
 * E2E_SCREENSHOTS=1; does nothing otherwise. The folder ignores itself in git.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== '1') return
  mkdirSync(screenshotDir, { recursive: true })
  writeFileSync(path.join(screenshotDir, '.gitignore'), '*\n')
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ path: file, fullPage: true })
}
