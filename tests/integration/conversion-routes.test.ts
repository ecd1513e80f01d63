/**
 * An Office file through the app: uploaded, queued, shown as waiting, then
 * ready with its pages and an inline PDF preview; failed with "Try again";
 * and, on a server without a converter, marked as not converted.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { fileConversions } from '../../db/schema'
import { action as newAction } from '../../app/routes/evidence.new'
import { action as viewAction, loader as viewLoader } from '../../app/routes/evidence.$id'
import { loader as fileLoader } from '../../app/routes/evidence.$id_.files.$attachmentId'
import { findCommand } from '../../app/conversion/soffice.server'
import { NO_CONVERTER, type ConversionView } from '../../app/conversion/state'
import { startConversionWorker } from '../../app/conversion/worker.server'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { makeContext } from '../support/context'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession } from '../support/users'

const describeConverter = findCommand('soffice') !== null || process.env.CI ? describe : describe.skip

let t: TestDb
let context: ReturnType<typeof makeContext>
beforeAll(() => {
  t = createTestDb()
  context = makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir } })
})
afterAll(() => t.cleanup())

const docx = new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../fixtures/office/report.docx')))
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

function multipart(
  cookie: string,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array },
) {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  if (file) form.append('files', new File([new Uint8Array(file.bytes)], file.name, { type: DOCX }))
  return new Request(new URL(url, 'http://localhost'), {
    method: 'POST',
    body: form,
    headers: { Cookie: cookie, Origin: 'http://localhost' },
  })
}
const get = (cookie: string, url: string) =>
  new Request(new URL(url, 'http://localhost'), { headers: { Cookie: cookie } })

const item = {
  title: 'Linac output calibration',
  activityStart: '2026-03-02',
  evidenceType: 'commissioning-qa-report',
  role: 'led',
  description: 'Calibration report attached.',
  reflection: 'Writing the report up properly took longer than the measurements.',
  'claims[14].area': 'Tech3',
  'claims[14].statement': 'I performed the output and energy checks myself, following TG-142.',
}

type View = {
  item: { attachments: { id: number; pageCount: number; pagesExact: boolean }[] }
  conversions: Record<number, ConversionView>
}

async function upload(cookie: string) {
  const response = await responseOf(() =>
    newAction({
      request: multipart(cookie, '/evidence/new', item, { name: 'Calibration report.docx', bytes: docx }),
      context,
      params: {},
    }),
  )
  expect(response.status).toBe(302)
  return Number(/\/evidence\/(\d+)/.exec(response.headers.get('Location')!)![1])
}

async function view(cookie: string, id: number, ctx = context) {
  return payloadOf<View>(
    await settle(() =>
      viewLoader({ request: get(cookie, `/evidence/${id}`), context: ctx, params: { id: String(id) } }),
    ),
  ).data
}

describeConverter('an uploaded Word document', () => {
  it('waits, converts, then shows its exact pages and previews as a PDF; a failed one can be tried again', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await upload(trainee.cookie)
    let page = await view(trainee.cookie, id)
    const attachment = page.item.attachments[0]!
    expect(page.conversions[attachment.id]).toMatchObject({ kind: 'queued', text: 'Waiting to be converted to PDF.' })
    expect(page.item.attachments[0]!.pagesExact).toBe(false)
    // While it converts, its pages are not counted and coverage warns.
    let report = coverageReportFor(t.db, trainee.user.id, new Date())
    expect(report.findings.filter((f) => f.ruleId === 'item.conversion-pending')).toHaveLength(1)

    const worker = startConversionWorker({ db: t.db, dataDir: t.dir, ...context.env.conversion, pollMs: 100 })
    await worker.idle()
    await worker.stop()

    page = await view(trainee.cookie, id)
    expect(page.conversions[attachment.id]).toEqual({
      kind: 'ready',
      pages: 1,
      text: 'Ready: converted to PDF, 1 page.',
    })
    expect(page.item.attachments[0]).toMatchObject({ pageCount: 1, pagesExact: true })
    report = coverageReportFor(t.db, trainee.user.id, new Date())
    expect(report.findings.filter((f) => f.ruleId.startsWith('item.conversion'))).toEqual([])

    const preview = await responseOf(() =>
      fileLoader({
        request: get(trainee.cookie, `/evidence/${id}/files/${attachment.id}?inline=1`),
        context,
        params: { id: String(id), attachmentId: String(attachment.id) },
      }),
    )
    expect(preview.headers.get('Content-Type')).toBe('application/pdf')
    expect(preview.headers.get('Content-Disposition')).toMatch(/^inline; filename="Calibration report\.pdf"/)
    expect(new TextDecoder().decode((await preview.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    // The download is still the original.
    const original = await responseOf(() =>
      fileLoader({
        request: get(trainee.cookie, `/evidence/${id}/files/${attachment.id}`),
        context,
        params: { id: String(id), attachmentId: String(attachment.id) },
      }),
    )
    expect(original.headers.get('Content-Type')).toBe(DOCX)

    // A failed conversion: said why, blocks submission, and "Try again" puts it back on the queue.
    t.db.update(fileConversions).set({ status: 'failed', error: 'The document could not be opened.' }).run()
    page = await view(trainee.cookie, id)
    expect(page.conversions[attachment.id]).toMatchObject({
      kind: 'failed',
      text: 'Conversion to PDF failed: The document could not be opened.',
    })
    report = coverageReportFor(t.db, trainee.user.id, new Date())
    expect(report.findings.filter((f) => f.ruleId === 'item.conversion-failed').map((f) => f.severity)).toEqual([
      'blocker',
    ])
    const retried = await settle(() =>
      viewAction({
        request: multipart(trainee.cookie, `/evidence/${id}`, {
          intent: 'retry-conversion',
          attachmentId: String(attachment.id),
        }),
        context,
        params: { id: String(id) },
      }),
    )
    expect(payloadOf(retried).data).toMatchObject({ ok: true, intent: 'retry-conversion' })
    expect(t.db.select().from(fileConversions).get()).toMatchObject({ status: 'queued', attempts: 0, error: null })

    // Someone else cannot retry it.
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    const refused = await settle(() =>
      viewAction({
        request: multipart(other.cookie, `/evidence/${id}`, {
          intent: 'retry-conversion',
          attachmentId: String(attachment.id),
        }),
        context,
        params: { id: String(id) },
      }),
    )
    expect((refused as Response).status).toBe(404)
  }, 120_000)
})

describe('a server without a document converter', () => {
  it('says so on each Office file and keeps the estimate, marked as one', async () => {
    // A database of its own: the same document converted above would already be ready.
    t.cleanup()
    t = createTestDb()
    context = makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir } })
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await upload(trainee.cookie)
    const without = {
      ...context,
      env: { ...context.env, conversion: { ...context.env.conversion, command: '/nonexistent/soffice' } },
    }
    const page = await view(trainee.cookie, id, without)
    const attachment = page.item.attachments[0]!
    expect(page.conversions[attachment.id]).toEqual({ kind: 'unavailable', text: NO_CONVERTER })
    expect(attachment.pagesExact).toBe(false)
    expect(
      t.db.select().from(fileConversions).where(eq(fileConversions.status, 'queued')).all().length,
    ).toBeGreaterThan(0)
  })
})
