/**
 * Coverage in the browser: a trainee reads the matrix of areas, the readiness
 * box, the page budget and what to do next, and follows a gap to the evidence
 * form; the page budget warns over the target and blocks over the limit; a
 * mentor compares linked trainees on a sortable dashboard and reads one
 * trainee's coverage without the trainee's actions; and the page's basic
 * accessibility (one h1, statuses in words, keyboard reach).
 */
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { PDFDocument } from 'pdf-lib'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  acceptInvitation,
  createEvidence,
  createInvitation,
  HttpVisitor,
  type NewEvidence,
  type NewTrainee,
  type RunningApp,
  SESSION_COOKIE,
  screenshot,
  signUpMentor,
  signUpTrainee,
  usePages,
  realProblems,
  useApp,
  waitForHydration,
} from './harness'

/** Areas of competence in the framework (seven domains). */
const AREAS_TOTAL = 46
/** From competences/coverage-rules.json. */
const PAGE_TARGET = 120
const PAGE_LIMIT = 160

let app: RunningApp
let browser: Browser
let db: Database.Database

useApp((running) => ({ app, browser, db } = running))

/** A page in a fresh browser profile, closed after the test. */
const freshPage = usePages(() => ({ app, browser }))

/** Gives the page's browser context the visitor's session cookie. */
async function signInPage(page: Page, visitor: HttpVisitor) {
  const token = visitor.sessionToken
  if (!token) throw new Error('The visitor is not signed in')
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
}

interface Trainee {
  id: number
  name: string
  email: string
  visitor: HttpVisitor
}

/** A trainee signed up over HTTP. */
async function traineeAccount(name: string, extra: Partial<NewTrainee> = {}): Promise<Trainee> {
  const visitor = new HttpVisitor(app.baseUrl)
  const email = `${name.split(' ')[0]!.toLowerCase()}-${randomBytes(4).toString('hex')}@example.test`
  await signUpTrainee(visitor, {
    name,
    email,
    password: 'correct horse battery staple',
    employer: 'Northern Cancer Centre',
    ...extra,
  })
  const { id } = db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }
  return { id, name, email, visitor }
}

/** A trainee signed up over HTTP, and a fresh browser page signed in as them. */
async function signedInTrainee(name: string): Promise<{ trainee: Trainee; page: Page }> {
  const trainee = await traineeAccount(name)
  const page = await freshPage()
  await signInPage(page, trainee.visitor)
  return { trainee, page }
}

/** A date `days` before today, as YYYY-MM-DD: recent enough never to be stale. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

/** A claim statement long enough to count as substantive (at least eight words). */
const substantive = (what: string) => `I ${what}, and the write-up shows the decisions I made and why I made them.`

/** An item of evidence with a real description and reflection, claiming the given areas. */
function item(
  title: string,
  evidenceType: string,
  claims: [area: string, statement: string][],
  overrides: Partial<NewEvidence> = {},
): NewEvidence {
  return {
    title,
    activityStart: daysAgo(40),
    evidenceType,
    role: 'led',
    description: `Planned and carried out the work described in the title, then wrote it up for the department's quality folder.`,
    reflection:
      'The work took longer than planned because the first set of measurements had to be repeated. Next time I would agree the method with the senior physicist first and keep a running log of every decision as I go.',
    claims: claims.map(([area, statement]) => ({ area, statement })),
    ...overrides,
  }
}

/** A blank PDF of `pages` pages. */
async function blankPdf(pages: number, title: string): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  for (let i = 0; i < pages; i++) doc.addPage([595, 842])
  return Buffer.from(await doc.save())
}

/** floor(100 × part / whole), as the pages show percentages. */
const percent = (part: number, whole: number) => Math.floor((part * 100) / whole)

interface Cell {
  code: string
  className: string
  label: string
  href: string
}

/** Every cell of the coverage matrix, by area code. */
async function matrixCells(page: Page): Promise<Map<string, Cell>> {
  const cells = await page.$$eval('.coverage-cells > li', (items) =>
    items.map((li) => {
      const link = li.querySelector('a')
      return {
        className: li.className,
        label: link?.getAttribute('aria-label') ?? '',
        href: link?.getAttribute('href') ?? '',
      }
    }),
  )
  return new Map(cells.map((c) => [c.label.split(',')[0]!, { code: c.label.split(',')[0]!, ...c }]))
}

const readinessTitle = (page: Page) => page.locator('section.readiness h2').textContent()
const budgetText = async (page: Page) =>
  ((await page.locator('section.budget p').first().textContent()) ?? '').replace(/\s+/g, ' ')
const budgetMeter = (page: Page) => page.locator('section.budget meter')
/** The preview PDF's page count, once the page has it (it asks again by itself while the PDF is made). */
async function countedPages(page: Page): Promise<number> {
  const count = page.locator('section.budget .page-count')
  await count.waitFor({ timeout: 120_000 })
  return Number(await count.getAttribute('data-pages'))
}
const findings = (page: Page, rule: string) => page.locator(`li[data-rule="${rule}"]`)

/**
 * Screenshots at a desktop and a phone width (only with E2E_SCREENSHOTS=1),
 * leaving the page at the desktop width.
 */
async function screenshotWidths(page: Page, name: string, widths = [1280, 390]) {
  if (process.env.E2E_SCREENSHOTS !== '1') return
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 })
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    await screenshot(page, `${name}-${width}`)
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

describe('a trainee’s coverage', () => {
  it('shows claimed and missing areas, weak claims and the page budget, and leads from a gap to the evidence form', async () => {
    const { trainee, page } = await signedInTrainee('Imogen Matrix Okonkwo-Hale')
    const v = trainee.visitor
    await createEvidence(
      v,
      item('Uncertainty budget for the reference ionisation chamber', 'data-analysis', [
        [
          'Sci1',
          substantive('derived each uncertainty component from the calibration certificate and repeat readings'),
        ],
        ['Sci7', substantive('compared two ways of combining the components and chose the more conservative one')],
      ]),
    )
    const weakTitle = 'Weekly output checks on linac 2'
    await createEvidence(v, item(weakTitle, 'commissioning-qa-report', [['Tech3', 'Did the checks.']]))
    await createEvidence(
      v,
      item('Planning case for a head and neck treatment', 'case-study', [
        ['Clin1', substantive('followed the plan from outlining to the first fraction')],
      ]),
    )
    await createEvidence(
      v,
      item('Learning from a near miss in the planning pathway', 'reflection', [
        ['Prof4', substantive('reported the near miss through the local system and took part in the review')],
        [
          'Prof5',
          substantive('changed my own checking routine after the review and explained the change to colleagues'),
        ],
      ]),
    )
    const claimedAreas = ['Sci1', 'Sci7', 'Tech3', 'Clin1', 'Prof4', 'Prof5']

    const answer = await page.goto('/coverage')
    expect(answer?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Coverage')

    // Readiness: every unevidenced area is a blocker, so is every area claimed only by drafts no one has
    // reviewed, and so are the missing summary statement and the record without supervised practice.
    const unevidenced = AREAS_TOTAL - claimedAreas.length
    const blockers = unevidenced + claimedAreas.length + 2
    expect(await readinessTitle(page)).toBe(`Not ready to submit: ${blockers} blockers`)
    expect(await page.locator('section.readiness p').textContent()).toContain(
      `${claimedAreas.length} of ${AREAS_TOTAL} areas evidenced (${percent(claimedAreas.length, AREAS_TOTAL)}%), 0 verified (0%). 4 items, 6 claims.`,
    )
    expect(await page.locator('details.gaps--blocker summary').textContent()).toBe(`Blockers (${blockers})`)
    expect(await page.locator('details.gaps--blocker li[data-rule]').count()).toBe(blockers)
    expect(await findings(page, 'area.not-evidenced').count()).toBe(unevidenced)
    expect(await findings(page, 'area.drafts-only').count()).toBe(claimedAreas.length)
    expect(await findings(page, 'portfolio.no-summary').count()).toBe(1)

    // The matrix: the six claimed areas, one item each, none verified; the rest empty.
    const cells = await matrixCells(page)
    expect(cells.size).toBe(AREAS_TOTAL)
    for (const code of claimedAreas) {
      const cell = cells.get(code)!
      expect(cell.className, code).toBe('cell cell--claimed')
      expect(cell.label).toBe(`${code}, 1 item: Claimed, not verified`)
      expect(cell.href).toBe(`/evidence?area=${encodeURIComponent(code)}`)
    }
    expect(cells.get('Sci2')).toEqual({
      code: 'Sci2',
      className: 'cell cell--not-evidenced',
      label: 'Sci2, 0 items: No evidence',
      href: '/framework/Sci2',
    })
    const notEvidenced = [...cells.values()].filter((c) => c.className.includes('cell--not-evidenced'))
    expect(notEvidenced).toHaveLength(unevidenced)
    expect(await page.locator('.cell--verified').count()).toBe(0)

    // The three-word claim of Tech3 is the one weak claim.
    const weak = findings(page, 'claim.not-substantive')
    expect(await weak.count()).toBe(1)
    const weakText = (await weak.textContent()) ?? ''
    expect(weakText).toContain('Tech3')
    expect(weakText).toContain(weakTitle)
    expect(weakText).toContain('(3 of at least 12 words)')
    expect(await page.locator('details.gaps--warning li[data-rule="claim.not-substantive"]').count()).toBe(1)

    // The page budget: the page count of the PDF submitting would make; the meter shows the same number.
    const pages = await countedPages(page)
    const budget = await budgetText(page)
    expect(pages, budget).toBeGreaterThanOrEqual(4)
    expect(budget).toContain(`The PDF submitting would make now has ${pages} pages (0 of them attachments).`)
    expect(budget).not.toMatch(/Over the (target|limit)/)
    expect(Number(await budgetMeter(page).getAttribute('value'))).toBe(pages)
    expect(await budgetMeter(page).getAttribute('max')).toBe(String(PAGE_LIMIT))

    // A gap leads to the evidence form with its area already ticked.
    await waitForHydration(page)
    const gap = findings(page, 'area.not-evidenced').filter({ hasText: 'R&D1 has no evidence yet' })
    expect(await gap.count()).toBe(1)
    await gap.getByRole('link', { name: 'Log evidence for R&D1', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/evidence/new' && url.searchParams.get('area') === 'R&D1')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log a piece of evidence')
    await waitForHydration(page, 'form.evidence-form')
    expect(await page.getByRole('checkbox', { name: /^R&D1 / }).isChecked()).toBe(true)
    expect(await page.locator('fieldset.claims input[type="checkbox"][name$=".area"]:checked').count()).toBe(1)
    expect(await page.locator('fieldset.claims').getByText('1 area claimed').count()).toBe(1)
    // The same link opened directly (no JavaScript needed) ticks it too.
    await page.goto('/evidence/new?area=R%26D1')
    expect(await page.getByRole('checkbox', { name: /^R&D1 / }).isChecked()).toBe(true)

    // An NHS number in a reflection is a blocker that leads to the item.
    const piiTitle = 'Explaining a delayed appointment to a patient'
    const piiId = await createEvidence(
      v,
      item(
        piiTitle,
        'reflection',
        [
          [
            'Com1',
            substantive('explained the reason for the delay in plain words and checked what the patient understood'),
          ],
        ],
        {
          reflection:
            'I copied the NHS number 943 476 5919 into my notes to find the booking again. Afterwards I learned to keep identifiers out of my own notes and to use the booking reference instead, which is enough to find it.',
        },
      ),
    )
    await page.goto('/coverage')
    const pii = findings(page, 'item.pii-unresolved')
    expect(await pii.count()).toBe(1)
    expect(await page.locator('details.gaps--blocker li[data-rule="item.pii-unresolved"]').count()).toBe(1)
    expect(await pii.textContent()).toContain(
      `Item #${piiId} “${piiTitle}” has possible patient identifiers not yet resolved: 1.`,
    )
    const open = pii.getByRole('link', { name: 'Open the item' })
    expect(await open.getAttribute('href')).toBe(`/evidence/${piiId}`)
    // Seven areas claimed, by drafts, now; the unresolved identifier is one more blocker.
    expect(await readinessTitle(page)).toBe(`Not ready to submit: ${AREAS_TOTAL - 7 + 7 + 2 + 1} blockers`)
    expect((await matrixCells(page)).get('Com1')?.label).toBe('Com1, 1 item: Claimed, not verified')
    await screenshotWidths(page, 'coverage-trainee')

    await waitForHydration(page)
    await open.click()
    await page.waitForURL((url) => url.pathname === `/evidence/${piiId}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(piiTitle)

    expect(realProblems(page)).toEqual([])
  })

  it('warns over the page target and blocks over the page limit', async () => {
    const plural = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`
    const { trainee, page } = await signedInTrainee('Bartholomew Budget Adeyemi')
    const long = await blankPdf(130, 'Full commissioning report for linac 4')
    await createEvidence(
      trainee.visitor,
      item('Commissioning of linac 4: the full report', 'commissioning-qa-report', [
        ['Tech1', substantive('measured the beam data for commissioning and compared it with the reference set')],
      ]),
      [{ name: 'linac4-commissioning-full.pdf', mimeType: 'application/pdf', buffer: long }],
    )

    await page.goto('/coverage')
    let total = await countedPages(page)
    expect(total).toBeGreaterThan(PAGE_TARGET)
    expect(total).toBeLessThanOrEqual(PAGE_LIMIT)
    let budget = await budgetText(page)
    expect(budget).toContain(`has ${total} pages (130 of them attachments).`)
    expect(budget).toContain(`Over the target by ${total - PAGE_TARGET} pages: trim where you can.`)
    expect(Number(await budgetMeter(page).getAttribute('value'))).toBe(total)
    expect(await budgetMeter(page).getAttribute('class')).toBe('meter meter--over-target')
    // Once counted, the report is reloaded: its findings judge the same figure.
    const overTarget = findings(page, 'portfolio.over-target')
    await expect
      .poll(() => overTarget.textContent())
      .toContain(
        `comes to ${total} pages, more than the ${PAGE_TARGET} ACS expects. Trim at least ${plural(total - PAGE_TARGET)}:`,
      )
    // The figure is the PDF's own count, stated as it is.
    expect(await overTarget.textContent()).not.toMatch(/about|estimated/)
    expect(await overTarget.count()).toBe(1)
    expect(await page.locator('details.gaps--warning li[data-rule="portfolio.over-target"]').count()).toBe(1)
    expect(await findings(page, 'portfolio.over-limit').count()).toBe(0)

    const more = await blankPdf(40, 'Linac 4 acceptance test records')
    await createEvidence(
      trainee.visitor,
      item('Acceptance testing of linac 4', 'commissioning-qa-report', [
        ['Tech2', substantive('ran the acceptance tests with the engineers and recorded the results')],
      ]),
      [{ name: 'linac4-acceptance.pdf', mimeType: 'application/pdf', buffer: more }],
    )
    await page.goto('/coverage')
    const before = total
    total = await countedPages(page)
    expect(total).toBeGreaterThanOrEqual(before + 40)
    expect(total).toBeGreaterThan(PAGE_LIMIT)
    budget = await budgetText(page)
    expect(budget).toContain(`has ${total} pages (170 of them attachments).`)
    expect(budget).toContain(`Over the limit by ${total - PAGE_LIMIT} pages: cut before you submit.`)
    expect(budget).not.toContain('Over the target')
    // A meter cannot go past its maximum; its name still says how far over it is.
    expect(Number(await budgetMeter(page).getAttribute('value'))).toBe(PAGE_LIMIT)
    expect(await budgetMeter(page).getAttribute('aria-label')).toBe(`${total} of ${PAGE_LIMIT} pages`)
    expect(await budgetMeter(page).getAttribute('class')).toBe('meter meter--over-limit')
    const overLimit = findings(page, 'portfolio.over-limit')
    await expect
      .poll(() => overLimit.textContent())
      .toContain(
        `comes to ${total} pages; ACS rejects a portfolio of more than ${PAGE_LIMIT} pages on receipt. Cut at least ${plural(total - PAGE_LIMIT)} —`,
      )
    expect(await overLimit.textContent()).not.toMatch(/about|estimated/)
    expect(await overLimit.count()).toBe(1)
    expect(await page.locator('details.gaps--blocker li[data-rule="portfolio.over-limit"]').count()).toBe(1)
    // Only one of the two page findings.
    expect(await findings(page, 'portfolio.over-target').count()).toBe(0)
    // The over-limit blocker counts with the unevidenced areas, the two claimed only by drafts, the missing summary
    // statement and the record without supervised practice.
    expect(await readinessTitle(page)).toBe(`Not ready to submit: ${AREAS_TOTAL - 2 + 2 + 2 + 1} blockers`)

    expect(realProblems(page)).toEqual([])
  })
})

describe('a mentor’s dashboard', () => {
  it('lists linked trainees only, sorts by coverage, and shows one trainee’s coverage read-only', async () => {
    // Two trainees of the same mentor, with different coverage.
    const zainab = await traineeAccount('Zainab Okafor-Reyes', { targetSubmissionDate: '2027-03-31' })
    const zainabAreas = ['Sci1', 'Sci2', 'Clin1']
    await createEvidence(
      zainab.visitor,
      item('Dose audit for paediatric CT', 'audit', [
        ['Sci1', substantive('checked the dose records against the reference levels')],
        ['Sci2', substantive('worked out the spread of doses and the likely causes')],
      ]),
    )
    await createEvidence(
      zainab.visitor,
      item('A breast planning case', 'case-study', [
        ['Clin1', substantive('followed a patient pathway from referral to treatment')],
      ]),
    )

    const aled = await traineeAccount('Aled Pritchard-Vance')
    const aledAreas = ['Sci1', 'Sci2', 'Sci3', 'Sci4', 'Tech1', 'Tech2', 'Com1']
    await createEvidence(
      aled.visitor,
      item('Gamma camera uniformity analysis', 'data-analysis', [
        ['Sci1', substantive('analysed a year of uniformity results and their trend')],
        ['Sci2', substantive('set out the limits of the method and what they mean')],
        ['Sci3', substantive('tested whether the drift was significant with a suitable test')],
        ['Sci4', substantive('wrote the conclusions up for the quality meeting')],
      ]),
    )
    await createEvidence(
      aled.visitor,
      item('Gamma camera acceptance tests', 'commissioning-qa-report', [
        ['Tech1', substantive('ran the acceptance tests against the manufacturer specification')],
        ['Tech2', substantive('recorded each result with its tolerance and the action taken')],
      ]),
    )
    await createEvidence(
      aled.visitor,
      item('Teaching session on uniformity', 'training-delivered', [
        ['Com1', substantive('taught the new starters how to read a uniformity image')],
      ]),
    )

    // A third trainee, with a different mentor.
    const ulrika = await traineeAccount('Ulrika Brennan-Solberg')
    await createEvidence(
      ulrika.visitor,
      item('Shielding assessment for a new bunker', 'risk-assessment', [
        ['Tech5', substantive('calculated the shielding needed for the new bunker walls')],
      ]),
    )
    await signUpMentor(new HttpVisitor(app.baseUrl), await createInvitation(ulrika.visitor, 'for another mentor'), {
      name: 'Dr Other Mentor',
      email: `other-${randomBytes(4).toString('hex')}@example.test`,
      password: 'saffron glacier ukulele mist',
    })

    // The mentor joins through Zainab's invitation and accepts Aled's.
    const mentorVisitor = new HttpVisitor(app.baseUrl)
    await signUpMentor(mentorVisitor, await createInvitation(zainab.visitor, 'for Dr Mensah'), {
      name: 'Dr Kwame Mensah',
      email: `mentor-${randomBytes(4).toString('hex')}@example.test`,
      password: 'velvet thunder pocket lighthouse',
    })
    expect(await acceptInvitation(mentorVisitor, await createInvitation(aled.visitor, 'for Dr Mensah'))).toBe(aled.id)
    const page = await freshPage()
    await signInPage(page, mentorVisitor)

    const answer = await page.goto('/mentor')
    expect(answer?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your trainees')

    const rows = () =>
      page.$$eval('table.dashboard tbody tr', (trs) =>
        trs.map((tr) => ({
          name: tr.querySelector('th[scope="row"] a')?.textContent ?? '',
          cells: [...tr.querySelectorAll(':scope > td')].map((td) => (td.textContent ?? '').trim()),
          domains: [...tr.querySelectorAll('.domain-bars li')].map((li) => (li.textContent ?? '').trim()),
        })),
      )
    const order = async () => (await rows()).map((r) => r.name)
    const ariaSort = (label: string) =>
      page.locator('table.dashboard thead th').filter({ hasText: label }).getAttribute('aria-sort')

    // Sorted by evidenced, least first, by default.
    expect(await order()).toEqual([zainab.name, aled.name])
    expect(await ariaSort('Evidenced')).toBe('ascending')
    expect(await ariaSort('Trainee')).toBe('none')

    const byName = new Map((await rows()).map((r) => [r.name, r]))
    for (const [trainee, areas] of [
      [zainab, zainabAreas],
      [aled, aledAreas],
    ] as const) {
      const row = byName.get(trainee.name)!
      // Evidenced, verified, by domain, blockers, pages, awaiting review, last activity, target.
      expect(row.cells[0], trainee.name).toBe(`${percent(areas.length, AREAS_TOTAL)}%`)
      expect(row.cells[1]).toBe('0%')
      // Unevidenced areas, areas claimed only by drafts, the missing summary statement and supervised practice.
      expect(row.cells[3]).toBe(String(AREAS_TOTAL - areas.length + areas.length + 2))
      // The preview PDF's count once it is made, else the estimate marked as one.
      expect(row.cells[4]).toMatch(/^(\d+ pages?|about \d+ pages? \(estimated\))$/)
      expect(row.cells[5]).toBe('0')
      expect(row.cells[6]).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/)
    }
    expect(byName.get(zainab.name)!.cells[0]).toBe('6%')
    expect(byName.get(aled.name)!.cells[0]).toBe('15%')
    expect(byName.get(zainab.name)!.cells[7]).toBe('31 Mar 2027')
    expect(byName.get(aled.name)!.cells[7]).toBe('Not set')
    // Per domain: Aled has 4 of 7 Scientific, 2 of 6 Technical, 1 of 5 Communication areas.
    expect(byName.get(aled.name)!.domains).toEqual([
      `Sci ${percent(4, 7)}%`,
      'Clin 0%',
      `Tech ${percent(2, 6)}%`,
      'R&D 0%',
      `Com ${percent(1, 5)}%`,
      'PS 0%',
      'Prof 0%',
    ])
    expect(byName.get(zainab.name)!.domains.slice(0, 2)).toEqual([`Sci ${percent(2, 7)}%`, `Clin ${percent(1, 6)}%`])

    // The unlinked trainee is nowhere on the page.
    expect(await page.content()).not.toContain(ulrika.name)
    expect(await page.content()).not.toContain('Brennan')
    await screenshotWidths(page, 'mentor-dashboard', [1280])

    // Sorting by Evidenced toggles the order and aria-sort.
    await waitForHydration(page)
    const evidencedHeader = page.locator('table.dashboard thead').getByRole('link', { name: 'Evidenced', exact: true })
    await evidencedHeader.click()
    await page.waitForURL(
      (url) => url.searchParams.get('sort') === 'evidenced' && url.searchParams.get('dir') === 'desc',
    )
    await expect.poll(order).toEqual([aled.name, zainab.name])
    expect(await ariaSort('Evidenced')).toBe('descending')
    await evidencedHeader.click()
    await page.waitForURL((url) => url.searchParams.get('dir') === 'asc')
    await expect.poll(order).toEqual([zainab.name, aled.name])
    expect(await ariaSort('Evidenced')).toBe('ascending')
    // The same sort as a plain request, without JavaScript.
    await page.goto('/mentor?sort=evidenced&dir=desc')
    expect(await order()).toEqual([aled.name, zainab.name])
    expect(await ariaSort('Evidenced')).toBe('descending')

    // One trainee's coverage, read-only.
    await waitForHydration(page)
    await page.locator('table.dashboard tbody').getByRole('link', { name: aled.name, exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/mentor/trainees/${aled.id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(aled.name)
    expect(await page.locator('main .eyebrow').textContent()).toBe('Trainee portfolio · read only')
    expect(await readinessTitle(page)).toBe(
      `Not ready to submit: ${AREAS_TOTAL - aledAreas.length + aledAreas.length + 2} blockers`,
    ) // drafts, no summary statement and no supervised practice block too
    expect(await page.locator('section.readiness p').textContent()).toContain(
      `${aledAreas.length} of ${AREAS_TOTAL} areas evidenced (${percent(aledAreas.length, AREAS_TOTAL)}%)`,
    )
    const main = page.locator('main')
    expect(await main.getByRole('link', { name: /Log evidence/ }).count()).toBe(0)
    expect(await main.locator('a[href^="/evidence/new"], a[href^="/evidence?"]').count()).toBe(0)
    const cells = await matrixCells(page)
    expect(cells.size).toBe(AREAS_TOTAL)
    for (const cell of cells.values()) expect(cell.href, cell.code).toBe(`/framework/${encodeURIComponent(cell.code)}`)
    expect(cells.get('Sci1')?.label).toBe('Sci1, 1 item: Claimed, not verified')
    expect(cells.get('Sci1')?.className).toBe('cell cell--claimed')
    const gaps = await page.$$eval('li[data-rule="area.not-evidenced"] > a', (links) =>
      links.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
    )
    expect(gaps).toHaveLength(AREAS_TOTAL - aledAreas.length)
    for (const { text, href } of gaps) {
      const code = /^Read (\S+)$/.exec(text ?? '')?.[1]
      expect(code, text ?? '').toBeDefined()
      expect(href).toBe(`/framework/${encodeURIComponent(code!)}`)
    }
    expect(gaps).toContainEqual({ text: 'Read R&D1', href: '/framework/R%26D1' })
    // The trainee's items are listed.
    const evidenceTitles = await page.locator('.evidence-list h3').allTextContents()
    expect(evidenceTitles.sort()).toEqual([
      'Gamma camera acceptance tests',
      'Gamma camera uniformity analysis',
      'Teaching session on uniformity',
    ])

    // The unlinked trainee's portfolio is not found.
    const refused = await page.goto(`/mentor/trainees/${ulrika.id}`)
    expect(refused?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    expect(await page.content()).not.toContain(ulrika.name)

    expect(realProblems(page)).toEqual([])
  })
})

describe('accessibility of the coverage page', () => {
  it('has one h1, states every status in words, and is reachable by keyboard', async () => {
    const { trainee, page } = await signedInTrainee('Keira Keyboard Lindqvist')
    await createEvidence(
      trainee.visitor,
      item('Regional dosimetry audit visit', 'audit', [
        ['Sci1', substantive('prepared the measurements for the visiting auditors and explained the local set-up')],
        ['Prof2', substantive('kept the audit records in line with the departmental quality system')],
      ]),
    )

    await page.goto('/coverage')
    await waitForHydration(page)
    expect(await page.locator('h1').count()).toBe(1)

    // Each cell is a link whose accessible name says the area, its status in words and its count.
    const snapshot = await page.locator('.coverage-matrix').ariaSnapshot()
    // (Lines holding a colon are quoted in the snapshot's YAML: `- 'link "Sci1: …"':`.)
    const names = [...snapshot.matchAll(/\blink "([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((name) => !name.startsWith('What '))
    expect(names).toHaveLength(AREAS_TOTAL)
    const cells = await matrixCells(page)
    const wording = {
      'cell--not-evidenced': 'No evidence',
      'cell--claimed': 'Claimed, not verified',
      'cell--verified': 'Verified',
    } as const
    for (const name of names) {
      const match = /^([A-Za-z&]+\d+), (\d+) items?: (No evidence|Claimed, not verified|Verified)$/.exec(name)
      expect(match, name).not.toBeNull()
      const [, code, count, status] = match!
      const cell = cells.get(code!)!
      const statusClass = cell.className.split(' ').find((c) => c in wording) as keyof typeof wording
      expect(wording[statusClass], code).toBe(status)
      expect(Number(count) > 0, code).toBe(status !== 'No evidence')
    }
    expect(names).toContain('Sci1, 1 item: Claimed, not verified')
    expect(names).toContain('Prof2, 1 item: Claimed, not verified')
    expect(names).toContain('Sci2, 0 items: No evidence')
    // The symbols are hidden from assistive technology; the legend says what they mean in words.
    expect(await page.locator('.coverage-cells .cell__status[aria-hidden="true"]').count()).toBe(AREAS_TOTAL)
    const legend = (await page.locator('.coverage .legend').textContent()) ?? ''
    for (const words of ['no evidence', 'claimed, not yet verified', 'verified by a mentor'])
      expect(legend).toContain(words)

    // Tab from the top of the page reaches the first cell, which shows where focus is.
    const firstCell = page.locator('.coverage-cells a').first()
    await page.locator('body').focus()
    let presses = 0
    let reached = false
    while (presses < 40 && !reached) {
      await page.keyboard.press('Tab')
      presses++
      reached = await firstCell.evaluate((el) => el === document.activeElement)
    }
    expect(reached, `Tab did not reach the first cell in ${presses} presses`).toBe(true)
    expect(await firstCell.getAttribute('aria-label')).toBe('Sci1, 1 item: Claimed, not verified')
    const outline = await firstCell.evaluate((el) => {
      const style = getComputedStyle(el)
      return { style: style.outlineStyle, width: style.outlineWidth }
    })
    expect(outline.style).not.toBe('none')
    expect(outline.width).not.toBe('0px')
    // Enter follows it: a claimed area opens the evidence claiming it.
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === '/evidence' && url.searchParams.get('area') === 'Sci1')
    await expect
      .poll(() => page.locator('.evidence-card h2').allTextContents())
      .toEqual(['Regional dosimetry audit visit'])

    expect(realProblems(page)).toEqual([])
  })
})
