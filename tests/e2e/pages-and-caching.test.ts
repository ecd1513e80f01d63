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
const CALIBRATION = {
  title: 'Output calibration',
  activityStart: '2026-01-12',
  evidenceType: 'commissioning-qa-report',
  role: 'led',
} as const

/** A browser page with this visitor's session. */
async function signedInPage(visitor: HttpVisitor) {
  const page = await freshPage()
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: visitor.sessionToken!, url: app.baseUrl, httpOnly: true }])
  return page
}

/** What the server's request log says of this person's requests for this path, in order. */
function logged(userId: number, path: string): { status: number; kept?: true }[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.includes(`"path":"${path}"`) && line.includes(`"userId":${userId}`))
    .map((line) => JSON.parse(line) as { status: number; kept?: true })
}

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
    const page = await signedInPage(trainee.visitor)
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
    const item = await createEvidence(alice.visitor, CALIBRATION)
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
    await updateEvidence(alice.visitor, item, { ...CALIBRATION, title: 'Output calibration, repeated' })
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
    const page = await signedInPage(trainee.visitor)
    await page.goto(`${app.baseUrl}/framework`)
    await waitForHydration(page)
    await page.reload()
    await waitForHydration(page)
    // The browser revalidated and the server answered 304 (its request log says so): the page came from the cache.
    expect(logged(trainee.id, '/framework').map((line) => line.status)).toEqual([200, 304])
    // Hydrated after the revalidated reload: typing filters the framework in place.
    await page.getByRole('searchbox').fill('uncertainties')
    await page.waitForURL(/q=uncertainties/)
    expect(realProblems(page)).toEqual([])
  })
})

describe('pages kept rendered on the server', () => {
  const BROWSER_ENCODINGS = { 'Accept-Encoding': 'gzip, deflate, br' }
  const nonceOf = (answer: { headers: Headers }) =>
    /'nonce-([^']+)'/.exec(answer.headers.get('content-security-policy') ?? '')?.[1] ?? ''
  /** Whether each of this person's requests for this path was answered with a page kept from before, in order. */
  const keptAnswers = (userId: number, path: string) => logged(userId, path).map((line) => line.kept === true)

  it('are sent again with a fresh nonce, only to the same session, and only while their data is unchanged', async () => {
    const alice = await newTrainee('kept-alice')
    const bob = await newTrainee('kept-bob')
    const item = await createEvidence(alice.visitor, CALIBRATION)
    const urls = ['/dashboard', '/coverage', '/framework', `/evidence/${item}`]
    for (const url of urls) {
      // A page whose data is still moving (the preview's page count being worked out) is rendered anew each time,
      // as it must be: ask until two answers in a row carry the same tag.
      let first = await alice.visitor.get(url, { headers: BROWSER_ENCODINGS })
      let second = await alice.visitor.get(url, { headers: BROWSER_ENCODINGS })
      for (let i = 0; i < 100 && second.headers.get('etag') !== first.headers.get('etag'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        first = second
        second = await alice.visitor.get(url, { headers: BROWSER_ENCODINGS })
      }
      expect([first.status, second.status], url).toEqual([200, 200])
      expect(second.headers.get('etag'), url).toBe(first.headers.get('etag'))
      // Sent as kept: compressed once on the server, and the same page but for the nonce, fresh in each response.
      expect(second.headers.get('content-encoding'), url).toBe('gzip')
      const [one, two] = [nonceOf(first), nonceOf(second)]
      expect(one, url).not.toBe(two)
      expect(second.body, url).toContain(`nonce="${two}"`)
      expect(second.body, url).not.toContain(one)
      expect(second.body, url).toBe(first.body.replaceAll(one, two))
      await expect.poll(() => keptAnswers(alice.id, url).at(-1), { message: url }).toBe(true)
      expect(keptAnswers(alice.id, url)[0], url).toBe(false)
    }
    // Without gzip, the same page as it is.
    const plain = await alice.visitor.get('/framework', { headers: { 'Accept-Encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.body).toContain(`nonce="${nonceOf(plain)}"`)
    await expect.poll(() => keptAnswers(alice.id, '/framework')).toEqual([false, true, true])

    // Someone else: their own page, rendered for them, even where the text is the same (the framework).
    for (const url of ['/dashboard', '/framework']) {
      const theirs = await bob.visitor.get(url, { headers: BROWSER_ENCODINGS })
      expect(theirs.body, url).toContain('Trainee kept-bob')
      expect(theirs.body, url).not.toContain('Trainee kept-alice')
      await expect.poll(() => keptAnswers(bob.id, url), { message: url }).toEqual([false])
    }
    // Someone not allowed to see the item: refused as before (the loaders run on every request).
    expect((await bob.visitor.get(`/evidence/${item}`)).status).toBe(404)

    // A change to what the page shows: rendered anew.
    const answeredBefore = keptAnswers(alice.id, `/evidence/${item}`).length
    await updateEvidence(alice.visitor, item, { ...CALIBRATION, title: 'Output calibration, repeated' })
    const changed = await alice.visitor.get(`/evidence/${item}`, { headers: BROWSER_ENCODINGS })
    expect(changed.body).toContain('Output calibration, repeated')
    await expect.poll(() => keptAnswers(alice.id, `/evidence/${item}`).at(-1)).toBe(false)
    expect(keptAnswers(alice.id, `/evidence/${item}`)).toHaveLength(answeredBefore + 1)
  })

  it('load and work in the browser: the page compressed in pieces on the server decodes, and its scripts run', async () => {
    const trainee = await newTrainee('kept-browser')
    expect((await trainee.visitor.get('/framework')).status).toBe(200)
    const page = await signedInPage(trainee.visitor)
    await page.goto(`${app.baseUrl}/framework`)
    await waitForHydration(page)
    await expect.poll(() => keptAnswers(trainee.id, '/framework')).toEqual([false, true])
    await page.getByRole('searchbox').fill('uncertainties')
    await page.waitForURL(/q=uncertainties/)
    expect(realProblems(page)).toEqual([])
  })
})
