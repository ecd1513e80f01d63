/**
 * Cross-site scripting: classic payloads put through every text and Markdown
 * field a trainee controls (evidence title, description, reflection, claim
 * statements, comments, their name, an invitation note) and then opened in
 * Chromium on every page that shows them, to trainee and mentor alike (a
 * submitted portfolio's summary, its assessor link and its export too). After
 * each page hydrates, every link inside rendered Markdown is clicked. No
 * payload may run: `window.__xss` stays undefined and no dialog opens.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { unzipSync } from 'fflate'
import type Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../db/client'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { addComment, signDeclaration } from '../../app/models/review.server'
import { setSummaryStatement } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import { getUserById } from '../../app/models/user.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import {
  acceptInvitation,
  createEvidence,
  createInvitation,
  HttpVisitor,
  newPage,
  type RunningApp,
  SESSION_COOKIE,
  signUpMentor,
  signUpTrainee,
  useApp,
  waitForHydration,
} from './harness'
import { scaled, TIMEOUTS } from './timeouts'

/** Each payload, if it ever runs, sets window.__xss to its own number. */
const set = (n: number) => `window.__xss='${n}'`
const PAYLOADS: string[] = [
  `<script>${set(1)}</script>`,
  `<img src=x onerror="${set(2)}">`,
  `<svg onload="${set(3)}"></svg>`,
  `[click me](javascript:${set(4)})`,
  `<javascript:${set(5)}>`,
  `"><script>${set(6)}</script>`,
  `</textarea><script>${set(7)}</script>`,
  `&lt;script&gt;${set(8)}&lt;/script&gt; &#60;img src=x onerror=${set(8)}&#62;`,
  `<iframe srcdoc="<script>parent.${set(9)}</script>"></iframe>`,
  `[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9JzEwJzwvc2NyaXB0Pg==)`,
  `<div style="width:expression(${set(11)})">styled</div>`,
  `![img](x" onerror="${set(12)})`,
  `\\u003cscript\\u003e${set(13)}\\u003c/script\\u003e`,
  `[entity link](&#106;avascript:${set(14)})`,
  `[tab link](java\tscript:${set(15)})`,
  `<a href="javascript:${set(16)}">raw link</a>`,
  `[ref link][r16]\n\n[r16]: javascript:${set(17)}`,
  `<details open ontoggle="${set(18)}">x</details>`,
  `<body onload="${set(19)}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${set(20)}">`,
  `[upper link](JAVASCRIPT:${set(21)})`,
  `<object data="javascript:${set(22)}"></object>`,
  `'-alert(23)-'</title><script>${set(23)}</script>`,
  `[vb](vbscript:${set(24)}) [data2](data:text/html,<script>${set(24)}</script>)`,
  `<input autofocus onfocus="${set(25)}"> {{constructor.constructor('${set(25)}')()}}`,
]

/** Payloads short enough for a name (100 characters) or an invitation note (200). */
const NAME_PAYLOADS = [
  `<img src=x onerror="${set(101)}">`,
  `"><script>${set(102)}</script>`,
  `<svg onload=${set(103)}>`,
]
const NOTE_PAYLOADS = [
  `</textarea><script>${set(201)}</script>`,
  `<img src=x onerror=${set(202)}>`,
  `[note](javascript:${set(203)})`,
]

let app: RunningApp
let browser: Browser
let db: Database.Database
const contexts: BrowserContext[] = []

interface Person {
  id: number
  visitor: HttpVisitor
  page: Page
  dialogs: string[]
}

let mentor: Person
const trainees: (Person & { itemIds: number[] })[] = []

const userId = (email: string) => (db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id

async function browserFor(visitor: HttpVisitor): Promise<{ page: Page; dialogs: string[] }> {
  const page = await newPage(browser, app.baseUrl)
  contexts.push(page.context())
  const token = visitor.sessionToken
  if (!token) throw new Error('The visitor is not signed in')
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => {})
  })
  return { page, dialogs }
}

async function post(visitor: HttpVisitor, url: string, form: Record<string, string>) {
  const answer = await visitor.post(url, form)
  expect(answer.status, `${url} ${JSON.stringify(form).slice(0, 200)}\n${answer.body.slice(0, 500)}`).toBeLessThan(400)
  return answer
}

/**
 * Lets the page run what a load or a click queued (script, timers set to 0, a frame), by the page's own event
 * loop rather than a fixed wait; a navigation the click started ends the wait early, which is as good.
 */
async function settled(page: Page): Promise<void> {
  await page
    .evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
    .catch(() => undefined)
}

/** Opens `url`, waits for hydration, clicks every link in rendered Markdown, and checks nothing ran. */
async function visit(person: Person, url: string, label: string): Promise<number> {
  const { page } = person
  const response = await page.goto(url)
  expect(response?.status(), `${label} ${url}`).toBe(200)
  await waitForHydration(page)
  await settled(page)
  const links = page.locator('.markdown a')
  const count = await links.count()
  for (let i = 0; i < count; i++) {
    const link = links.nth(i)
    const href = await link.getAttribute('href')
    // Clicking may navigate (e.g. to an external page): click, check, and come back.
    await link.click({ timeout: scaled(2000), noWaitAfter: true, modifiers: [] }).catch(() => {})
    await settled(page)
    const xss = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss).catch(() => undefined)
    expect(xss, `${label}: ${url}, after clicking the Markdown link ${href}`).toBeUndefined()
    if (new URL(page.url()).pathname !== new URL(url, app.baseUrl).pathname) {
      await page.goto(url)
      await waitForHydration(page)
    }
  }
  const xss = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)
  expect(xss, `${label}: ${url} ran payload ${xss}`).toBeUndefined()
  // No payload made it into a frame either.
  for (const frame of page.frames()) {
    const inFrame = await frame.evaluate(() => (window as unknown as { __xss?: string }).__xss).catch(() => undefined)
    expect(inFrame, `${label}: ${url}, frame ${frame.url()}`).toBeUndefined()
  }
  expect(person.dialogs, `${label}: ${url}`).toEqual([])
  return count
}

useApp((running) => ({ app, browser, db } = running))

beforeAll(async () => {
  const suffix = randomBytes(4).toString('hex')
  const mentorVisitor = new HttpVisitor(app.baseUrl)
  const mentorEmail = `mentor-${suffix}@example.test`

  for (const [i, name] of NAME_PAYLOADS.entries()) {
    const visitor = new HttpVisitor(app.baseUrl)
    const email = `trainee${i}-${suffix}@example.test`
    await signUpTrainee(visitor, {
      name,
      email,
      password: 'velvet thunder pocket lighthouse',
      employer: PAYLOADS[i]!.slice(0, 200),
    })
    const invitation = await createInvitation(visitor, NOTE_PAYLOADS[i]!)
    // A second invitation stays open, so /settings/mentors lists its note.
    await createInvitation(visitor, NOTE_PAYLOADS[(i + 1) % NOTE_PAYLOADS.length]!)
    if (i === 0) {
      await signUpMentor(mentorVisitor, invitation, {
        name: 'Dr Tomasz Achebe-Lindgren',
        email: mentorEmail,
        password: 'correct horse battery staple',
      })
    } else {
      await acceptInvitation(mentorVisitor, invitation)
    }
    const { page, dialogs } = await browserFor(visitor)
    trainees.push({ id: userId(email), visitor, page, dialogs, itemIds: [] })
  }
  const mentorBrowser = await browserFor(mentorVisitor)
  mentor = { id: userId(mentorEmail), visitor: mentorVisitor, ...mentorBrowser }

  // The first trainee logs one item per payload (the payload is its title, and
  // runs through every other field), plus one item with every payload at once.
  const trainee = trainees[0]!
  for (const [i, payload] of PAYLOADS.entries()) {
    trainee.itemIds.push(
      await createEvidence(trainee.visitor, {
        title: payload.slice(0, 200),
        activityStart: '2024-03-01',
        evidenceType: 'audit',
        role: 'led',
        description: `Description ${i}: ${payload}`,
        reflection: `Reflection ${i}: ${payload}`,
        claims: [{ area: 'Sci1', statement: `I audited this myself: ${payload}` }],
      }),
    )
  }
  const all = PAYLOADS.join('\n\n')
  trainee.itemIds.push(
    await createEvidence(trainee.visitor, {
      title: 'Every payload at once',
      activityStart: '2024-04-01',
      evidenceType: 'audit',
      role: 'led',
      description: all,
      reflection: all,
      claims: [
        { area: 'Sci1', statement: PAYLOADS.slice(0, 12).join('\n') },
        { area: 'Sci2', statement: PAYLOADS.slice(12).join('\n') },
      ],
    }),
  )
  const [firstId, allId] = [trainee.itemIds[0]!, trainee.itemIds.at(-1)!]
  for (const id of [firstId, allId]) {
    // Comments from both sides (each notifies the other), then the item goes for review.
    await post(trainee.visitor, `/evidence/${id}`, { intent: 'comment', body: all })
    await post(mentor.visitor, `/evidence/${id}`, { intent: 'comment', body: PAYLOADS.slice().reverse().join('\n\n') })
    await post(trainee.visitor, `/evidence/${id}`, { intent: 'send' })
  }
  const status = db.prepare('SELECT status FROM evidence_items WHERE id = ?')
  for (const id of [firstId, allId])
    expect((status.get(id) as { status: string } | undefined)?.status).toBe('awaiting_review')
}, scaled(180_000))

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()))
})

describe('no payload runs', () => {
  it(
    'on the trainee’s pages',
    async () => {
      const trainee = trainees[0]!
      const [firstId, allId] = [trainee.itemIds[0]!, trainee.itemIds.at(-1)!]
      let linksClicked = 0
      for (const id of trainee.itemIds) linksClicked += await visit(trainee, `/evidence/${id}`, 'trainee item page')
      for (const url of [
        `/evidence/${firstId}/edit`,
        `/evidence/${allId}/edit`,
        '/evidence',
        '/coverage',
        '/dashboard',
        '/notifications',
        '/settings/mentors',
      ]) {
        linksClicked += await visit(trainee, url, 'trainee')
      }
      for (const other of trainees.slice(1)) {
        for (const url of ['/dashboard', '/settings/mentors']) await visit(other, url, 'another trainee')
      }
      // The Markdown links ([x](javascript:…) and friends) were there to click.
      expect(linksClicked).toBeGreaterThan(0)
    },
    TIMEOUTS.long,
  )

  it(
    'on the mentor’s pages',
    async () => {
      const trainee = trainees[0]!
      const [firstId, allId] = [trainee.itemIds[0]!, trainee.itemIds.at(-1)!]
      const urls = ['/mentor', '/mentor/reviews', '/notifications', ...trainees.map((t) => `/mentor/trainees/${t.id}`)]
      for (const id of [firstId, allId]) urls.push(`/evidence/${id}`, `/mentor/reviews/${id}`)
      for (const url of urls) await visit(mentor, url, 'mentor')
    },
    TIMEOUTS.long,
  )

  it(
    'on a submission’s summary, for the trainee, the mentor and through an assessor link, and in its export',
    async () => {
      const trainee = trainees[0]!
      // Complete the portfolio around the payload items, with a statement and a comment for the assessor full of payloads.
      const models = openDatabase(path.join(app.dataDir, 'attain.db'))
      let submissionId: number
      try {
        const now = new Date()
        await buildReadyPortfolio(models, {
          items: 10,
          dataDir: app.dataDir,
          trainee: getUserById(models, trainee.id)!,
          mentor: getUserById(models, mentor.id)!,
          sign: false,
          now,
        })
        setSummaryStatement(models, trainee.id, PAYLOADS.join('\n\n'), now)
        addComment(
          models,
          { evidenceId: trainee.itemIds.at(-1)!, authorId: mentor.id, body: PAYLOADS.join('\n\n'), forAssessor: true },
          now,
        )
        signDeclaration(models, mentor.id, trainee.id, MENTOR_DECLARATION.text, now)
        const outcome = createSubmission(models, trainee.id, now)
        if (!outcome.ok) throw new Error(`not submitted: ${JSON.stringify(outcome)}`)
        submissionId = outcome.id
      } finally {
        closeDatabase(models)
      }
      let linksClicked = await visit(trainee, `/submissions/${submissionId}`, 'trainee summary')
      linksClicked += await visit(mentor, `/submissions/${submissionId}`, 'mentor summary')
      const shared = await post(trainee.visitor, `/submissions/${submissionId}/sharing`, {
        intent: 'create',
        recipient: PAYLOADS[1]!,
        expiresOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      })
      const link = /data-testid="assessor-link"[^>]*>([^<]+)</.exec(shared.body)?.[1]?.trim()
      expect(link).toBeTruthy()
      linksClicked += await visit(trainee, new URL(link!).pathname, 'assessor link')
      await visit(trainee, `/submissions/${submissionId}/sharing`, 'sharing page')
      expect(linksClicked).toBeGreaterThan(0)

      // The standalone summary.html in the export: no script, no javascript: link.
      const response = await fetch(new URL(`/submissions/${submissionId}/export.zip`, app.baseUrl), {
        headers: { Cookie: trainee.visitor.cookieHeader() },
      })
      expect(response.status).toBe(200)
      const entries = unzipSync(new Uint8Array(await response.arrayBuffer()))
      const htmlName = Object.keys(entries).find((name) => name.endsWith('/summary.html'))!
      const html = new TextDecoder().decode(entries[htmlName])
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i)
      expect(html).not.toMatch(/<(img|svg|iframe|object|details|input|body)[^>]*\son\w+=/i)
    },
    TIMEOUTS.long,
  )

  it('renders javascript: Markdown links without a javascript: href', async () => {
    const trainee = trainees[0]!
    const page = trainee.page
    await page.goto(`/evidence/${trainee.itemIds.at(-1)!}`)
    await waitForHydration(page)
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    // eslint-disable-next-line no-control-regex -- browsers ignore control characters in a URL scheme, so the test strips them too
    const ignoredInScheme = /[\s\u0000-\u001f]/g
    for (const href of hrefs)
      expect(href.replace(ignoredInScheme, '').toLowerCase(), href).not.toMatch(/^(javascript|vbscript|data):/)
    expect(
      await page
        .locator('.markdown script, .markdown iframe, .markdown object, .markdown [onerror], .markdown [onload]')
        .count(),
    ).toBe(0)
  })
})
