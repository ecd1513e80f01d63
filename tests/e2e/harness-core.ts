/**
 * Helpers for the browser and server tests and the proofs in tests/bench: start the production server on a
 * free port with a throw-away database, and drive Chromium with Playwright.
 *
 * No vitest here: `npm run proof:crash` and `proof:concurrency` run these helpers under plain tsx, where
 * importing vitest fails. The helpers that need vitest (useApp, usePages, story) are in harness.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { hash as argon2Hash } from '@node-rs/argon2'
import Database from 'better-sqlite3'
import { TIMEOUTS } from './timeouts'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'

export const root = path.resolve(import.meta.dirname, '../..')
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const STARTUP_TIMEOUT_MS = TIMEOUTS.startup
const KILL_AFTER_MS = TIMEOUTS.kill

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

/** Each running server's database file, by base URL: sign-up helpers read its outbox. */
const databasePaths = new Map<string, string>()

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
      // One process, as before the server could use every core: the suite runs many servers at once. A test of the
      // cluster asks for more.
      WEB_CONCURRENCY: '1',
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
  // The database the server writes: a caller may point DATA_DIR or DATABASE_PATH elsewhere (the crash proof does).
  const env = options.env ?? {}
  databasePaths.set(baseUrl, env.DATABASE_PATH ?? path.join(env.DATA_DIR ?? dataDir, 'attain.db'))

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
  context.setDefaultTimeout(TIMEOUTS.action)
  context.setDefaultNavigationTimeout(TIMEOUTS.action)
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
    { timeout: TIMEOUTS.hydration },
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

// ---------------------------------------------------------------------------
// HTTP visitors and direct database access, for tests that need no browser.
// ---------------------------------------------------------------------------

/** The session cookie's name over plain http. */
export const SESSION_COOKIE = 'attain_session'

export interface HttpAnswer {
  status: number
  /** The Location header, if any. */
  location: string | null
  headers: Headers
  body: string
}

export interface HttpRequestOptions {
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string> | URLSearchParams
  headers?: Record<string, string>
  /** Leave out the `Origin` header a browser sends with a form post (sent by default on POST). */
  omitOrigin?: boolean
}

/**
 * One visitor talking to the server with `fetch`: keeps its cookies the way a
 * browser would (Set-Cookie in, Cookie out), never follows redirects, and sends
 * `Origin: <baseUrl>` with every POST, as a browser does for a same-site form.
 */
export class HttpVisitor {
  readonly cookies = new Map<string, string>()

  constructor(readonly baseUrl: string) {}

  /** The `Cookie` header this visitor sends, or '' with no cookies. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** The session cookie's value, if the visitor has one. */
  get sessionToken(): string | undefined {
    return this.cookies.get(SESSION_COOKIE)
  }

  async request(method: string, url: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = {}
    const cookie = this.cookieHeader()
    if (cookie) headers.Cookie = cookie
    let body: string | undefined
    if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(options.form).toString()
    }
    if (method !== 'GET' && method !== 'HEAD' && !options.omitOrigin) headers.Origin = this.baseUrl
    Object.assign(headers, options.headers)
    const response = await fetch(new URL(url, this.baseUrl), { method, headers, body, redirect: 'manual' })
    for (const setCookie of response.headers.getSetCookie()) this.store(setCookie)
    return {
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      body: await response.text(),
    }
  }

  get(url: string, options: Omit<HttpRequestOptions, 'form'> = {}): Promise<HttpAnswer> {
    return this.request('GET', url, options)
  }

  post(url: string, form: Record<string, string> | URLSearchParams, options: Omit<HttpRequestOptions, 'form'> = {}) {
    return this.request('POST', url, { ...options, form })
  }

  private store(setCookie: string) {
    const [pair = '', ...attributes] = setCookie.split(';')
    const eq = pair.indexOf('=')
    if (eq < 0) return
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    const expired = attributes.some((a) => {
      const [key = '', v = ''] = a.split('=').map((s) => s.trim())
      if (key.toLowerCase() === 'max-age') return Number(v) <= 0
      if (key.toLowerCase() === 'expires') return Date.parse(v) <= Date.now()
      return false
    })
    if (expired || value === '') this.cookies.delete(name)
    else this.cookies.set(name, value)
  }
}

export interface NewTrainee {
  name: string
  email: string
  password: string
  specialism?: string
  employer?: string
  targetSubmissionDate?: string
}

/**
 * The newest e-mail the app queued for this address, read from the outbox of
 * the server at `baseUrl` (as an administrator reads it at /admin/outbox).
 */
export function latestEmailTo(baseUrl: string, address: string): { subject: string; body: string } {
  const databasePath = databasePaths.get(baseUrl)
  if (!databasePath) throw new Error(`No server started by this test file at ${baseUrl}`)
  const db = new Database(databasePath, { readonly: true })
  try {
    const row = db
      .prepare('SELECT subject, body FROM email_outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1')
      .get(address.trim().toLowerCase()) as { subject: string; body: string } | undefined
    if (!row) throw new Error(`No e-mail to ${address} in the outbox`)
    return row
  } finally {
    db.close()
  }
}

/** The path of the sign-up link in the newest e-mail to this address. */
export function signupLinkFor(baseUrl: string, address: string): string {
  const { body } = latestEmailTo(baseUrl, address)
  const link = /\/signup\/confirm\/[A-Za-z0-9_-]{43}(?:\?invite=[A-Za-z0-9_%-]+)?/.exec(body)?.[0]
  if (!link) throw new Error(`No sign-up link in the e-mail to ${address}:\n${body}`)
  return link
}

/** Sends a sign-up form, opens the link e-mailed for it and creates the account; the visitor is then signed in. */
async function signUpThroughEmail(
  visitor: HttpVisitor,
  url: string,
  form: Record<string, string>,
): Promise<HttpAnswer> {
  const sent = await visitor.post(url, form)
  if (sent.status !== 302 || sent.location !== '/signup/sent') {
    throw new Error(
      `Signing up ${form.email} answered ${sent.status} ${sent.location ?? ''}\n${sent.body.slice(0, 2000)}`,
    )
  }
  const link = signupLinkFor(visitor.baseUrl, form.email!)
  const page = await visitor.get(link)
  if (page.status !== 200)
    throw new Error(`The sign-up link for ${form.email} answered ${page.status}\n${page.body.slice(0, 2000)}`)
  return visitor.post(link, {})
}

/** Signs up a trainee through POST /signup and the e-mailed link; the visitor is then signed in. */
export async function signUpTrainee(visitor: HttpVisitor, trainee: NewTrainee): Promise<HttpAnswer> {
  const answer = await signUpThroughEmail(visitor, '/signup', {
    name: trainee.name,
    email: trainee.email,
    password: trainee.password,
    specialism: trainee.specialism ?? 'radiotherapy-physics',
    employer: trainee.employer ?? '',
    targetSubmissionDate: trainee.targetSubmissionDate ?? '',
  })
  if (answer.status !== 302 || answer.location !== '/dashboard') {
    throw new Error(
      `Signing up ${trainee.email} answered ${answer.status} ${answer.location ?? ''}\n${answer.body.slice(0, 2000)}`,
    )
  }
  return answer
}

/** Signs up a mentor through an invitation link (`/invite/<token>`) and the e-mailed link; the visitor is then signed in. */
export async function signUpMentor(
  visitor: HttpVisitor,
  invitationUrl: string,
  mentor: { name: string; email: string; password: string },
): Promise<HttpAnswer> {
  const token = new URL(invitationUrl, visitor.baseUrl).pathname.replace(/^\/invite\//, '')
  const answer = await signUpThroughEmail(visitor, `/signup?invite=${encodeURIComponent(token)}`, mentor)
  if (answer.status !== 302) {
    throw new Error(`Signing up mentor ${mentor.email} answered ${answer.status}\n${answer.body.slice(0, 2000)}`)
  }
  return answer
}

/** Signs in through POST /login. Returns the answer (a 302 when it worked). */
export function signIn(
  visitor: HttpVisitor,
  email: string,
  password: string,
  redirectTo?: string,
): Promise<HttpAnswer> {
  const form: Record<string, string> = { email, password }
  if (redirectTo !== undefined) form.redirectTo = redirectTo
  return visitor.post('/login', form)
}

/**
 * Creates a mentor invitation as the signed-in trainee (a document POST to
 * /settings/mentors, as a browser without JavaScript sends it) and returns the
 * link the page shows.
 */
export async function createInvitation(visitor: HttpVisitor, note = ''): Promise<string> {
  const answer = await visitor.post('/settings/mentors', { intent: 'invite', note })
  const link = /data-testid="invitation-link"[^>]*>([^<]+)</.exec(answer.body)?.[1]?.trim()
  if (answer.status !== 200 || !link) {
    throw new Error(`Creating an invitation answered ${answer.status} without a link\n${answer.body.slice(0, 2000)}`)
  }
  return link
}

/** The app's SQLite database, opened beside the running server (WAL mode allows it). Close it when done. */
export function openAppDatabase(app: Pick<RunningApp, 'dataDir'>): Database.Database {
  const db = new Database(path.join(app.dataDir, 'attain.db'))
  db.pragma('busy_timeout = 5000')
  return db
}

/** An Argon2id hash in the form the app stores. */
export function hashPasswordForTest(password: string): Promise<string> {
  return argon2Hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 })
}

/** A random base32 TOTP secret. */
export function randomTotpSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return Array.from(randomBytes(32), (b) => alphabet[b % 32]).join('')
}

/**
 * Writes a user straight into the database (for roles nobody can sign up
 * for) and returns its id. With `twoFactor`, the account has a TOTP secret,
 * so it is not sent to set up two-factor sign-in.
 */
export async function insertUser(
  db: Database.Database,
  user: {
    name: string
    email: string
    role: 'trainee' | 'mentor' | 'assessor' | 'admin'
    password: string
    twoFactor?: boolean
  },
): Promise<number> {
  const now = new Date().toISOString()
  const result = db
    .prepare(
      `INSERT INTO users (email, name, role, password_hash, totp_secret, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      user.email.toLowerCase(),
      user.name,
      user.role,
      await hashPasswordForTest(user.password),
      user.twoFactor ? randomTotpSecret() : null,
      now,
      now,
    )
  return Number(result.lastInsertRowid)
}

/**
 * Starts a fully verified session for a user straight in the database, as if
 * they had signed in with both factors, and returns the cookie value.
 */
export function insertSession(db: Database.Database, userId: number): string {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  const expires = new Date(now.getTime() + 12 * 3_600_000)
  db.prepare(
    `INSERT INTO sessions (id_hash, user_id, verified, created_at, last_seen_at, expires_at, ip_address, user_agent)
     VALUES (?, ?, 1, ?, ?, ?, '127.0.0.1', 'tests')`,
  ).run(
    createHash('sha256').update(token).digest('hex'),
    userId,
    now.toISOString(),
    now.toISOString(),
    expires.toISOString(),
  )
  return token
}

/** The `.data` URL single fetch loads a page's data from: `/` → `/_root.data`, `/a/b?x` → `/a/b.data?x`. */
export function dataUrl(url: string): string {
  const queryAt = url.indexOf('?')
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt)
  const search = queryAt < 0 ? '' : url.slice(queryAt)
  return `${pathname === '/' ? '/_root' : pathname.replace(/\/$/, '')}.data${search}`
}

// ---------------------------------------------------------------------------
// Evidence made over HTTP, for tests about something other than the form.
// ---------------------------------------------------------------------------

export interface NewEvidence {
  title: string
  activityStart: string
  activityEnd?: string
  /** A key from competences/evidence-types.json, e.g. `audit`. */
  evidenceType: string
  role: 'led' | 'contributed' | 'observed'
  description?: string
  reflection?: string
  claims?: { area: string; statement: string; competencies?: string[] }[]
}

export interface NewFile {
  name: string
  mimeType: string
  buffer: Buffer | Uint8Array
}

/** The evidence form's fields for `item`, as the browser sends them. */
function evidenceForm(item: NewEvidence): FormData {
  const form = new FormData()
  form.append('title', item.title)
  form.append('activityStart', item.activityStart)
  form.append('activityEnd', item.activityEnd ?? '')
  form.append('evidenceType', item.evidenceType)
  form.append('role', item.role)
  form.append('description', item.description ?? '')
  form.append('reflection', item.reflection ?? '')
  ;(item.claims ?? []).forEach((claim, i) => {
    form.append(`claims[${i}].area`, claim.area)
    form.append(`claims[${i}].statement`, claim.statement)
    for (const id of claim.competencies ?? []) form.append(`claims[${i}].competencies`, id)
  })
  return form
}

/**
 * Logs an evidence item as the signed-in trainee (a multipart POST to
 * /evidence/new, as a browser without JavaScript sends it) and returns its id.
 */
export async function createEvidence(visitor: HttpVisitor, item: NewEvidence, files: NewFile[] = []): Promise<number> {
  const form = evidenceForm(item)
  for (const file of files)
    form.append('files', new Blob([Uint8Array.from(file.buffer)], { type: file.mimeType }), file.name)
  const response = await fetch(new URL('/evidence/new', visitor.baseUrl), {
    method: 'POST',
    headers: { Cookie: visitor.cookieHeader(), Origin: visitor.baseUrl },
    body: form,
    redirect: 'manual',
  })
  const location = response.headers.get('location') ?? ''
  const id = /^\/evidence\/(\d+)\?saved=1$/.exec(location)?.[1]
  if (response.status !== 302 || !id) {
    throw new Error(
      `Logging “${item.title}” answered ${response.status} ${location}\n${(await response.text()).slice(0, 2000)}`,
    )
  }
  await response.body?.cancel()
  return Number(id)
}

/**
 * Accepts a mentor invitation as the signed-in mentor (the form on
 * `/invite/<token>`) and returns the id of the trainee now linked.
 */
export async function acceptInvitation(visitor: HttpVisitor, invitationUrl: string): Promise<number> {
  const pathname = new URL(invitationUrl, visitor.baseUrl).pathname
  const answer = await visitor.post(pathname, {})
  const traineeId = /^\/mentor\/trainees\/(\d+)$/.exec(answer.location ?? '')?.[1]
  if (answer.status !== 302 || !traineeId) {
    throw new Error(
      `Accepting ${pathname} answered ${answer.status} ${answer.location ?? ''}\n${answer.body.slice(0, 2000)}`,
    )
  }
  return Number(traineeId)
}

/**
 * Saves new contents for one of the signed-in trainee's items (a multipart
 * POST to /evidence/<id>/edit, as a browser without JavaScript sends it). The
 * item's files are kept; `item` replaces everything else, claims included.
 */
export async function updateEvidence(visitor: HttpVisitor, evidenceId: number, item: NewEvidence): Promise<void> {
  const form = evidenceForm(item)
  const response = await fetch(new URL(`/evidence/${evidenceId}/edit`, visitor.baseUrl), {
    method: 'POST',
    headers: { Cookie: visitor.cookieHeader(), Origin: visitor.baseUrl },
    body: form,
    redirect: 'manual',
  })
  const location = response.headers.get('location') ?? ''
  if (response.status !== 302 || location !== `/evidence/${evidenceId}?saved=1`) {
    throw new Error(
      `Saving “${item.title}” (#${evidenceId}) answered ${response.status} ${location}\n${(await response.text()).slice(0, 2000)}`,
    )
  }
  await response.body?.cancel()
}

// ---------------------------------------------------------------------------
// Stories: tests that are steps of one journey.
// ---------------------------------------------------------------------------

/**
 * Uncaught errors and console errors on a page, less the browser's notes
 * about 4xx answers (tests ask for some on purpose) and navigations cut short
 * by the next one.
 */
export function realProblems(page: Page): string[] {
  return pageProblems(page).filter(
    (p) => !/Failed to load resource: the server responded with a status of 4\d\d|AbortError/.test(p),
  )
}
