/**
 * The summary PDF stored once per submission, and the route's access and
 * headers. What is inside the PDF is read back with poppler's tools in
 * tests/e2e/summary-pdf.test.ts.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filePath, storeBytes, storeRoot } from '../../app/files/store.server'
import { ensureSubmissionPdf } from '../../app/submission/pdf-service.server'
import { getSubmission, type Submission } from '../../app/models/submission.server'
import { loader as pdfLoader } from '../../app/routes/submissions.$id_.summary[.]pdf'
import { makeContext } from '../support/context'
import { responseOf } from '../support/responses'
import { submittedPortfolio } from '../support/submitted-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

const NOW = new Date('2026-03-03T10:00:00Z')

let t: TestDb
let owner: UserWithSession
let mentor: UserWithSession
let submission: Submission
let stored: { sha256: string; pages: number }
let bytes: Buffer

const context = () => makeContext(t.db, { now: () => NOW, env: { ...makeContext(t.db).env, dataDir: t.dir } })

beforeAll(async () => {
  t = createTestDb()
  ;({
    owner,
    mentor,
    submission,
    pdf: { bytes, ...stored },
  } = await submittedPortfolio(t.db, t.dir, { items: 40, now: NOW }))
}, 60_000)

afterAll(() => t.cleanup())

describe('ensureSubmissionPdf', () => {
  function storedFiles(): string[] {
    return readdirSync(storeRoot(t.dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.parentPath.endsWith('tmp'))
      .map((e) => e.name)
  }

  it('returns the stored PDF the second time without making it again', async () => {
    const before = storedFiles()
    const row = getSubmission(t.db, submission.id)!
    // Were it made again, a different trainee name would give different bytes.
    const changed = {
      ...row,
      snapshot: { ...row.snapshot, trainee: { ...row.snapshot.trainee, name: 'Someone Else' } },
    }
    expect(await ensureSubmissionPdf(t.db, t.dir, changed)).toEqual(stored)
    expect(storedFiles()).toEqual(before)
  })

  it('makes it again, byte for byte the same, when the stored file has gone', async () => {
    rmSync(filePath(t.dir, stored.sha256))
    const row = getSubmission(t.db, submission.id)!
    expect(await ensureSubmissionPdf(t.db, t.dir, row)).toEqual(stored)
    expect(readFileSync(filePath(t.dir, stored.sha256)).equals(bytes)).toBe(true)
  }, 30_000)

  it('stores bytes under their SHA-256 once, leaving no temporary file', async () => {
    const file = filePath(t.dir, stored.sha256)
    const mtime = statSync(file).mtimeMs
    expect(await storeBytes(t.dir, bytes)).toBe(stored.sha256)
    expect(statSync(file).mtimeMs).toBe(mtime)
    const fresh = await storeBytes(t.dir, new TextEncoder().encode('another file'))
    expect(readFileSync(filePath(t.dir, fresh), 'utf8')).toBe('another file')
    expect(readdirSync(path.join(storeRoot(t.dir), 'tmp'))).toEqual([])
  })
})

describe('GET /submissions/:id/summary.pdf', () => {
  const get = (user: UserWithSession | null, id: number | string, query = '') =>
    responseOf(() =>
      pdfLoader({
        request: requestAs(user?.cookie ?? null, `/submissions/${id}/summary.pdf${query}`),
        context: context(),
        params: { id: String(id) },
      }),
    )

  it('downloads the PDF for its trainee', async () => {
    const response = await get(owner, submission.id)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length))
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="portfolio-alex-morgan-submission-1.pdf"',
    )
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Security-Policy')).toMatch(/^sandbox;/)
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('shows it in the browser when asked', async () => {
    const response = await get(owner, submission.id, '?inline=1')
    expect(response.headers.get('Content-Disposition')).toBe(
      'inline; filename="portfolio-alex-morgan-submission-1.pdf"',
    )
    await response.body?.cancel()
  })

  it('is there for the trainee’s linked mentor', async () => {
    const response = await get(mentor, submission.id)
    expect(response.status).toBe(200)
    await response.body?.cancel()
  })

  it('is not found for another trainee, an unknown id or a malformed one', async () => {
    const stranger = await createUserWithSession(t.db, { role: 'trainee' })
    expect((await get(stranger, submission.id)).status).toBe(404)
    expect((await get(owner, 9999)).status).toBe(404)
    expect((await get(owner, 'abc')).status).toBe(404)
  })

  it('sends someone not signed in to sign in', async () => {
    const response = await get(null, submission.id)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })
})
