/**
 * From evidence to an assessor's released judgements, in the browser: a
 * trainee logs an item and sends it for review; their mentor verifies it; the
 * rest of a complete portfolio is written through the app's own model
 * functions; the trainee writes a summary statement, the mentor signs the
 * declaration, and the trainee submits. The trainee shares the submission
 * with an assessor by link; the assessor, signed in, opens the link, takes
 * the submission on, records a judgement per area and an outcome, and
 * releases them; the trainee reads them. Along the way: the openings are
 * logged for the trainee, the snapshot hash survives later edits, the PDF and
 * the export download, and revoked or expired links answer 404.
 *
 * The steps share one story, so each runs only if the ones before it passed.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, expect } from 'vitest'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { getUserById } from '../../app/models/user.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import {
  createInvitation,
  HttpVisitor,
  insertSession,
  insertUser,
  newPage,
  openAppDatabase,
  type RunningApp,
  SESSION_COOKIE,
  screenshot,
  signUpMentor,
  signUpTrainee,
  realProblems,
  useApp,
  story,
  updateEvidence,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser
let db: Db
let raw: ReturnType<typeof openAppDatabase>

const TRAINEE = {
  name: 'Imogen Castellanos',
  email: 'imogen.castellanos@example.test',
  password: 'harbour lantern quartz meadow',
}
const MENTOR = {
  name: 'Dr Rupert Ashdown',
  email: 'rupert.ashdown@example.test',
  password: 'violet canyon tinder ferry',
}
const ASSESSOR = {
  name: 'Prof Helena Marchetti',
  email: 'helena.marchetti@example.test',
  password: 'orbit cedar lagoon whistle',
}

const trainee = { visitor: undefined as unknown as HttpVisitor, page: undefined as unknown as Page, id: 0 }
const mentor = { visitor: undefined as unknown as HttpVisitor, page: undefined as unknown as Page, id: 0 }
const assessor = { page: undefined as unknown as Page, id: 0 }

const ITEM_TITLE = 'Annual QA of linac 3: output and energy checks'
const ITEM_CLAIM = 'I planned and ran the output checks myself and compared each result with the local tolerances.'
const STATEMENT =
  'I trained in **radiotherapy physics** at a large cancer centre.\n\nThis portfolio shows how I commission, measure and explain.'

let submissionId = 0
let snapshotHash = ''
let linkUrl = ''

useApp((running) => {
  ;({ app, browser, db: raw } = running)
  // The app's own model functions, over the same database file, build the bulk of the portfolio.
  db = openDatabase(path.join(app.dataDir, 'attain.db'))
})

afterAll(() => {
  if (db) closeDatabase(db)
})

const step = story(() => ({ trainee: trainee.page, mentor: mentor.page, assessor: assessor.page }))

async function pageWithSession(token: string): Promise<Page> {
  const page = await newPage(browser, app.baseUrl)
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
  return page
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).first().textContent()
const userId = (email: string) => (raw.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id

step('a trainee and their mentor have accounts and are linked', async () => {
  trainee.visitor = new HttpVisitor(app.baseUrl)
  await signUpTrainee(trainee.visitor, TRAINEE)
  const invitation = await createInvitation(trainee.visitor)
  mentor.visitor = new HttpVisitor(app.baseUrl)
  await signUpMentor(mentor.visitor, invitation, MENTOR)
  trainee.id = userId(TRAINEE.email)
  mentor.id = userId(MENTOR.email)
  trainee.page = await pageWithSession(trainee.visitor.sessionToken!)
  mentor.page = await pageWithSession(mentor.visitor.sessionToken!)
})

step('the trainee logs an item of evidence and sends it for review', async () => {
  const page = trainee.page
  await page.goto('/evidence/new')
  await waitForHydration(page)
  await page.getByLabel('Title').fill(ITEM_TITLE)
  await page.getByLabel('Date of the activity').fill('2026-03-14')
  await page.getByLabel('Type of evidence').selectOption({ label: 'Commissioning or QA report' })
  await page.getByRole('radio', { name: 'I led it' }).check()
  await page
    .getByLabel('Description', { exact: true })
    .fill('Ran the annual output and energy checks on linac 3 with a Farmer chamber.')
  await page.getByRole('checkbox', { name: /^Tech3 / }).check()
  await page.getByLabel('How does this item demonstrate Tech3?').fill(ITEM_CLAIM)
  // Wait on what the click causes, the navigation to the new item's page, however long the save takes.
  await Promise.all([page.waitForURL(/\/evidence\/\d+(\?|$)/), page.getByRole('button', { name: 'Save item' }).click()])
  await expect.poll(() => h1(page)).toBe(ITEM_TITLE)
  await waitForHydration(page)
  await Promise.all([
    page.waitForResponse(
      (response) => response.request().method() === 'POST' && /\/evidence\/\d+/.test(response.url()),
    ),
    page.getByRole('button', { name: 'Send for review' }).click(),
  ])
  await expect.poll(() => page.getByText('Awaiting review').count()).toBeGreaterThan(0)
})

step('the mentor verifies the claim', async () => {
  const page = mentor.page
  await page.goto('/mentor/reviews')
  await page.getByRole('link', { name: ITEM_TITLE, exact: true }).click()
  await expect.poll(() => h1(page)).toBe(ITEM_TITLE)
  await waitForHydration(page)
  await page
    .getByRole('group', { name: /^Tech3 / })
    .getByRole('radio', { name: 'Verify', exact: true })
    .check()
  await page.getByRole('button', { name: 'Record decisions' }).click()
  await expect.poll(() => page.getByRole('heading', { name: 'Nothing waiting' }).count()).toBe(1)
})

step('the rest of a complete portfolio is in place, and the trainee writes a summary statement', async () => {
  await buildReadyPortfolio(db, {
    items: 39,
    dataDir: app.dataDir,
    trainee: getUserById(db, trainee.id)!,
    mentor: getUserById(db, mentor.id)!,
    sign: false,
  })
  const page = trainee.page
  await page.goto('/submission')
  await waitForHydration(page)
  expect(await page.getByText('Not yet: a mentor declaration must stand.').count()).toBe(1)
  expect(await page.getByRole('button', { name: 'Submit portfolio' }).count()).toBe(0)
  await page.getByLabel('Summary statement', { exact: true }).fill(STATEMENT)
  await page.getByRole('button', { name: 'Save statement' }).click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Summary statement saved.' }).count()).toBe(1)
})

step('the mentor signs the declaration', async () => {
  const page = mentor.page
  await page.goto(`/mentor/trainees/${trainee.id}`)
  await waitForHydration(page)
  const declaration = page.getByRole('region', { name: 'Mentor declaration' })
  await declaration.getByRole('button', { name: 'Sign the declaration' }).click()
  await expect.poll(() => declaration.getByRole('status').count()).toBe(1)
})

step('the trainee submits, and reads the frozen summary', async () => {
  const page = trainee.page
  await page.goto('/submission')
  await waitForHydration(page)
  expect(await page.getByText('Your portfolio can be submitted.').count()).toBe(1)
  await page.getByRole('checkbox', { name: /I confirm this portfolio is my own work/ }).check()
  await page.getByRole('button', { name: 'Submit portfolio' }).click()
  await page.waitForURL(/\/submissions\/\d+$/)
  await expect.poll(() => h1(page)).toBe(`Submission 1 · ${TRAINEE.name}`)
  submissionId = Number(/\/submissions\/(\d+)$/.exec(page.url())![1])
  const row = raw.prepare('SELECT snapshot_sha256 AS hash FROM submissions WHERE id = ?').get(submissionId) as {
    hash: string
  }
  snapshotHash = row.hash
  expect(await page.locator('main').textContent()).toContain(snapshotHash)
  // 40 items, each listed in full, and the grid cross-references them.
  expect(await page.locator('article[id^="item-E"]').count()).toBe(40)
  const grid = page
    .getByRole('table')
    .filter({ has: page.locator('caption') })
    .first()
  expect(await grid.count()).toBe(1)
  expect(await page.locator('main').textContent()).toContain(ITEM_TITLE)
  expect(await page.locator('main').textContent()).toContain('radiotherapy physics')
  await screenshot(page, 'submission-summary')
})

step('the summary prints cleanly: no site chrome or controls, each item on a new page', async () => {
  const page = trainee.page
  await page.emulateMedia({ media: 'print' })
  try {
    const styles = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')!).display,
      actions: getComputedStyle(document.querySelector('.summary-actions')!).display,
      itemBreak: getComputedStyle(document.querySelector('article[id^="item-E"]')!).breakBefore,
      background: getComputedStyle(document.body).backgroundColor,
    }))
    expect(styles).toEqual({ header: 'none', actions: 'none', itemBreak: 'page', background: 'rgb(255, 255, 255)' })
    // Chromium's own print of the page: a real PDF of many pages.
    const printed = await page.pdf({ format: 'A4' })
    expect(printed.subarray(0, 5).toString()).toBe('%PDF-')
    expect(printed.toString('latin1').match(/\/Type\s*\/Page[^s]/g)!.length).toBeGreaterThan(40)
  } finally {
    await page.emulateMedia({ media: 'screen' })
  }
})

step('the trainee shares the submission with an assessor', async () => {
  const page = trainee.page
  await page.getByRole('link', { name: 'Share with an assessor' }).first().click()
  await expect.poll(() => h1(page)).toBe('Share with an assessor')
  await waitForHydration(page)
  await page.getByLabel('Who is this for?').fill(`${ASSESSOR.name}, ACS assessor`)
  await page.getByRole('button', { name: 'Create link' }).click()
  const shown = page.getByTestId('assessor-link')
  await expect.poll(() => shown.count()).toBe(1)
  linkUrl = (await shown.textContent())!.trim()
  expect(linkUrl).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/)
  await screenshot(page, 'submission-sharing')
})

step('a signed-in assessor opens the link, takes the submission on and records judgements', async () => {
  assessor.id = await insertUser(raw, { ...ASSESSOR, role: 'assessor', twoFactor: true })
  assessor.page = await pageWithSession(insertSession(raw, assessor.id))
  const page = assessor.page
  await page.goto(new URL(linkUrl).pathname)
  expect(await h1(page)).toBe(`Submission 1 · ${TRAINEE.name}`)
  expect(await page.locator('main').textContent()).toContain(snapshotHash)
  await waitForHydration(page)
  await page.getByRole('button', { name: 'Assess this submission' }).click()
  await page.waitForURL(new RegExp(`/assessor/submissions/${submissionId}$`))
  await expect.poll(() => page.getByRole('heading', { name: 'Interview topics' }).count()).toBe(1)
  await waitForHydration(page)
  const mets = page.getByRole('radio', { name: 'Met', exact: true })
  expect(await mets.count()).toBe(46)
  for (let i = 0; i < 46; i++) await mets.nth(i).check()
  const clin3 = page.getByRole('group', { name: 'Judgement on Clin3' })
  await clin3.getByRole('radio', { name: 'Partly met', exact: true }).check()
  await page.getByLabel('Comment on Clin3 (optional)').fill('Only one case study: explore breadth at interview.')
  await page.getByRole('radio', { name: 'Proceed to interview', exact: true }).check()
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Draft saved' }).count()).toBe(1)
  await screenshot(page, 'assessor-judgements')
})

step('the trainee cannot read a draft', async () => {
  const page = trainee.page
  await page.goto(`/submissions/${submissionId}/assessment`)
  expect(await page.getByRole('heading', { name: 'Not released yet' }).count()).toBe(1)
  expect(await page.locator('main').textContent()).not.toContain('explore breadth')
})

step('the assessor releases the judgements and the trainee reads them', async () => {
  const page = assessor.page
  await waitForHydration(page)
  await page.getByRole('checkbox', { name: /I have finished: release these judgements/ }).check()
  await page.getByRole('button', { name: 'Release judgements' }).click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Released to' }).count()).toBe(1)

  const mine = trainee.page
  await mine.goto(`/submissions/${submissionId}/assessment`)
  expect(await mine.getByRole('heading', { name: `Judgements by ${ASSESSOR.name}` }).count()).toBe(1)
  const text = (await mine.locator('main').textContent())!
  expect(text).toContain('Proceed to interview')
  expect(text).toContain('Only one case study: explore breadth at interview.')
  expect(text).toContain(snapshotHash)
  await screenshot(mine, 'trainee-assessment')
})

step('the trainee sees every opening of the link', async () => {
  const page = trainee.page
  await page.goto(`/submissions/${submissionId}/sharing`)
  const openings = page.getByRole('region', { name: 'Openings' })
  expect(await openings.getByRole('row').count()).toBeGreaterThan(1)
  expect(await openings.textContent()).toContain('127.0.0.1')
})

step('the snapshot hash is unchanged by later edits, and the PDF and export download', async () => {
  const firstItem = (
    raw.prepare('SELECT id FROM evidence_items WHERE trainee_id = ? ORDER BY id LIMIT 1').get(trainee.id) as {
      id: number
    }
  ).id
  await updateEvidence(trainee.visitor, firstItem, {
    title: 'A new title after submitting',
    activityStart: '2026-03-14',
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: 'Changed after the submission.',
    reflection: '',
    claims: [{ area: 'Tech3', statement: ITEM_CLAIM }],
  })
  const after = raw.prepare('SELECT snapshot_sha256 AS hash FROM submissions WHERE id = ?').get(submissionId) as {
    hash: string
  }
  expect(after.hash).toBe(snapshotHash)
  const page = await trainee.visitor.get(`/submissions/${submissionId}`)
  expect(page.body).toContain(snapshotHash)
  expect(page.body).toContain(ITEM_TITLE)
  expect(page.body).not.toContain('A new title after submitting')

  const pdf = await fetch(`${app.baseUrl}/submissions/${submissionId}/summary.pdf`, {
    headers: { Cookie: trainee.visitor.cookieHeader() },
  })
  expect(pdf.status).toBe(200)
  expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-')
  const zip = await fetch(`${app.baseUrl}${new URL(linkUrl).pathname}/export.zip`)
  expect(zip.status).toBe(200)
  expect(zip.headers.get('Content-Type')).toBe('application/zip')
  await zip.arrayBuffer()
})

step('a revoked link and an expired link answer 404', async () => {
  const page = trainee.page
  await page.goto(`/submissions/${submissionId}/sharing`)
  await waitForHydration(page)
  page.once('dialog', (dialog) => void dialog.accept())
  await page
    .getByRole('button', { name: /^Revoke/ })
    .first()
    .click()
  await expect.poll(() => page.getByText('Revoked').count()).toBeGreaterThan(0)
  const revoked = await fetch(`${app.baseUrl}${new URL(linkUrl).pathname}`)
  expect(revoked.status).toBe(404)
  expect((await fetch(`${app.baseUrl}${new URL(linkUrl).pathname}/summary.pdf`)).status).toBe(404)

  const answer = await trainee.visitor.post(`/submissions/${submissionId}/sharing`, {
    intent: 'create',
    recipient: 'A second assessor',
    expiresOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  })
  const second = /data-testid="assessor-link"[^>]*>([^<]+)</.exec(answer.body)?.[1]?.trim()
  expect(second, answer.body.slice(0, 1000)).toBeTruthy()
  expect((await fetch(`${app.baseUrl}${new URL(second!).pathname}`)).status).toBe(200)
  raw
    .prepare("UPDATE assessor_links SET expires_at = '2020-01-01T00:00:00.000Z' WHERE recipient = 'A second assessor'")
    .run()
  expect((await fetch(`${app.baseUrl}${new URL(second!).pathname}`)).status).toBe(404)
})

step('no page on the way logged an error', async () => {
  for (const page of [trainee.page, mentor.page, assessor.page]) {
    expect(realProblems(page)).toEqual([])
  }
})
