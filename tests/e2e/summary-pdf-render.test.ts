import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { deflateSync } from 'node:zlib'
import {
  degrees,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  StandardFonts,
} from 'pdf-lib'
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
  return Buffer.from(
    text.replace(/trailer\s*<</, 'trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>'),
    'latin1',
  )
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

/** Where an outline entry or link leads: the page of its destination, direct or through a GoTo action. */
function destinationPage(doc: PDFDocument, dict: PDFDict): number {
  const pageRefs = doc.getPages().map((p) => p.ref)
  const action = dict.lookupMaybe(PDFName.of('A'), PDFDict)
  let dest = dict.lookup(PDFName.of('Dest')) ?? action?.lookup(PDFName.of('D'))
  // A named destination is looked up in the catalog's name tree.
  if (dest instanceof PDFString || dest instanceof PDFHexString) dest = namedDestination(doc, dest.decodeText())
  return dest instanceof PDFArray ? pageRefs.indexOf(dest.get(0) as PDFRef) + 1 : 0
}

function namedDestination(doc: PDFDocument, name: string): PDFArray | undefined {
  const search = (node: PDFDict): PDFArray | undefined => {
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
    if (names) {
      for (let i = 0; i < names.size(); i += 2) {
        const key = names.lookup(i)
        if ((key instanceof PDFString || key instanceof PDFHexString) && key.decodeText() === name) {
          const value = names.lookup(i + 1)
          return value instanceof PDFArray
            ? value
            : value instanceof PDFDict
              ? value.lookupMaybe(PDFName.of('D'), PDFArray)
              : undefined
        }
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let i = 0; kids && i < kids.size(); i++) {
      const found = search(kids.lookup(i, PDFDict))
      if (found) return found
    }
    return undefined
  }
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  return tree ? search(tree) : undefined
}

/** The document outline, read back through pdf-lib's low-level objects. */
async function readOutline(bytes: Uint8Array): Promise<{ outline: Outline[]; pageMode: string | undefined }> {
  const doc = await PDFDocument.load(bytes)
  const readList = (first: unknown): Outline[] => {
    const list: Outline[] = []
    let ref = first
    while (ref instanceof PDFRef) {
      const dict = doc.context.lookup(ref, PDFDict)
      const title = dict.lookup(PDFName.of('Title'))
      list.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: destinationPage(doc, dict),
        children: readList(dict.get(PDFName.of('First'))),
      })
      ref = dict.get(PDFName.of('Next'))
    }
    return list
  }
  const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict)
  return {
    outline: readList(root.get(PDFName.of('First'))),
    pageMode: doc.catalog.get(PDFName.of('PageMode'))?.toString(),
  }
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
        assessorComments: [
          {
            authorName: 'Dr Sam Okoro',
            areaCode: null,
            body: 'Good **work** → see p. 2',
            createdAt: '2026-03-02T10:00:00Z',
          },
        ],
      }),
      makeItem(2, {
        description:
          'Odd input: NUL \u0000, lone surrogate \ud800, bidi \u202e override\u202c, BOM \ufeff, tab\tend.\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| only |',
        attachments: [
          attach(
            new TextEncoder().encode('PK\u0003\u0004 pretend word file'),
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'notes.docx',
            3,
          ),
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

  it('prints text as written, and a visible code-point marker for characters the fonts lack', () => {
    const item = texts[rendered.itemStartPages.E1! - 1]!
    expect(item).toContain('E1 · Dose ≥ 2 Gy → pass U+1F389 U+674E')
    expect(item).toContain('Measured 5 μSv/h at 1 m — within limits ✓')
    expect(item).toContain('Łukasz and Zoë helped. U+65E5 U+672C U+8A9E')
    expect(texts[0]).toContain('Zoë U+674E Łukasz-Smith')
  })

  it('prints odd input without failing: control characters, a lone surrogate, ragged table rows', () => {
    const item = texts[rendered.itemStartPages.E2! - 1]!
    expect(item).toContain('Odd input: NUL')
    expect(item).toContain('lone surrogate U+D800')
    expect(item).toContain('tab end.')
    expect(item).toMatch(/1\s{2,}2\n\s*only/)
  })

  it('prints a Markdown table as a table', () => {
    const item = texts[rendered.itemStartPages.E1! - 1]!
    expect(item).toMatch(/a\s{2,}b\n\s*≤\s{2,}≥/)
  })

  it('copies a PDF attachment’s pages in, footer upright on rotated pages', () => {
    const first = texts.findIndex((t) => t.includes('Rotated page 1'))
    expect(first).toBeGreaterThanOrEqual(rendered.itemStartPages.E1!)
    expect(texts[first + 1]).toContain('Rotated page 2')
    expect(texts[first + 1]).toContain('E1 attachment: rotated.pdf, page 2 of 2')
    expect(texts[first + 1]).toContain(`Page ${first + 2} of ${rendered.pages}`)
  })

  it('says where a file would be why it could not be included', () => {
    const all = texts.map((t) => t.replace(/\s+/g, ' ')).join(' ')
    const after = (name: string) =>
      all.slice(all.indexOf(`attachment: ${name} `), all.indexOf(`attachment: ${name} `) + 400)
    expect(after('broken.pdf')).toContain('This PDF could not be included')
    expect(after('secret.pdf')).toContain('This PDF could not be included')
    expect(after('lost.pdf')).toContain('not in the file store')
    expect(after('notes.docx')).toContain('cannot be shown in a PDF')
    expect(after('corrupt.png')).toContain('This image could not be included')
    expect(after('readings.csv')).toContain('09:00,2 μSv ≥ 1')
    expect(after('chart.png')).toContain('PNG image')
  })

  it('has bookmarks with the titles as written, opening in the outline view', async () => {
    const { outline, pageMode } = await readOutline(rendered.bytes)
    expect(pageMode).toBe('/UseOutlines')
    expect(outline.map((e) => [e.title, e.page])).toEqual([
      ['Cover', 1],
      ['Contents', 2],
      ['Index of evidence', 3],
      ['Summary statement', 4],
      ['Evidence by area of competence', 5],
      ['Cross-reference grid', expect.any(Number)],
      ['Evidence items', rendered.itemStartPages.E1],
    ])
    expect(outline[4]?.children.map((e) => e.title)).toEqual([
      'Domain 1: Scientific',
      'Domain 2: Research and Development',
    ])
    expect(
      outline
        .at(-1)
        ?.children.map((e) => [
          e.page,
          e.title.startsWith(e.page === rendered.itemStartPages.E1 ? 'E1 · Dose ≥ 2 Gy → pass' : 'E2 · Item number 2'),
        ]),
    ).toEqual([
      [rendered.itemStartPages.E1, true],
      [rendered.itemStartPages.E2, true],
    ])
  })

  it('gives the same bytes for the same snapshot, with fixed metadata', async () => {
    const again = await renderSummaryPdf(snapshot, HASH, readFile)
    expect(Buffer.from(again.bytes).equals(Buffer.from(rendered.bytes))).toBe(true)
    const doc = await PDFDocument.load(rendered.bytes, { updateMetadata: false })
    expect(doc.getCreator()).toBe('Attain')
    expect(doc.getCreationDate()?.toISOString()).toBe(snapshot.submittedAt)
    expect(doc.getModificationDate()?.toISOString()).toBe(snapshot.submittedAt)
    expect(doc.getTitle()).toBe('Portfolio for registration as a Clinical Scientist: Zoë 李 Łukasz-Smith')
    expect(doc.getPage(0).getSize().width).toBeCloseTo(595.28, 1)
  })

  it('links area entries, the index and grid cells to the item’s first page', async () => {
    const doc = await PDFDocument.load(rendered.bytes)
    const targets = doc.getPages().flatMap((page) => {
      const annots = page.node.Annots()
      if (!annots) return []
      return Array.from({ length: annots.size() }, (_, i) => destinationPage(doc, annots.lookup(i, PDFDict))).filter(
        (p) => p > 0,
      )
    })
    expect(targets).toContain(rendered.itemStartPages.E1)
    expect(targets).toContain(rendered.itemStartPages.E2)
  })

  it('marks every page of a draft “Draft — not submitted”', async () => {
    const draft = await renderSummaryPdf(snapshot, HASH, readFile, { draft: true })
    const pages = pageTexts(draft.bytes)
    expect(pages).toHaveLength(draft.pages)
    pages.forEach((text) => expect(text).toContain('Draft — not submitted'))
    expect(pages[0]).not.toContain(HASH)
  })
})

describe('renderSummaryPdf in a worker thread', () => {
  it('loads its compiler and fonts there and gives the same bytes as on the main thread', async () => {
    const snapshot = makeSnapshot({
      items: [makeItem(1, { description: 'Llŷr measured 2×10⁹ Bq → ≤ 0.5 mSv' }), makeItem(2)],
    })
    const here = await renderSummaryPdf(snapshot, HASH, async () => null, { draft: true })
    // The worker compiles the TypeScript sources with tsx, as the production server would run its built module.
    const script = new URL('../support/render-in-worker.ts', import.meta.url).href
    const worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}) })`,
      {
        eval: true,
        workerData: { snapshot, hash: HASH, draft: true },
      },
    )
    const there = await new Promise<RenderedSummary>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    expect(there.pages).toBe(here.pages)
    expect(there.itemStartPages).toEqual(here.itemStartPages)
    expect(Buffer.from(there.bytes).equals(Buffer.from(here.bytes))).toBe(true)
  })
})
