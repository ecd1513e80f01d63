/**
 * The browser tests' harness: everything in harness-core.ts, plus the helpers that hook into vitest
 * (a story's steps, the app and browser for a whole file, fresh pages per test).
 */
import type Database from 'better-sqlite3'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it, type TestContext } from 'vitest'
import { launchBrowser, newPage, openAppDatabase, pageProblems, type RunningApp, startApp } from './harness-core'

import { TIMEOUTS } from './timeouts'

export * from './harness-core'
export { scaled, TIME_SCALE, TIMEOUTS } from './timeouts'

/**
 * Steps of one story, run in order: once a step fails, the later ones are
 * skipped (they would start from the wrong place), and where each person's
 * browser was is printed to read the failure by. `pages` names the browsers
 * that exist so far.
 */
export function story(pages: () => Record<string, Page | undefined>) {
  let broken: string | undefined
  return function step(name: string, fn: () => Promise<void>, timeout = TIMEOUTS.step) {
    it(
      name,
      async (context: TestContext) => {
        if (broken) context.skip(`an earlier step failed: ${broken}`)
        try {
          await fn()
        } catch (error) {
          broken = name
          for (const [who, page] of Object.entries(pages())) {
            if (!page) continue
            const heading = await page
              .locator('h1')
              .first()
              .textContent({ timeout: 1000 })
              .catch(() => null)
            console.error(`${who}'s page: ${page.url()} (h1: ${heading})\n${pageProblems(page).join('\n')}`)
          }
          throw error
        }
      },
      timeout,
    )
  }
}

// ---------------------------------------------------------------------------
// The app and a browser for a whole test file.
// ---------------------------------------------------------------------------

export interface StartedApp {
  app: RunningApp
  browser: Browser
  /** The app's database, opened beside it. */
  db: Database.Database
}

/**
 * Starts the production server, a browser and a connection to the app's
 * database before the file's tests (handing them to `started`), and closes
 * them after, failing if the server does not exit cleanly.
 */
export function useApp(started: (running: StartedApp) => void, options: { env?: Record<string, string> } = {}): void {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let db: Database.Database | undefined
  beforeAll(async () => {
    app = await startApp(options)
    browser = await launchBrowser()
    db = openAppDatabase(app)
    started({ app, browser, db })
  }, TIMEOUTS.hook)
  afterAll(async () => {
    db?.close()
    await browser?.close()
    if (!app) return
    const code = await app.stop()
    expect(code, app.output()).toBe(0)
  })
}

/** Opens pages in fresh browser profiles of the running app, each closed after the test that opened it. */
export function usePages(
  running: () => { app: RunningApp; browser: Browser },
): (options?: BrowserContextOptions) => Promise<Page> {
  const contexts: BrowserContext[] = []
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
  })
  return async (options = {}) => {
    const { app, browser } = running()
    const page = await newPage(browser, app.baseUrl, options)
    contexts.push(page.context())
    return page
  }
}
