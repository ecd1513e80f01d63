import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { degrees, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderSummaryPdf, type ReadStoredFile, type RenderedSummary } from '../../app/submission/pdf.server'
import { sha256Hex, type SnapshotAttachment } from '../../app/submission/snapshot'
import { makeAttachment, makeItem, makeSnapshot } from '../support/snapshot-fixture'

const HASH = 'c0ffee'.repeat(10) + 'beef'
let dir: string

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'attain-pdf-render-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Each page's text, as poppler's pdftotext reads it. */
function pageTexts(bytes: Uint8Array): string[] {
  const file = path.join(dir, `${sha256Hex(bytes)}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1)
}

async function pdfWithPages(label: string, pages: number, rotate = 0): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (let i = 1; i <= pages; i++) {
    const page = pdf.addPage([595.28, 841.89])
    page.setRotation(degrees(rotate))
    page.drawText(`${label} page ${i}`, { x: 60, y: 400, size: 14, font })
  }
  return pdf.save({ useObjectStreams: false })
}

/** A PDF whose trailer says it is encrypted: what a password-protected upload looks like to a reader. */
async function encryptedPdf(): Promise<Uint8Array> {
  const text = Buffer.from(await pdfWithPages('Secret', 1)).toString('latin1')
  return Buffer.from(text.replace(/trailer\s*<</, 'trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>'), 'latin1')
}

function png(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Uint8Array) => {
    let c = 0xffffffff
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  const row = Buffer.alloc(1 + width * 3, 0x80)
  row[0] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', new Uint8Array()),
  ])
}

interface Outline {
  title: string
  page: number
  children: Outline[]
}

/** The document outline, read back through pdf-lib's low-level objects. */
async function readOutline(bytes: Uint8Array): Promise<{ outline: Outline[]; pageMode: string | undefined }> {
  const doc = await PDFDocument.load(bytes)
  const pageRefs = doc.getPages().map((p) => p.ref)
  const readList = (first: unknown): Outline[] => {
    const list: Outline[] = []
    let ref = first
    while (ref instanceof PDFRef) {
      const dict = doc.context.lookup(ref, PDFDict)
      const title = dict.lookup(PDFName.of('Title'))
      const dest = dict.lookup(PDFName.of('Dest'), PDFArray)
      expect(dest.lookup(1)).toBe(PDFName.of('Fit'))
      list.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: pageRefs.indexOf(dest.get(0) as PDFRef) + 1,
        children: readList(dict.get(PDFName.of('First'))),
      })
      ref = dict.get(PDFName.of('Next'))
    }
    return list
  }
  const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict)
  return { outline: readList(root.get(PDFName.of('First'))), pageMode: doc.catalog.get(PDFName.of('PageMode'))?.toString() }
}

describe('renderSummaryPdf with awkward content', () => {
  const files = new Map<string, Uint8Array>()
  const attach = (bytes: Uint8Array | null, mediaType: string, name: string, pageCount = 1): SnapshotAttachment => {
    const sha = bytes ? sha256Hex(bytes) : sha256Hex(name)
    if (bytes) files.set(sha, bytes)
    return makeAttachment(sha, mediaType, name, pageCount)
  }
  const readFile: ReadStoredFile = async (sha) => files.get(sha) ?? null

  let snapshot: ReturnType<typeof makeSnapshot>
  let rendered: RenderedSummary
  let texts: string[]

  beforeAll(async () => {
    const items = [
      makeItem(1, {
        title: 'Dose ≥ 2 Gy → pass 🎉 李',
        description: '## γ-ray survey\n\nMeasured 5 μSv/h at 1 m — within limits ✓\n\n| a | b |\n|---|---|\n| ≤ | ≥ |',
        reflection: 'Łukasz and Zoë helped. 日本語のテキスト.',
        attachments: [
          attach(await pdfWithPages('Rotated', 2, 90), 'application/pdf', 'rotated.pdf', 2),
          attach(new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf'), 'application/pdf', 'broken.pdf'),
          attach(await encryptedPdf(), 'application/pdf', 'secret.pdf'),
          attach(null, 'application/pdf', 'lost.pdf'),
        ],
        assessorComments: [{ authorName: 'Dr Sam Okoro', areaCode: null, body: 'Good **work** → see p. 2', createdAt: '2026-03-02T10:00:00Z' }],
      }),
      makeItem(2, {
        attachments: [
          attach(new TextEncoder().encode('PK\u0003\u0004 pretend word file'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'notes.docx', 3),
          attach(new TextEncoder().encode('time,dose\n09:00,2 μSv ≥ 1\n'), 'text/csv', 'readings.csv'),
          attach(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'image/png', 'corrupt.png'),
          attach(png(60, 40), 'image/png', 'chart.png'),
        ],
      }),
    ]
    snapshot = makeSnapshot({
      items,
      trainee: { name: 'Zoë 李 Łukasz-Smith', specialism: 'Nuclear medicine', employer: 'Trust №1' },
      summaryStatement: 'I measured ≥ 40 μSv → 🎉',
    })
    rendered = await renderSummaryPdf(snapshot, HASH, readFile)
    texts = pageTexts(rendered.bytes)
  })

  it('renders without throwing, every page counted', async () => {
    const doc = await PDFDocument.load(rendered.bytes)
    expect(doc.getPageCount()).toBe(rendered.pages)
    expect(texts).toHaveLength(rendered.pages)
    texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${rendered.pages}`))
  })

  it('draws characters the fonts lack as readable stand-ins', () => {
    const item = texts[rendered.itemStartPages.E1! - 1]!
    expect(item).toContain('E1 · Dose >= 2 Gy -> pass ? ?')
    expect(item).toContain('Measured 5 µSv/h at 1 m — within limits yes')
    expect(texts[0]).toContain('Zoë ? Lukasz-Smith')
  })

  it('copies a PDF attachment’s pages in, footer upright on rotated pages', () => {
    const start = rendered.itemStartPages.E1!
    expect(texts[start]).toContain('Rotated page 1')
    expect(texts[start + 1]).toContain('Rotated page 2')
    expect(texts[start + 1]).toContain('E1 attachment: rotated.pdf, page 2 of 2')
  })

  it('says on its own page why a file could not be included', () => {
    const pageFor = (name: string) => texts.find((t) => /^\s*E\d+ attachment: (\S+)/.exec(t)?.[1] === name) ?? ''
    expect(pageFor('broken.pdf')).toContain('This PDF could not be included')
    expect(pageFor('secret.pdf')).toContain('This PDF could not be included')
    expect(pageFor('lost.pdf')).toContain('not in the file store')
    expect(pageFor('notes.docx')).toContain('cannot be shown in a PDF')
    expect(pageFor('corrupt.png')).toContain('This image could not be included')
    expect(pageFor('readings.csv')).toContain('09:00,2 µSv >= 1')
    expect(pageFor('chart.png')).toContain('PNG image')
  })

  it('has bookmarks with the titles as written, opening in the outline view', async () => {
    const { outline, pageMode } = await readOutline(rendered.bytes)
    expect(pageMode).toBe('/UseOutlines')
    expect(outline.map((e) => [e.title, e.page])).toEqual([
      ['Cover', 1],
      ['Summary statement', 2],
      ['Domain 1: Scientific', 3],
      ['Domain 2: Research and Development', expect.any(Number)],
      ['Cross-reference grid', expect.any(Number)],
      ['Evidence', rendered.itemStartPages.E1],
    ])
    expect(outline.at(-1)?.children).toEqual([
      { title: 'E1 Dose ≥ 2 Gy → pass 🎉 李', page: rendered.itemStartPages.E1, children: [] },
      { title: 'E2 Item number 2', page: rendered.itemStartPages.E2, children: [] },
    ])
  })

  it('gives the same bytes for the same snapshot, with fixed metadata', async () => {
    const again = await renderSummaryPdf(snapshot, HASH, readFile)
    expect(Buffer.from(again.bytes).equals(Buffer.from(rendered.bytes))).toBe(true)
    const doc = await PDFDocument.load(rendered.bytes, { updateMetadata: false })
    expect(doc.getProducer()).toBe('Attain')
    expect(doc.getCreator()).toBe('Attain')
    expect(doc.getCreationDate()?.toISOString()).toBe(snapshot.submittedAt)
    expect(doc.getModificationDate()?.toISOString()).toBe(snapshot.submittedAt)
    expect(doc.getTitle()).toBe('Portfolio for registration as a Clinical Scientist: Zoë 李 Łukasz-Smith')
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 })
  })

  it('links area entries and grid cells to the item’s first page', async () => {
    const doc = await PDFDocument.load(rendered.bytes)
    const pageRefs = doc.getPages().map((p) => p.ref)
    const targets = doc.getPages().flatMap((page) => {
      const annots = page.node.Annots()
      if (!annots) return []
      return Array.from({ length: annots.size() }, (_, i) => {
        const dest = annots.lookup(i, PDFDict).lookup(PDFName.of('Dest'), PDFArray)
        return pageRefs.indexOf(dest.get(0) as PDFRef) + 1
      })
    })
    expect(new Set(targets)).toEqual(new Set([rendered.itemStartPages.E1, rendered.itemStartPages.E2]))
  })
})
