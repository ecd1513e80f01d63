/**
 * Office documents converted to PDF by the real LibreOffice: the queue, the
 * worker, the stored PDF and its page count, a restart in the middle of the
 * queue, a converter that hangs, a damaged document, and the converted
 * pages in the assessor's PDF.
 */
import { execFileSync, fork, spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync, chmodSync, existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { fileConversions, storedFiles } from '../../db/schema'
import { findCommand, removeAbandonedRunDirs } from '../../app/conversion/soffice.server'
import { startConversionWorker, type WorkerOptions } from '../../app/conversion/worker.server'
import { inspectFile } from '../../app/files/inspect.server'
import { filePath, storeBytes } from '../../app/files/store.server'
import { conversionsOf, enqueueConversion } from '../../app/models/conversions.server'
import { referencedFiles } from '../../app/models/files.server'
import { sweepFiles } from '../../app/files/sweep.server'
import { renderSummaryPdf } from '../../app/submission/pdf.server'
import { submissionZipEntries, zipStream } from '../../app/submission/export-zip.server'
import { unzipSync } from 'fflate'
import { makeAttachment, makeItem, makeSnapshot } from '../support/snapshot-fixture'
import { createTestDb, type TestDb } from '../support/test-db'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/office')
const hasConverter = findCommand('soffice') !== null
// CI installs LibreOffice (.ci/run): there, a missing converter is a failure, not a skip.
const describeConverter = hasConverter || process.env.CI ? describe : describe.skip

let t: TestDb
beforeEach(() => {
  t = createTestDb()
})
afterEach(() => t.cleanup())

/** Puts a file in the store as an upload would, and queues it. */
async function addDocument(
  bytes: Uint8Array,
  damagedDocx = false,
): Promise<{ sha256: string; mediaType: string; estimate: number }> {
  const sha256 = await storeBytes(t.dir, bytes)
  // A damaged document as if it had got past the upload checks (its ZIP directory intact, its content not).
  const { mediaType, pageCount, pagesExact } = damagedDocx
    ? {
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        pageCount: 1,
        pagesExact: false,
      }
    : await inspectFile(filePath(t.dir, sha256), bytes.subarray(0, 4096))
  t.db
    .insert(storedFiles)
    .values({ sha256, size: bytes.length, mediaType, pageCount, pagesExact, createdAt: new Date().toISOString() })
    .onConflictDoNothing()
    .run()
  enqueueConversion(t.db, sha256, new Date())
  return { sha256, mediaType, estimate: pageCount }
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)))
}

function workerOptions(overrides: Partial<WorkerOptions> = {}): WorkerOptions {
  return {
    db: t.db,
    dataDir: t.dir,
    command: 'soffice',
    concurrency: 1,
    timeoutMs: 60_000,
    memoryMb: 2048,
    maxAttempts: 3,
    retryBaseMs: 0,
    pollMs: 100,
    ...overrides,
  }
}

async function runQueue(overrides: Partial<WorkerOptions> = {}) {
  const worker = startConversionWorker(workerOptions(overrides))
  await worker.idle()
  await worker.stop()
}

/** Whether the process runs (a zombie left for a parent to reap does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

function pdfinfoPages(file: string): number {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)/m.exec(out)?.[1])
}

function pdftotext(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' })
}

describeConverter('converting Office documents with LibreOffice', () => {
  it('converts a DOCX with a heading and a table, an XLSX with two sheets and a PPTX with three slides; page counts are pdfinfo’s', async () => {
    const docs = {
      docx: {
        ...(await addDocument(fixture('report.docx'))),
        text: ['Linac output calibration report', '0.4 percent'],
      },
      xlsx: { ...(await addDocument(fixture('budget.xlsx'))), text: ['Budget', 'Uncertainty', 'Sources', 'Chamber'] },
      pptx: {
        ...(await addDocument(fixture('teaching.pptx'))),
        text: ['Radiation protection teaching session', 'Dose limits for radiographers', 'Questions and discussion'],
      },
    }
    await runQueue()
    const conversions = conversionsOf(
      t.db,
      Object.values(docs).map((d) => d.sha256),
    )
    for (const [kind, doc] of Object.entries(docs)) {
      const c = conversions.get(doc.sha256)!
      expect(c.status, `${kind}: ${c.error}`).toBe('ready')
      expect(c.attempts).toBe(1)
      const pdf = filePath(t.dir, c.pdfSha256!)
      expect(c.pageCount).toBe(pdfinfoPages(pdf))
      const text = pdftotext(pdf)
      for (const s of doc.text) expect(text).toContain(s)
      // The exact count replaces the estimate as the file's page count.
      const stored = t.db.select().from(storedFiles).where(eq(storedFiles.sha256, doc.sha256)).get()!
      expect(stored).toMatchObject({ pageCount: c.pageCount, pagesExact: true })
    }
    expect(conversions.get(docs.xlsx.sha256)!.pageCount).toBe(2) // a page per sheet
    expect(conversions.get(docs.pptx.sha256)!.pageCount).toBe(3) // a page per slide
  }, 240_000)

  it('puts the converted pages in the assessor’s PDF, at the page the item cites', async () => {
    const doc = await addDocument(fixture('teaching.pptx'))
    await runQueue()
    const c = conversionsOf(t.db, [doc.sha256]).get(doc.sha256)!
    const attachment = {
      ...makeAttachment(doc.sha256, doc.mediaType, 'teaching.pptx', c.pageCount!),
      converted: { sha256: c.pdfSha256!, pageCount: c.pageCount! },
    }
    const snapshot = makeSnapshot({ items: [makeItem(1), makeItem(2, { attachments: [attachment] })] })
    const rendered = await renderSummaryPdf(
      snapshot,
      'a'.repeat(64),
      async (sha) => new Uint8Array(readFileSync(filePath(t.dir, sha))),
    )
    const out = path.join(t.dir, 'summary.pdf')
    writeFileSync(out, rendered.bytes)
    const start = rendered.itemStartPages.E2!
    // The item's pages, then its attachment's three slides, in order, each on a page of its own.
    const pages = Array.from({ length: rendered.pages }, (_, i) => pdftotext(out, i + 1))
    const first = pages.findIndex((p) => p.includes('Radiation protection teaching session'))
    expect(first + 1).toBeGreaterThan(start)
    expect(pages[first + 1]).toContain('Dose limits for radiographers')
    expect(pages[first + 2]).toContain('Questions and discussion')
    expect(pages.join('\n')).not.toContain('cannot be shown in a PDF')
  }, 240_000)

  it('the export zip keeps the original and adds the converted PDF beside it', async () => {
    const doc = await addDocument(fixture('report.docx'))
    await runQueue()
    const c = conversionsOf(t.db, [doc.sha256]).get(doc.sha256)!
    const attachment = {
      ...makeAttachment(doc.sha256, doc.mediaType, 'Calibration report.docx', c.pageCount!),
      converted: { sha256: c.pdfSha256!, pageCount: c.pageCount! },
    }
    const snapshot = makeSnapshot({ items: [makeItem(1, { attachments: [attachment] })] })
    const entries = await submissionZipEntries({
      snapshot,
      snapshotJson: '{}',
      snapshotSha256: 'b'.repeat(64),
      pdf: { sha256: c.pdfSha256!, pages: 1 },
      html: '',
      dataDir: t.dir,
    })
    const files = unzipSync(await new Response(zipStream(entries, new Date('2026-03-04T12:00:00Z'))).bytes())
    const names = Object.keys(files).filter((n) => n.includes('/evidence/'))
    expect(names.map((n) => n.split('/').pop())).toEqual(['Calibration report.docx', 'Calibration report.pdf'])
    const pdf = files[names[1]!]!
    expect(Buffer.from(pdf).equals(readFileSync(filePath(t.dir, c.pdfSha256!)))).toBe(true)
    expect(Buffer.from(files[names[0]!]!).equals(Buffer.from(fixture('report.docx')))).toBe(true)
  }, 240_000)

  it('the file sweep keeps a converted PDF while its original is kept, and removes it after the original goes', async () => {
    const doc = await addDocument(fixture('report.docx'))
    await runQueue()
    const pdf = conversionsOf(t.db, [doc.sha256]).get(doc.sha256)!.pdfSha256!
    expect(referencedFiles(t.db).has(pdf)).toBe(true)
    // Nothing attaches the original: the first sweep removes it, the next its PDF.
    const later = { graceMs: 0, now: new Date(Date.now() + 60_000) }
    await sweepFiles(t.db, t.dir, later)
    expect(existsSync(filePath(t.dir, doc.sha256))).toBe(false)
    expect(existsSync(filePath(t.dir, pdf))).toBe(true)
    await sweepFiles(t.db, t.dir, later)
    expect(existsSync(filePath(t.dir, pdf))).toBe(false)
    expect(t.db.select().from(fileConversions).all()).toEqual([])
  }, 240_000)

  it('a damaged DOCX fails cleanly, with a reason, and fails only its own job', async () => {
    const good = fixture('report.docx')
    const damaged = new Uint8Array(good)
    // Keep the ZIP directory (so it is still typed as a DOCX) and wreck the compressed content.
    for (let i = 200; i < Math.min(damaged.length - 600, 3000); i++) damaged[i] = (i * 7) & 0xff
    const bad = await addDocument(damaged, true)
    const ok = await addDocument(good)
    await runQueue({ maxAttempts: 2 })
    const conversions = conversionsOf(t.db, [bad.sha256, ok.sha256])
    expect(conversions.get(bad.sha256)).toMatchObject({ status: 'failed', pdfSha256: null })
    expect(conversions.get(bad.sha256)!.error).toMatch(/\w+/)
    expect(conversions.get(ok.sha256)!.status).toBe('ready')
    // The failed file keeps its estimate, marked as one.
    expect(t.db.select().from(storedFiles).where(eq(storedFiles.sha256, bad.sha256)).get()!.pagesExact).toBe(false)
  }, 240_000)
})

describe('a conversion that hangs', () => {
  it('is killed at the time limit with everything it started, and marked failed', async () => {
    const pids = path.join(t.dir, 'pids')
    const stub = path.join(t.dir, 'hanging-converter')
    // Starts a child of its own, then hangs; writes both process ids where the test can see them.
    writeFileSync(stub, `#!/bin/sh\nsleep 300 &\necho "$$ $!" > '${pids}'\nwait\n`)
    chmodSync(stub, 0o755)
    const doc = await addDocument(fixture('report.docx'))
    const started = Date.now()
    await runQueue({ command: stub, timeoutMs: 1500, maxAttempts: 1 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500)
    const c = conversionsOf(t.db, [doc.sha256]).get(doc.sha256)!
    expect(c.status).toBe('failed')
    expect(c.error).toMatch(/longer than 2 s|longer than 1 s/)
    const [shell, sleeper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number)
    for (const pid of [shell!, sleeper!]) expect(running(pid), `process ${pid} still running`).toBe(false)
  }, 60_000)

  it('a worker removes the temporary directories runs of a dead worker left behind, and no one else’s', async () => {
    const root = path.join(t.dir, 'runs')
    const dead = spawnSync('true').pid!
    await mkdir(path.join(root, `attain-convert-${dead}-abc`, 'profile'), { recursive: true })
    await mkdir(path.join(root, `attain-convert-${process.pid}-def`), { recursive: true })
    await mkdir(path.join(root, 'something-else'), { recursive: true })
    expect(await removeAbandonedRunDirs(root)).toBe(1)
    expect(readdirSync(root).sort()).toEqual([`attain-convert-${process.pid}-def`, 'something-else'])
  })

  it('is retried with a growing wait before it fails for good', async () => {
    const stub = path.join(t.dir, 'failing-converter')
    writeFileSync(stub, '#!/bin/sh\nexit 3\n')
    chmodSync(stub, 0o755)
    const doc = await addDocument(fixture('report.docx'))
    const worker = startConversionWorker(workerOptions({ command: stub, maxAttempts: 2, retryBaseMs: 60_000 }))
    await worker.idle()
    await worker.stop()
    const waiting = conversionsOf(t.db, [doc.sha256]).get(doc.sha256)!
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(Date.parse(waiting.runAfter) - Date.now()).toBeGreaterThan(50_000)
    expect(waiting.error).toMatch(/exit code 3/)
    // Its time comes: the second attempt fails for good.
    t.db.update(fileConversions).set({ runAfter: new Date().toISOString() }).run()
    await runQueue({ command: stub, maxAttempts: 2 })
    expect(conversionsOf(t.db, [doc.sha256]).get(doc.sha256)).toMatchObject({ status: 'failed', attempts: 2 })
  }, 60_000)
})

describeConverter('a restart in the middle of the queue', () => {
  it('resumes it: a worker killed mid-job, a new one started, every document converted once', async () => {
    const docs = [
      await addDocument(fixture('report.docx')),
      await addDocument(fixture('budget.xlsx')),
      await addDocument(fixture('teaching.pptx')),
    ]
    const worker = fork(path.resolve(import.meta.dirname, '../../app/conversion/worker-main.server.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'test', DATA_DIR: t.dir, DATABASE_PATH: t.file, CONVERT_RETRY_BASE_S: '0' },
      stdio: 'ignore',
    })
    // Wait until it is in the middle of a job, then kill it without warning.
    for (;;) {
      const converting = t.db.select().from(fileConversions).where(eq(fileConversions.status, 'converting')).all()
      if (converting.length > 0) break
      await new Promise((r) => setTimeout(r, 50))
    }
    const exited = new Promise((r) => worker.once('exit', r))
    worker.kill('SIGKILL')
    await exited

    // The killed worker's LibreOffice run may still be finishing: its directory is left for the next worker to remove.
    const workRoot = path.join(t.dir, 'work')
    await runQueue({ workRoot: await mkdir(workRoot, { recursive: true }).then(() => workRoot) })
    const conversions = conversionsOf(
      t.db,
      docs.map((d) => d.sha256),
    )
    expect(conversions.size).toBe(3)
    expect(readdirSync(workRoot)).toEqual([])
    for (const doc of docs) {
      const c = conversions.get(doc.sha256)!
      expect(c.status, String(c.error)).toBe('ready')
      // The interrupted attempt is taken up, not counted twice against the document.
      expect(c.attempts).toBe(1)
      expect(existsSync(filePath(t.dir, c.pdfSha256!))).toBe(true)
    }
    expect(t.db.select().from(fileConversions).all()).toHaveLength(3)
  }, 300_000)
})
