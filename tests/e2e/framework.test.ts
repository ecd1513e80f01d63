import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  launchBrowser,
  newPage,
  pageProblems,
  type RunningApp,
  screenshot,
  startApp,
  waitForHydration,
} from './harness'

const range = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`)

const allAreaCodes = [
  ...range('Sci', 7),
  ...range('Clin', 6),
  ...range('Tech', 6),
  ...range('R&D', 6),
  ...range('Com', 5),
  ...range('PS', 5),
  ...range('Prof', 11),
]

let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  const code = await app?.stop()
  expect(code, app?.output()).toBe(0)
})

afterEach(async () => {
  await page?.context().close()
})

describe('the framework page', () => {
  it('lists all 46 areas of competence in order', async () => {
    page = await newPage(browser, app.baseUrl)
    const response = await page.goto('/framework')
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The competence framework')
    expect(allAreaCodes).toHaveLength(46)
    expect(await page.locator('.area__code').allTextContents()).toEqual(allAreaCodes)
    expect(await page.locator('section.domain').count()).toBe(7)
    expect(await page.getByRole('status').textContent()).toBe('7 domains, 46 areas of competence.')
    await screenshot(page, 'framework')
  })

  it('links every area code to its own page', async () => {
    page = await newPage(browser, app.baseUrl)
    await page.goto('/framework')
    const hrefs = await page.locator('.area__code').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(hrefs).toEqual(allAreaCodes.map((code) => `/framework/${encodeURIComponent(code)}`))
  })

  it('narrows to the Scientific domain as you type “uncertainties”', async () => {
    page = await newPage(browser, app.baseUrl)
    await page.goto('/framework')
    await waitForHydration(page, 'input[name="q"]')

    const filter = page.getByLabel('Filter by code or words')
    await filter.pressSequentially('uncertainties')

    await page.waitForURL((url) => url.pathname === '/framework' && url.search === '?q=uncertainties')
    await expect.poll(() => page.locator('section.domain').count()).toBe(1)
    const domain = page.locator('section.domain')
    await domain.waitFor({ state: 'visible' })
    expect(await domain.getByRole('heading', { level: 2 }).textContent()).toContain('Scientific')
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^1 domain, /)
    expect(await filter.inputValue()).toBe('uncertainties')
    expect(await domain.locator('.competencies li').allTextContents()).toEqual([
      'Understand uncertainties in measurements and include this in the presentation and review of data.',
    ])
    await screenshot(page, 'framework-filtered')

    // Clearing the box shows everything again and drops ?q= from the address.
    await filter.fill('')
    await page.waitForURL((url) => url.pathname === '/framework' && url.search === '')
    await expect.poll(() => page.locator('section.domain').count()).toBe(7)
    expect(pageProblems(page)).toEqual([])
  })

  it('renders the narrowed result on the server for /framework?q=uncertainties', async () => {
    // Without JavaScript, so what is seen is the server's HTML.
    page = await newPage(browser, app.baseUrl, { javaScriptEnabled: false })
    const response = await page.goto('/framework?q=uncertainties')
    expect(response?.status()).toBe(200)
    const domains = page.locator('section.domain')
    expect(await domains.count()).toBe(1)
    expect(await domains.first().isVisible()).toBe(true)
    expect(await domains.getByRole('heading', { level: 2 }).textContent()).toContain('Scientific')
    expect(await page.getByRole('status').textContent()).toMatch(/^1 domain, /)
    expect(await page.getByLabel('Filter by code or words').inputValue()).toBe('uncertainties')
  })

  it('renders the same narrowed result when loaded directly with JavaScript on', async () => {
    page = await newPage(browser, app.baseUrl)
    await page.goto('/framework?q=uncertainties')
    await waitForHydration(page, 'input[name="q"]')
    expect(await page.locator('section.domain').count()).toBe(1)
    expect(await page.locator('section.domain h2').textContent()).toContain('Scientific')
    expect(await page.getByRole('status').textContent()).toMatch(/^1 domain, /)
    expect(pageProblems(page)).toEqual([])
  })

  it('reaches “Skip to content” with the first Tab', async () => {
    page = await newPage(browser, app.baseUrl)
    await page.goto('/framework')
    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Skip to content' })
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await skipLink.isVisible()).toBe(true)

    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
  })
})

describe('an area of competence page', () => {
  it('shows Prof11', async () => {
    page = await newPage(browser, app.baseUrl)
    const response = await page.goto('/framework/Prof11')
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Prof11')
    expect(await page.locator('.area-statement').textContent()).toMatch(
      /^Work within the structure and organisation of the local service/,
    )
    await screenshot(page, 'area-Prof11')
  })

  it('shows R&D2 at /framework/R%26D2', async () => {
    page = await newPage(browser, app.baseUrl)
    const response = await page.goto('/framework/R%26D2')
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('R&D2')
    expect(await page.locator('.area-statement').textContent()).toBe(
      'Develop the aims and objectives associated with a project.',
    )
  })

  it('redirects /framework/sci3 to /framework/Sci3', async () => {
    page = await newPage(browser, app.baseUrl)
    const response = await page.goto('/framework/sci3')
    expect(new URL(page.url()).pathname).toBe('/framework/Sci3')
    expect(response?.status()).toBe(200)
    expect(
      await response
        ?.request()
        .redirectedFrom()
        ?.response()
        .then((r) => r?.status()),
    ).toBe(301)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sci3')
  })

  it('answers 404 for an unknown code', async () => {
    page = await newPage(browser, app.baseUrl)
    const response = await page.goto('/framework/Nope1')
    expect(response?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    expect(await page.getByRole('alert').textContent()).toContain('Nope1')
  })
})

describe('the home page', () => {
  it('has one h1 and leads to the framework', async () => {
    page = await newPage(browser, app.baseUrl)
    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1)
    expect(await page.locator('a[href="/framework"]').count()).toBeGreaterThan(0)
    await screenshot(page, 'home')

    await waitForHydration(page)
    await page.getByRole('link', { name: 'Explore the framework' }).click()
    await page.waitForURL('**/framework')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('The competence framework')
    await expect.poll(() => page.locator('.area__code').count()).toBe(46)
    expect(pageProblems(page)).toEqual([])
  })
})
