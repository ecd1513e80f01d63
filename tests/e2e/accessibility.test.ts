/**
 * Accessibility against WCAG 2.2 AA: every main page is checked with axe-core
 * (the standard accessibility rules engine) in the light and the dark colour
 * scheme, and fails on any serious or critical violation; keyboard journeys
 * (signing in, claiming an area on the evidence form, the skip link) with the
 * focus always visible; form errors tied to their fields; and no main page
 * scrolls sideways on a 360 px wide screen.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../db/client'
import { answerFeedback, createRound, releaseRound } from '../../app/models/feedback.server'
import { ALL_AREA_CODES, buildReadyPortfolio } from '../support/ready-portfolio'
import {
  createEvidence,
  createInvitation,
  HttpVisitor,
  insertSession,
  insertUser,
  type NewEvidence,
  newPage,
  type RunningApp,
  SESSION_COOKIE,
  screenshot,
  signUpMentor,
  signUpTrainee,
  signupLinkFor,
  useApp,
} from './harness'
import { TIMEOUTS } from './timeouts'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const FAILING_IMPACTS = new Set(['serious', 'critical'])

let app: RunningApp
let browser: Browser
let db: Database.Database
const openContexts: Page[] = []

type Who = 'visitor' | 'trainee' | 'empty trainee' | 'ready trainee' | 'mentor' | 'admin' | 'assessor'

/** Session cookies by who is signed in. */
const tokens = new Map<Who, string>()
const PASSWORD = 'correct horse battery staple'
let traineeEmail = ''
let traineeId = 0
let piiItemId = 0
let reviewItemId = 0
/** The ready trainee's submissions: the first shared by link and assessed, the second not yet. */
let assessedId = 0
let submittedId = 0
let linkPath = ''
/** The trainee's feedback rounds: one released, one waiting, with a colleague's open link and a used one. */
let releasedRoundId = 0
let waitingRoundId = 0
let raterPath = ''
let usedRaterPath = ''
/** The page an e-mailed sign-up link opens; the account is never made, so the link stays usable. */
let confirmPath = ''

useApp((running) => ({ app, browser, db } = running))

beforeAll(async () => {
  // A trainee with a few items: one with a possible NHS number (a finding panel), one sent for review.
  const trainee = new HttpVisitor(app.baseUrl)
  traineeEmail = `ada-${randomBytes(4).toString('hex')}@example.test`
  await signUpTrainee(trainee, {
    name: 'Ada Lovelace',
    email: traineeEmail,
    password: PASSWORD,
    employer: 'Northern Cancer Centre',
  })
  traineeId = (db.prepare('SELECT id FROM users WHERE email = ?').get(traineeEmail) as { id: number }).id
  tokens.set('trainee', trainee.sessionToken!)

  reviewItemId = await createEvidence(
    trainee,
    item('Annual QA of linac 3: output and energy checks', 'commissioning-qa-report', [
      ['Tech4', 'I ran the output measurements and checked every reading against the local tolerance.'],
      ['Sci7', 'I estimated the uncertainty of each output reading and wrote it up for the group.'],
    ]),
  )
  piiItemId = await createEvidence(
    trainee,
    item(
      'Patient dose audit for CT head scans',
      'audit',
      [['Clin1', 'I checked the doses kept the scans safe and within the reference levels.']],
      {
        reflection:
          "Checked against the patient's NHS number 943 476 5919 before the audit, and next time I will anonymise the sheet first.",
      },
    ),
  )
  await createEvidence(
    trainee,
    item('Journal club on small-field dosimetry', 'publication-presentation', [
      ['Sci3', 'I presented the paper and led the discussion on the detector corrections.'],
    ]),
  )

  // A mentor (signing up through the invitation links them), with the first item waiting for their review.
  const mentor = new HttpVisitor(app.baseUrl)
  const link = await createInvitation(trainee, 'Please mentor my portfolio')
  await signUpMentor(mentor, link, {
    name: 'Grace Hopper',
    email: `grace-${randomBytes(4).toString('hex')}@example.test`,
    password: PASSWORD,
  })
  tokens.set('mentor', mentor.sessionToken!)
  const sent = await trainee.post(`/evidence/${reviewItemId}`, { intent: 'send' })
  if (sent.status >= 400)
    throw new Error(`Sending #${reviewItemId} for review answered ${sent.status}\n${sent.body.slice(0, 2000)}`)

  // A trainee with nothing logged yet, for the empty states.
  const empty = new HttpVisitor(app.baseUrl)
  await signUpTrainee(empty, {
    name: 'Emmy Noether',
    email: `emmy-${randomBytes(4).toString('hex')}@example.test`,
    password: PASSWORD,
  })
  tokens.set('empty trainee', empty.sessionToken!)

  // Someone who has signed up and not yet opened the link e-mailed to them.
  const pendingEmail = `lise-${randomBytes(4).toString('hex')}@example.test`
  const signedUp = await new HttpVisitor(app.baseUrl).post('/signup', {
    name: 'Lise Meitner',
    email: pendingEmail,
    password: PASSWORD,
    specialism: 'nuclear-medicine',
    employer: '',
    targetSubmissionDate: '',
  })
  if (signedUp.status !== 302 || signedUp.location !== '/signup/sent')
    throw new Error(
      `Signing up answered ${signedUp.status} ${signedUp.location ?? ''}\n${signedUp.body.slice(0, 2000)}`,
    )
  confirmPath = signupLinkFor(app.baseUrl, pendingEmail)

  // An administrator with two-factor sign-in set up.
  const adminId = await insertUser(db, {
    name: 'Agatha Stirling',
    email: 'agatha@example.test',
    role: 'admin',
    password: PASSWORD,
    twoFactor: true,
  })
  tokens.set('admin', insertSession(db, adminId))

  // Feedback rounds of the trainee's, through the model functions: one released after five answers, one waiting.
  const feedbackDb = openDatabase(path.join(app.dataDir, 'attain.db'))
  try {
    const tokenOf = (email: string) =>
      /\/f\/([A-Za-z0-9_-]{43})/.exec(
        (
          db.prepare('SELECT body FROM email_outbox WHERE to_address = ? ORDER BY id DESC').get(email) as {
            body: string
          }
        ).body,
      )![1]!
    const round = (tag: string) =>
      createRound(
        feedbackDb,
        {
          traineeId,
          traineeName: 'Ada Lovelace',
          areaCodes: ['Com2', 'Prof7'],
          raters: Array.from({ length: 6 }, (_, i) => ({
            email: `${tag}${i}@example.test`,
            relationship: i % 2 ? ('radiographer' as const) : ('clinician' as const),
          })),
        },
        new Date(),
        { publicUrl: null },
      )
    releasedRoundId = round('released')
    for (let i = 0; i < 5; i++) {
      answerFeedback(
        feedbackDb,
        tokenOf(`released${i}@example.test`),
        {
          ratings: { 'explains-clearly': 4, responsive: 3, listens: null },
          strengths: `Calm and clear in the planning meeting (${i}).`,
          development: 'Could share QA results with the team sooner.',
        },
        new Date(),
      )
    }
    releaseRound(feedbackDb, traineeId, releasedRoundId, new Date())
    waitingRoundId = round('waiting')
    raterPath = `/f/${tokenOf('waiting0@example.test')}`
    usedRaterPath = `/f/${tokenOf('released0@example.test')}`
  } finally {
    closeDatabase(feedbackDb)
  }

  // A trainee with a complete portfolio (written through the app's model functions), who submits it twice.
  const appDb = openDatabase(path.join(app.dataDir, 'attain.db'))
  let readyId: number
  try {
    readyId = (await buildReadyPortfolio(appDb, { dataDir: app.dataDir })).trainee.id
  } finally {
    closeDatabase(appDb)
  }
  const ready = new HttpVisitor(app.baseUrl)
  ready.cookies.set(SESSION_COOKIE, insertSession(db, readyId))
  tokens.set('ready trainee', ready.sessionToken!)
  const submit = async () => {
    const answer = await ready.post('/submission', { intent: 'submit', confirm: 'on' })
    const id = /^\/submissions\/(\d+)$/.exec(answer.location ?? '')?.[1]
    if (answer.status !== 302 || !id)
      throw new Error(`Submitting answered ${answer.status} ${answer.location ?? ''}\n${answer.body.slice(0, 2000)}`)
    return Number(id)
  }
  assessedId = await submit()
  submittedId = await submit()

  // The first submission is shared by link…
  const shared = await ready.post(`/submissions/${assessedId}/sharing`, {
    intent: 'create',
    recipient: 'Prof Helena Marchetti, ACS assessor',
    expiresOn: daysAgo(-14),
  })
  const assessorLink = /data-testid="assessor-link"[^>]*>([^<]+)</.exec(shared.body)?.[1]?.trim()
  if (!assessorLink)
    throw new Error(`Creating a link answered ${shared.status} without one\n${shared.body.slice(0, 2000)}`)
  linkPath = new URL(assessorLink).pathname

  // …and an assessor, assigned to both, releases judgements on it.
  const assessorId = await insertUser(db, {
    name: 'Helena Marchetti',
    email: 'helena@example.test',
    role: 'assessor',
    password: PASSWORD,
    twoFactor: true,
  })
  const assessor = new HttpVisitor(app.baseUrl)
  assessor.cookies.set(SESSION_COOKIE, insertSession(db, assessorId))
  tokens.set('assessor', assessor.sessionToken!)
  const assign = db.prepare(
    'INSERT INTO submission_assignments (submission_id, assessor_id, assigned_by, created_at) VALUES (?, ?, ?, ?)',
  )
  for (const id of [assessedId, submittedId]) assign.run(id, assessorId, adminId, new Date().toISOString())
  const released = await assessor.post(`/assessor/submissions/${assessedId}`, {
    intent: 'release',
    ...Object.fromEntries(ALL_AREA_CODES.map((code) => [`judgement:${code}`, 'met'])),
    outcome: 'proceed-to-interview',
    comment: 'A clear portfolio: every area is well evidenced and verified.',
    confirm: 'on',
  })
  if (released.status !== 200 || !released.body.includes('Released to')) {
    throw new Error(`Releasing judgements answered ${released.status}\n${released.body.slice(0, 2000)}`)
  }
}, TIMEOUTS.hook)

afterEach(async () => {
  await Promise.all(openContexts.splice(0).map((page) => page.context().close()))
})

/** A date `days` before today, as YYYY-MM-DD. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

function item(
  title: string,
  evidenceType: string,
  claims: [area: string, statement: string][],
  overrides: Partial<NewEvidence> = {},
): NewEvidence {
  return {
    title,
    activityStart: daysAgo(30),
    evidenceType,
    role: 'led',
    description:
      'Planned and carried out the work described in the title, then wrote it up for the department’s quality folder.',
    reflection:
      'The work took longer than planned because the first measurements had to be repeated; next time I will agree the method first.',
    claims: claims.map(([area, statement]) => ({ area, statement })),
    ...overrides,
  }
}

/** A page in a fresh browser profile, signed in as `who`, closed after the test. */
async function pageAs(who: Who, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, app.baseUrl, options)
  openContexts.push(page)
  const token = tokens.get(who)
  if (token)
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
  return page
}

/**
 * Waits until React has hydrated `selector`, as `waitForHydration` does, but
 * allows longer: the big pages take a while on a busy two-core machine.
 */
async function hydrated(page: Page, selector = 'main'): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const element = document.querySelector(sel)
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactProps$'))
    },
    selector,
    { timeout: TIMEOUTS.action },
  )
}

/** Opens `path` and waits until React has hydrated the page. */
async function open(page: Page, path: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(path)
  expect(response?.status(), `GET ${path}`).toBe(expectedStatus)
  await hydrated(page)
}

interface AxeNode {
  target: string[]
  failureSummary?: string
}
interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: AxeNode[]
}

/** The serious and critical WCAG 2.2 AA violations axe finds on the page as it is now. */
async function axeViolations(page: Page, leaveOut: string[] = []): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(
    async ({ tags, leaveOut }) => {
      // axe is injected as a global (a script tag), so the page's window type does not know it.
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> } })
        .axe
      const rules = Object.fromEntries(leaveOut.map((id) => [id, { enabled: false }]))
      const results = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        rules,
        resultTypes: ['violations'],
      })
      return results.violations as AxeViolation[]
    },
    { tags: WCAG_TAGS, leaveOut },
  )
  return violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const shown = v.nodes
        .slice(0, 8)
        .map(
          (n) =>
            `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
        )
      if (v.nodes.length > shown.length) shown.push(`    … and ${v.nodes.length - shown.length} more`)
      return `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${shown.join('\n')}`
    })
    .join('\n\n')
}

interface Checked {
  name: string
  who: Who
  path: () => string
  status?: number
  /** Brings the page into the state to check, after it has loaded. */
  prepare?: (page: Page) => Promise<void>
  /** What the page must show for the check to mean something (an item, a panel, an empty state). */
  shows?: (page: Page) => Locator
  /**
   * An axe rule the page is known to break, with the fix. The full check is
   * expected to fail until the fix lands; a second check runs every other rule.
   */
  known?: { rule: string; fix: string }
}

const piiPanel = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Possible patient-identifiable information' })

/** Ticks areas on the evidence form, so their claim boxes open. */
async function tickClaims(page: Page, areas: string[]) {
  await hydrated(page, 'form.evidence-form')
  for (const area of areas) {
    await page.getByRole('checkbox', { name: new RegExp(`^${area} `) }).check()
    await page
      .getByLabel(`How does this item demonstrate ${area}?`)
      .fill(`I showed ${area} in this piece of work, as the write-up explains.`)
  }
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })

const PAGES: Checked[] = [
  {
    name: 'landing',
    who: 'visitor',
    path: () => '/',
    shows: (page) => page.getByRole('link', { name: 'Start your portfolio' }),
  },
  { name: 'framework', who: 'visitor', path: () => '/framework', shows: (page) => page.locator('.domain') },
  { name: 'framework area', who: 'visitor', path: () => '/framework/Sci3', shows: (page) => h1(page, /Sci3/) },
  { name: 'sign in', who: 'visitor', path: () => '/login', shows: (page) => h1(page, 'Sign in') },
  { name: 'sign up', who: 'visitor', path: () => '/signup', shows: (page) => h1(page, 'Start your portfolio') },
  { name: 'sign up sent', who: 'visitor', path: () => '/signup/sent', shows: (page) => h1(page, 'Check your e-mail') },
  {
    name: 'sign up confirmation',
    who: 'visitor',
    path: () => confirmPath,
    shows: (page) =>
      page
        .locator('main')
        .filter({ has: h1(page, 'Finish creating your account') })
        .getByRole('button', { name: 'Create my account' }),
  },
  {
    name: 'sign up confirmation, link used or expired',
    who: 'visitor',
    path: () => `/signup/confirm/${'x'.repeat(43)}`,
    status: 404,
    shows: (page) => page.getByText('This link has expired or has been used already.'),
  },
  {
    name: 'not found',
    who: 'visitor',
    path: () => '/no-such-page',
    status: 404,
    shows: (page) => page.getByRole('heading', { level: 1 }),
  },
  {
    name: 'dashboard',
    who: 'trainee',
    path: () => '/dashboard',
    shows: (page) => page.getByRole('heading', { level: 1 }),
  },
  {
    name: 'evidence list',
    who: 'trainee',
    path: () => '/evidence',
    shows: (page) => page.locator('.evidence-card').nth(2),
  },
  {
    name: 'evidence list, empty',
    who: 'empty trainee',
    path: () => '/evidence',
    shows: (page) => page.getByRole('heading', { name: 'No evidence yet' }),
  },
  {
    name: 'new evidence with claims ticked',
    who: 'trainee',
    path: () => '/evidence/new',
    prepare: (page) => tickClaims(page, ['Tech4', 'Clin1', 'Sci7']),
    shows: (page) => page.getByText('3 areas claimed'),
  },
  { name: 'evidence item with a finding', who: 'trainee', path: () => `/evidence/${piiItemId}`, shows: piiPanel },
  {
    name: 'editing an item',
    who: 'trainee',
    path: () => `/evidence/${piiItemId}/edit`,
    shows: (page) => page.locator('form.evidence-form'),
  },
  {
    name: 'experience record, empty',
    who: 'empty trainee',
    path: () => '/record',
    shows: (page) => page.getByRole('heading', { name: 'Nothing on your record yet' }),
  },
  {
    name: 'experience record with a field error',
    who: 'trainee',
    path: () => '/record',
    prepare: async (page) => {
      await hydrated(page, '#post-form form')
      await page.getByLabel('Employer', { exact: true }).fill('Northshire Teaching Hospitals NHS Trust')
      await page.getByLabel('Job title', { exact: true }).fill('Trainee Clinical Scientist')
      await page.getByLabel('Start date', { exact: true }).fill('2022-09-01')
      await page.getByLabel('End date', { exact: true }).fill('2021-09-01')
      await page.getByRole('button', { name: 'Add the post' }).click()
    },
    shows: (page) => page.getByText('The end date is before the start date'),
  },
  { name: 'coverage', who: 'trainee', path: () => '/coverage', shows: (page) => page.locator('.coverage-cells a') },
  {
    name: 'feedback rounds',
    who: 'trainee',
    path: () => '/feedback',
    shows: (page) => page.getByRole('link', { name: /\d{4}$/ }).nth(1),
  },
  {
    name: 'feedback rounds, empty',
    who: 'empty trainee',
    path: () => '/feedback',
    shows: (page) => page.getByRole('heading', { name: 'No feedback rounds yet' }),
  },
  {
    name: 'new feedback round',
    who: 'trainee',
    path: () => '/feedback/new',
    shows: (page) => page.getByRole('group', { name: 'Colleague 15' }),
  },
  {
    name: 'feedback round, released',
    who: 'trainee',
    path: () => `/feedback/${releasedRoundId}`,
    shows: (page) => page.getByRole('link', { name: 'Write your reflection' }),
  },
  {
    name: 'feedback round, waiting',
    who: 'trainee',
    path: () => `/feedback/${waitingRoundId}`,
    shows: (page) => page.getByRole('button', { name: 'Remind colleagues who have not answered' }),
  },
  {
    name: 'feedback form',
    who: 'visitor',
    path: () => raterPath,
    shows: (page) => page.getByRole('radio', { name: 'Not able to comment' }).nth(7),
  },
  {
    name: 'feedback form, link used',
    who: 'visitor',
    path: () => usedRaterPath,
    status: 410,
    shows: (page) => h1(page, 'Your feedback has been received'),
  },
  {
    name: 'settings',
    who: 'trainee',
    path: () => '/settings',
    shows: (page) => page.getByRole('navigation', { name: 'Settings' }),
  },
  {
    name: 'mentors',
    who: 'trainee',
    path: () => '/settings/mentors',
    shows: (page) => page.getByRole('cell', { name: 'Grace Hopper' }),
  },
  {
    name: 'two-factor sign-in',
    who: 'trainee',
    path: () => '/settings/two-factor',
    shows: (page) => h1(page, 'Two-factor sign-in'),
  },
  { name: 'notifications', who: 'trainee', path: () => '/notifications', shows: (page) => h1(page, 'Notifications') },
  {
    name: 'mentor home',
    who: 'mentor',
    path: () => '/mentor',
    shows: (page) => page.getByRole('link', { name: 'Ada Lovelace' }),
  },
  {
    name: 'mentor: a trainee',
    who: 'mentor',
    path: () => `/mentor/trainees/${traineeId}`,
    shows: (page) => page.locator('.coverage-cells a'),
  },
  {
    name: 'mentor: reviews',
    who: 'mentor',
    path: () => '/mentor/reviews',
    shows: (page) => page.locator(`a[href="/mentor/reviews/${reviewItemId}"]`),
  },
  {
    name: 'mentor: reviewing an item',
    who: 'mentor',
    path: () => `/mentor/reviews/${reviewItemId}`,
    shows: (page) => h1(page, /Annual QA of linac 3/),
  },
  { name: 'admin: accounts', who: 'admin', path: () => '/admin', shows: (page) => h1(page, 'Accounts') },
  {
    name: 'admin: outbox',
    who: 'admin',
    path: () => '/admin/outbox',
    shows: (page) => page.getByRole('heading', { level: 1 }),
  },
  {
    name: 'admin: submissions',
    who: 'admin',
    path: () => '/admin/submissions',
    shows: (page) => page.getByRole('link', { name: /^Submission 2/ }),
  },
  {
    name: 'your data',
    who: 'empty trainee',
    path: () => '/settings/portfolio',
    shows: (page) => page.getByLabel('Portfolio file'),
  },
  {
    name: 'submission, ready, with past submissions',
    who: 'ready trainee',
    path: () => '/submission',
    shows: (page) =>
      page
        .locator('main')
        .filter({ has: page.getByRole('button', { name: 'Submit portfolio' }) })
        .getByRole('link', { name: 'Submission 2' }),
  },
  {
    name: 'a submitted portfolio',
    who: 'ready trainee',
    path: () => `/submissions/${assessedId}`,
    shows: (page) => page.locator('article[id^="item-E"]').nth(5),
  },
  {
    name: 'sharing a submission',
    who: 'ready trainee',
    path: () => `/submissions/${assessedId}/sharing`,
    shows: (page) => page.getByRole('cell', { name: /ACS assessor/ }),
  },
  {
    name: 'released judgements',
    who: 'ready trainee',
    path: () => `/submissions/${assessedId}/assessment`,
    shows: (page) => page.getByRole('heading', { name: 'Judgements by Helena Marchetti' }),
  },
  { name: 'a submission by link', who: 'visitor', path: () => linkPath, shows: (page) => h1(page, /^Submission 1 · /) },
  {
    name: 'assessor: submissions',
    who: 'assessor',
    path: () => '/assessor',
    shows: (page) => page.getByRole('link', { name: /^Assess / }),
  },
  {
    name: 'assessor: judging a submission',
    who: 'assessor',
    path: () => `/assessor/submissions/${submittedId}`,
    shows: (page) => page.getByRole('radio', { name: 'Met', exact: true }).nth(45),
  },
  {
    name: 'assessor: released judgements',
    who: 'assessor',
    path: () => `/assessor/submissions/${assessedId}`,
    shows: (page) => page.getByRole('heading', { name: 'Your released judgements' }),
  },
]

/** Opens a checked page and brings it into the state to check. */
async function openChecked(page: Page, checked: Checked): Promise<void> {
  await open(page, checked.path(), checked.status)
  await checked.prepare?.(page)
  if (checked.shows)
    await expect
      .poll(() => checked.shows!(page).count(), { message: `${checked.path()} shows what it should` })
      .toBeGreaterThan(0)
}

// The app's Content-Security-Policy lets only scripts with the page's nonce
// run, so the inline script that injects axe would be blocked: the contexts
// that run axe (and only those) bypass the policy.
const AXE_CONTEXT: BrowserContextOptions = { bypassCSP: true }

async function expectNoViolations(checked: Checked, colorScheme: 'light' | 'dark', leaveOut: string[] = []) {
  const page = await pageAs(checked.who, { ...AXE_CONTEXT, colorScheme })
  await openChecked(page, checked)
  await screenshot(page, `a11y-${colorScheme}-${checked.name}`)
  const violations = await axeViolations(page, leaveOut)
  expect(
    violations.map((v) => v.id),
    `${checked.path()} (${colorScheme}):\n${describeViolations(violations)}`,
  ).toEqual([])
}

describe.each(['light', 'dark'] as const)('axe, WCAG 2.2 AA, %s colour scheme', (colorScheme) => {
  for (const checked of PAGES) {
    if (!checked.known) {
      it(`${checked.name} has no serious or critical violations`, () => expectNoViolations(checked, colorScheme))
      continue
    }
    const { rule, fix } = checked.known
    // Fails until the fix named in `known` lands; then turn it back into `it`.
    it.fails(`${checked.name} has no serious or critical violations (known: ${rule}; fix: ${fix})`, () =>
      expectNoViolations(checked, colorScheme),
    )
    it(`${checked.name} has no serious or critical violations besides ${rule}`, () =>
      expectNoViolations(checked, colorScheme, [rule]))
  }
})

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return { tag: 'body', name: '', visible: false, id: '' }
    const style = getComputedStyle(element)
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== ''
    const labels = (element as HTMLInputElement).labels
    const name = element.getAttribute('aria-label') ?? labels?.[0]?.textContent ?? element.textContent ?? ''
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      type: element.getAttribute('type') ?? '',
      value: (element as HTMLInputElement).value ?? '',
      name: name.trim().replace(/\s+/g, ' ').slice(0, 80),
      visible: outline || shadow,
    }
  })
}

/** Presses Tab, and checks the element it reaches shows its focus. */
async function tab(page: Page, shift = false) {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab')
  const focused = await focusState(page)
  expect(focused.visible, `focus on <${focused.tag}> “${focused.name}” is not visible`).toBe(true)
  return focused
}

/** Tabs until `matches` holds for the focused element, at most `limit` times. */
async function tabUntil(
  page: Page,
  matches: (focused: Awaited<ReturnType<typeof focusState>>) => boolean,
  what: string,
  limit = 80,
) {
  const seen: string[] = []
  for (let i = 0; i < limit; i++) {
    const focused = await tab(page)
    if (matches(focused)) return focused
    seen.push(`<${focused.tag}${focused.id ? `#${focused.id}` : ''}> ${focused.name}`)
  }
  throw new Error(`Tab never reached ${what}; it went through:\n${seen.join('\n')}`)
}

describe('keyboard', () => {
  it('signs in with the keyboard alone: Tab to email, password and Sign in, then Enter', async () => {
    const page = await pageAs('visitor')
    await open(page, '/login')
    const email = await tabUntil(page, (f) => f.tag === 'input' && f.type === 'email', 'the email box')
    expect(email.name).toBe('Email address')
    await page.keyboard.type(traineeEmail)
    const password = await tab(page)
    expect([password.tag, password.type, password.name]).toEqual(['input', 'password', 'Password'])
    await page.keyboard.type(PASSWORD)
    const button = await tab(page)
    expect([button.tag, button.name]).toEqual(['button', 'Sign in'])
    // Back to the password box, and Enter sends the form.
    await tab(page, true)
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === '/dashboard')
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1)
  })

  it('claims an area on the evidence form with the keyboard alone, focus always visible', async () => {
    const page = await pageAs('trainee')
    await open(page, '/evidence/new')
    await hydrated(page, 'form.evidence-form')
    await tabUntil(page, (f) => f.id === 'claim-search', 'the claim search box')
    await page.keyboard.type('Tech4')
    await expect.poll(() => page.locator('li.claim:visible').count()).toBe(1)
    const box = await tabUntil(page, (f) => f.type === 'checkbox' && f.value === 'Tech4', 'the Tech4 checkbox', 5)
    expect(box.name).toMatch(/^Tech4 /)
    await page.keyboard.press('Space')
    expect(await page.getByRole('checkbox', { name: /^Tech4 / }).isChecked()).toBe(true)
    const statement = await tab(page)
    expect([statement.tag, statement.name]).toEqual(['textarea', 'How does this item demonstrate Tech4?'])
    await page.keyboard.type('I ran the output measurements.')
    expect(await page.getByLabel('How does this item demonstrate Tech4?').inputValue()).toBe(
      'I ran the output measurements.',
    )
    expect(await page.getByText(/^\d+ areas? claimed$/).textContent()).toBe('1 area claimed')
  })

  it('the skip link is the first stop, shows itself, and moves focus to the main content', async () => {
    const page = await pageAs('trainee')
    await open(page, '/dashboard')
    const skip = await tab(page)
    expect([skip.tag, skip.name]).toEqual(['a', 'Skip to content'])
    const box = await page.locator('.skip-link').boundingBox()
    expect(box && box.y >= 0 && box.height > 0, 'the focused skip link is on screen').toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
    // The next Tab goes on from the main content, not back to the header.
    const next = await tab(page)
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true)
    expect(next.tag).not.toBe('body')
  })
})

describe('forms', () => {
  it('ties each sign-up error to its field', async () => {
    const page = await pageAs('visitor')
    await open(page, '/signup')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.locator('.field__errors').count()).toBeGreaterThan(0)
    const fields = await page.$$eval('main input:not([type=hidden]), main select, main textarea', (controls) =>
      controls.map((control) => {
        const describedBy = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
        const errors =
          document.querySelector(`[id="${control.id}-error"]`) ??
          control.closest('.field')?.querySelector('.field__errors')
        return {
          name: control.getAttribute('name'),
          invalid: control.getAttribute('aria-invalid'),
          describedBy,
          errorId: errors?.id ?? null,
          errorText: errors?.textContent?.trim() ?? '',
        }
      }),
    )
    const withErrors = fields.filter((f) => f.errorText)
    expect(withErrors.map((f) => f.name)).toEqual(expect.arrayContaining(['name', 'email', 'specialism']))
    for (const field of withErrors) {
      expect(field.errorId, `${field.name}: its error has an id`).toBeTruthy()
      expect(field.describedBy, `${field.name}: aria-describedby names its error`).toContain(field.errorId)
      expect(field.invalid, `${field.name}: aria-invalid`).toBe('true')
    }
    // Fields without an error are not marked invalid.
    for (const field of fields.filter((f) => !f.errorText))
      expect(field.invalid, `${field.name}: aria-invalid`).toBeNull()
  })

  // The password policy is a refinement of the whole form, which zod runs only
  // once every field has parsed; an empty password is caught by the field itself.
  it('flags an empty password along with the other empty fields', async () => {
    const page = await pageAs('visitor')
    await open(page, '/signup')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.locator('.field__errors').count()).toBeGreaterThan(0)
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true')
  })
})

describe('small screens', () => {
  it.each(PAGES.map((p) => [p.name, p] as const))('%s does not scroll sideways at 360 px', async (_name, checked) => {
    const page = await pageAs(checked.who, { viewport: { width: 360, height: 780 } })
    await openChecked(page, checked)
    const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
      const root = document.documentElement
      // What sticks out past the right edge, to name in the message: elements
      // outside any scroll box, and absolutely positioned ones (which can escape one).
      const out: string[] = []
      for (const element of document.querySelectorAll('body *')) {
        const right = element.getBoundingClientRect().right
        if (right <= root.clientWidth + 1) continue
        let scrolled = false
        for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== 'visible') scrolled = true
        }
        if (scrolled && getComputedStyle(element).position !== 'absolute') continue
        const classes =
          typeof element.className === 'string' && element.className.trim()
            ? `.${element.className.trim().split(/\s+/).join('.')}`
            : ''
        out.push(
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes} (right edge ${Math.round(right)})`,
        )
      }
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest: out.slice(0, 6).join(', ') }
    })
    await screenshot(page, `a11y-360-${checked.name}`)
    expect(
      scrollWidth,
      `${checked.path()} is ${scrollWidth}px wide in a ${clientWidth}px window; widest: ${widest}`,
    ).toBeLessThanOrEqual(clientWidth + 1)
  })
})
