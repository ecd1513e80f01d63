import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import fsp from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { filePath, missingFiles, openStoredFile, storedFileExists } from '../../app/files/store.server'
import { scanAttachment } from '../../app/evidence/save.server'
import type { ScannableContent } from '../../app/files/inspect.server'
import { sweepOrphanFiles } from '../../app/files/sweep.server'
import {
  cleanOriginalName,
  parseEvidenceForm,
  readUploadMarkers,
  type RefusedUpload,
  type StoredUpload,
  type UploadMarker,
} from '../../app/files/upload.server'
import { bytes, docx, minimalJpeg, minimalPng, pptx, xlsx } from '../fixtures/files/make'

let root: string
let dataDir: string

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-files-'))
  dataDir = path.join(root, 'data')
  fs.mkdirSync(dataDir)
})

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true })
})

type Upload = { name: string; content: Uint8Array | string; type?: string; field?: string }

function formRequest(files: Upload[], fields: Record<string, string> = {}): Request {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const f of files) {
    const content = typeof f.content === 'string' ? bytes(f.content) : f.content
    // A copy, so the File owns a plain ArrayBuffer.
    form.append(
      f.field ?? 'files',
      new File([new Uint8Array(content)], f.name, { type: f.type ?? 'application/octet-stream' }),
    )
  }
  return new Request('http://localhost/evidence/new', { method: 'POST', body: form })
}

async function upload(
  files: Upload[],
  options: { maxBytes?: number; maxFiles?: number; fields?: Record<string, string> } = {},
) {
  const formData = await parseEvidenceForm(formRequest(files, options.fields), {
    dataDir,
    maxBytes: options.maxBytes ?? 5_000_000,
    maxFiles: options.maxFiles,
  })
  return { formData, markers: readUploadMarkers(formData, 'files') }
}

function stored(marker: UploadMarker | undefined): StoredUpload {
  expect(marker?.kind, marker?.kind === 'refused' ? marker.reason : undefined).toBe('stored')
  return marker as StoredUpload
}

function refused(marker: UploadMarker | undefined): RefusedUpload {
  expect(marker?.kind).toBe('refused')
  return marker as RefusedUpload
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .map((p) => p.split(path.sep).join('/'))
    .sort()
}

function storeFiles(): string[] {
  return listFiles(path.join(dataDir, 'files'))
}

async function threePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < 3; i++) doc.addPage()
  return doc.save()
}

describe('parseEvidenceForm: storing files', () => {
  it('stores a PDF under files/xx/<sha256> with its exact page count', async () => {
    const pdf = await threePagePdf()
    const sha256 = crypto.createHash('sha256').update(pdf).digest('hex')
    const { markers } = await upload([{ name: 'audit report.pdf', content: pdf, type: 'text/html' }])

    const file = stored(markers[0])
    expect(file).toEqual({
      kind: 'stored',
      sha256,
      size: pdf.length,
      mediaType: 'application/pdf',
      originalName: 'audit report.pdf',
      pageCount: 3,
      pagesExact: true,
    })
    expect(storeFiles()).toEqual([`${sha256.slice(0, 2)}/${sha256}`])
    expect(filePath(dataDir, sha256)).toBe(path.join(dataDir, 'files', sha256.slice(0, 2), sha256))
    expect(new Uint8Array(fs.readFileSync(filePath(dataDir, sha256)))).toEqual(new Uint8Array(pdf))
    expect(listFiles(path.join(dataDir, 'files', 'tmp'))).toEqual([])
  })

  it('stores the same content once, however often it is uploaded', async () => {
    const pdf = await threePagePdf()
    const first = await upload([
      { name: 'a.pdf', content: pdf },
      { name: 'b.pdf', content: pdf },
    ])
    const second = await upload([{ name: 'c.pdf', content: pdf }])
    const shas = [...first.markers, ...second.markers].map((m) => stored(m).sha256)
    expect(new Set(shas).size).toBe(1)
    expect(first.markers.map((m) => m.originalName)).toEqual(['a.pdf', 'b.pdf'])
    expect(storeFiles()).toHaveLength(1)
    expect(listFiles(path.join(dataDir, 'files', 'tmp'))).toEqual([])
  })

  it('refuses a file over the size limit, saying what the limit is, and leaves nothing behind', async () => {
    const big = bytes('x'.repeat(5000))
    const { markers, formData } = await upload(
      [
        { name: 'big.txt', content: big },
        { name: 'small.txt', content: 'fine' },
      ],
      { maxBytes: 1000, fields: { title: 'After the big one' } },
    )
    const refusal = refused(markers[0])
    expect(refusal.originalName).toBe('big.txt')
    expect(refusal.reason).toContain('1,000 bytes')
    // The rest of the form is still read.
    expect(stored(markers[1]).mediaType).toBe('text/plain')
    expect(formData.get('title')).toBe('After the big one')
    expect(storeFiles()).toHaveLength(1)
    expect(listFiles(path.join(dataDir, 'files', 'tmp'))).toEqual([])
  })

  it('keeps a path-like name as metadata only, and writes nothing outside dataDir', async () => {
    const before = listFiles(root)
    const { markers } = await upload([{ name: '../../etc/passwd', content: 'root:x:0:0:root:/root:/bin/bash\n' }])
    const file = stored(markers[0])
    expect(file.originalName).toBe('passwd')
    expect(file.mediaType).toBe('text/plain')
    const after = listFiles(root).filter((p) => !before.includes(p))
    expect(after).toEqual([`data/files/${file.sha256.slice(0, 2)}/${file.sha256}`])
  })

  it('cleans original names: directories, control characters, length', () => {
    expect(cleanOriginalName('../../etc/passwd')).toBe('passwd')
    expect(cleanOriginalName('C:\\Users\\me\\report.pdf')).toBe('report.pdf')
    expect(cleanOriginalName('bad\u0000na\u001bme\u202Efdp.exe')).toBe('badnamefdp.exe')
    expect(cleanOriginalName('..')).toBe('unnamed file')
    const long = cleanOriginalName(`${'a'.repeat(300)}.pdf`)
    expect(Array.from(long)).toHaveLength(200)
    expect(long.endsWith('.pdf')).toBe(true)
  })

  it('refuses HTML renamed to .pdf, and SVG with a script', async () => {
    const { markers } = await upload([
      {
        name: 'results.pdf',
        content: '<!DOCTYPE html><html><body><script>steal()</script></body></html>',
        type: 'application/pdf',
      },
      {
        name: 'diagram.png',
        content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        type: 'image/png',
      },
    ])
    expect(refused(markers[0]).reason).toMatch(/web page/)
    expect(refused(markers[1]).reason).toMatch(/SVG images can carry scripts/)
    expect(storeFiles()).toEqual([])
  })

  it('accepts each type, deciding from the content', async () => {
    const { markers } = await upload([
      { name: 'a', content: minimalPng() },
      { name: 'b', content: minimalJpeg() },
      { name: 'c.bin', content: docx(['Para one', 'Para two']) },
      { name: 'd', content: xlsx() },
      { name: 'e', content: pptx(['One', 'Two', 'Three']) },
      { name: 'f.txt', content: 'dose,unit\n2,Gy\n3,Gy\n' },
    ])
    expect(markers.map((m) => stored(m).mediaType)).toEqual([
      'image/png',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'text/csv',
    ])
    expect(markers.map((m) => [stored(m).pageCount, stored(m).pagesExact])).toEqual([
      [1, true],
      [1, true],
      [1, false],
      [2, false],
      [3, true],
      [1, false],
    ])
  })

  it('refuses a text file with a NUL byte beyond the part the type was decided from', async () => {
    const content = `${'line of text\n'.repeat(5000)}\u0000 hidden`
    const { markers } = await upload([{ name: 'notes.txt', content }])
    expect(refused(markers[0]).reason).toMatch(/binary data/)
    expect(storeFiles()).toEqual([])
  })

  it('refuses a zip bomb from its directory alone, without unpacking it', async () => {
    const zeros = new Uint8Array(256 * 1024)
    const entries: Zippable = {
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8('<w:document/>'),
    }
    for (let i = 0; i < 1000; i++) entries[`word/media/pad${i}.bin`] = [zeros, { level: 9 }]
    const bomb = zipSync(entries)
    expect(bomb.length).toBeLessThan(2_000_000)

    const heapBefore = process.memoryUsage().arrayBuffers
    const { markers } = await upload([{ name: 'report.docx', content: bomb }])
    expect(refused(markers[0]).reason).toMatch(/more than 200 MB/)
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(100 * 1024 * 1024)
    expect(storeFiles()).toEqual([])
    // Compressing 250 MB of zeros at level 9 takes seconds of CPU, more on a busy machine.
  }, 120_000)

  it('refuses an archive compressed far more tightly than a document would be', async () => {
    const bomb = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': [new Uint8Array(50 * 1024 * 1024), { level: 9 }],
    })
    const { markers } = await upload([{ name: 'tight.docx', content: bomb }])
    expect(refused(markers[0]).reason).toMatch(/compressed far more tightly/)
  })

  it('refuses an archive of too many entries', async () => {
    const entries: Zippable = {
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8('<w:document/>'),
    }
    for (let i = 0; i < 2001; i++) entries[`word/p${i}.xml`] = strToU8('<x/>')
    const { markers } = await upload([{ name: 'many.docx', content: zipSync(entries) }])
    expect(refused(markers[0]).reason).toMatch(/more than 2,000 parts/)
  })

  it('refuses a plain zip and a truncated Office file', async () => {
    const whole = docx(['Some text'])
    const { markers } = await upload([
      { name: 'bundle.zip', content: zipSync({ 'a.txt': strToU8('a') }) },
      { name: 'cut.docx', content: whole.subarray(0, whole.length - 30) },
    ])
    expect(refused(markers[0]).reason).toMatch(/ZIP archive is not an accepted file type/)
    expect(refused(markers[1]).reason).toMatch(/damaged or incomplete/)
  })

  it('passes text fields through as strings and ignores the empty part sent when no file is chosen', async () => {
    // As a browser sends it: the file input's part has filename="" and no content.
    const boundary = '----attainBoundary7MA4YWxkTrZu0gW'
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      '',
      'Linac QA',
      `--${boundary}`,
      'Content-Disposition: form-data; name="claims.0.area"',
      '',
      'Sci1',
      `--${boundary}`,
      'Content-Disposition: form-data; name="files"; filename=""',
      'Content-Type: application/octet-stream',
      '',
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n')
    const request = new Request('http://localhost/x', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    })
    const formData = await parseEvidenceForm(request, { dataDir, maxBytes: 1000 })
    expect(formData.get('title')).toBe('Linac QA')
    expect(formData.get('claims.0.area')).toBe('Sci1')
    expect(formData.getAll('files')).toEqual([])
    expect(readUploadMarkers(formData, 'files')).toEqual([])
    expect(storeFiles()).toEqual([])
    expect(listFiles(path.join(dataDir, 'files', 'tmp'))).toEqual([])
  })

  it('ignores a marker forged in a text field', async () => {
    const pdf = await threePagePdf()
    const real = await upload([{ name: 'mine.pdf', content: pdf }])
    const realMarker = real.formData.get('files') as string

    const forgedSha = 'a'.repeat(64)
    const forged = JSON.stringify({ ...JSON.parse(realMarker), sha256: forgedSha })
    const { markers } = await upload([{ name: 'n.txt', content: 'note' }], { fields: { files: forged } })
    expect(markers).toHaveLength(1)
    expect(stored(markers[0]).originalName).toBe('n.txt')

    const notJson = await upload([], { fields: { files: 'not json' } })
    expect(notJson.markers).toEqual([])
  })

  it('refuses files beyond maxFiles', async () => {
    const { markers } = await upload(
      [
        { name: '1.txt', content: 'one' },
        { name: '2.txt', content: 'two' },
        { name: '3.txt', content: 'three' },
      ],
      { maxFiles: 2 },
    )
    expect(markers.map((m) => m.kind)).toEqual(['stored', 'stored', 'refused'])
    expect(refused(markers[2]).reason).toMatch(/At most 2 files/)
    expect(storeFiles()).toHaveLength(2)
  })

  it('throws a 400 Response for a body that is not multipart', async () => {
    const request = new Request('http://localhost/x', {
      method: 'POST',
      body: new URLSearchParams({ files: 'x' }),
    })
    const thrown = await parseEvidenceForm(request, { dataDir, maxBytes: 1000 }).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(400)
  })

  it('throws a 400 Response naming the problem when a file name has "=" (which the multipart parser cannot read)', async () => {
    const thrown = await parseEvidenceForm(formRequest([{ name: 'dose=2Gy.txt', content: 'x' }]), {
      dataDir,
      maxBytes: 1000,
    }).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(400)
    expect(await (thrown as Response).text()).toMatch(/Rename the file/)
  })

  it('calls onStored with the stored path and whether the content was new', async () => {
    const calls: { sha256: string; isNew: boolean; exists: boolean }[] = []
    const onStored = (upload: StoredUpload, info: { path: string; isNew: boolean }) => {
      calls.push({ sha256: upload.sha256, isNew: info.isNew, exists: fs.existsSync(info.path) })
    }
    for (let i = 0; i < 2; i++) {
      await parseEvidenceForm(formRequest([{ name: 'x.txt', content: 'same' }]), { dataDir, maxBytes: 1000, onStored })
    }
    expect(calls.map((c) => [c.isNew, c.exists])).toEqual([
      [true, true],
      [false, true],
    ])
  })
})

describe('parseEvidenceForm: each file read once', () => {
  /** Counts every read of a file under dataDir through node:fs/promises (writes and directories are not counted). */
  function countReads() {
    const reads: string[] = []
    // Files only: syncing a directory after a rename opens the directory, which reads no file's content.
    const inData = (file: unknown) =>
      typeof file === 'string' && file.startsWith(dataDir) && fs.statSync(file, { throwIfNoEntry: false })?.isFile()
    const open = fsp.open.bind(fsp)
    const readFile = fsp.readFile.bind(fsp)
    const spies = [
      vi.spyOn(fsp, 'open').mockImplementation((file, flags, mode) => {
        if (inData(file) && (flags === undefined || flags === 'r')) reads.push(String(file))
        return open(file, flags, mode)
      }),
      vi.spyOn(fsp, 'readFile').mockImplementation(((file: Parameters<typeof fsp.readFile>[0], options?: never) => {
        if (inData(file)) reads.push(String(file))
        return readFile(file, options)
      }) as typeof fsp.readFile),
    ]
    return { reads, restore: () => spies.forEach((spy) => spy.mockRestore()) }
  }

  it('hashes and sniffs from the stream, then reads a text file and a PDF once each for checks, pages and text', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    pdf.addPage()
    pdf.setAuthor('Mr John Smith')
    const pdfBytes = await pdf.save()
    const text = 'Output check notes\nNHS number 943 476 5919 was on the printout.\n'.repeat(2000)

    const contents = new Map<string, ScannableContent | null>()
    const counter = countReads()
    let formData: FormData
    try {
      formData = await parseEvidenceForm(
        formRequest([
          { name: 'notes.txt', content: text },
          { name: 'report.pdf', content: pdfBytes },
        ]),
        {
          dataDir,
          maxBytes: 5_000_000,
          onStored: (upload, stored) => void contents.set(upload.sha256, stored.content),
        },
      )
    } finally {
      counter.restore()
    }
    const [txt, report] = readUploadMarkers(formData, 'files').map(stored)

    // Named by the hash taken from the stream: it is the hash of what was sent.
    expect(txt!.sha256).toBe(crypto.createHash('sha256').update(text).digest('hex'))
    expect(report!.sha256).toBe(crypto.createHash('sha256').update(pdfBytes).digest('hex'))
    // One read of each temporary file: type, every byte of the text, page count, text and metadata together.
    expect(counter.reads).toHaveLength(2)
    expect(new Set(counter.reads).size).toBe(2)
    expect(counter.reads.every((file) => file.startsWith(path.join(dataDir, 'files', 'tmp')))).toBe(true)

    expect(txt).toMatchObject({ mediaType: 'text/plain', pagesExact: false })
    expect(contents.get(txt!.sha256)?.text).toBe(text)
    expect(report).toMatchObject({ mediaType: 'application/pdf', pageCount: 2, pagesExact: true })
    expect(contents.get(report!.sha256)?.metadata).toMatchObject({ Author: 'Mr John Smith' })
  })

  it('hands the scan what it read, so a saved file is not read again to look for patient data', async () => {
    const text = 'Patient Mr John Smith, DOB 01/02/1960.\n'
    const contents = new Map<string, ScannableContent | null>()
    const formData = await parseEvidenceForm(formRequest([{ name: 'notes.txt', content: text }]), {
      dataDir,
      maxBytes: 5_000_000,
      onStored: (upload, stored) => void contents.set(upload.sha256, stored.content),
    })
    const file = stored(readUploadMarkers(formData, 'files')[0])
    const counter = countReads()
    try {
      const findings = await scanAttachment(dataDir, file, contents.get(file.sha256))
      expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['person-name', 'date-of-birth']))
    } finally {
      counter.restore()
    }
    expect(counter.reads).toEqual([])
  })
})

describe('reading and sweeping the store', () => {
  async function storeText(content: string): Promise<string> {
    const { markers } = await upload([{ name: 't.txt', content }])
    return stored(markers[0]).sha256
  }

  function age(sha256: string, ms: number) {
    const when = new Date(Date.now() - ms)
    fs.utimesSync(filePath(dataDir, sha256), when, when)
  }

  it('validates SHA-256s before making a path', () => {
    expect(() => filePath(dataDir, '../../etc/passwd')).toThrow()
    expect(() => filePath(dataDir, 'A'.repeat(64))).toThrow()
    expect(() => filePath(dataDir, `${'a'.repeat(63)}/`)).toThrow()
  })

  it('opens a stored file as a stream, or gives null when it is missing', async () => {
    const sha = await storeText('stream me')
    const stream = openStoredFile(dataDir, sha)
    expect(stream).not.toBeNull()
    const chunks: Buffer[] = []
    for await (const chunk of stream!) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).toString()).toBe('stream me')
    expect(openStoredFile(dataDir, 'b'.repeat(64))).toBeNull()
    expect(await storedFileExists(dataDir, sha)).toBe(true)
    expect(await storedFileExists(dataDir, 'b'.repeat(64))).toBe(false)
  })

  it('lists missing files', async () => {
    const present = await storeText('present')
    const absent = 'c'.repeat(64)
    expect(await missingFiles(dataDir, [present, absent, 'nonsense'])).toEqual([absent, 'nonsense'])
  })

  it('removes old unreferenced files and old temp files, keeping referenced and recent ones', async () => {
    const orphan = await storeText('orphan')
    const referenced = await storeText('referenced')
    const recent = await storeText('recent')
    const hour = 3_600_000
    age(orphan, 2 * hour)
    age(referenced, 2 * hour)
    age(recent, 10 * 60_000)

    const tmp = path.join(dataDir, 'files', 'tmp')
    fs.writeFileSync(path.join(tmp, 'old.part'), 'abandoned')
    fs.writeFileSync(path.join(tmp, 'new.part'), 'in progress')
    const old = new Date(Date.now() - 2 * hour)
    fs.utimesSync(path.join(tmp, 'old.part'), old, old)

    const result = await sweepOrphanFiles(dataDir, new Set([referenced]), { graceMs: hour, now: new Date() })
    expect(result).toEqual({ removed: [orphan], kept: 2, removedTemp: 1 })
    expect(await missingFiles(dataDir, [orphan, referenced, recent])).toEqual([orphan])
    expect(fs.readdirSync(tmp)).toEqual(['new.part'])
  })

  it('re-uploading old unreferenced content freshens it, so a sweep keeps it', async () => {
    const sha = await storeText('again')
    age(sha, 2 * 3_600_000)
    await storeText('again')
    const result = await sweepOrphanFiles(dataDir, new Set(), { graceMs: 3_600_000, now: Date.now() })
    expect(result.removed).toEqual([])
    expect(await storedFileExists(dataDir, sha)).toBe(true)
  })
})
