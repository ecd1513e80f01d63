/**
 * The patient-identifier guard as a trainee meets it in the evidence form:
 * naming a colleague with their role and a hospital's address draws no
 * warning; a name pasted from a DICOM header and a grouped MRN are warned
 * on at the field as they are typed, and the warning goes when they do.
 */
import { randomBytes } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { wordCount } from '../../app/evidence/form'
import {
  HttpVisitor,
  type RunningApp,
  SESSION_COOKIE,
  realProblems,
  signUpTrainee,
  useApp,
  usePages,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser

useApp((running) => ({ app, browser } = running))
const freshPage = usePages(() => ({ app, browser }))

describe('the patient-identifier guard in the evidence form', () => {
  it('stays quiet for colleagues and hospital addresses, and warns on a DICOM name and a grouped MRN as they are typed', async () => {
    const visitor = new HttpVisitor(app.baseUrl)
    await signUpTrainee(visitor, {
      name: 'Ffion Guard-Testing',
      email: `guard-${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct horse battery staple',
      employer: 'Northern Cancer Centre',
    })
    const page = await freshPage()
    await page
      .context()
      .addCookies([
        { name: SESSION_COOKIE, value: visitor.sessionToken!, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ])
    await page.goto('/evidence/new')
    await waitForHydration(page, 'form.evidence-form')

    const reflection = page.getByLabel('Reflection', { exact: true })
    const warning = page
      .locator('.markdown-field')
      .filter({ has: page.locator('#evidence-reflection') })
      .getByRole('status')
      .filter({ hasText: 'Possible patient-identifiable information' })

    const innocent =
      'My supervisor, Dr Okafor, and Dr Sarah Patel, consultant radiologist, reviewed my audit of the plans delivered at ' +
      "St James's University Hospital, Beckett Street, Leeds LS9 7TF. Farmer chamber serial number 4857773457 was used."
    await reflection.fill(innocent)
    // The word count answers the same keystroke the guard does: once it shows, the guard has run.
    await expect
      .poll(() => page.locator('#evidence-reflection-count').textContent())
      .toBe(`${wordCount(innocent)} words`)
    expect(await warning.count()).toBe(0)

    await reflection.fill(`${innocent} The header still held PatientName=HUGHES^MARGARET.`)
    await expect.poll(() => warning.count()).toBe(1)
    expect(await warning.textContent()).toContain('DICOM header')
    expect(await warning.locator('li').count()).toBe(1)

    await reflection.fill(`${innocent} The films were filed under MRN: 12-345-678.`)
    await expect.poll(() => warning.textContent()).toContain('hospital number')
    expect(await warning.locator('li').count()).toBe(1)

    await reflection.fill(innocent)
    await expect.poll(() => warning.count()).toBe(0)

    expect(realProblems(page)).toEqual([])
  })
})
