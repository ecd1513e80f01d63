/**
 * A round of multi-source feedback in the browser: a trainee asks six colleagues, five answer in signed-out
 * browsers (one after correcting a missed rating) and one declines; the trainee releases the combined results,
 * writes the reflection from them, claims Prof areas, and the item counts in /coverage.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  HttpVisitor,
  latestEmailTo,
  type RunningApp,
  realProblems,
  SESSION_COOKIE,
  screenshot,
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

const RELATIONSHIPS = ['clinician', 'radiographer', 'engineer', 'manager', 'administrator', 'scientist']
const QUESTIONS = 8

function feedbackPath(email: string): string {
  const path = /\/f\/[A-Za-z0-9_-]{43}/.exec(latestEmailTo(app.baseUrl, email).body)?.[0]
  if (!path) throw new Error(`No feedback link e-mailed to ${email}`)
  return path
}

/** A colleague answers in a browser that has never signed in. */
async function answerAsColleague(path: string, traineeName: string, n: number, { skipFirst = false } = {}) {
  const page = await freshPage()
  await page.goto(path)
  await waitForHydration(page, 'form')
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Feedback for ${traineeName}`)
  const groups = page.getByRole('group')
  for (let q = skipFirst ? 1 : 0; q < QUESTIONS; q++) {
    const group = groups.nth(q)
    if (q === 0) await group.getByRole('radio', { name: 'Not able to comment' }).check()
    else await group.getByRole('radio', { name: new RegExp(`^${1 + ((q + n) % 5)} — `) }).check()
  }
  await page.getByLabel('What does this trainee do well? (optional)').fill(`Strength from colleague ${n}`)
  await page.getByLabel('What could this trainee do to develop further? (optional)').fill(`Development idea ${n}`)
  await page.getByRole('button', { name: 'Send feedback' }).click()
  return page
}

describe('a round of multi-source feedback', () => {
  it('goes from asking colleagues to a reflection that counts in coverage', async () => {
    const name = 'Rhiannon Pritchard'
    const email = `rhiannon-${randomBytes(4).toString('hex')}@example.test`
    const visitor = new HttpVisitor(app.baseUrl)
    await signUpTrainee(visitor, { name, email, password: 'correct horse battery staple', employer: 'Velindre' })
    const page = await freshPage()
    await page
      .context()
      .addCookies([
        { name: SESSION_COOKIE, value: visitor.sessionToken!, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ])

    // Starting a round: the defaults are ticked; five colleagues are too few, and what was typed stays.
    await page.goto('/feedback')
    await expect.poll(() => page.getByRole('heading', { name: 'No feedback rounds yet' }).count()).toBe(1)
    await page.getByRole('link', { name: 'Ask colleagues for feedback' }).click()
    await waitForHydration(page, 'form')
    for (const code of ['Com2', 'Prof2', 'Prof4', 'Prof7'])
      expect(await page.getByRole('checkbox', { name: new RegExp(`^${code} `) }).isChecked()).toBe(true)
    const colleagues = RELATIONSHIPS.map((r, i) => `${r}.${i + 1}-${randomBytes(3).toString('hex')}@trust.example.test`)
    for (const [i, address] of colleagues.slice(0, 5).entries()) {
      const group = page.getByRole('group', { name: `Colleague ${i + 1}`, exact: true })
      await group.getByLabel('E-mail address').fill(address)
      await group.getByLabel('How they work with you').selectOption(RELATIONSHIPS[i]!)
    }
    await page.getByRole('button', { name: 'Send the requests' }).click()
    await expect.poll(() => page.getByText(/Ask between 6 and 15 colleagues \(you listed 5\)/).count()).toBe(1)
    expect(
      await page.getByRole('group', { name: 'Colleague 5', exact: true }).getByLabel('E-mail address').inputValue(),
    ).toBe(colleagues[4])
    expect(await page.getByRole('checkbox', { name: /^Prof7 / }).isChecked()).toBe(true)
    const sixth = page.getByRole('group', { name: 'Colleague 6', exact: true })
    await sixth.getByLabel('E-mail address').fill(colleagues[5]!)
    await sixth.getByLabel('How they work with you').selectOption('scientist')
    await page.getByRole('button', { name: 'Send the requests' }).click()
    await page.waitForURL(/\/feedback\/\d+\?started=1$/)
    const roundUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByText('Requests sent to 6 colleagues.').count()).toBe(1)
    expect(await page.getByRole('button', { name: /release the results/ }).count()).toBe(0)

    // Five colleagues answer, each signed out; the first misses a rating and is told at the question.
    const first = await answerAsColleague(feedbackPath(colleagues[0]!), name, 1, { skipFirst: true })
    await expect.poll(() => first.getByText('Choose a rating, or “Not able to comment”.').count()).toBe(1)
    expect(await first.getByLabel('What does this trainee do well? (optional)').inputValue()).toBe(
      'Strength from colleague 1',
    )
    await first.getByRole('group').first().getByRole('radio', { name: 'Not able to comment' }).check()
    await first.getByRole('button', { name: 'Send feedback' }).click()
    await expect.poll(() => first.getByRole('heading', { name: 'Thank you for your feedback' }).count()).toBe(1)
    expect(realProblems(first)).toEqual([])
    for (let n = 2; n <= 5; n++) {
      const colleague = await answerAsColleague(feedbackPath(colleagues[n - 1]!), name, n)
      await expect.poll(() => colleague.getByRole('heading', { name: 'Thank you for your feedback' }).count()).toBe(1)
    }
    // The sixth declines; opening the link again says it is closed.
    const decliner = await freshPage()
    await decliner.goto(feedbackPath(colleagues[5]!))
    await waitForHydration(decliner, 'form')
    await decliner.getByRole('button', { name: 'Decline to give feedback' }).click()
    await expect.poll(() => decliner.getByRole('heading', { name: 'You declined to give feedback' }).count()).toBe(1)
    // A used link, opened again.
    const reopened = await freshPage()
    const answer = await reopened.goto(feedbackPath(colleagues[1]!))
    expect(answer?.status()).toBe(410)
    await expect.poll(() => reopened.getByRole('heading', { name: 'Your feedback has been received' }).count()).toBe(1)

    // The trainee releases the results and reads them: counts and comments, no one's address.
    await page.goto(roundUrl)
    await waitForHydration(page)
    await expect.poll(() => page.getByText('5 answered').count()).toBe(1)
    await page.getByRole('button', { name: 'Close the round and release the results' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Results' }).count()).toBe(1)
    const results = page.locator('section[aria-labelledby="results-title"]')
    await expect.poll(() => results.getByRole('row').count()).toBe(QUESTIONS + 1)
    for (let n = 1; n <= 5; n++) expect(await results.getByText(`Strength from colleague ${n}`).count()).toBe(1)
    const resultsText = (await results.textContent()) ?? ''
    for (const address of colleagues) expect(resultsText).not.toContain(address)
    await screenshot(page, 'feedback-results')

    // The reflection: the evidence form starts from the round; the trainee keeps the Prof claims.
    await page.getByRole('link', { name: 'Write your reflection' }).click()
    await page.waitForURL(/\/evidence\/new\?feedback=\d+$/)
    await waitForHydration(page, 'form.evidence-form')
    expect(await page.getByLabel('Title').inputValue()).toMatch(/^Reflection on multi-source feedback/)
    for (const code of ['Com1', 'Com2', 'Com3'])
      await page.getByRole('checkbox', { name: new RegExp(`^${code} `) }).uncheck()
    await page
      .getByLabel('Reflection', { exact: true })
      .fill(
        'Colleagues rated my explanations well but said I am slow to say when a request will take longer. I will now give a time for every request I cannot answer the same day, and ask the radiographers in three months whether it helped.',
      )
    for (const code of ['Prof2', 'Prof4', 'Prof7'])
      await page
        .getByLabel(`How does this item demonstrate ${code}?`)
        .fill(
          `The feedback from colleagues across the team shows how I meet ${code}, and my reflection says what I will change.`,
        )
    await page.getByRole('button', { name: 'Save item' }).click()
    await page.waitForURL(/\/evidence\/\d+\?saved=1$/)
    await expect.poll(() => page.getByRole('heading', { name: 'Multi-source feedback reflected on' }).count()).toBe(1)
    expect(await page.locator('main').textContent()).toContain('Reflection on multi-source feedback')

    // The round now points at the reflection, and coverage counts it under the Prof areas.
    await page.goto(roundUrl)
    await expect.poll(() => page.getByRole('link', { name: 'Your reflection on this feedback' }).count()).toBe(1)
    await page.goto('/coverage')
    await waitForHydration(page)
    for (const code of ['Prof2', 'Prof4', 'Prof7'])
      await expect.poll(() => page.getByRole('link', { name: new RegExp(`^${code}, 1 item: `) }).count()).toBe(1)
    expect(await page.getByRole('link', { name: /^Com2, 0 items: / }).count()).toBe(1)
    expect(realProblems(page)).toEqual([])

    // The preview PDF prints the results with the reflection, and no colleague's address.
    const traineeId = (db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id
    const pdf = await page.request.get(`${app.baseUrl}/portfolios/${traineeId}/preview.pdf`)
    expect(pdf.status()).toBe(200)
    const dir = mkdtempSync(path.join(tmpdir(), 'attain-e2e-feedback-'))
    try {
      const file = path.join(dir, 'preview.pdf')
      writeFileSync(file, await pdf.body())
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      expect(text).toContain('Multi-source feedback reflected on')
      expect(text).toContain('Strength from colleague 3')
      for (const address of colleagues) expect(text).not.toContain(address)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    // The outbox holds the requests; nothing in the database ties an answer to an address.
    const { n } = db
      .prepare("SELECT count(*) AS n FROM email_outbox WHERE subject LIKE '%would value your feedback'")
      .get() as {
      n: number
    }
    expect(n).toBeGreaterThanOrEqual(6)
  })
})
