import { readFileSync, rmSync } from 'node:fs'
import { Readable } from 'node:stream'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mentorLinks } from '../../db/schema'
import { filePath } from '../../app/files/store.server'
import { listAuditEvents } from '../../app/models/audit.server'
import { createEvidence } from '../../app/models/evidence.server'
import { decideClaims, sendForReview } from '../../app/models/review.server'
import { getSnapshotJson, getSubmission, type Submission } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import { loader as exportLoader } from '../../app/routes/submissions.$id_.export[.]zip'
import { sha256Hex, snapshotJsonSchema } from '../../app/submission/snapshot'
import { zipStream } from '../../app/submission/export-zip.server'
import { paddedRef } from '../../app/submission/zip-names'
import { makeContext } from '../support/context'
import { buildReadyPortfolio, makePdf, makePng, storeTestFile } from '../support/ready-portfolio'
import { responseOf } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
const NOW = new Date('2026-06-01T09:00:00Z')
const context = () => makeContext(t.db, { now: () => NOW, env: { ...makeContext(t.db).env, dataDir: t.dir } })

let trainee: UserWithSession
let submission: Submission
let root: string

const HOSTILE_TITLES = ['../../etc/passwd', 'CON', 'a/b', '🚀 Launch 👨‍👩‍👧‍👦 plan: "final" <v2>?']

/** Items whose titles and file names try to escape the folder or trip up Windows, verified like the rest. */
async function addHostileItems(traineeId: number, mentorId: number) {
  const ids: number[] = []
  for (const [i, title] of HOSTILE_TITLES.entries()) {
    const pdf = await makePdf(`Hostile ${i}`, 1)
    const files = [
      storeTestFile(t.dir, pdf, { mediaType: 'application/pdf', pageCount: 1, originalName: '../../etc/passwd' }),
      storeTestFile(t.dir, makePng(8, 8, [i * 40, 10, 10]), {
        mediaType: 'image/png',
        pageCount: 1,
        originalName: 'CON',
      }),
      storeTestFile(t.dir, await makePdf(`Copy ${i}`, 1), {
        mediaType: 'application/pdf',
        pageCount: 1,
        originalName: 'a/b.pdf',
      }),
      storeTestFile(t.dir, await makePdf(`Report ${i}`, 1), {
        mediaType: 'application/pdf',
        pageCount: 1,
        originalName: 'report.pdf',
      }),
      storeTestFile(t.dir, await makePdf(`Report again ${i}`, 1), {
        mediaType: 'application/pdf',
        pageCount: 1,
        originalName: 'report.pdf',
      }),
      storeTestFile(t.dir, Buffer.from(`Notes for item ${i}\n`.repeat(200)), {
        mediaType: 'text/plain',
        pageCount: 1,
        originalName: '📝 notes\u0007\u202E.txt',
      }),
    ]
    const id = createEvidence(
      t.db,
      traineeId,
      {
        title,
        activityStart: `2025-0${i + 1}-15`,
        activityEnd: null,
        evidenceType: 'reflection',
        role: 'led',
        description: 'A description.',
        reflection: 'A reflection.',
        claims: [{ area: 'Sci1', statement: 'I did this myself and explained it to the team.', competencies: [] }],
      },
      files,
      NOW,
    )
    ids.push(id)
  }
  sendForReview(t.db, traineeId, ids, NOW)
  for (const id of ids)
    decideClaims(t.db, mentorId, id, 1, [{ areaCode: 'Sci1', decision: 'verified', comment: '' }], NOW)
}

beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee', name: 'Zoë O’Brien' })
  const mentor = await createUserWithSession(t.db, { role: 'mentor' })
  t.db
    .insert(mentorLinks)
    .values({ traineeId: trainee.user.id, mentorId: mentor.user.id, createdAt: NOW.toISOString() })
    .run()
  await addHostileItems(trainee.user.id, mentor.user.id)
  await buildReadyPortfolio(t.db, { items: 12, dataDir: t.dir, trainee: trainee.user, mentor: mentor.user, now: NOW })
})
afterAll(() => t.cleanup())

async function download(who: UserWithSession, id: number) {
  return responseOf(() =>
    exportLoader({
      request: requestAs(who.cookie, `/submissions/${id}/export.zip`),
      context: context(),
      params: { id: String(id) },
    }),
  )
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer())
}

describe('a submission’s download', () => {
  let entries: Record<string, Uint8Array>
  let response: Response

  beforeAll(async () => {
    const outcome = createSubmission(t.db, trainee.user.id, NOW)
    if (!outcome.ok) throw new Error(`not ready: ${JSON.stringify(outcome)}`)
    submission = getSubmission(t.db, outcome.id)!
    root = 'portfolio-zoe-obrien-submission-1/'
    response = await download(trainee, submission.id)
    entries = unzipSync(await readAll(response.body!))
    // The PDF was made and recorded on the way.
    submission = getSubmission(t.db, outcome.id)!
    // (in the render worker, which loads the renderer when first started)
  }, 60_000)

  it('is a streamed zip attachment named after the trainee and the submission', async () => {
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/zip')
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="portfolio-zoe-obrien-submission-1.zip"',
    )
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')

    // A fresh download, read a piece at a time: the body is a stream, not a string made in advance.
    const again = await download(trainee, submission.id)
    expect(again.body).toBeInstanceOf(ReadableStream)
    const reader = again.body!.getReader()
    const first = await reader.read()
    expect(first.done).toBe(false)
    expect(Array.from(first.value!.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04])
    let total = first.value!.length
    let chunks = 1
    for (;;) {
      const next = await reader.read()
      if (next.done) break
      total += next.value.length
      chunks++
    }
    expect(chunks).toBeGreaterThan(10)
    expect(first.value!.length).toBeLessThan(total / 10)

    // Stopping part-way (the browser's download was cancelled) ends cleanly.
    const cancelled = (await download(trainee, submission.id)).body!.getReader()
    await cancelled.read()
    await expect(cancelled.cancel()).resolves.toBeUndefined()
  })

  it('holds the summary, the snapshot with its schema, a README and the evidence folder, all in one folder', () => {
    const names = Object.keys(entries)
    expect(names.every((n) => n.startsWith(root))).toBe(true)
    for (const name of ['README.txt', 'summary.pdf', 'summary.html', 'portfolio.json', 'portfolio.schema.json'])
      expect(names).toContain(root + name)
    const other = names.filter((n) => !n.startsWith(`${root}evidence/`)).map((n) => n.slice(root.length))
    expect(other.sort()).toEqual([
      'README.txt',
      'portfolio.json',
      'portfolio.schema.json',
      'summary.html',
      'summary.pdf',
    ])
  })

  it('has portfolio.json byte for byte as stored, so its SHA-256 is the snapshot’s', () => {
    const json = entries[`${root}portfolio.json`]!
    expect(Buffer.from(json).equals(Buffer.from(getSnapshotJson(t.db, submission.id), 'utf8'))).toBe(true)
    expect(sha256Hex(json)).toBe(submission.snapshotSha256)
    expect(JSON.parse(new TextDecoder().decode(entries[`${root}portfolio.schema.json`]!))).toEqual(snapshotJsonSchema())
  })

  it('has every attached file under evidence/, in its item’s folder, with the bytes submitted', () => {
    const evidence = Object.entries(entries).filter(([n]) => n.startsWith(`${root}evidence/`))
    const attachments = submission.snapshot.items.flatMap((item) => item.attachments.map((a) => ({ item, a })))
    expect(attachments.length).toBeGreaterThan(HOSTILE_TITLES.length * 6)
    expect(evidence).toHaveLength(attachments.length)
    for (const { item, a } of attachments) {
      const folder = `${root}evidence/${paddedRef(item.ref, submission.snapshot.items.length)} - `
      const found = evidence.filter(([name, bytes]) => name.startsWith(folder) && sha256Hex(bytes) === a.sha256)
      expect(found, `${item.ref} ${a.originalName}`).toHaveLength(1)
    }
  })

  it('has the summary PDF as stored, and a standalone HTML summary with every item and no script', () => {
    const pdf = entries[`${root}summary.pdf`]!
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-')
    expect(submission.pdfSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Buffer.from(pdf).equals(readFileSync(filePath(t.dir, submission.pdfSha256!)))).toBe(true)

    const html = new TextDecoder().decode(entries[`${root}summary.html`]!)
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<html lang="en-GB">')
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toMatch(/<title>Portfolio summary: Zoë O’Brien, submission 1<\/title>/)
    // The styles are inline: the app's base (its colours and type) and the summary's own.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    expect(style).toContain('--primary')
    expect(style).toContain('.portfolio-summary')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link /i)
    expect(html).toContain(submission.snapshotSha256)
    for (const item of submission.snapshot.items) expect(html).toMatch(new RegExp(`\\b${item.ref}\\b`))
    // Only the app's styles the summary uses: nothing for the settings navigation, say.
    expect(style).toContain('.facts dd')
    expect(style).not.toContain('.settings-nav')
  })

  it('explains in README.txt what each file is and how to check the fingerprint', () => {
    const readme = new TextDecoder().decode(entries[`${root}README.txt`]!)
    expect(readme).toContain(submission.snapshotSha256)
    expect(readme).toContain('sha256sum portfolio.json')
    expect(readme).toContain('Get-FileHash portfolio.json -Algorithm SHA256')
    for (const name of ['summary.pdf', 'summary.html', 'portfolio.json', 'portfolio.schema.json', 'evidence/'])
      expect(readme).toContain(name)
    const firstAttachment = submission.snapshot.items.flatMap((i) => i.attachments)[0]!
    expect(readme).toContain(firstAttachment.sha256)
  })

  it('names every entry safely, whatever the titles and file names were', () => {
    const names = Object.keys(entries)
    for (const name of names) {
      const parts = name.split('/')
      for (const part of parts) {
        expect(part, name).not.toBe('..')
        expect(part, name).not.toBe('.')
        expect(part, name).not.toMatch(/[\\:*?"<>|\p{Cc}\u202E]/u)
        expect(part, name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i)
        expect(part, name).not.toMatch(/[. ]$/)
        expect(Array.from(part).length, name).toBeLessThanOrEqual(120)
      }
      expect(parts).toHaveLength(name.startsWith(`${root}evidence/`) ? 4 : 2)
    }
    const hostile = submission.snapshot.items.filter((i) => HOSTILE_TITLES.includes(i.title))
    expect(hostile).toHaveLength(HOSTILE_TITLES.length)
    const folderOf = (title: string) => {
      const item = hostile.find((i) => i.title === title)!
      return `${root}evidence/${paddedRef(item.ref, submission.snapshot.items.length)} - `
    }
    const inFolder = (title: string) =>
      names.filter((n) => n.startsWith(folderOf(title))).map((n) => n.split('/').slice(2).join('/'))
    expect(inFolder('../../etc/passwd')[0]).toMatch(/ - _\._etc_passwd\//)
    expect(inFolder('CON')[0]).toMatch(/ - _CON\//)
    expect(inFolder('a/b')[0]).toMatch(/ - a_b\//)
    const files = inFolder('🚀 Launch 👨‍👩‍👧‍👦 plan: "final" <v2>?')
    expect(files[0]).toMatch(/ - 🚀 Launch 👨‍👩‍👧‍👦 plan_ _final_ _v2__\//)
    expect(files.map((f) => f.split('/')[1]).sort()).toEqual(
      ['_._etc_passwd.pdf', '_CON.png', 'a_b.pdf', 'report (2).pdf', 'report.pdf', '📝 notes.txt'].sort(),
    )
  })

  it('is recorded, and is not there for another trainee', async () => {
    expect(
      listAuditEvents(t.db, { actorId: trainee.user.id }).some(
        (e) => e.action === 'submission.downloaded' && e.subjectId === String(submission.id),
      ),
    ).toBe(true)
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    expect((await download(other, submission.id)).status).toBe(404)
    expect((await download(other, 999_999)).status).toBe(404)
  })

  it('puts a note in place of a file missing from the store, rather than failing', async () => {
    const item = submission.snapshot.items.find((i) => i.title === 'CON')!
    const png = item.attachments.find((a) => a.originalName === 'CON')!
    rmSync(filePath(t.dir, png.sha256))
    const zip = unzipSync(await readAll((await download(trainee, submission.id)).body!))
    const folder = `${root}evidence/${paddedRef(item.ref, submission.snapshot.items.length)} - _CON/`
    expect(zip[`${folder}_CON.png`]).toBeUndefined()
    const note = new TextDecoder().decode(zip[`${folder}_CON.png - MISSING.txt`]!)
    expect(note).toContain(png.sha256)
    expect(note).toContain('could not be read')
    expect(zip[`${root}portfolio.json`]).toBeDefined()
    expect(Object.keys(zip).filter((n) => n.startsWith(folder))).toHaveLength(item.attachments.length)
  })
})

describe('the zip stream', () => {
  /** A file of `chunks` × 64 KB that counts how much of it has been read. */
  function countingFile(chunks: number) {
    const state = { read: 0, stream: null as Readable | null }
    let left = chunks
    state.stream = new Readable({
      read() {
        state.read++
        this.push(left-- > 0 ? Buffer.alloc(64 * 1024, left % 251) : null)
      },
    })
    return state
  }

  it('reads a file only as fast as the archive is taken, and stops reading when it is cancelled', async () => {
    const file = countingFile(200)
    const reader = zipStream(
      [
        { name: 'a/notes.txt', compress: true, data: 'hello' },
        {
          name: 'a/big.pdf',
          compress: false,
          open: () => file.stream,
          missingName: 'a/big.pdf - MISSING.txt',
          missingNote: 'gone',
        },
      ],
      NOW,
    ).getReader()
    for (let i = 0; i < 5; i++) expect((await reader.read()).done).toBe(false)
    // Five pieces taken: a handful of reads from the 200-chunk file, not all of it.
    expect(file.read).toBeLessThan(10)
    await reader.cancel()
    expect(file.stream!.destroyed).toBe(true)
    expect(file.read).toBeLessThan(10)
  })

  it('writes a note in place of a file that cannot be opened when its turn comes', async () => {
    const zip = unzipSync(
      await readAll(
        zipStream(
          [
            {
              name: 'a/gone.pdf',
              compress: false,
              open: () => null,
              missingName: 'a/gone.pdf - MISSING.txt',
              missingNote: 'It was not there.',
            },
          ],
          NOW,
        ),
      ),
    )
    expect(Object.keys(zip)).toEqual(['a/gone.pdf - MISSING.txt'])
    expect(new TextDecoder().decode(zip['a/gone.pdf - MISSING.txt'])).toBe('It was not there.')
  })
})
