/**
 * Supervisors and External Advisers, and the weekly digest, in the browser: a trainee invites an External Adviser
 * beside their supervisor, coverage names who is who, a supervisor sees the weekly digest in the outbox, and the
 * External Adviser (not the supervisor) signs the declaration.
 */
import path from 'node:path'
import type Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, expect } from 'vitest'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { evidenceItems } from '../../db/schema'
import { createEvidence } from '../../app/models/evidence.server'
import { sendForReview } from '../../app/models/review.server'
import { getUserById } from '../../app/models/user.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import {
  HttpVisitor,
  type RunningApp,
  SESSION_COOKIE,
  createInvitation,
  insertSession,
  insertUser,
  newPage,
  signUpMentor,
  signUpTrainee,
  story,
  useApp,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser
let raw: Database.Database
let db: Db

// Digests go only when the admin sends them in this test, never on the server's own schedule.
useApp(
  (running) => {
    ;({ app, browser, db: raw } = running)
    db = openDatabase(path.join(app.dataDir, 'attain.db'))
  },
  { env: { DIGEST_SCHEDULE: 'off' } },
)
afterAll(() => {
  if (db) closeDatabase(db)
})

const PASSWORD = 'correct horse battery staple'
const TRAINEE = { name: 'Nadia Rahman', email: 'nadia.rahman@example.test', password: PASSWORD }
const SUPERVISOR = { name: 'Dr Olu Bankole', email: 'olu.bankole@example.test', password: PASSWORD }
const ADVISER = { name: 'Dr Ruth Ellis', email: 'ruth.ellis@example.test', password: PASSWORD }
const WAITING_TITLE = 'Audit of in-vivo dosimetry results'

const pages: Record<string, Page | undefined> = {}
const step = story(() => pages)
const ids = { trainee: 0, supervisor: 0, adviser: 0 }
const userId = (email: string) => (raw.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id

async function pageWithSession(token: string): Promise<Page> {
  const page = await newPage(browser, app.baseUrl)
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
  return page
}

step('a trainee has a supervisor and invites an External Adviser', async () => {
  const trainee = new HttpVisitor(app.baseUrl)
  await signUpTrainee(trainee, TRAINEE)
  await signUpMentor(new HttpVisitor(app.baseUrl), await createInvitation(trainee), SUPERVISOR)
  pages.trainee = await pageWithSession(trainee.sessionToken!)
  const page = pages.trainee
  await page.goto('/settings/mentors')
  await waitForHydration(page)
  await page.getByRole('radio', { name: 'IPEM External Adviser' }).check()
  await page.getByLabel('Who is it for? (optional)').fill('Dr Ellis')
  await page.getByRole('button', { name: 'Create invitation link' }).click()
  const link = page.getByTestId('invitation-link')
  await expect.poll(() => link.count()).toBe(1)
  expect(await page.getByRole('status').first().textContent()).toContain(
    'Send this link to your IPEM External Adviser.',
  )
  const adviser = new HttpVisitor(app.baseUrl)
  await signUpMentor(adviser, (await link.textContent())!.trim(), ADVISER)
  ids.trainee = userId(TRAINEE.email)
  ids.supervisor = userId(SUPERVISOR.email)
  ids.adviser = userId(ADVISER.email)
  pages.adviser = await pageWithSession(adviser.sessionToken!)
  pages.supervisor = await pageWithSession(insertSession(raw, ids.supervisor))

  await page.goto('/settings/mentors')
  const rows = page.getByRole('table', { name: 'Your mentors' }).getByRole('row')
  await expect.poll(() => rows.count()).toBe(3)
  expect(await rows.nth(1).textContent()).toContain('supervisor')
  expect(await rows.nth(2).textContent()).toContain('IPEM External Adviser')
})

step('coverage says who is who', async () => {
  const page = pages.trainee!
  await page.goto('/coverage')
  await waitForHydration(page)
  expect(await page.getByTestId('mentor-roles').textContent()).toBe(
    `Your mentors: ${SUPERVISOR.name}, supervisor; ${ADVISER.name}, IPEM External Adviser. The declaration is signed by your IPEM External Adviser.`,
  )
})

step('a supervisor sees the weekly digest in the outbox', async () => {
  const trainee = getUserById(db, ids.trainee)!
  await buildReadyPortfolio(db, { items: 12, trainee, mentor: getUserById(db, ids.supervisor)!, sign: false })
  // One more item, sent for review ten days ago and still waiting.
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000)
  const id = createEvidence(db, trainee.id, {
    title: WAITING_TITLE,
    activityStart: '2026-06-01',
    activityEnd: null,
    evidenceType: 'audit',
    role: 'led',
    description: 'I compared in-vivo diode readings with planned doses for a quarter.',
    reflection: '',
    claims: [
      {
        area: 'Clin2',
        statement: 'I analysed every reading and followed up each one out of tolerance.',
        competencies: [],
      },
    ],
  })
  sendForReview(db, trainee.id, [id], tenDaysAgo)
  db.update(evidenceItems).set({ reviewRequestedAt: tenDaysAgo.toISOString() }).where(eq(evidenceItems.id, id)).run()

  const adminId = await insertUser(raw, {
    name: 'Site Admin',
    email: 'admin@example.test',
    role: 'admin',
    password: PASSWORD,
    twoFactor: true,
  })
  const page = (pages.admin = await pageWithSession(insertSession(raw, adminId)))
  await page.goto('/admin/outbox')
  await waitForHydration(page)
  await page.getByRole('button', { name: 'Send this week’s digest now' }).click()
  const status = page.getByRole('status').filter({ hasText: 'Digest for' })
  await expect.poll(() => status.count()).toBe(1)
  expect(await status.textContent()).toMatch(/^Digest for \d{4}-W\d{2} sent: 2 to mentors, 1 to trainees\.$/)
  // Sent once: the button is gone for the rest of the week.
  await expect.poll(() => page.getByRole('button', { name: 'Send this week’s digest now' }).count()).toBe(0)

  // Among the supervisor's e-mails (the sign-up link came first), the digest.
  const row = page
    .getByRole('row')
    .filter({ hasText: SUPERVISOR.email })
    .filter({ hasText: 'Weekly digest: 1 item waiting more than a week for your review' })
  await expect.poll(() => row.count()).toBe(1)
  const subject = row.getByText('Weekly digest: 1 item waiting more than a week for your review')
  await subject.click()
  expect(await row.textContent()).toContain(`“${WAITING_TITLE}” from ${TRAINEE.name}: waiting 10 days`)

  // And in the app, among the supervisor's notifications.
  const supervisor = pages.supervisor!
  await supervisor.goto('/notifications')
  expect(
    await supervisor.getByText('Weekly digest: 1 item waiting more than a week for your review').count(),
  ).toBeGreaterThan(0)
})

step('the supervisor may not sign the declaration; the External Adviser signs it', async () => {
  // An item still waiting for review is no blocker: the portfolio is ready for a declaration.
  const supervisor = pages.supervisor!
  await supervisor.goto(`/mentor/trainees/${ids.trainee}`)
  await waitForHydration(supervisor)
  const mine = supervisor.getByRole('region', { name: 'Mentor declaration', exact: true })
  expect(await mine.textContent()).toContain(
    `The declaration is signed by ${TRAINEE.name}’s IPEM External Adviser, not by you.`,
  )
  expect(await mine.getByRole('button', { name: 'Sign the declaration' }).count()).toBe(0)

  const adviser = pages.adviser!
  await adviser.goto(`/mentor/trainees/${ids.trainee}`)
  await waitForHydration(adviser)
  const declaration = adviser.getByRole('region', { name: 'Mentor declaration', exact: true })
  await declaration.getByRole('button', { name: 'Sign the declaration' }).click()
  const signed = declaration.getByRole('status')
  await expect.poll(() => signed.count()).toBe(1)
  expect(await signed.textContent()).toMatch(
    new RegExp(`^Signed by ${ADVISER.name}, IPEM External Adviser on \\d{4}-\\d{2}-\\d{2}\\.`),
  )

  const trainee = pages.trainee!
  await trainee.goto('/submission')
  await waitForHydration(trainee)
  expect(await trainee.getByText(`Signed by ${ADVISER.name}, IPEM External Adviser on`).count()).toBe(1)
})
