/**
 * Evidence in the browser: a trainee logs an item with claims and files,
 * finds it again with the filters, edits it past the patient-data guard,
 * downloads its files, and deletes it; refused files keep the form; user
 * Markdown runs no script; a linked mentor reads but cannot change.
 */
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { PDFDocument } from 'pdf-lib'
import type { APIResponse, Browser, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createEvidence,
  createInvitation,
  HttpVisitor,
  type NewEvidence,
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

let app: RunningApp
let browser: Browser
let db: Database.Database

useApp((running) => ({ app, browser, db } = running))

/** A page in a fresh browser profile, closed after the test. */
const freshPage = usePages(() => ({ app, browser }))

interface Trainee {
  name: string
  email: string
  password: string
  visitor: HttpVisitor
}

/** A trainee signed up over HTTP, and a fresh browser page signed in as them. */
async function signedInTrainee(label: string): Promise<{ trainee: Trainee; page: Page }> {
  const suffix = randomBytes(4).toString('hex')
  const visitor = new HttpVisitor(app.baseUrl)
  const trainee = {
    name: `Imogen ${label} Okonkwo-Hale`,
    email: `${label.toLowerCase()}-${suffix}@example.test`,
    password: 'correct horse battery staple',
    visitor,
  }
  await signUpTrainee(visitor, { ...trainee, employer: 'Northern Cancer Centre' })
  const page = await freshPage()
  await signInPage(page, visitor)
  return { trainee, page }
}

/** Gives the page's browser context the visitor's session cookie. */
async function signInPage(page: Page, visitor: HttpVisitor) {
  const token = visitor.sessionToken
  if (!token) throw new Error('The visitor is not signed in')
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])
}

/** A two-page PDF, made fresh. */
async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.setTitle('Linac 3 output checks')
  doc.addPage([595, 842]).drawText('Linac 3 output checks: page one', { x: 50, y: 780, size: 14 })
  doc.addPage([595, 842]).drawText('Linac 3 output checks: page two', { x: 50, y: 780, size: 14 })
  return Buffer.from(await doc.save())
}

const notesTxt = Buffer.from(
  'Output check notes\n\nThe 6 MV beam was within tolerance.\nThe 10 MV beam drifted slightly and was measured again with a second chamber.\n',
  'utf8',
)

const sampleItem = (title: string, overrides: Partial<NewEvidence> = {}): NewEvidence => ({
  title,
  activityStart: '2025-02-03',
  evidenceType: 'audit',
  role: 'contributed',
  description: 'Audited the **imaging dose** records for the CT scanner against the local reference levels.',
  reflection: 'I learned how the reference levels were set and would start the data collection earlier next time.',
  claims: [
    { area: 'Clin2', statement: 'I compared the recorded doses with the reference levels and reported the outliers.' },
  ],
  ...overrides,
})

/**
 * Screenshots at a desktop and a phone width (only with E2E_SCREENSHOTS=1),
 * leaving the page at the desktop width.
 */
async function screenshotWidths(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 })
    // Let the new layout paint before capturing it.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    await screenshot(page, `${name}-${width}`)
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

/** The wrapper of the Description or Reflection field in the editor. */
function markdownField(page: Page, name: 'description' | 'reflection'): Locator {
  return page.locator('.markdown-field').filter({ has: page.locator(`#evidence-${name}`) })
}

/** The evidence list's count of items (or of matches). */
const listStatus = (page: Page) => page.locator('main p.muted[role="status"]')

const piiPanel = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Possible patient-identifiable information' })

/** The ids of the text elements an input's aria-describedby names, and their text. */
async function describedText(page: Page, input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean)
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))
  return texts.join('\n')
}

/** Every value of a response header, one per header line. */
async function header(response: APIResponse, name: string): Promise<string[]> {
  return (await response.headersArray()).filter((h) => h.name.toLowerCase() === name).map((h) => h.value)
}

/** The headers that keep a stored file from running as part of the app. */
async function expectLockedDown(response: APIResponse) {
  expect(await header(response, 'x-content-type-options')).toEqual(['nosniff'])
  expect(await header(response, 'cache-control')).toEqual(['private, no-store'])
  // One policy only: the file's own sandbox, not the app's page policy as well.
  const policies = await header(response, 'content-security-policy')
  expect(policies).toHaveLength(1)
  expect(policies[0]).toMatch(/^sandbox(;|$)/)
}

function evidenceCount(email: string): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM evidence_items WHERE trainee_id = (SELECT id FROM users WHERE email = ?)')
    .get(email.toLowerCase()) as { n: number }
  return row.n
}

describe('logging, finding and editing evidence', () => {
  it('logs an item with claims and files, filters to it, and edits it past the patient-data guard', async () => {
    const { trainee, page } = await signedInTrainee('Journey')
    const pdf = await twoPagePdf()

    // An empty list says what to do first.
    await page.goto('/evidence')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Evidence')
    await expect.poll(() => page.getByRole('heading', { name: 'No evidence yet' }).count()).toBe(1)
    expect(await page.locator('.empty-state').textContent()).toContain('Start with something you did recently')
    expect(await page.getByRole('search', { name: 'Filter evidence' }).count()).toBe(0)
    await screenshotWidths(page, 'evidence-empty')

    await waitForHydration(page)
    await page.getByRole('link', { name: 'Log your first item' }).click()
    await page.waitForURL((url) => url.pathname === '/evidence/new')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log a piece of evidence')
    await waitForHydration(page, 'form.evidence-form')

    const title = 'Annual QA of linac 3: output and energy checks'
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Date of the activity').fill('2025-03-14')
    await page.getByLabel('Type of evidence').selectOption({ label: 'Commissioning or QA report' })
    await page.getByRole('radio', { name: 'I led it' }).check()

    // The description counts its words as they are typed, and previews its Markdown.
    const description = page.getByLabel('Description', { exact: true })
    const descriptionCount = page.locator('#evidence-description-count')
    expect(await descriptionCount.textContent()).toBe('0 words')
    await description.fill('Ran the **annual output checks** on linac 3')
    await expect.poll(() => descriptionCount.textContent()).toBe('8 words')
    await description.fill(
      [
        'Ran the **annual output checks** on linac 3 after the magnetron change.',
        '',
        '- Measured output at 6 MV and 10 MV',
        '- Compared the results with the baseline',
        '- Wrote up the tolerances for the QA group',
      ].join('\n'),
    )
    await expect.poll(() => descriptionCount.textContent()).toBe('34 words')
    const descriptionField = markdownField(page, 'description')
    await descriptionField.getByRole('button', { name: 'Preview' }).click()
    const preview = descriptionField.locator('.markdown-preview')
    await expect.poll(() => preview.locator('strong').textContent()).toBe('annual output checks')
    expect(await preview.locator('li').allTextContents()).toEqual([
      'Measured output at 6 MV and 10 MV',
      'Compared the results with the baseline',
      'Wrote up the tolerances for the QA group',
    ])
    expect(await description.isHidden()).toBe(true)
    await descriptionField.getByRole('button', { name: 'Back to writing' }).click()
    await expect.poll(() => description.isVisible()).toBe(true)
    expect(await preview.count()).toBe(0)

    const reflection =
      'The 10 MV reading drifted by 0.8% so I repeated it with a second chamber. Next time I will let the electrometer warm up for longer.'
    await page.getByLabel('Reflection', { exact: true }).fill(reflection)
    await expect.poll(() => page.locator('#evidence-reflection-count').textContent()).toBe('27 words')

    // Claims: find Tech4 with the search box, then tick Clin1 and Sci7.
    const claimed = page.getByText(/^\d+ areas? claimed$/)
    expect(await claimed.textContent()).toBe('0 areas claimed')
    await page.getByLabel('Find an area by code or words').fill('Tech4')
    await expect.poll(() => page.locator('li.claim:visible').count()).toBe(1)
    await page.getByRole('checkbox', { name: /^Tech4 / }).check()
    await page
      .getByLabel('How does this item demonstrate Tech4?')
      .fill('I ran the output measurements and checked them against tolerance.')
    await page.getByLabel('Find an area by code or words').fill('')
    await expect.poll(() => page.locator('li.claim:visible').count()).toBeGreaterThan(40)
    await page.getByRole('checkbox', { name: /^Clin1 / }).check()
    await page
      .getByLabel('How does this item demonstrate Clin1?')
      .fill('The checks kept the linac safe to treat patients after the repair.')
    await page.getByRole('checkbox', { name: /^Sci7 / }).check()
    await page
      .getByLabel('How does this item demonstrate Sci7?')
      .fill('I estimated the uncertainty of each output reading.')
    await expect.poll(() => claimed.textContent()).toBe('3 areas claimed')

    await page.getByLabel('Add files').setInputFiles([
      { name: 'linac3-output.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'output-notes.txt', mimeType: 'text/plain', buffer: notesTxt },
    ])
    await screenshotWidths(page, 'evidence-new-form')

    await page.getByRole('button', { name: 'Save item' }).click()
    await page.waitForURL((url) => /^\/evidence\/\d+$/.test(url.pathname) && url.searchParams.get('saved') === '1')
    const itemPath = new URL(page.url()).pathname
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title)
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1)
    expect(await page.locator('.eyebrow').textContent()).toBe('Commissioning or QA report · Draft')
    expect(await page.locator('main').textContent()).toContain('14 March 2025 · Led by the trainee')
    const savedDescription = page.getByRole('region', { name: /^Description/ })
    expect(await savedDescription.locator('.markdown strong').textContent()).toBe('annual output checks')
    expect(await savedDescription.locator('.markdown li').count()).toBe(3)

    const claims = page.getByRole('region', { name: 'Competences claimed' }).locator(':scope > ul > li')
    expect(await claims.count()).toBe(3)
    const claimTexts = await claims.allTextContents()
    expect(claimTexts.map((t) => t.split(' ')[0])).toEqual(['Sci7', 'Clin1', 'Tech4'])
    expect(claimTexts[0]).toContain('I estimated the uncertainty of each output reading.')
    expect(claimTexts[1]).toContain('The checks kept the linac safe to treat patients after the repair.')
    expect(claimTexts[2]).toContain('I ran the output measurements and checked them against tolerance.')

    const attachments = page.getByRole('region', { name: 'Attachments' })
    const pdfRow = attachments
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'linac3-output.pdf' }) })
    expect(await pdfRow.textContent()).toMatch(/PDF · \d+ KB · 2 pages(?! \(estimated\))/)
    expect(await pdfRow.getByRole('link', { name: 'Preview' }).count()).toBe(1)
    const txtRow = attachments
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'output-notes.txt' }) })
    expect(await txtRow.textContent()).toMatch(/Text file · 134 bytes · 1 page \(estimated\)/)
    expect(await txtRow.getByRole('link', { name: 'Preview' }).count()).toBe(0)
    expect(await attachments.textContent()).toContain(
      '3 pages of attachments count towards the portfolio’s page limit.',
    )

    // The list shows the item with its claims in the framework's domain order.
    await page.goto('/evidence')
    const card = page.locator('.evidence-card').filter({ has: page.getByRole('link', { name: title }) })
    expect(
      await card.getByRole('list', { name: 'Competences claimed' }).getByRole('listitem').allTextContents(),
    ).toEqual(['Sci7', 'Clin1', 'Tech4'])
    expect(await card.locator('.evidence-card__meta').textContent()).toBe(
      '14 Mar 2025 · Commissioning or QA report · Draft · 2 files',
    )
    expect(await listStatus(page).textContent()).toBe('1 item.')

    // Filtering by a domain it claims finds it; by one it does not, nothing.
    await waitForHydration(page, 'form.filters')
    await page.getByLabel('Domain').selectOption({ label: 'Clinical' })
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL((url) => url.searchParams.get('domain') === 'Clin')
    await expect.poll(() => listStatus(page).textContent()).toBe('1 of 1 items match.')
    expect(await card.count()).toBe(1)
    expect(await page.getByLabel('Domain').inputValue()).toBe('Clin')
    await screenshotWidths(page, 'evidence-list-filtered')

    await page.getByLabel('Domain').selectOption({ label: 'Research and Development' })
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL((url) => url.searchParams.get('domain') === 'R&D')
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing matches' }).count()).toBe(1)
    expect(await listStatus(page).textContent()).toBe('0 of 1 items match.')
    expect(await card.count()).toBe(0)

    await page.getByRole('link', { name: 'Clear filters' }).click()
    await page.waitForURL((url) => url.pathname === '/evidence' && url.search === '')
    await expect.poll(() => listStatus(page).textContent()).toBe('1 item.')
    expect(await card.count()).toBe(1)
    expect(await page.getByRole('link', { name: 'Clear filters' }).count()).toBe(0)

    // Edit: a new title, and an NHS number typed into the reflection.
    await card.getByRole('link', { name: title }).click()
    await page.waitForURL((url) => url.pathname === itemPath)
    await waitForHydration(page)
    await page.getByRole('link', { name: 'Edit', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `${itemPath}/edit`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Edit evidence')
    await waitForHydration(page, 'form.evidence-form')
    expect(await page.getByLabel('Title').inputValue()).toBe(title)
    expect(await page.getByRole('checkbox', { name: /^Tech4 / }).isChecked()).toBe(true)
    expect(await page.getByLabel('How does this item demonstrate Sci7?').inputValue()).toBe(
      'I estimated the uncertainty of each output reading.',
    )
    expect(await page.getByRole('checkbox', { name: 'Remove linac3-output.pdf (PDF)' }).isChecked()).toBe(false)

    const newTitle = 'Linac 3 output and energy checks after the magnetron change'
    await page.getByLabel('Title').fill(newTitle)
    const reflectionBox = page.getByLabel('Reflection', { exact: true })
    const reflectionWarning = markdownField(page, 'reflection')
      .getByRole('status')
      .filter({ hasText: 'Possible patient-identifiable information' })
    expect(await reflectionWarning.count()).toBe(0)
    await reflectionBox.fill(`${reflection} Checked against the patient's NHS number 943 476 5919 before treatment.`)
    await expect.poll(() => reflectionWarning.count()).toBe(1)
    expect(await reflectionWarning.textContent()).toContain('NHS number')
    // The warning is live: it is there before anything is sent.
    expect(new URL(page.url()).pathname).toBe(`${itemPath}/edit`)

    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL((url) => url.pathname === itemPath && url.searchParams.get('saved') === '1')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(newTitle)
    const panel = piiPanel(page)
    await expect.poll(() => panel.count()).toBe(1)
    const panelText = (await panel.textContent())!
    expect(panelText).toContain('Reflection:')
    expect(panelText).toContain('943 ••• ••19')
    expect(panelText).not.toContain('943 476 5919')
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0)
    await screenshotWidths(page, 'evidence-item-pii')

    // The list flags it too.
    await page.goto('/evidence')
    expect(
      await page.locator('.evidence-card').filter({ hasText: newTitle }).locator('.warning-text').textContent(),
    ).toBe('1 possible patient identifier')

    // Edit again and take the number out: the panel goes.
    await page.goto(`${itemPath}/edit`)
    await waitForHydration(page, 'form.evidence-form')
    expect(await markdownField(page, 'reflection').textContent()).toContain('Found when last saved:943 ••• ••19')
    expect(await page.getByLabel('Title').inputValue()).toBe(newTitle)
    await reflectionBox.fill(`${reflection} Checked against the patient's ID band before treatment.`)
    await expect.poll(() => reflectionWarning.count()).toBe(0)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL((url) => url.pathname === itemPath && url.searchParams.get('saved') === '1')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1)
    expect(await piiPanel(page).count()).toBe(0)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(newTitle)
    expect(await page.getByRole('region', { name: /^Reflection/ }).textContent()).toContain(
      "Checked against the patient's ID band",
    )
    expect(evidenceCount(trainee.email)).toBe(1)

    expect(realProblems(page)).toEqual([])
  })
})

describe('the filter form', () => {
  // The fields must follow the address: after “Clear filters” the form shows no
  // filter, so the next “Filter” does not quietly apply the old one again.
  it('shows no filter once the filters are cleared', async () => {
    const { trainee, page } = await signedInTrainee('Filters')
    await createEvidence(trainee.visitor, sampleItem('A CT dose audit'))
    await page.goto('/evidence')
    await waitForHydration(page, 'form.filters')
    await page.getByLabel('Domain').selectOption({ label: 'Research and Development' })
    await page.getByRole('button', { name: 'Filter' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing matches' }).count()).toBe(1)
    await page.getByRole('link', { name: 'Clear filters' }).click()
    await page.waitForURL((url) => url.pathname === '/evidence' && url.search === '')
    await expect.poll(() => listStatus(page).textContent()).toBe('1 item.')
    expect(await page.getByLabel('Domain').inputValue()).toBe('')
  })
})

describe('attached files', () => {
  it('are downloaded as attachments with locked-down headers, and only by their owner', async () => {
    const { trainee, page } = await signedInTrainee('Files')
    const pdf = await twoPagePdf()
    const id = await createEvidence(trainee.visitor, sampleItem('Dose audit with the scanner report'), [
      { name: 'dose-audit.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'dose-notes.txt', mimeType: 'text/plain', buffer: notesTxt },
    ])
    await page.goto(`/evidence/${id}`)
    const attachments = page.getByRole('region', { name: 'Attachments' })
    const pdfLink = attachments.getByRole('link', { name: 'dose-audit.pdf' })
    const href = (await pdfLink.getAttribute('href'))!
    expect(href).toMatch(new RegExp(`^/evidence/${id}/files/\\d+$`))
    expect(await pdfLink.getAttribute('download')).toBe('')

    const download = await page.request.get(href)
    expect(download.status()).toBe(200)
    expect(await header(download, 'content-type')).toEqual(['application/pdf'])
    expect(await header(download, 'content-disposition')).toEqual([
      `attachment; filename="dose-audit.pdf"; filename*=UTF-8''dose-audit.pdf`,
    ])
    await expectLockedDown(download)
    expect(Buffer.compare(await download.body(), pdf)).toBe(0)

    const previewHref = (await attachments.getByRole('link', { name: 'Preview' }).getAttribute('href'))!
    expect(previewHref).toBe(`${href}?inline=1`)
    const preview = await page.request.get(previewHref)
    expect(preview.status()).toBe(200)
    expect(await header(preview, 'content-disposition')).toEqual([
      `inline; filename="dose-audit.pdf"; filename*=UTF-8''dose-audit.pdf`,
    ])
    await expectLockedDown(preview)

    // A text file is never shown inline, even when asked.
    const txtHref = (await attachments.getByRole('link', { name: 'dose-notes.txt' }).getAttribute('href'))!
    const txt = await page.request.get(`${txtHref}?inline=1`)
    expect(txt.status()).toBe(200)
    expect(txt.headers()['content-type']).toMatch(/^text\/plain(;|$)/)
    expect(txt.headers()['content-disposition']).toMatch(/^attachment; /)
    await expectLockedDown(txt)
    expect(await txt.text()).toBe(notesTxt.toString('utf8'))

    // Another trainee is told there is nothing there, for the file and the item.
    const { page: other } = await signedInTrainee('Other')
    for (const url of [href, previewHref, txtHref, `/evidence/${id}`]) {
      const answer = await other.request.get(url, { maxRedirects: 0 })
      expect(answer.status(), url).toBe(404)
      expect(await answer.text()).not.toContain('%PDF')
    }

    // Signed out, the file leads to the sign-in page and nothing else.
    const signedOut = await freshPage()
    for (const url of [href, previewHref]) {
      const answer = await signedOut.request.get(url, { maxRedirects: 0 })
      expect(answer.status(), url).toBe(302)
      expect(answer.headers().location).toBe(`/login?redirectTo=${encodeURIComponent(url)}`)
      expect(await answer.text()).not.toContain('%PDF')
    }
    const followed = await signedOut.request.get(href)
    expect(new URL(followed.url()).pathname).toBe('/login')
    expect(followed.headers()['content-type']).toMatch(/^text\/html/)

    expect(realProblems(page)).toEqual([])
  })
})

describe('a refused file', () => {
  it('keeps everything typed, says which file and why at the files field, and saves nothing', async () => {
    const { trainee, page } = await signedInTrainee('Refused')
    await createEvidence(trainee.visitor, sampleItem('An earlier dose audit'))
    expect(evidenceCount(trainee.email)).toBe(1)

    await page.goto('/evidence/new')
    await waitForHydration(page, 'form.evidence-form')
    const title = 'Patient-specific QA of a VMAT prostate plan'
    const descriptionText = 'Measured the plan with the **array** and compared it with the calculation.'
    const statement = 'I analysed the gamma results and explained the one failing arc to the planner.'
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Type of evidence').selectOption({ label: 'Commissioning or QA report' })
    await page.getByRole('radio', { name: 'I contributed' }).check()
    await page.getByLabel('Description', { exact: true }).fill(descriptionText)
    await page.getByRole('checkbox', { name: /^Clin1 / }).check()
    await page.getByLabel('How does this item demonstrate Clin1?').fill(statement)
    await page.getByLabel('Add files').setInputFiles({
      name: 'report.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
    })

    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/evidence/new'),
      ),
      page.getByRole('button', { name: 'Save item' }).click(),
    ])
    expect(response.status()).toBe(400)

    const files = page.getByLabel('Add files')
    await expect.poll(() => files.getAttribute('aria-invalid')).toBe('true')
    const filesError = await describedText(page, files)
    expect(filesError).toContain('report.pdf was not attached: This is a web page (HTML), which is not accepted')
    await expect
      .poll(() => page.locator('form [role="alert"]').textContent())
      .toBe('Nothing was saved: a file was refused. Choose the files again.')

    expect(new URL(page.url()).pathname).toBe('/evidence/new')
    expect(await page.getByLabel('Title').inputValue()).toBe(title)
    expect(await page.getByLabel('Type of evidence').inputValue()).toBe('commissioning-qa-report')
    expect(await page.getByRole('radio', { name: 'I contributed' }).isChecked()).toBe(true)
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe(descriptionText)
    expect(await page.getByRole('checkbox', { name: /^Clin1 / }).isChecked()).toBe(true)
    expect(await page.getByLabel('How does this item demonstrate Clin1?').inputValue()).toBe(statement)
    expect(await page.getByLabel('How does this item demonstrate Clin1?').isVisible()).toBe(true)
    expect(await page.getByText('1 area claimed').count()).toBe(1)

    // Nothing was saved: not the item, not the file.
    expect(evidenceCount(trainee.email)).toBe(1)
    const list = await freshPage()
    await signInPage(list, trainee.visitor)
    await list.goto('/evidence')
    expect(await listStatus(list).textContent()).toBe('1 item.')
    expect(await list.getByRole('link', { name: 'An earlier dose audit' }).count()).toBe(1)
    expect(await list.getByRole('link', { name: title }).count()).toBe(0)

    expect(realProblems(page)).toEqual([])
  })
})

describe('Markdown', () => {
  it('renders no script, no event handler and no javascript: link', async () => {
    const { trainee, page } = await signedInTrainee('Markdown')
    const description =
      '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> [click](javascript:window.__xss=3)'
    const id = await createEvidence(
      trainee.visitor,
      sampleItem('Markdown that tries to run script', { description, reflection: description }),
    )

    await page.goto(`/evidence/${id}`)
    await waitForHydration(page)
    const xss = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
    expect(await xss()).toBeUndefined()
    const markdown = page.locator('.markdown')
    expect(await markdown.count()).toBe(2)
    expect(await markdown.locator('script').count()).toBe(0)
    expect(await markdown.locator('img').count()).toBe(0)
    expect(await markdown.locator('[onerror], [onclick], [onload]').count()).toBe(0)
    expect(await markdown.locator('iframe, object, embed').count()).toBe(0)
    // The markup is shown as the text it is.
    expect(await markdown.first().textContent()).toContain('<script>window.__xss=2</script>')

    const links = markdown.getByRole('link', { name: 'click' })
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))
    for (const href of hrefs) expect(href ?? '').not.toMatch(/^\s*javascript:/i)
    if (hrefs.length > 0) {
      // An emptied href points at the page itself, so clicking it loads the page again.
      const loaded = hrefs[0] === '' ? page.waitForEvent('load') : undefined
      await links.first().click()
      await loaded
      await waitForHydration(page)
    }
    expect(await xss()).toBeUndefined()
    expect(new URL(page.url()).pathname).toBe(`/evidence/${id}`)
  })
})

describe('deleting an item', () => {
  it('asks first, keeps it on “Keep it”, and removes it on “Delete the item”', async () => {
    const { trainee, page } = await signedInTrainee('Delete')
    const title = 'Teaching session on TLD dosimetry'
    const id = await createEvidence(trainee.visitor, sampleItem(title), [
      { name: 'slides-notes.txt', mimeType: 'text/plain', buffer: notesTxt },
    ])

    await page.goto(`/evidence/${id}`)
    await waitForHydration(page)
    await page.getByRole('link', { name: 'Delete', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/evidence/${id}/delete`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Delete “${title}”?`)
    expect(await page.locator('main').textContent()).toContain(
      'The item, its 1 claim and 1 attached file will be removed from your portfolio.',
    )

    await page.getByRole('link', { name: 'Keep it' }).click()
    await page.waitForURL((url) => url.pathname === `/evidence/${id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title)
    expect(evidenceCount(trainee.email)).toBe(1)

    await page.getByRole('link', { name: 'Delete', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/evidence/${id}/delete`)
    await page.getByRole('button', { name: 'Delete the item' }).click()
    await page.waitForURL((url) => url.pathname === '/evidence' && url.searchParams.get('deleted') === '1')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The item was deleted.' }).count()).toBe(1)
    expect(await page.getByRole('link', { name: title }).count()).toBe(0)
    expect(await page.getByRole('heading', { name: 'No evidence yet' }).count()).toBe(1)
    expect(evidenceCount(trainee.email)).toBe(0)

    expect((await page.goto(`/evidence/${id}`))?.status()).toBe(404)
    expect(realProblems(page).filter((p) => !p.includes('404'))).toEqual([])
  })
})

describe('a linked mentor', () => {
  it('reads an item but has no way to change it', async () => {
    const { trainee, page: traineePage } = await signedInTrainee('Mentored')
    const title = 'Incident investigation: wrong couch shift'
    const id = await createEvidence(trainee.visitor, sampleItem(title, { evidenceType: 'incident-investigation' }), [
      { name: 'incident-notes.txt', mimeType: 'text/plain', buffer: notesTxt },
    ])

    const link = await createInvitation(trainee.visitor, 'Local supervisor')
    const mentorVisitor = new HttpVisitor(app.baseUrl)
    await signUpMentor(mentorVisitor, link, {
      name: 'Dr Aurelio Brannigan',
      email: `mentor-${randomBytes(4).toString('hex')}@example.test`,
      password: 'velvet thunder pocket lighthouse',
    })
    const mentor = await freshPage()
    await signInPage(mentor, mentorVisitor)

    const shown = await mentor.goto(`/evidence/${id}`)
    expect(shown?.status()).toBe(200)
    expect(await mentor.getByRole('heading', { level: 1 }).textContent()).toBe(title)
    expect(await mentor.getByRole('region', { name: 'Competences claimed' }).textContent()).toContain(
      'I compared the recorded doses with the reference levels and reported the outliers.',
    )
    expect(await mentor.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(0)
    expect(await mentor.getByRole('link', { name: 'Delete', exact: true }).count()).toBe(0)
    expect(await mentor.getByRole('button', { name: /edit|delete/i }).count()).toBe(0)
    expect(await mentor.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').textContent()).toBe(
      'Your trainees',
    )
    // The mentor may read the attached file too.
    const fileHref = (await mentor.getByRole('link', { name: 'incident-notes.txt' }).getAttribute('href'))!
    expect((await mentor.request.get(fileHref)).status()).toBe(200)

    for (const path of [`/evidence/${id}/edit`, `/evidence/${id}/delete`]) {
      const answer = await mentor.goto(path)
      expect(answer?.status(), path).toBe(404)
      expect(await mentor.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    }
    // Nor can the mentor post a change or a deletion.
    for (const path of [`/evidence/${id}/delete`]) {
      const answer = await mentor.request.post(path, { headers: { Origin: app.baseUrl }, form: {}, maxRedirects: 0 })
      expect(answer.status(), path).toBe(404)
    }
    expect(evidenceCount(trainee.email)).toBe(1)

    // The trainee still sees the buttons.
    await traineePage.goto(`/evidence/${id}`)
    expect(await traineePage.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(1)
  })
})
