/**
 * Areas suggested by meaning, in the browser: as a trainee describes a linac
 * output calibration the evidence form suggests Scientific and Technical areas
 * with the words that matched, adding one moves to its sentence, and none is
 * suggested past six claims; the coverage page offers an item the trainee
 * already has for an area it does not claim, and following the offer opens the
 * item with that area ticked and its sentence focused.
 */
import { randomBytes } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createEvidence,
  HttpVisitor,
  type RunningApp,
  SESSION_COOKIE,
  signUpTrainee,
  usePages,
  realProblems,
  useApp,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser

useApp((running) => ({ app, browser } = running))
const freshPage = usePages(() => ({ app, browser }))

async function signedInTrainee(): Promise<{ visitor: HttpVisitor; page: Page }> {
  const suffix = randomBytes(4).toString('hex')
  const visitor = new HttpVisitor(app.baseUrl)
  await signUpTrainee(visitor, {
    name: 'Noor Suggest',
    email: `suggest-${suffix}@example.test`,
    password: 'correct horse battery staple',
    employer: 'Northern Cancer Centre',
  })
  const page = await freshPage()
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value: visitor.sessionToken!, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ])
  return { visitor, page }
}

const CALIBRATION =
  'I calibrated the 6 MV photon output of linac 2 with a Farmer ionisation chamber and electrometer following the code of practice, ' +
  'corrected for temperature and pressure, worked out the uncertainty budget and adjusted the monitor chamber to bring the output within tolerance.'

const suggestions = (page: Page) => page.getByRole('region', { name: 'Suggested areas of competence' })

describe('suggested areas of competence', () => {
  it('suggests Scientific and Technical areas for a linac output calibration, with the matched words; adding one focuses its sentence', async () => {
    const { page } = await signedInTrainee()
    await page.goto(`${app.baseUrl}/evidence/new`)
    await waitForHydration(page)
    const region = suggestions(page)
    await expect.poll(() => region.textContent()).toContain('As you write the title and description')

    await page.getByLabel('Title').fill('Linac output calibration')
    await page.getByLabel('Description', { exact: true }).pressSequentially(CALIBRATION.slice(0, 60))
    await page.getByLabel('Description', { exact: true }).fill(CALIBRATION)
    const items = region.locator('li')
    await expect.poll(() => items.count()).toBeGreaterThan(0)
    expect(await items.count()).toBeLessThanOrEqual(5)
    const texts = await items.allTextContents()
    const codes = texts.map((t) => /Add (\S+)/.exec(t)?.[1])
    expect(
      codes.slice(0, 3).every((c) => /^(Sci|Tech)\d$/.test(c ?? '')),
      codes.join(' '),
    ).toBe(true)
    expect(codes).toContain('Tech3')
    const tech3 = texts.find((t) => t.startsWith('Add Tech3'))!
    expect(tech3).toMatch(/Matched: .*calibration/)
    expect(tech3).toMatch(/Matched: .*chamber/)

    await region.getByRole('button', { name: 'Add Tech3 to the claims' }).click()
    const box = page.getByRole('checkbox', { name: /^Tech3 Perform these techniques/ })
    await expect.poll(() => box.isChecked()).toBe(true)
    const statement = page.getByLabel('How does this item demonstrate Tech3?')
    await expect.poll(() => statement.evaluate((el) => el === document.activeElement)).toBe(true)
    // Claimed areas are not suggested again.
    await expect.poll(async () => (await items.allTextContents()).some((t) => t.startsWith('Add Tech3'))).toBe(false)
    expect(realProblems(page)).toEqual([])
  })

  it('suggests nothing more once the item claims six areas', async () => {
    const { page } = await signedInTrainee()
    await page.goto(`${app.baseUrl}/evidence/new`)
    await waitForHydration(page)
    await page.getByLabel('Description', { exact: true }).fill(CALIBRATION)
    const region = suggestions(page)
    await expect.poll(() => region.locator('li').count()).toBeGreaterThan(0)
    for (const code of ['Sci1', 'Sci2', 'Clin1', 'Tech1', 'Tech2', 'Tech3'])
      await page.getByRole('checkbox', { name: new RegExp(`^${code} `) }).check()
    await expect.poll(() => region.textContent()).toContain('This item claims 6 areas')
    expect(await region.locator('li').count()).toBe(0)
  })
})

describe('own items offered on the coverage page', () => {
  it('offers an item for an area it does not claim; following the offer ticks the area on the item and focuses its sentence', async () => {
    const { visitor, page } = await signedInTrainee()
    const id = await createEvidence(visitor, {
      title: 'Correspondence with the stroke team',
      activityStart: '2026-01-12',
      evidenceType: 'correspondence',
      role: 'led',
      description:
        'A stroke consultant asked physics whether the CT perfusion scans could be repeated at a lower dose. I replied by email with the dose figures and what a lower dose would mean for the images, and answered a follow-up question from the registrar.',
      reflection:
        'Answering in writing made me check every figure; I learned to say what a number means for the patient before giving it.',
      claims: [
        {
          area: 'Clin2',
          statement:
            'I interpreted the perfusion dose data for the consultant and advised what a lower dose would mean for the images.',
        },
      ],
    })
    await page.goto(`${app.baseUrl}/coverage`)
    await waitForHydration(page)
    const blocker = page.locator('li[data-rule="area.not-evidenced"]', { hasText: 'Com2 has no evidence yet' })
    expect(await blocker.textContent()).toContain(`Item #${id} “Correspondence with the stroke team” may show Com2`)
    expect(await blocker.textContent()).toMatch(/Matched: .*correspondence/)
    await blocker.getByRole('link', { name: 'claim it?' }).click()
    await page.waitForURL(`**/evidence/${id}/edit?claim=Com2`)
    await waitForHydration(page)
    expect(await page.getByRole('checkbox', { name: /^Com2 Respond to enquiries/ }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: /^Clin2 / }).isChecked()).toBe(true)
    const statement = page.getByLabel('How does this item demonstrate Com2?')
    await expect.poll(() => statement.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await statement.inputValue()).toBe('')
    expect(realProblems(page)).toEqual([])
  })
})
