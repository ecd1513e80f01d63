/**
 * Long lists and conditional GETs against the production server: /evidence in
 * pages of 50, the filters kept while paging in the browser; and pages tagged
 * from their data, answered 304 only to the same session for unchanged data,
 * never to another person holding the first one's tag, with the page still
 * working (its scripts allowed) after the browser shows it from its cache.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createEvidence as createEvidenceRow } from '../../app/models/evidence.server'
import { closeDatabase, openDatabase } from '../../db/client'
import {
  createEvidence,
  createInvitation,
  HttpVisitor,
  realProblems,
  type RunningApp,
  SESSION_COOKIE,
  signIn,
  updateEvidence,
  signUpMentor,
  signUpTrainee,
  useApp,
  usePages,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser
let db: Database.Database

useApp((running) => ({ app, browser, db } = running))
const freshPage = usePages(() => ({ app, browser }))

const PASSWORD = 'lantern quartz harbour meadow'

async function newTrainee(label: string): Promise<{ visitor: HttpVisitor; id: number; email: string }> {
  const visitor = new HttpVisitor(app.baseUrl)
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`
  await signUpTrainee(visitor, { name: `Trainee ${label}`, email, password: PASSWORD })
  const { id } = db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }
  return { visitor, id, email }
}

/** Items written straight into the app's database, as a long-used portfolio would have them. */
function addItems(traineeId: number, count: number) {
  const appDb = openDatabase(path.join(app.dataDir, 'attain.db'))
  try {
    for (let i = 0; i < count; i++) {
      const caseStudy = i % 2 === 0
      createEvidenceRow(appDb, traineeId, {
        title: `${caseStudy ? 'Case study' : 'Output check'} ${String(i + 1).padStart(3, '0')}`,
        activityStart: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
        activityEnd: null,
        evidenceType: caseStudy ? 'case-study' : 'commissioning-qa-report',
        role: 'led',
        description: caseStudy ? 'Breath-hold case with the radiographers.' : 'Output with a Farmer chamber.',
        reflection: '',
        claims: [{ area: caseStudy ? 'Clin1' : 'Tech3', statement: 'I did this myself.', competencies: [] }],
      })
    }
  } finally {
    closeDatabase(appDb)
  }
}

describe('paging through evidence in the browser', () => {
  it('keeps the filters and the search from page to page, and says where the page is', async () => {
    const trainee = await newTrainee('pager')
    addItems(trainee.id, 130)
    const page = await freshPage()
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: trainee.visitor.sessionToken!, url: app.baseUrl, httpOnly: true }])
    await page.goto(`${app.baseUrl}/evidence`)
    await waitForHydration(page)
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Showing' }).textContent())
      .toBe('Showing 1–50 of 130 items.')

    await page.getByLabel('Type').selectOption('case-study')
    await page.getByLabel('Search').fill('breath')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/type=case-study/)
    const nav = page.getByRole('navigation', { name: 'Evidence pages' })
    await expect.poll(() => nav.getByText('Page 1 of 2').count()).toBe(1)
    expect(await page.locator('.evidence-card').count()).toBe(50)

    await nav.getByRole('link', { name: /Next/ }).click()
    await page.waitForURL(/after=/)
    const url = new URL(page.url())
    expect(url.searchParams.get('type')).toBe('case-study')
    expect(url.searchParams.get('q')).toBe('breath')
    await expect.poll(() => nav.getByText('Page 2 of 2').count()).toBe(1)
    expect(await page.getByRole('status').filter({ hasText: 'match' }).textContent()).toBe(
      '65 of 130 items match. Showing 51–65.',
    )
    const titles = await page.locator('.evidence-card h2 a').allTextContents()
    expect(titles).toHaveLength(15)
    expect(titles.every((t) => t.startsWith('Case study'))).toBe(true)
    expect(await page.getByLabel('Type').inputValue()).toBe('case-study')
    expect(await page.getByLabel('Search').inputValue()).toBe('breath')
    expect(await nav.getByRole('link', { name: /Next/ }).count()).toBe(0)
    expect(await nav.locator('a[rel="prev"]').count()).toBe(1)

    await nav.getByRole('link', { name: /Previous/ }).click()
    await page.waitForURL(/before=/)
    await expect.poll(() => nav.getByText('Page 1 of 2').count()).toBe(1)
    expect(new URL(page.url()).searchParams.get('q')).toBe('breath')
    expect(realProblems(page)).toEqual([])
  })
})

describe('conditional GETs', () => {
  it('answer 304 to the same session for unchanged data, 200 after a change, and never 304 to someone else', async () => {
    const alice = await newTrainee('alice')
    const bob = await newTrainee('bob')
    const item = await createEvidence(alice.visitor, {
      title: 'Output calibration',
      activityStart: '2026-01-12',
      evidenceType: 'commissioning-qa-report',
      role: 'led',
    })
    const mentor = new HttpVisitor(app.baseUrl)
    await signUpMentor(mentor, await createInvitation(alice.visitor), {
      name: 'Mentor of Alice',
      email: `mentor-${randomBytes(4).toString('hex')}@example.test`,
      password: PASSWORD,
    })

    const pages: [HttpVisitor, string][] = [
      [alice.visitor, '/coverage'],
      [alice.visitor, '/dashboard'],
      [alice.visitor, '/evidence'],
      [alice.visitor, `/evidence/${item}`],
      [alice.visitor, '/framework'],
      [alice.visitor, '/framework/Sci1'],
      [mentor, '/mentor'],
    ]
    const tags = new Map<string, string>()
    for (const [visitor, url] of pages) {
      const first = await visitor.get(url)
      expect(first.status, url).toBe(200)
      expect(first.headers.get('cache-control'), url).toBe('private, no-cache')
      const tag = first.headers.get('etag')
      expect(tag, url).toMatch(/^W\/"[A-Za-z0-9_-]+"$/)
      tags.set(url, tag!)
      const again = await visitor.get(url, { headers: { 'If-None-Match': tag! } })
      expect(again.status, url).toBe(304)
      expect(again.body, url).toBe('')
      expect(again.headers.get('etag'), url).toBe(tag)
      // The stored page's scripts carry the first response's nonce: a 304 must not replace its policy.
      expect(again.headers.get('content-security-policy'), url).toBeNull()
      expect(again.headers.get('cache-control'), url).toBe('private, no-cache')
    }

    // Someone else holding Alice's tags: their own pages, never a 304 (the framework page too, whose text is the same).
    for (const url of ['/coverage', '/dashboard', '/framework', '/framework/Sci1']) {
      const theirs = await bob.visitor.get(url, { headers: { 'If-None-Match': tags.get(url)! } })
      expect(theirs.status, url).toBe(200)
      expect(theirs.headers.get('etag'), url).not.toBe(tags.get(url))
    }
    // Alice signed in anew, in another session: a tag of the old one is not hers.
    const again = new HttpVisitor(app.baseUrl)
    expect((await signIn(again, alice.email, PASSWORD)).status).toBe(302)
    expect((await again.get('/coverage', { headers: { 'If-None-Match': tags.get('/coverage')! } })).status).toBe(200)

    // A change to what the pages show: each answers 200 with a new tag.
    await updateEvidence(alice.visitor, item, {
      title: 'Output calibration, repeated',
      activityStart: '2026-01-12',
      evidenceType: 'commissioning-qa-report',
      role: 'led',
    })
    for (const url of ['/coverage', '/evidence', `/evidence/${item}`]) {
      const changed = await alice.visitor.get(url, { headers: { 'If-None-Match': tags.get(url)! } })
      expect(changed.status, url).toBe(200)
      expect(changed.headers.get('etag'), url).not.toBe(tags.get(url))
    }
    expect((await mentor.get('/mentor', { headers: { 'If-None-Match': tags.get('/mentor')! } })).status).toBe(200)
    // The .data form of a page is not tagged, and stays no-store.
    const data = await alice.visitor.get('/coverage.data')
    expect(data.headers.get('etag')).toBeNull()
    expect(data.headers.get('cache-control')).toBe('private, no-store')
  })

  it('leave a page the browser shows from its cache working: its scripts run under the policy stored with it', async () => {
    const trainee = await newTrainee('reload')
    const page = await freshPage()
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: trainee.visitor.sessionToken!, url: app.baseUrl, httpOnly: true }])
    await page.goto(`${app.baseUrl}/framework`)
    await waitForHydration(page)
    await page.reload()
    await waitForHydration(page)
    // The browser revalidated and the server answered 304 (its request log says so): the page came from the cache.
    const answered = app
      .output()
      .split('\n')
      .filter((line) => line.includes('"path":"/framework"') && line.includes(`"userId":${trainee.id}`))
      .map((line) => (JSON.parse(line) as { status: number }).status)
    expect(answered).toEqual([200, 304])
    // Hydrated after the revalidated reload: typing filters the framework in place.
    await page.getByRole('searchbox').fill('uncertainties')
    await page.waitForURL(/q=uncertainties/)
    expect(realProblems(page)).toEqual([])
  })
})
