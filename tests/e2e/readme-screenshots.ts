/**
 * `npm run screenshots`: the screenshots in the README, taken from the demo.
 *
 * Starts the production build (built first if there is none) with DEMO=1 on a
 * throw-away database, signs in as the demo trainees, mentor and assessor, and
 * saves viewport screenshots (PNG) of the main pages into tests/e2e/readme/.
 * Each capture waits for the page to hydrate and the network to go quiet.
 *
 * Needs Chromium, as the browser tests do (CHROMIUM_PATH, default
 * /usr/bin/chromium). Regenerate with `npm run build && npm run screenshots`.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../db/scripts/demo-content'
import {
  chromiumPath,
  HttpVisitor,
  insertSession,
  launchBrowser,
  newPage,
  openAppDatabase,
  pageProblems,
  randomTotpSecret,
  root,
  type RunningApp,
  SESSION_COOKIE,
  signIn,
  startApp,
  waitForHydration,
} from './harness-core'

const OUT_DIR = path.join(root, 'tests/e2e/readme')
const TRAINEE_EMAIL = 'priya.sharma@demo.attain.invalid'
const MENTOR_EMAIL = 'daniel.okafor@demo.attain.invalid'
const SUBMITTED_TRAINEE_EMAIL = 'hannah.reid@demo.attain.invalid'
const ASSESSOR_EMAIL = 'assessor@demo.attain.invalid'

const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }
/** A README image larger than this is worth a look. */
const LARGE_BYTES = 300 * 1024

type Visitor = 'guest' | 'trainee' | 'mentor' | 'submitted' | 'assessor'

interface Saved {
  file: string
  bytes: number
}
const saved: Saved[] = []
const warnings: string[] = []

function ensureBuild() {
  if (existsSync(path.join(root, 'build/server/index.js'))) return
  console.log('No production build: running npm run build…')
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.error) throw result.error
  if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status ?? result.signal})`)
}

function ensureBrowser() {
  try {
    accessSync(chromiumPath, constants.X_OK)
  } catch {
    throw new Error(`No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`)
  }
}

/** Signs in through POST /login and returns the session cookie's value. */
async function sessionFor(app: RunningApp, email: string): Promise<string> {
  const visitor = new HttpVisitor(app.baseUrl)
  const answer = await signIn(visitor, email, DEMO_PASSWORD)
  const token = visitor.sessionToken
  if (answer.status !== 302 || !token) {
    throw new Error(
      `Signing in as ${email} answered ${answer.status} ${answer.location ?? ''}\n${answer.body.slice(0, 1000)}`,
    )
  }
  return token
}

/** Everything a capture needs: the running app, the browser and the two sessions. */
interface Setup {
  app: RunningApp
  browser: Browser
  sessions: Record<Exclude<Visitor, 'guest'>, string>
}

/** A fresh page (its own browser context) for a visitor, at a viewport and colour scheme. */
async function openPage(setup: Setup, who: Visitor, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(setup.browser, setup.app.baseUrl, {
    viewport: DESKTOP,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    ...options,
  })
  if (who !== 'guest') {
    await page
      .context()
      .addCookies([
        { name: SESSION_COOKIE, value: setup.sessions[who], url: setup.app.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ])
  }
  return page
}

/** Loads `url` and waits until it has hydrated and the network is quiet. */
async function visit(page: Page, url: string) {
  const response = await page.goto(url)
  if (!response || response.status() !== 200)
    throw new Error(`${url} answered ${response?.status() ?? 'nothing'} (at ${page.url()})`)
  await settle(page)
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle')
  await waitForHydration(page)
  await page.evaluate(async () => {
    await document.fonts.ready
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  })
}

/** Saves a viewport screenshot as tests/e2e/readme/<name>.png. */
async function capture(page: Page, name: string) {
  await settle(page)
  const file = path.join(OUT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' })
  const bytes = statSync(file).size
  saved.push({ file: path.relative(root, file), bytes })
  if (bytes > LARGE_BYTES) warnings.push(`${name}.png is ${Math.round(bytes / 1024)} KB`)
  const problems = pageProblems(page).filter(
    (p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p),
  )
  for (const problem of problems) warnings.push(`${name}: ${problem}`)
  console.log(`  ${name}.png  ${Math.round(bytes / 1024)} KB`)
}

/** Visits `url` as `who` and captures it; the page's context is closed afterwards. */
async function shoot(setup: Setup, who: Visitor, url: string, name: string, options: BrowserContextOptions = {}) {
  const page = await openPage(setup, who, options)
  try {
    await visit(page, url)
    await capture(page, name)
  } finally {
    await page.context().close()
  }
}

/** The evidence form with its basics filled in and two claims ticked and explained, scrolled to the claims. */
async function shootNewEvidence(setup: Setup) {
  const page = await openPage(setup, 'trainee')
  try {
    await visit(page, '/evidence/new')
    await waitForHydration(page, 'form.evidence-form')
    await page.getByLabel('Title').fill('Uncertainty budget for reference dosimetry on Linac 3')
    await page.getByLabel('Date of the activity').fill(isoDaysAgo(12))
    await page.getByLabel('Type of evidence').selectOption({ index: 1 })
    await page.getByRole('radio', { name: 'I led it' }).check()
    await page
      .getByLabel('Description', { exact: true })
      .fill(
        'Worked out the uncertainty budget for absolute dose calibration of the 6 MV and 10 MV beams under IPEM Code of Practice conditions.',
      )
    await page
      .getByLabel('Reflection', { exact: true })
      .fill(
        'The largest component was the chamber calibration factor, not my set-up; next time I will agree the budget template with the senior physicist first.',
      )

    // Find each area by a word, tick it and say how the item shows it; ticked areas stay in view whatever the search.
    const claims: [search: string, code: string, statement: string][] = [
      [
        'accuracy',
        'Clin1',
        'I set the accuracy the dose must reach and showed how each component of the uncertainty bears on it.',
      ],
      [
        'statistical',
        'R&D4',
        'I repeated the measurements, analysed their spread and combined the components into one budget.',
      ],
    ]
    const search = page.getByLabel('Find an area by code or words')
    for (const [term, code, statement] of claims) {
      await search.fill(term)
      await page.getByRole('checkbox', { name: new RegExp(`^${code} `) }).check()
      await page.getByLabel(`How does this item demonstrate ${code}?`).fill(statement)
    }
    // The picker is the story: its legend at the top, the ticked areas with the search that found them below.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await scrollTo(page, 'fieldset.claims', 16)
    await capture(page, 'evidence-new-desktop')
  } finally {
    await page.context().close()
  }
}

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

/** The demo trainee's first verified item, in the order the demo logs them. */
function firstVerifiedItem(app: RunningApp): number {
  const db = openAppDatabase(app)
  try {
    const row = db
      .prepare(
        `SELECT e.id FROM evidence_items e JOIN users u ON u.id = e.trainee_id
         WHERE u.email = ? AND e.status = 'verified' ORDER BY e.id LIMIT 1`,
      )
      .get(TRAINEE_EMAIL) as { id: number } | undefined
    if (!row) throw new Error('The demo trainee has no verified item')
    return row.id
  } finally {
    db.close()
  }
}

/** A verified item, scrolled to its claims and the mentor's decisions on them. */
async function shootEvidenceItem(setup: Setup) {
  const page = await openPage(setup, 'trainee')
  try {
    await visit(page, `/evidence/${firstVerifiedItem(setup.app)}`)
    await scrollTo(page, '#claims-title', 24)
    await capture(page, 'evidence-item-desktop')
  } finally {
    await page.context().close()
  }
}

/** Scrolls so that `selector` sits `margin` pixels below the top of the viewport. */
async function scrollTo(page: Page, selector: string, margin: number) {
  await page
    .locator(selector)
    .first()
    .evaluate((el, m) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - m), margin)
}

/**
 * A session for the demo assessor, written straight into the throw-away
 * database: the demo assessor sets up two-factor sign-in at first sign-in,
 * which a script cannot do, so the account is marked as having done it.
 */
function assessorSession(app: RunningApp): string {
  const db = openAppDatabase(app)
  try {
    const { id } = db.prepare('SELECT id FROM users WHERE email = ?').get(ASSESSOR_EMAIL) as { id: number }
    db.prepare('UPDATE users SET totp_secret = ? WHERE id = ?').run(randomTotpSecret(), id)
    return insertSession(db, id)
  } finally {
    db.close()
  }
}

/** The demo's submitted portfolio: the id of its one submission. */
function demoSubmissionId(app: RunningApp): number {
  const db = openAppDatabase(app)
  try {
    const row = db
      .prepare(
        'SELECT s.id FROM submissions s JOIN users u ON u.id = s.trainee_id WHERE u.email = ? ORDER BY s.number DESC LIMIT 1',
      )
      .get(SUBMITTED_TRAINEE_EMAIL) as { id: number } | undefined
    if (!row) throw new Error('The demo has no submitted portfolio')
    return row.id
  } finally {
    db.close()
  }
}

/** The submitted portfolio's summary (its cover, then its cross-reference grid) and the assessor's judgement page. */
async function shootSubmission(setup: Setup) {
  const id = demoSubmissionId(setup.app)
  const page = await openPage(setup, 'submitted')
  try {
    await visit(page, `/submissions/${id}`)
    await capture(page, 'submission-summary-desktop')
    await scrollTo(page, '#grid', 16)
    await capture(page, 'submission-grid-desktop')
  } finally {
    await page.context().close()
  }
  const assessor = await openPage(setup, 'assessor')
  try {
    await visit(assessor, `/assessor/submissions/${id}`)
    await scrollTo(assessor, '#topics-title', 16)
    await capture(assessor, 'assessor-judgements-desktop')
  } finally {
    await assessor.context().close()
  }
}

/** The mentor's queue, and the review page of the item changed since the mentor verified it. */
async function shootMentorReviews(setup: Setup) {
  const page = await openPage(setup, 'mentor')
  try {
    await visit(page, '/mentor/reviews')
    await capture(page, 'mentor-reviews-desktop')
    const card = page.locator('.evidence-card').filter({ hasText: 'changed since your last review' }).first()
    const href = await card.locator('h2 a').getAttribute('href')
    if (!href) throw new Error('No item in the mentor’s queue is marked “changed since your last review”')
    await visit(page, href)
    await page.locator('#diff-title').waitFor()
    await capture(page, 'mentor-review-diff-desktop')
  } finally {
    await page.context().close()
  }
}

async function main() {
  ensureBrowser()
  ensureBuild()
  mkdirSync(OUT_DIR, { recursive: true })

  console.log('Starting the app with the demo…')
  const app = await startApp({ env: { DEMO: '1' } })
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    const setup: Setup = {
      app,
      browser,
      sessions: {
        trainee: await sessionFor(app, TRAINEE_EMAIL),
        mentor: await sessionFor(app, MENTOR_EMAIL),
        submitted: await sessionFor(app, SUBMITTED_TRAINEE_EMAIL),
        assessor: assessorSession(app),
      },
    }
    console.log(`Capturing into ${path.relative(root, OUT_DIR)}/`)

    await shoot(setup, 'guest', '/', 'landing-desktop')
    await shoot(setup, 'guest', '/', 'landing-phone', { viewport: PHONE, isMobile: true, hasTouch: true })
    await shoot(setup, 'guest', '/framework?q=uncertainties', 'framework-search-desktop')

    await shoot(setup, 'trainee', '/dashboard', 'dashboard-desktop')
    await shoot(setup, 'trainee', '/coverage', 'coverage-desktop')
    await shoot(setup, 'trainee', '/coverage', 'coverage-phone', { viewport: PHONE, isMobile: true, hasTouch: true })
    await shoot(setup, 'trainee', '/coverage', 'coverage-dark', { colorScheme: 'dark' })
    await shoot(setup, 'trainee', '/evidence', 'evidence-list-desktop')
    await shootEvidenceItem(setup)
    await shootNewEvidence(setup)

    await shoot(setup, 'mentor', '/mentor', 'mentor-desktop')
    await shootMentorReviews(setup)

    await shootSubmission(setup)
  } finally {
    await browser?.close()
    const code = await app.stop()
    if (code !== 0) warnings.push(`The server exited with code ${code}:\n${app.output().slice(-2000)}`)
  }

  const total = saved.reduce((n, s) => n + s.bytes, 0)
  console.log(`Saved ${saved.length} screenshots, ${Math.round(total / 1024)} KB in all.`)
  if (warnings.length) console.warn(`Worth a look:\n${warnings.map((w) => `  - ${w}`).join('\n')}`)
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('Usage: npm run screenshots   (after npm run build; needs Chromium, CHROMIUM_PATH)')
} else {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
