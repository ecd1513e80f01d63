/**
 * Response headers and defences against other sites, over HTTP against the
 * production server, plus one look in the browser that the content security
 * policy lets the app run.
 */
import { randomBytes } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HttpVisitor,
  launchBrowser,
  newPage,
  pageProblems,
  type RunningApp,
  signIn,
  signUpTrainee,
  startApp,
  waitForHydration,
} from './harness'

const EVIL = 'http://evil.example'

const trainee = {
  name: 'Wilhelmina Crabtree',
  email: 'w.crabtree@example.test',
  password: 'correct horse battery staple',
}

let app: RunningApp

beforeAll(async () => {
  app = await startApp()
  await signUpTrainee(new HttpVisitor(app.baseUrl), trainee)
})

afterAll(async () => {
  if (!app) return
  const code = await app.stop()
  expect(code, app.output()).toBe(0)
})

/** The policy's directives by name: `script-src` → [`'self'`, `'nonce-…'`]. */
function directives(policy: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name.toLowerCase(), values)
  }
  return map
}

function nonceOf(policy: string | null): string | undefined {
  const source = directives(policy)
    .get('script-src')
    ?.find((v) => v.startsWith("'nonce-"))
  return source?.slice("'nonce-".length, -1)
}

async function firstAsset(): Promise<string> {
  const html = await (await fetch(`${app.baseUrl}/`)).text()
  const asset = /(?:href|src)="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
  expect(asset, 'a script under /assets/ referenced from /').toBeDefined()
  return asset!
}

describe('security headers', () => {
  const kinds = [
    ['a document', '/', 200],
    ['a single-fetch .data response', '/framework.data', 200],
    ['an asset', 'asset', 200],
    ['the health check', '/healthz', 200],
    ['a 404 page', '/no-such-page', 404],
    ['a 404 .data response', '/no-such-page.data', 404],
  ] as const

  it.each(kinds)('are on %s (%s)', async (_kind, url, status) => {
    const target = url === 'asset' ? await firstAsset() : url
    const response = await fetch(`${app.baseUrl}${target}`)
    await response.body?.cancel()
    expect(response.status).toBe(status)

    const policy = response.headers.get('content-security-policy')
    const d = directives(policy)
    expect(d.get('default-src'), policy ?? 'no policy').toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'none'"])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    expect(d.get('script-src')).toContain("'self'")
    expect(d.get('script-src')?.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(nonceOf(policy)).toMatch(/^[A-Za-z0-9+/]{22}==$/)

    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
  })

  it('use a new nonce for every response', async () => {
    const nonces = new Set<string | undefined>()
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${app.baseUrl}/`)
      await response.body?.cancel()
      nonces.add(nonceOf(response.headers.get('content-security-policy')))
    }
    expect(nonces.size).toBe(3)
  })

  it.each(['/', '/framework', '/login'])('give every script tag in %s the nonce of its policy', async (url) => {
    const response = await fetch(`${app.baseUrl}${url}`)
    const nonce = nonceOf(response.headers.get('content-security-policy'))
    const html = await response.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!)
    const inline = scripts.filter((attributes) => !/\ssrc=/.test(attributes))
    expect(inline.length, 'Remix renders inline scripts for hydration').toBeGreaterThan(0)
    for (const attributes of scripts) {
      expect(/\snonce="([^"]*)"/.exec(attributes)?.[1], `<script${attributes}>`).toBe(nonce)
    }
    // No event-handler attributes, which no nonce can allow.
    expect(html).not.toMatch(/<[^>]+\son[a-z]+="/i)
  })
})

describe('cross-site requests', () => {
  const badLogin = { email: trainee.email, password: 'not the password at all' }

  it('refuses a POST from another origin', async () => {
    const answer = await new HttpVisitor(app.baseUrl).post('/login', badLogin, { headers: { Origin: EVIL } })
    expect(answer.status).toBe(403)
    expect(answer.body).toBe('Cross-site request refused.')
  })

  it.each(['cross-site', 'same-site'])('refuses a POST the browser marks Sec-Fetch-Site: %s', async (site) => {
    const answer = await new HttpVisitor(app.baseUrl).post('/login', badLogin, {
      omitOrigin: true,
      headers: { 'Sec-Fetch-Site': site },
    })
    expect(answer.status).toBe(403)
  })

  it('refuses `Origin: null` (a sandboxed or privacy-stripped form)', async () => {
    const answer = await new HttpVisitor(app.baseUrl).post('/login', badLogin, { headers: { Origin: 'null' } })
    expect(answer.status).toBe(403)
  })

  it.each([
    ['a foreign Referer', { Referer: `${EVIL}/forged.html` }],
    ['this site’s Referer', {}],
    ['nothing at all', {}],
  ])('refuses a POST with neither Origin nor Sec-Fetch-Site, with %s, and changes nothing', async (label, headers) => {
    const visitor = new HttpVisitor(app.baseUrl)
    expect((await signIn(visitor, trainee.email, trainee.password)).location).toBe('/dashboard')
    const referer = label === 'this site’s Referer' ? { Referer: `${app.baseUrl}/settings` } : headers
    const refused = await visitor.post(
      '/settings',
      {
        name: 'Forged Name Of Someone Else',
        specialism: 'radiotherapy-physics',
        employer: '',
        targetSubmissionDate: '',
      },
      { omitOrigin: true, headers: referer },
    )
    expect(refused.status).toBe(403)
    expect(refused.body).toBe('Cross-site request refused.')
    const settings = await visitor.get('/settings')
    expect(settings.body).not.toContain('Forged Name Of Someone Else')
  })

  it('refuses a POST whose Origin is right but which the browser marks cross-site', async () => {
    const answer = await new HttpVisitor(app.baseUrl).post('/login', badLogin, {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(answer.status).toBe(403)
  })

  it('lets a POST through on Sec-Fetch-Site: same-origin alone (a browser that leaves Origin out)', async () => {
    const answer = await new HttpVisitor(app.baseUrl).post('/login', badLogin, {
      omitOrigin: true,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toContain('The email address or password is not right.')
  })

  it('lets a same-origin POST through to the form', async () => {
    const answer = await new HttpVisitor(app.baseUrl).post('/login', badLogin, {
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toContain('The email address or password is not right.')
  })

  it('does not let another site sign a user out', async () => {
    const visitor = new HttpVisitor(app.baseUrl)
    expect((await signIn(visitor, trainee.email, trainee.password)).location).toBe('/dashboard')

    const refused = await visitor.post('/logout', {}, { headers: { Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' } })
    expect(refused.status).toBe(403)
    expect(refused.headers.getSetCookie()).toEqual([])

    const dashboard = await visitor.get('/dashboard')
    expect(dashboard.status).toBe(200)
    expect(dashboard.body).toContain('Your portfolio')
  })
})

describe('where signing in leads', () => {
  it.each([
    ['https://evil.example/x', '/dashboard'],
    ['//evil.example', '/dashboard'],
    ['/\\evil.example', '/dashboard'],
    ['javascript:alert(1)', '/dashboard'],
    ['', '/dashboard'],
    ['/settings', '/settings'],
    ['/framework/Sci3?q=x#top', '/framework/Sci3?q=x#top'],
  ])('redirectTo=%s → %s', async (redirectTo, location) => {
    const answer = await signIn(new HttpVisitor(app.baseUrl), trainee.email, trainee.password, redirectTo)
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(location)
  })
})

describe('malformed session cookies', () => {
  const cookies = [
    ['percent signs', 'attain_session=%%%'],
    ['5000 characters', `attain_session=${'a'.repeat(5000)}`],
    ['43 random characters nobody issued', `attain_session=${randomBytes(32).toString('base64url')}`],
    ['two session cookies', `attain_session=x; attain_session=${randomBytes(32).toString('base64url')}`],
    ['no equals sign', 'attain_session'],
    ['a __Host- cookie over http', `__Host-attain_session=${randomBytes(32).toString('base64url')}`],
  ] as const

  it.each(cookies)('with %s: pages answer normally', async (_label, cookie) => {
    for (const [url, status, location] of [
      ['/', 200, null],
      ['/framework', 200, null],
      ['/login', 200, null],
      ['/dashboard', 302, '/login?redirectTo=%2Fdashboard'],
      ['/dashboard.data', 202, '/login?redirectTo=%2Fdashboard'],
    ] as const) {
      const response = await fetch(`${app.baseUrl}${url}`, { headers: { Cookie: cookie }, redirect: 'manual' })
      const body = await response.text()
      expect(response.status, `${url}: ${body.slice(0, 300)}`).toBe(status)
      expect(response.headers.get('location')).toBe(location)
    }
    const login = await fetch(`${app.baseUrl}/login`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: app.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: trainee.email, password: trainee.password }),
      redirect: 'manual',
    })
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).toBe('/dashboard')
    expect(app.output()).not.toMatch(/TypeError|RangeError|URIError/)
  })
})

describe('throttling sign-in', () => {
  // A server of its own: failures count per address as well, and every request here comes from 127.0.0.1.
  let throttled: RunningApp

  beforeAll(async () => {
    throttled = await startApp()
    await signUpTrainee(new HttpVisitor(throttled.baseUrl), trainee)
  })

  afterAll(async () => {
    await throttled?.stop()
  })

  it('slows down guessing after five wrong passwords, for the right password too', async () => {
    const visitor = new HttpVisitor(throttled.baseUrl)
    const statuses: number[] = []
    let last = ''
    for (let attempt = 1; attempt <= 6; attempt++) {
      const answer = await signIn(visitor, trainee.email, `wrong guess number ${attempt}`)
      statuses.push(answer.status)
      last = answer.body
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429])
    expect(last).toContain('Too many unsuccessful attempts')
    expect(last).toMatch(/wait \d+ seconds? before trying again/)

    // The right password waits too, or guessing would only need patience…
    const right = await signIn(visitor, trainee.email, trainee.password)
    expect(right.status).toBe(429)
    expect(right.body).toContain('Too many unsuccessful attempts')
    expect(right.headers.getSetCookie()).toEqual([])

    // …but the wait is a matter of seconds, not a lock: the message gives a time under a minute.
    const seconds = Number(/wait (\d+) seconds?/.exec(right.body)?.[1])
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThanOrEqual(30)
  })
})

describe('the content security policy in the browser', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('lets /framework load and hydrate without a violation', async () => {
    const page = await newPage(browser, app.baseUrl)
    try {
      const cspMessages: string[] = []
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) cspMessages.push(message.text())
      })
      await page.addInitScript(() => {
        const seen: string[] = []
        ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.violatedDirective}: ${event.blockedURI}`)
        })
      })

      const response = await page.goto('/framework')
      expect(response?.status()).toBe(200)
      await waitForHydration(page, 'input[name="q"]')

      // Hydrated: the filter narrows the list on the client. (One input event: see the framework tests for typing.)
      await page.getByLabel('Filter by code or words').fill('uncertainties')
      await page.waitForURL((url) => url.search === '?q=uncertainties')
      await expect.poll(() => page.locator('section.domain').count()).toBe(1)

      // And a client-side navigation, which loads route modules and `.data`.
      await page.getByLabel('Filter by code or words').fill('Sci3')
      await page.waitForURL((url) => url.search === '?q=Sci3')
      await page.getByRole('link', { name: 'Sci3', exact: true }).click()
      await page.waitForURL((url) => url.pathname === '/framework/Sci3')
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sci3')

      expect(cspMessages).toEqual([])
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual(
        [],
      )
      expect(pageProblems(page)).toEqual([])
    } finally {
      await page.context().close()
    }
  })
})
