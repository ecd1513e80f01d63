/**
 * The experience and training record in the browser: a new trainee finds the record from the dashboard, reads
 * what to add and why, adds a post (first with an end date before its start, which is refused at the field with
 * what was typed kept), a qualification and an IPEM membership, sees their experience counted, and finds the
 * record as the page after the cover of their preview PDF.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { HttpVisitor, newPage, type RunningApp, SESSION_COOKIE, signUpTrainee, story, useApp } from './harness'

let app: RunningApp
let browser: Browser
let db: Database.Database
let page: Page
let visitor: HttpVisitor
let traineeId: number

useApp((running) => ({ app, browser, db } = running))
const step = story(() => ({ trainee: page }))

/** `years` years and `days` days before today, as YYYY-MM-DD. */
const yearsAgo = (years: number, days = 0) => {
  const d = new Date()
  d.setUTCFullYear(d.getUTCFullYear() - years)
  return new Date(d.getTime() - days * 86_400_000).toISOString().slice(0, 10)
}

step('a new trainee finds the record from the dashboard, and is told what to add and why', async () => {
  visitor = new HttpVisitor(app.baseUrl)
  const email = `record-${randomBytes(4).toString('hex')}@example.test`
  await signUpTrainee(visitor, {
    name: 'Rowan Ellery',
    email,
    password: 'correct horse battery staple',
    employer: 'Northshire Teaching Hospitals NHS Trust',
  })
  traineeId = (db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id
  page = await newPage(browser, app.baseUrl)
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value: visitor.sessionToken!, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ])
  await page.goto(`${app.baseUrl}/dashboard`)
  await page.getByRole('link', { name: 'Add your posts and qualifications' }).click()
  await page.waitForURL((url) => url.pathname === '/record')
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Experience and training' }).count()).toBe(1)
  expect(await page.getByRole('heading', { name: 'Nothing on your record yet' }).count()).toBe(1)
  expect(await page.getByText(/IPEM expects at least 4 years of relevant postgraduate experience/).count()).toBe(1)
  // The main navigation leads here too.
  expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Record' }).count()).toBe(1)
})

step('an end date before the start is refused at the field, keeping what was typed', async () => {
  const form = page.locator('#post-form')
  await form.getByLabel('Employer', { exact: true }).fill('Northshire Teaching Hospitals NHS Trust')
  await form.getByLabel('Job title', { exact: true }).fill('Trainee Clinical Scientist')
  await form.getByLabel('Band (optional)').fill('Band 6')
  await form.getByLabel('Start date', { exact: true }).fill(yearsAgo(5))
  await form.getByLabel('End date', { exact: true }).fill(yearsAgo(6))
  await form.getByLabel('Supervised by (optional)').fill('Dr Daniel Okafor, Consultant Clinical Scientist')
  await form.getByRole('button', { name: 'Add the post' }).click()
  const end = page.locator('#post-form').getByLabel('End date', { exact: true })
  await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true')
  expect(await page.locator('#post-end-error').textContent()).toBe('The end date is before the start date')
  expect(await page.locator('#post-form').getByLabel('Employer', { exact: true }).inputValue()).toBe(
    'Northshire Teaching Hospitals NHS Trust',
  )
  expect(await page.locator('#post-form').getByLabel('Start date', { exact: true }).inputValue()).toBe(yearsAgo(5))
  expect(db.prepare('SELECT count(*) AS n FROM record_posts WHERE trainee_id = ?').get(traineeId)).toEqual({ n: 0 })
})

step('the post is saved once its end is left empty, and counted', async () => {
  const form = page.locator('#post-form')
  await form.getByLabel('End date', { exact: true }).fill('')
  await form.getByRole('button', { name: 'Add the post' }).click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Post saved.' }).count()).toBe(1)
  const posts = page.getByRole('region', { name: 'Posts' })
  expect(await posts.getByText('Trainee Clinical Scientist', { exact: true }).count()).toBe(1)
  expect(await page.getByText(/^5 years whole-time equivalent/).count()).toBe(1)
})

step('a qualification and an IPEM membership are added', async () => {
  const qualification = page.locator('#qualification-form')
  await qualification.getByLabel('Kind').selectOption('msc')
  await qualification.getByLabel('Title').fill('MSc Medical Physics')
  await qualification.getByLabel('University or provider (optional)').fill('University of Northshire')
  await qualification.getByLabel('Completed').fill(yearsAgo(1))
  await qualification.getByRole('button', { name: 'Add the qualification' }).click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Qualification saved.' }).count()).toBe(1)

  const membership = page.locator('#membership-form')
  await membership.getByLabel('Body').fill('IPEM')
  await membership.getByLabel('Grade (optional)').fill('Associate Member')
  await membership.getByLabel('Membership number (optional)').fill('40219')
  await membership.getByRole('button', { name: 'Add the membership' }).click()
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Registration or membership saved.' }).count())
    .toBe(1)
  expect(await page.getByRole('region', { name: 'Registrations and memberships' }).getByText('40219').count()).toBe(1)
})

step('the record is the page after the cover of the preview PDF', async () => {
  const response = await fetch(`${app.baseUrl}/portfolios/${traineeId}/preview.pdf`, {
    headers: { Cookie: visitor.cookieHeader() },
  })
  expect(response.status).toBe(200)
  const dir = mkdtempSync(path.join(tmpdir(), 'attain-record-'))
  try {
    const file = path.join(dir, 'preview.pdf')
    writeFileSync(file, Buffer.from(await response.arrayBuffer()))
    // Lines wrap where the page is narrow: compare with white space made single spaces.
    const second = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    )
    expect(second).toContain('Experience and training')
    expect(second).toMatch(/5 years of postgraduate experience/)
    expect(second).toContain('Trainee Clinical Scientist, Band 6')
    expect(second).toContain('supervised by Dr Daniel Okafor, Consultant Clinical Scientist')
    expect(second).toContain('MSc Medical Physics')
    expect(second).toContain('IPEM, Associate Member')
    expect(second).toContain('Number 40219')
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    )
    expect(first).toContain('Portfolio for registration as a Clinical Scientist')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
