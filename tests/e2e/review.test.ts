/**
 * Mentor review in the browser, one trainee and one mentor side by side: the
 * trainee sends two items for review from the evidence list; the mentor finds
 * them in the queue, verifies one claim and asks for changes on another; the
 * trainee follows the notification, reads the decisions, answers in the
 * discussion and edits the item; the mentor sees what changed since the
 * revision they reviewed and verifies the new one; coverage counts the
 * verified areas; the mentor signs the declaration once nothing blocks it and
 * any later change voids it; a decision on a revision that is no longer the
 * current one is refused; and the item's revisions read newest first.
 *
 * The steps share one story, so each runs only if the ones before it passed.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { Browser, Locator, Page } from 'playwright-core'
import { describe, expect } from 'vitest'
import {
  createEvidence,
  createInvitation,
  HttpVisitor,
  type NewEvidence,
  newPage,
  pageProblems,
  root,
  type RunningApp,
  SESSION_COOKIE,
  screenshot,
  signUpMentor,
  signUpTrainee,
  realProblems,
  useApp,
  story,
  updateEvidence,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser
let db: Database.Database

/** The two people of the story, each with an HTTP visitor and a browser page signed in as them. */
interface Person {
  id: number
  name: string
  visitor: HttpVisitor
  page: Page
}
let trainee: Person
let mentor: Person

useApp((running) => ({ app, browser, db } = running))

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** A step of the story; where each person's browser was is printed if one fails. */
const step = story(() => ({ [trainee?.name ?? 'trainee']: trainee?.page, [mentor?.name ?? 'mentor']: mentor?.page }))

/** Gives the page's browser context the visitor's session cookie. */
async function signInPage(page: Page, visitor: HttpVisitor) {
  const token = visitor.sessionToken
  if (!token) throw new Error('The visitor is not signed in')
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
}

/** Visits /notifications and waits for it to hydrate, with no error on the way: the server's markup must match React's. */
async function openNotifications(page: Page) {
  const before = pageProblems(page).length
  await page.goto('/notifications')
  await waitForHydration(page)
  // Console messages sent before this round trip have arrived.
  await page.evaluate(() => 0)
  expect(pageProblems(page).slice(before)).toEqual([])
}

const userId = (email: string) =>
  (db.prepare('SELECT id FROM users WHERE email = ?').get(email.toLowerCase()) as { id: number }).id

/** Every area code of the framework, in its order. */
const ALL_AREAS: string[] = (
  JSON.parse(readFileSync(path.join(root, 'competences/ipem-mpce.json'), 'utf8')) as {
    domains: { areas: { code: string }[] }[]
  }
).domains.flatMap((d) => d.areas.map((a) => a.code))

const REFLECTION =
  'The work took longer than planned because the first set of measurements had to be repeated. Next time I would agree the method with the senior physicist first and keep a running log of every decision as I go.'

const itemA: NewEvidence = {
  title: 'Commissioning the new CT simulator',
  activityStart: '2025-09-15',
  evidenceType: 'commissioning-qa-report',
  role: 'led',
  description:
    'Planned and ran the commissioning tests of the new CT simulator, then wrote the report for the quality group.',
  reflection: REFLECTION,
  claims: [
    {
      area: 'Sci1',
      statement: 'I designed the test programme from the national guidance and chose which measurements to repeat.',
    },
    {
      area: 'Tech3',
      statement: 'I ran the geometric and dosimetric tests and recorded each result against its tolerance.',
    },
  ],
}
const titleA2 = 'Commissioning and acceptance of the replacement CT simulator'
const tech3Revised =
  'I ran the geometric and dosimetric tests and compared each result with the tolerances in the local QA protocol, version four.'

const itemB: NewEvidence = {
  title: 'Audit of imaging doses for paediatric CT',
  activityStart: '2025-10-06',
  evidenceType: 'audit',
  role: 'contributed',
  description: 'Audited the recorded imaging doses for paediatric CT against the local diagnostic reference levels.',
  reflection: REFLECTION,
  claims: [
    {
      area: 'Clin2',
      statement: 'I compared the recorded doses with the reference levels and reported the outliers to the team.',
    },
  ],
}
const titleB2 = 'Audit of imaging doses for paediatric CT examinations'

const CHANGES_COMMENT = 'Say which tolerances you used.'
const GENERAL_COMMENT = 'A clear report. One point to fix on Tech3 before I can verify it.'
const REPLY = 'Thanks, I have named the local protocol in the Tech3 claim.'

let idA: number
let idB: number

/** A claim on the trainee's item page, by area code. */
const itemClaim = (page: Page, code: string): Locator =>
  page
    .getByRole('region', { name: 'Competences claimed' })
    .locator(':scope > ul > li')
    .filter({ has: page.getByRole('link', { name: code, exact: true }) })

/** A claim's fieldset on the mentor's review page, by area code. */
const reviewClaim = (page: Page, code: string): Locator =>
  page.getByRole('group', { name: new RegExp(`^${code.replace('&', '\\&')} `) })

const queueTitles = (page: Page) => page.locator('.evidence-card h2').allTextContents()
const queueCard = (page: Page, title: string) =>
  page.locator('.evidence-card').filter({ has: page.getByRole('link', { name: title, exact: true }) })
const notificationsLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications, / })
const eyebrow = (page: Page) => page.locator('main .eyebrow')

/** Claim decisions recorded for an item, oldest first. */
function decisionsOn(evidenceId: number) {
  return db
    .prepare(
      'SELECT revision, area_code AS areaCode, decision, comment FROM claim_reviews WHERE evidence_id = ? ORDER BY id',
    )
    .all(evidenceId) as { revision: number; areaCode: string; decision: string; comment: string }[]
}

/** Screenshot at a desktop width (only with E2E_SCREENSHOTS=1). */
async function capture(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await screenshot(page, name)
}

/** Picks a decision (and a comment, if given) for each named claim on the open review page and sends them. */
async function recordDecisions(
  page: Page,
  decisions: Record<string, { decision: 'Verify' | 'Request changes'; comment?: string }>,
  general?: string,
) {
  await waitForHydration(page, 'main form.stack')
  for (const [code, { decision, comment }] of Object.entries(decisions)) {
    const claim = reviewClaim(page, code)
    await claim.getByRole('radio', { name: decision, exact: true }).check()
    if (comment) await claim.getByLabel(`Comment on ${code}`).fill(comment)
  }
  if (general) await page.getByLabel('Comment on the item as a whole (optional)').fill(general)
  await page.getByRole('button', { name: 'Record decisions' }).click()
}

// ---------------------------------------------------------------------------
// The story
// ---------------------------------------------------------------------------

describe('a review from sending to the declaration', () => {
  step('the trainee sends two draft items for review at once from the evidence list', async () => {
    const suffix = randomBytes(4).toString('hex')
    const traineeVisitor = new HttpVisitor(app.baseUrl)
    const traineeEmail = `rhiannon-${suffix}@example.test`
    await signUpTrainee(traineeVisitor, {
      name: 'Rhiannon Ashworth-Kibet',
      email: traineeEmail,
      password: 'correct horse battery staple',
      employer: 'Northern Cancer Centre',
    })
    const mentorVisitor = new HttpVisitor(app.baseUrl)
    const mentorEmail = `mentor-${suffix}@example.test`
    await signUpMentor(mentorVisitor, await createInvitation(traineeVisitor, 'for my training officer'), {
      name: 'Dr Tomasz Achebe-Lindgren',
      email: mentorEmail,
      password: 'velvet thunder pocket lighthouse',
    })
    idA = await createEvidence(traineeVisitor, itemA)
    idB = await createEvidence(traineeVisitor, itemB)

    trainee = {
      id: userId(traineeEmail),
      name: 'Rhiannon Ashworth-Kibet',
      visitor: traineeVisitor,
      page: await newPage(browser, app.baseUrl),
    }
    mentor = {
      id: userId(mentorEmail),
      name: 'Dr Tomasz Achebe-Lindgren',
      visitor: mentorVisitor,
      page: await newPage(browser, app.baseUrl),
    }
    await signInPage(trainee.page, traineeVisitor)
    await signInPage(mentor.page, mentorVisitor)

    const page = trainee.page
    await page.goto('/evidence')
    await waitForHydration(page, '#send-for-review')
    for (const title of [itemA.title, itemB.title]) {
      const card = page.locator('.evidence-card').filter({ has: page.getByRole('link', { name: title, exact: true }) })
      expect(await card.locator('.evidence-card__meta').textContent()).toContain('Draft')
      await page.getByRole('checkbox', { name: `Send “${title}” for review` }).check()
    }
    await page.getByRole('button', { name: 'Send ticked items for review' }).click()
    const sent = page.getByRole('status').filter({ hasText: 'sent for review' })
    await expect.poll(() => sent.textContent()).toBe('2 items sent for review. Your mentors have been told.')
    // (The message can show a moment before the list is reloaded.)
    for (const title of [itemA.title, itemB.title]) {
      const card = page.locator('.evidence-card').filter({ has: page.getByRole('link', { name: title, exact: true }) })
      await expect.poll(() => card.locator('.evidence-card__meta').textContent()).toContain('Awaiting review')
    }
    // Nothing is left to send, so neither the boxes nor the button are offered.
    await expect.poll(() => page.getByRole('checkbox').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Send ticked items for review' }).count()).toBe(0)
    expect(realProblems(page)).toEqual([])
  })

  step('the mentor is told, finds both in the queue, verifies Sci1 and asks for changes on Tech3', async () => {
    const page = mentor.page
    await page.goto('/mentor/reviews')
    // One notification tells of both items.
    expect(await notificationsLink(page).getAttribute('aria-label')).toBe('Notifications, 1 unread')
    expect(await notificationsLink(page).textContent()).toBe('Notifications (1)')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Waiting for your review')
    // Oldest first (sent together, so in the order they were logged).
    expect(await queueTitles(page)).toEqual([itemA.title, itemB.title])
    for (const [title, codes] of [
      [itemA.title, ['Sci1', 'Tech3']],
      [itemB.title, ['Clin2']],
    ] as const) {
      const meta = (await queueCard(page, title).locator('.evidence-card__meta').textContent()) ?? ''
      expect(meta).toMatch(new RegExp(`^${trainee.name} · waiting less than an hour · revision 1$`))
      expect(await queueCard(page, title).locator('li').allTextContents()).toEqual(codes)
    }
    await capture(page, 'review-queue')

    await waitForHydration(page)
    await page.getByRole('link', { name: itemA.title, exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/mentor/reviews/${idA}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(itemA.title)
    expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · revision 1')
    // Never reviewed, so nothing to compare with.
    expect(await page.getByRole('region', { name: /^Changed since revision/ }).count()).toBe(0)
    expect(await reviewClaim(page, 'Sci1').textContent()).toContain(itemA.claims![0]!.statement)
    // Every claim starts at "Decide later".
    for (const code of ['Sci1', 'Tech3'])
      expect(await reviewClaim(page, code).getByRole('radio', { name: 'Decide later' }).isChecked()).toBe(true)

    // Asking for changes without saying what is refused, and nothing is recorded.
    await waitForHydration(page, 'main form.stack')
    await reviewClaim(page, 'Tech3').getByRole('radio', { name: 'Request changes' }).check()
    await page.getByRole('button', { name: 'Record decisions' }).click()
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Some decisions need attention.' }).count())
      .toBe(1)
    expect(await reviewClaim(page, 'Tech3').textContent()).toContain('Say what needs to change')
    expect(await reviewClaim(page, 'Tech3').getByLabel('Comment on Tech3').getAttribute('aria-invalid')).toBe('true')
    expect(decisionsOn(idA)).toEqual([])

    await recordDecisions(
      page,
      { Sci1: { decision: 'Verify' }, Tech3: { decision: 'Request changes', comment: CHANGES_COMMENT } },
      GENERAL_COMMENT,
    )
    await page.waitForURL(
      (url) => url.pathname === '/mentor/reviews' && url.searchParams.get('done') === 'changes_requested',
    )
    // Back on the queue, which now holds only B.
    await expect.poll(() => queueTitles(page)).toEqual([itemB.title])
    expect(decisionsOn(idA)).toEqual([
      { revision: 1, areaCode: 'Sci1', decision: 'verified', comment: '' },
      { revision: 1, areaCode: 'Tech3', decision: 'changes_requested', comment: CHANGES_COMMENT },
    ])

    // The item now stands at "Changes requested", for the mentor as for the trainee.
    await page.goto(`/evidence/${idA}`)
    expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · Changes requested')
    expect(realProblems(page)).toEqual([])
  })

  step(
    'the trainee follows the notification to the item, reads the decisions, replies and edits the item',
    async () => {
      const page = trainee.page
      await page.goto('/evidence')
      // One for the verification, one for the changes asked for.
      expect(await notificationsLink(page).getAttribute('aria-label')).toBe('Notifications, 2 unread')
      expect(await notificationsLink(page).textContent()).toBe('Notifications (2)')

      await openNotifications(page)
      expect(await page.locator('main .lede').textContent()).toBe('You have 2 unread notifications.')
      const changes = page.locator('main li').filter({ hasText: 'asked for changes' })
      expect(await changes.count()).toBe(1)
      expect(await changes.textContent()).toContain(`${mentor.name} asked for changes to “${itemA.title}”`)
      expect(await changes.textContent()).toContain(`Tech3: ${CHANGES_COMMENT}`)
      expect(
        await page
          .locator('main li')
          .filter({ hasText: `${mentor.name} verified Sci1 on “${itemA.title}”` })
          .count(),
      ).toBe(1)

      await changes
        .getByRole('button', { name: `${mentor.name} asked for changes to “${itemA.title}”`, exact: true })
        .click()
      await page.waitForURL((url) => url.pathname === `/evidence/${idA}`)
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(itemA.title)
      // Opening it marked it read.
      await expect.poll(() => notificationsLink(page).getAttribute('aria-label')).toBe('Notifications, 1 unread')

      expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · Changes requested')
      expect(await page.locator('main .status-line').textContent()).toBe('Revision 1')
      const sci1 = itemClaim(page, 'Sci1').locator('.decision')
      const tech3 = itemClaim(page, 'Tech3').locator('.decision')
      expect(await sci1.getAttribute('class')).toBe('decision decision--verified')
      expect(await sci1.textContent()).toMatch(new RegExp(`^✓ Verified by ${mentor.name} on revision 1, `))
      expect(await tech3.getAttribute('class')).toBe('decision decision--changes')
      expect(await tech3.textContent()).toBe(`✎ Changes requested by ${mentor.name}: ${CHANGES_COMMENT}`)
      // The trainee may send it again straight away, or edit it.
      expect(await page.getByRole('button', { name: 'Send for review' }).count()).toBe(1)

      // The mentor's general comment opens the discussion; the trainee replies under it.
      const discussion = page.getByRole('region', { name: 'Discussion' })
      const mentorComment = discussion.locator('li.comment').filter({ hasText: GENERAL_COMMENT })
      expect(await mentorComment.locator('.comment__meta').textContent()).toMatch(
        new RegExp(`^${mentor.name} \\(mentor\\) · .* · revision 1$`),
      )
      await waitForHydration(page)
      await mentorComment.locator('summary').filter({ hasText: 'Reply' }).click()
      await mentorComment.getByLabel('Your reply').fill(REPLY)
      await mentorComment.getByRole('button', { name: 'Reply', exact: true }).click()
      const reply = mentorComment.locator('ul.comments > li.comment')
      await expect.poll(() => reply.count()).toBe(1)
      expect(await reply.textContent()).toContain(REPLY)
      expect(await reply.locator('.comment__meta').textContent()).toMatch(
        new RegExp(`^${trainee.name} \\(trainee\\) · `),
      )
      await capture(page, 'review-trainee-item-decisions')

      // Edit the item: a clearer title and the Tech3 claim the mentor asked about.
      await page.getByRole('link', { name: 'Edit', exact: true }).click()
      await page.waitForURL((url) => url.pathname === `/evidence/${idA}/edit`)
      await waitForHydration(page, 'form.evidence-form')
      await page.getByLabel('Title').fill(titleA2)
      await page.getByLabel('How does this item demonstrate Tech3?').fill(tech3Revised)
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.waitForURL((url) => url.pathname === `/evidence/${idA}` && url.searchParams.get('saved') === '1')
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(titleA2)
      expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1)
      // A new revision, back in the queue; the earlier verification no longer counts.
      expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · Awaiting review')
      expect(await page.locator('main .status-line').textContent()).toBe('Revision 2 · history')
      expect(await itemClaim(page, 'Sci1').locator('.decision').textContent()).toBe(
        '↻ Changed since verification: waiting for the mentor to verify the new revision',
      )
      expect(await itemClaim(page, 'Tech3').locator('.decision').count()).toBe(0)
      expect(await itemClaim(page, 'Tech3').textContent()).toContain(tech3Revised)
      expect(await page.getByRole('button', { name: 'Send for review' }).count()).toBe(0)
      expect(realProblems(page)).toEqual([])
    },
  )

  step('the mentor sees the item back, reads what changed and verifies both items', async () => {
    const page = mentor.page
    await page.goto('/mentor/reviews')
    // B waited longest; A came back after it.
    expect(await queueTitles(page)).toEqual([itemB.title, titleA2])
    expect(await queueCard(page, titleA2).locator('.evidence-card__meta').textContent()).toMatch(
      / · revision 2 · changed since your last review$/,
    )
    expect(await queueCard(page, itemB.title).locator('.evidence-card__meta').textContent()).not.toContain(
      'changed since',
    )
    const notifications = await page.request.get('/notifications')
    expect(await notifications.text()).toContain(`${trainee.name} changed “${titleA2}”`)
    await capture(page, 'review-queue-changed')

    await waitForHydration(page)
    await page.getByRole('link', { name: titleA2, exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/mentor/reviews/${idA}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(titleA2)
    expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · revision 2')

    const diff = page.getByRole('region', { name: 'Changed since revision 1, which you reviewed' })
    expect(await diff.count()).toBe(1)
    expect(await diff.locator('.diff-intro').textContent()).toBe('Changes from Revision 1 to Revision 2.')
    const title = diff.locator('.diff-field').filter({ has: page.getByRole('heading', { name: 'Title', exact: true }) })
    expect(await title.locator('del').count()).toBeGreaterThan(0)
    expect(await title.locator('ins').count()).toBeGreaterThan(0)
    // Removed words are announced as removed, added ones as added.
    const removed = (await title.locator('del').allTextContents()).join(' ')
    const added = (await title.locator('ins').allTextContents()).join(' ')
    expect(removed).toMatch(/^removed: /)
    expect(removed).toContain('new')
    expect(added).toMatch(/^added: /)
    expect(added).toContain('replacement')
    // The whole new title reads back from the kept and added parts.
    expect(
      await title.locator('.diff-text').evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement
        copy.querySelectorAll('del, .visually-hidden').forEach((n) => n.remove())
        return copy.textContent
      }),
    ).toBe(titleA2)
    // Only what changed: the title and the Tech3 claim, not the description.
    expect(await diff.getByRole('heading', { name: 'Description' }).count()).toBe(0)
    const changedClaims = diff.locator('.diff-item--changed')
    expect(await changedClaims.count()).toBe(1)
    expect(await changedClaims.locator('.diff-code').textContent()).toBe('Tech3')
    expect((await changedClaims.locator('ins').allTextContents()).join(' ')).toContain('local QA protocol')

    expect(await reviewClaim(page, 'Sci1').locator('.decision').textContent()).toBe(
      '↻ Changed since verification: waiting for the mentor to verify the new revision',
    )
    expect(await reviewClaim(page, 'Tech3').locator('.decision').count()).toBe(0)
    await capture(page, 'review-mentor-diff')

    await recordDecisions(page, {
      Sci1: { decision: 'Verify' },
      Tech3: { decision: 'Verify', comment: 'Thanks, that is what I needed.' },
    })
    await page.waitForURL((url) => url.pathname === '/mentor/reviews' && url.searchParams.get('done') === 'verified')
    await expect.poll(() => queueTitles(page)).toEqual([itemB.title])

    await waitForHydration(page)
    await page.getByRole('link', { name: itemB.title, exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/mentor/reviews/${idB}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(itemB.title)
    await recordDecisions(page, { Clin2: { decision: 'Verify' } })
    await page.waitForURL((url) => url.pathname === '/mentor/reviews' && url.searchParams.get('done') === 'verified')
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing waiting' }).count()).toBe(1)

    expect(decisionsOn(idA).filter((d) => d.revision === 2)).toEqual([
      { revision: 2, areaCode: 'Sci1', decision: 'verified', comment: '' },
      { revision: 2, areaCode: 'Tech3', decision: 'verified', comment: 'Thanks, that is what I needed.' },
    ])
    expect(decisionsOn(idB)).toEqual([{ revision: 1, areaCode: 'Clin2', decision: 'verified', comment: '' }])
    expect(realProblems(page)).toEqual([])
  })

  step('the trainee’s coverage counts Sci1, Tech3 and Clin2 as verified', async () => {
    const page = trainee.page
    await page.goto(`/evidence/${idA}`)
    expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · Verified')
    for (const code of ['Sci1', 'Tech3']) {
      expect(await itemClaim(page, code).locator('.decision').textContent()).toMatch(
        new RegExp(`^✓ Verified by ${mentor.name} on revision 2, `),
      )
    }
    expect(await itemClaim(page, 'Tech3').locator('.decision').textContent()).toMatch(
      /: Thanks, that is what I needed\.$/,
    )

    await page.goto('/coverage')
    const cells = await page.$$eval('.coverage-cells > li', (items) =>
      items.map((li) => ({ className: li.className, label: li.querySelector('a')?.getAttribute('aria-label') ?? '' })),
    )
    const byCode = new Map(cells.map((c) => [c.label.split(',')[0], c]))
    for (const code of ['Sci1', 'Tech3', 'Clin2']) {
      expect(byCode.get(code), code).toEqual({ className: 'cell cell--verified', label: `${code}, 1 item: Verified` })
    }
    expect(byCode.get('Sci2')).toEqual({ className: 'cell cell--not-evidenced', label: 'Sci2, 0 items: No evidence' })
    expect(cells.filter((c) => c.className.includes('cell--verified'))).toHaveLength(3)
    expect(realProblems(page)).toEqual([])
  })

  step('the mentor signs the declaration once nothing blocks it, and a later change voids it', async () => {
    // One more item, claiming every area, so that no area is without evidence.
    const reviewId = await createEvidence(trainee.visitor, {
      title: 'Departmental service review across the whole training scheme',
      activityStart: '2025-11-03',
      evidenceType: 'audit',
      role: 'led',
      description:
        'Reviewed how the department delivers its scientific, clinical and technical services, and reported to the management board.',
      reflection: REFLECTION,
      claims: ALL_AREAS.map((area) => ({
        area,
        statement: `For ${area} I gathered the evidence, discussed it with the relevant team and wrote up what I concluded and why.`,
      })),
    })
    // Drafts clear no blocker, and a portfolio needs its summary statement.
    expect((await trainee.visitor.post(`/evidence/${reviewId}`, { intent: 'send' })).status).toBeLessThan(400)
    const statement = {
      intent: 'save-statement',
      statement: 'Two years of radiotherapy physics, from QA to commissioning.',
    }
    expect((await trainee.visitor.post('/submission', statement)).status).toBe(200)
    // IPEM expects supervised practice: the record must show some.
    const post = {
      intent: 'save-post',
      employer: 'Northgate NHS Foundation Trust',
      jobTitle: 'Trainee Clinical Scientist',
      startDate: '2020-09-01',
      fraction: '1',
      supervisedPractice: 'on',
      supervisorName: 'Dr Daniel Okafor',
    }
    expect((await trainee.visitor.post('/record', post)).status).toBeLessThan(400)

    const page = mentor.page
    await page.goto(`/mentor/trainees/${trainee.id}`)
    const declaration = page.getByRole('region', { name: 'Mentor declaration' })
    expect(await declaration.locator('blockquote').textContent()).toContain(
      "I have reviewed this portfolio as the trainee's mentor",
    )
    expect(await page.locator('section.readiness h2').textContent()).toBe('No blockers: ready for a mentor declaration')
    await waitForHydration(page)
    await declaration.getByRole('button', { name: 'Sign the declaration' }).click()
    const signed = declaration.getByRole('status')
    await expect.poll(() => signed.count()).toBe(1)
    const signedAt = (
      db
        .prepare('SELECT signed_at AS signedAt FROM mentor_declarations WHERE trainee_id = ? AND voided_at IS NULL')
        .get(trainee.id) as { signedAt: string }
    ).signedAt
    expect(await signed.textContent()).toBe(
      `Signed by ${mentor.name}, supervisor on ${signedAt.slice(0, 10)}. Any change to the portfolio voids it.`,
    )
    expect(await declaration.getByRole('button', { name: 'Sign the declaration' }).count()).toBe(0)
    await capture(page, 'review-declaration-signed')

    // The trainee is told.
    await openNotifications(trainee.page)
    expect(
      await trainee.page
        .locator('main li')
        .filter({ hasText: `${mentor.name} signed the mentor declaration for your portfolio` })
        .count(),
    ).toBe(1)

    // Any change to the portfolio voids it.
    await updateEvidence(trainee.visitor, idB, { ...itemB, title: titleB2 })
    await page.goto(`/mentor/trainees/${trainee.id}`)
    expect(await declaration.getByRole('status').count()).toBe(0)
    expect(await declaration.locator('.notice').textContent()).toBe(
      `The declaration ${mentor.name} signed on ${signedAt.slice(0, 10)} was voided: “${titleB2}” was edited.`,
    )
    expect(await declaration.getByRole('button', { name: 'Sign the declaration' }).count()).toBe(1)
    // Both are told it was voided.
    for (const person of [trainee, mentor]) {
      const answer = await person.page.request.get('/notifications')
      expect(await answer.text(), person.name).toContain('A mentor declaration was voided')
    }
    expect(
      db
        .prepare('SELECT count(*) AS n FROM mentor_declarations WHERE trainee_id = ? AND voided_at IS NULL')
        .get(trainee.id),
    ).toEqual({ n: 0 })
    expect(realProblems(page)).toEqual([])
    expect(realProblems(trainee.page)).toEqual([])
  })

  step('a decision on a revision that is no longer current is refused and nothing is recorded', async () => {
    const page = mentor.page
    // A stands verified on revision 2; the mentor opens it again.
    await page.goto(`/mentor/reviews/${idA}`)
    expect(await eyebrow(page).textContent()).toBe('Commissioning or QA report · revision 2')
    const before = decisionsOn(idA)

    // Meanwhile the trainee changes it.
    await updateEvidence(trainee.visitor, idA, {
      ...itemA,
      title: titleA2,
      description: `${itemA.description} The report now includes the image quality results as well.`,
      claims: [itemA.claims![0]!, { area: 'Tech3', statement: tech3Revised }],
    })

    await recordDecisions(page, { Sci1: { decision: 'Verify' }, Tech3: { decision: 'Verify' } })
    const refusal = page.getByRole('alert').filter({ hasText: 'changed since you opened it' })
    await expect.poll(() => refusal.count()).toBe(1)
    expect(await refusal.textContent()).toBe(
      'The item has changed since you opened it: it is now revision 3. Nothing was recorded: look at the changes and decide again.',
    )
    expect(new URL(page.url()).pathname).toBe(`/mentor/reviews/${idA}`)
    expect(decisionsOn(idA)).toEqual(before)
    // The page now shows revision 3 and what changed since revision 2.
    await expect.poll(() => eyebrow(page).textContent()).toBe('Commissioning or QA report · revision 3')
    const diff = page.getByRole('region', { name: 'Changed since revision 2, which you reviewed' })
    expect(await diff.getByRole('heading', { name: 'Description' }).count()).toBe(1)
    expect((await diff.locator('ins').allTextContents()).join(' ')).toContain('image quality results')

    // The trainee sees the item waiting again, its earlier verifications no longer standing.
    const traineePage = trainee.page
    await traineePage.goto(`/evidence/${idA}`)
    expect(await eyebrow(traineePage).textContent()).toBe('Commissioning or QA report · Awaiting review')
    for (const code of ['Sci1', 'Tech3']) {
      expect(await itemClaim(traineePage, code).locator('.decision').textContent(), code).toBe(
        '↻ Changed since verification: waiting for the mentor to verify the new revision',
      )
    }
    expect(realProblems(page)).toEqual([])
  })

  step('the item’s revisions read newest first, each with what changed', async () => {
    const page = trainee.page
    await page.goto(`/evidence/${idA}`)
    expect(await page.locator('main .status-line').textContent()).toBe('Revision 3 · history')
    await waitForHydration(page)
    await page.locator('main .status-line').getByRole('link', { name: 'history' }).click()
    await page.waitForURL((url) => url.pathname === `/evidence/${idA}/revisions`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Revisions of “${titleA2}”`)

    const revisions = page.locator('main ol.plain-list > li')
    expect(await revisions.count()).toBe(3)
    expect(
      (await revisions.locator(':scope > h2').allTextContents()).map((t) => t.split(' ').slice(0, 2).join(' ')),
    ).toEqual(['Revision 3', 'Revision 2', 'Revision 1'])
    const [third, second, first] = [revisions.nth(0), revisions.nth(1), revisions.nth(2)]
    expect(await third.locator('.diff-intro').textContent()).toBe('Changes from Revision 2 to Revision 3.')
    expect(await third.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Description'])
    expect((await third.locator('ins').allTextContents()).join(' ')).toContain('image quality results')
    expect(await second.locator('.diff-intro').textContent()).toBe('Changes from Revision 1 to Revision 2.')
    expect(await second.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Title', 'Claims'])
    expect(await second.locator('.diff-field del').count()).toBeGreaterThan(0)
    expect(await second.locator('.diff-field ins').count()).toBeGreaterThan(0)
    expect(await first.textContent()).toContain('As first sent for review.')
    await capture(page, 'review-revisions')
    expect(realProblems(page)).toEqual([])
  })
})
