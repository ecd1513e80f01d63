/**
 * One page count, everywhere: the figure /coverage shows is the page count
 * poppler's pdfinfo reads from the preview PDF downloaded there, and from
 * the PDF submitting then makes. For a demo trainee, for a generated
 * 150-page portfolio, and a 161-page portfolio is refused.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { portfolioOfPages } from '../support/long-portfolio'
import {
  insertSession,
  openAppDatabase,
  realProblems,
  type RunningApp,
  SESSION_COOKIE,
  useApp,
  usePages,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser
let raw: ReturnType<typeof openAppDatabase>
let db: Db

useApp(
  (running) => {
    ;({ app, browser, db: raw } = running)
    // The app's own model functions, over the same database file, build the long portfolios.
    db = openDatabase(path.join(app.dataDir, 'attain.db'))
  },
  { env: { DEMO: '1' } },
)
afterAll(() => {
  if (db) closeDatabase(db)
})
const newPage = usePages(() => ({ app, browser }))

const userId = (email: string) => (raw.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id

async function signedIn(id: number): Promise<Page> {
  const page = await newPage()
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value: insertSession(raw, id), url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ])
  return page
}

/** The page count shown on the page once counted (the page asks again by itself while it counts). */
async function figureOn(page: Page, url: string): Promise<number> {
  await page.goto(url)
  await waitForHydration(page)
  const count = page.locator('.page-count')
  await count.waitFor({ timeout: 120_000 })
  return Number(await count.getAttribute('data-pages'))
}

let files = 0
/** Downloads a PDF with the page's cookies; its page count as pdfinfo reads it, and its text. */
async function pdfOf(
  page: Page,
  href: string,
): Promise<{ pages: number; text: string; headers: Record<string, string> }> {
  const response = await page.request.get(new URL(href, app.baseUrl).href)
  expect(response.status()).toBe(200)
  const file = path.join(app.dataDir, `download-${++files}.pdf`)
  writeFileSync(file, await response.body())
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), text, headers: response.headers() }
}

async function previewHref(page: Page): Promise<string> {
  return (await page.getByRole('link', { name: 'Download the preview PDF' }).getAttribute('href'))!
}

/** Submits from /submission and returns the new submission's page count from its PDF. */
async function submitAndCount(page: Page): Promise<{ id: number; pages: number }> {
  await page.goto('/submission')
  await waitForHydration(page)
  await page.getByRole('checkbox', { name: /I confirm this portfolio is my own work/ }).check()
  await page.getByRole('button', { name: 'Submit portfolio' }).click()
  await page.waitForURL(/\/submissions\/\d+$/, { timeout: 120_000 })
  const id = Number(/\/submissions\/(\d+)$/.exec(page.url())![1])
  const pdf = await pdfOf(page, `/submissions/${id}/summary.pdf`)
  // The submitted PDF is no draft.
  expect(pdf.text).not.toContain('Draft — not submitted')
  return { id, pages: pdf.pages }
}

describe('the page count of a demo trainee', () => {
  it('on /coverage is pdfinfo’s count of the preview PDF, marked a draft on every page, and the mentor sees the same', async () => {
    const page = await signedIn(userId('priya.sharma@demo.attain.invalid'))
    // The first answer does not wait for the PDF: it says the pages are being counted.
    const first = await page.goto('/coverage')
    expect(await first!.text()).toContain('Counting pages…')
    const figure = await figureOn(page, '/coverage')
    const preview = await pdfOf(page, await previewHref(page))
    expect(preview.pages).toBe(figure)
    expect(preview.headers['content-disposition']).toMatch(/^attachment; filename=".+-draft\.pdf"$/)
    const pages = preview.text.split('\f').slice(0, -1)
    expect(pages).toHaveLength(figure)
    pages.forEach((text, i) => {
      expect(text).toContain('Draft — not submitted')
      expect(text).toContain(`Page ${i + 1} of ${figure}`)
    })
    expect(realProblems(page)).toEqual([])

    const onSubmission = await signedIn(userId('priya.sharma@demo.attain.invalid'))
    expect(await figureOn(onSubmission, '/submission')).toBe(figure)
    const mentor = await signedIn(userId('daniel.okafor@demo.attain.invalid'))
    const traineeId = userId('priya.sharma@demo.attain.invalid')
    expect(await figureOn(mentor, `/mentor/trainees/${traineeId}`)).toBe(figure)
    expect((await pdfOf(mentor, await previewHref(mentor))).pages).toBe(figure)
  }, 240_000)

  it('is the page count of the PDF submitting makes', async () => {
    const page = await signedIn(userId('hannah.reid@demo.attain.invalid'))
    const figure = await figureOn(page, '/coverage')
    expect((await pdfOf(page, await previewHref(page))).pages).toBe(figure)
    const submitted = await submitAndCount(page)
    expect(submitted.pages).toBe(figure)
    expect(realProblems(page)).toEqual([])
  }, 240_000)
})

describe('a long portfolio', () => {
  it('of 150 pages: the same count on /coverage, in the preview and in the submitted PDF, with a warning before submitting', async () => {
    const built = await portfolioOfPages(db, app.dataDir, { pages: 150, items: 60 })
    const page = await signedIn(built.trainee.id)
    const figure = await figureOn(page, '/coverage')
    expect(figure).toBe(150)
    expect((await pdfOf(page, await previewHref(page))).pages).toBe(150)

    await page.goto('/submission')
    await waitForHydration(page)
    await expect
      .poll(() => page.locator('.length-warning[data-level="warning"]').textContent())
      .toContain('150 pages, over the 120 ACS expects')
    expect(await submitAndCount(page)).toMatchObject({ pages: 150 })
  }, 300_000)

  it('of 161 pages is refused, with the figure', async () => {
    const built = await portfolioOfPages(db, app.dataDir, { pages: 161, items: 8 })
    const page = await signedIn(built.trainee.id)
    expect(await figureOn(page, '/submission')).toBe(161)
    const refusal = page.locator('.length-warning[data-level="refused"]')
    await expect
      .poll(() => refusal.textContent())
      .toContain('161 pages: over ACS’s limit of 160, so it cannot be submitted. Cut at least 1 page first.')
    await expect.poll(() => page.locator('[data-rule="portfolio.over-limit"]').textContent()).toContain('161 pages')
    expect(await page.getByRole('button', { name: 'Submit portfolio' }).count()).toBe(0)
    expect(raw.prepare('SELECT count(*) AS n FROM submissions WHERE trainee_id = ?').get(built.trainee.id)).toEqual({
      n: 0,
    })
    expect(realProblems(page)).toEqual([])
  }, 300_000)
})
