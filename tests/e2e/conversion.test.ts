/**
 * A Word document in the browser: uploaded with an item, shown as waiting or
 * converting, then "ready, n pages" without reloading the page, and previewed
 * as the PDF LibreOffice made of it, with the document's own text in it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createEvidence,
  HttpVisitor,
  realProblems,
  SESSION_COOKIE,
  signUpTrainee,
  useApp,
  usePages,
  waitForHydration,
  type RunningApp,
} from './harness'
import { findCommand } from '../../app/conversion/soffice.server'

let app: RunningApp
let browser: Browser
useApp((running) => ({ app, browser } = running))
const freshPage = usePages(() => ({ app, browser }))

// CI installs LibreOffice: there a missing converter fails the test rather than skipping it.
const describeConverter = findCommand('soffice') !== null || process.env.CI ? describe : describe.skip

const docx = readFileSync(path.resolve(import.meta.dirname, '../fixtures/office/report.docx'))

describeConverter('an Office document becomes a PDF the trainee can preview', () => {
  it('uploads a DOCX, sees it converting then ready with its pages, and opens the preview', async () => {
    const visitor = new HttpVisitor(app.baseUrl)
    const email = `convert-${randomBytes(4).toString('hex')}@example.test`
    await signUpTrainee(visitor, {
      name: 'Ruth Conversion-Tester',
      email,
      password: 'correct horse battery staple',
      employer: 'Northern Cancer Centre',
    })
    const id = await createEvidence(
      visitor,
      {
        title: 'Linac output calibration report',
        activityStart: '2025-02-03',
        evidenceType: 'commissioning-qa-report',
        role: 'led',
        description: 'The calibration report is attached.',
        reflection: 'Writing the report up properly took longer than the measurements themselves.',
        claims: [{ area: 'Tech3', statement: 'I performed the output checks myself and wrote up the report.' }],
      },
      [
        {
          name: 'Calibration report.docx',
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          buffer: docx,
        },
      ],
    )

    const page = await freshPage()
    await page
      .context()
      .addCookies([
        { name: SESSION_COOKIE, value: visitor.sessionToken!, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ])
    await page.goto(`${app.baseUrl}/evidence/${id}`)
    await waitForHydration(page)
    const row = page
      .getByRole('region', { name: 'Attachments' })
      .getByRole('listitem')
      .filter({ hasText: 'Calibration report.docx' })
    const status = row.getByRole('status')
    // The first state the page shows: on the queue or being converted, with a progress bar.
    expect(await status.textContent()).toMatch(/Waiting to be converted to PDF|Converting to PDF/)
    expect(await row.locator('progress').count()).toBe(1)

    // The page follows the conversion by itself.
    await expect
      .poll(async () => (await status.textContent())?.trim(), { timeout: 90_000, interval: 500 })
      .toBe('Ready: converted to PDF, 1 page.')
    expect(await row.textContent()).toMatch(/ · \d+ KB · 1 page(?! \(estimated\))/)
    expect(await row.locator('progress').count()).toBe(0)

    const preview = row.getByRole('link', { name: /^Preview/ })
    const href = await preview.getAttribute('href')
    expect(href).toBe(`/evidence/${id}/files/${/files\/(\d+)/.exec(href!)![1]}?inline=1`)
    const response = await page.request.get(`${app.baseUrl}${href}`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    expect(response.headers()['content-disposition']).toMatch(/^inline; filename="Calibration report\.pdf"/)
    const dir = mkdtempSync(path.join(tmpdir(), 'attain-e2e-convert-'))
    try {
      const file = path.join(dir, 'preview.pdf')
      writeFileSync(file, await response.body())
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      expect(text).toContain('Linac output calibration report')
      expect(text).toContain('0.4 percent')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(realProblems(page)).toEqual([])
  }, 180_000)
})
