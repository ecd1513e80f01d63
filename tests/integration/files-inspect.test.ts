import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileRefusal } from '../../app/files/errors'
import {
  countPageObjects,
  countPages,
  exifToMetadata,
  extractScannableText,
  TEXT_FILE_CAP_BYTES,
} from '../../app/files/inspect.server'
import { MEDIA_TYPES } from '../../app/files/sniff'
import { checkZipLimits, readZipDirectory, readZipEntry } from '../../app/files/zip.server'
import {
  bytes,
  coreXml,
  docx,
  jpegWithExif,
  minimalPdf,
  minimalPng,
  pngWithText,
  pptx,
  wordXml,
  xlsx,
} from '../fixtures/files/make'

let dir: string
let counter = 0

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-inspect-'))
})

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function write(content: Uint8Array | string): string {
  const file = path.join(dir, `f${++counter}`)
  fs.writeFileSync(file, content)
  return file
}

async function pdfWith(pages: number, setup?: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pages; i++) doc.addPage()
  setup?.(doc)
  return doc.save()
}

describe('countPages', () => {
  it('reads a PDF page count exactly', async () => {
    expect(await countPages(write(await pdfWith(5)), MEDIA_TYPES.pdf)).toEqual({ pages: 5, exact: true })
  })

  it('falls back to counting /Type /Page objects for a PDF pdf-lib cannot read, and to 1', async () => {
    expect(countPageObjects(bytes('/Type /Pages /Type /Page /Type/Page /Type /PageLabel'))).toBe(2)
    const broken = minimalPdf('4 0 obj << /Type /Page >> endobj\n').subarray(0, 200)
    const counted = await countPages(write(broken), MEDIA_TYPES.pdf)
    expect(counted.pages).toBeGreaterThanOrEqual(1)
    expect(await countPages(write('%PDF-1.7 nothing else at all'), MEDIA_TYPES.pdf)).toEqual({ pages: 1, exact: false })
  })

  it('counts images as one page', async () => {
    expect(await countPages(write(minimalPng()), MEDIA_TYPES.png)).toEqual({ pages: 1, exact: true })
  })

  it('estimates text pages from lines or characters, at least one', async () => {
    expect(await countPages(write('short'), MEDIA_TYPES.txt)).toEqual({ pages: 1, exact: false })
    expect(await countPages(write('line\n'.repeat(120)), MEDIA_TYPES.txt)).toEqual({ pages: 3, exact: false })
    expect(await countPages(write('x'.repeat(7000)), MEDIA_TYPES.csv)).toEqual({ pages: 3, exact: false })
  })

  it('estimates DOCX pages from the words, or takes Word’s own count from docProps/app.xml', async () => {
    const words = Array.from({ length: 1200 }, (_, i) => `word${i}`).join(' ')
    expect(await countPages(write(docx([words])), MEDIA_TYPES.docx)).toEqual({ pages: 3, exact: false })
    const withApp = docx(['short'], { 'docProps/app.xml': '<Properties><Pages>7</Pages></Properties>' })
    expect(await countPages(write(withApp), MEDIA_TYPES.docx)).toEqual({ pages: 7, exact: false })
  })

  it('counts XLSX sheets (an estimate) and PPTX slides (exact)', async () => {
    expect(await countPages(write(xlsx()), MEDIA_TYPES.xlsx)).toEqual({ pages: 2, exact: false })
    expect(await countPages(write(pptx(['a', 'b', 'c', 'd'])), MEDIA_TYPES.pptx)).toEqual({ pages: 4, exact: true })
  })
})

describe('extractScannableText', () => {
  it('finds the text of a DOCX, its headers, and its author metadata', async () => {
    const file = write(
      docx(['Patient seen in clinic.', 'NHS number 943 476 5919 &amp; follow-up'], {
        'word/header1.xml': wordXml(['Ward 7 &#8211; J. Bloggs']),
        'docProps/core.xml': coreXml({
          creator: 'Dr Jane Smith',
          lastModifiedBy: 'A Trainee',
          title: 'Case &lt;1&gt;',
        }),
      }),
    )
    const { text, metadata, truncated } = await extractScannableText(file, MEDIA_TYPES.docx)
    expect(text).toContain('NHS number 943 476 5919 & follow-up')
    expect(text).toContain('Patient seen in clinic.\n')
    expect(text).toContain('Ward 7 – J. Bloggs')
    expect(text).not.toContain('<w:')
    expect(metadata).toEqual({ Author: 'Dr Jane Smith', LastModifiedBy: 'A Trainee', Title: 'Case <1>' })
    expect(truncated).toBe(false)
  })

  it('reads XLSX cell values, including numbers, with shared strings resolved', async () => {
    const { text } = await extractScannableText(write(xlsx()), MEDIA_TYPES.xlsx)
    expect(text).toContain('Sheets: Results, Notes')
    expect(text).toContain('Dose\tPatient & ref')
    expect(text).toContain('2.5\t9434765919')
    expect(text).toContain('Seen on ward 4')
  })

  it('reads PPTX slide text in slide order', async () => {
    const slides = Array.from({ length: 11 }, (_, i) => `Slide ${i + 1}`)
    const { text } = await extractScannableText(write(pptx(slides)), MEDIA_TYPES.pptx)
    expect(text.indexOf('Slide 2')).toBeLessThan(text.indexOf('Slide 10'))
    expect(text).toContain('Slide 11')
  })

  it('reads a text file, without its byte order mark, capped at 2 MB', async () => {
    expect(await extractScannableText(write('\uFEFFDOB 01/02/1960\n'), MEDIA_TYPES.txt)).toEqual({
      text: 'DOB 01/02/1960\n',
      metadata: {},
      truncated: false,
    })
    const long = await extractScannableText(write('é'.repeat(TEXT_FILE_CAP_BYTES)), MEDIA_TYPES.txt)
    expect(long.truncated).toBe(true)
    expect(long.text.length).toBe(TEXT_FILE_CAP_BYTES / 2)
  })

  it('reads PDF metadata', async () => {
    const pdf = await pdfWith(1, (doc) => {
      doc.setAuthor('Dr Jane Smith')
      doc.setTitle('Audit of patient J Bloggs')
      doc.setSubject('QA')
      doc.setKeywords(['linac', 'audit'])
      doc.setCreator('Word')
      doc.setProducer('Print to PDF')
    })
    const { text, metadata } = await extractScannableText(write(pdf), MEDIA_TYPES.pdf)
    expect(text).toBe('')
    expect(metadata).toMatchObject({
      Author: 'Dr Jane Smith',
      Title: 'Audit of patient J Bloggs',
      Subject: 'QA',
      Creator: 'Word',
      Producer: 'Print to PDF',
    })
    expect(metadata.Keywords).toContain('linac')
  })

  it('reads JPEG EXIF (Artist, GPS) and the comment segment', async () => {
    const jpeg = jpegWithExif({ artist: 'Jane Smith', latitude: 53.8, longitude: -1.55, comment: 'Patient: J Bloggs' })
    const { metadata } = await extractScannableText(write(jpeg), MEDIA_TYPES.jpeg)
    expect(metadata).toEqual({ Artist: 'Jane Smith', GPS: 'GPS position 53.80, -1.55', Comment: 'Patient: J Bloggs' })
  })

  it('maps exifr output to metadata, decoding byte-valued tags', () => {
    const ucs2 = (s: string) => Array.from(Buffer.from(`${s}\0`, 'utf16le'))
    expect(
      exifToMetadata({
        Artist: '  Jane\u0000 Smith ',
        ImageDescription: 'Ward 4',
        UserComment: Uint8Array.from([...Buffer.from('ASCII\0\0\0'), ...Buffer.from('Bed 12')]),
        XPComment: ucs2('Mr Bloggs'),
        XPAuthor: ucs2('J Smith'),
        Make: 'Canon',
        latitude: 53.80123,
        longitude: -1.5489,
      }),
    ).toEqual({
      Artist: 'Jane Smith',
      ImageDescription: 'Ward 4',
      UserComment: 'Bed 12',
      XPComment: 'Mr Bloggs',
      XPAuthor: 'J Smith',
      GPS: 'GPS position 53.80, -1.55',
    })
    expect(exifToMetadata(undefined)).toEqual({})
  })

  it('reads PNG text chunks', async () => {
    const { metadata } = await extractScannableText(
      write(pngWithText({ Author: 'Jane Smith', Comment: 'Ward 4' })),
      MEDIA_TYPES.png,
    )
    expect(metadata).toEqual({ Author: 'Jane Smith', Comment: 'Ward 4' })
  })
})

describe('ZIP reading limits', () => {
  it('refuses a DOCX whose text part is over the cap instead of unpacking it', async () => {
    const file = write(docx([`${'a'.repeat(2000)}`]))
    const directory = await readZipDirectory(file)
    const entry = directory.entries.find((e) => e.name === 'word/document.xml')!
    await expect(readZipEntry(file, directory, entry, { maxBytes: 500, truncate: false })).rejects.toBeInstanceOf(
      FileRefusal,
    )
    const cut = await readZipEntry(file, directory, entry, { maxBytes: 500, truncate: true })
    expect(cut).toMatchObject({ truncated: true })
    expect(cut.data.length).toBe(500)
  })

  it('stops at the declared size when an entry unpacks to more than its directory claims', async () => {
    const archive = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': [new Uint8Array(5 * 1024 * 1024), { level: 9 }],
    })
    // Rewrite the central directory's uncompressed size of word/document.xml to 1,000 bytes.
    const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength)
    const eocd = archive.length - 22
    let p = view.getUint32(eocd + 16, true)
    for (;;) {
      const nameLength = view.getUint16(p + 28, true)
      const name = new TextDecoder().decode(archive.subarray(p + 46, p + 46 + nameLength))
      if (name === 'word/document.xml') {
        view.setUint32(p + 24, 1000, true)
        break
      }
      p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
    }
    const file = write(archive)
    const directory = await readZipDirectory(file)
    expect(checkZipLimits(directory)).toBeNull()
    await expect(countPages(file, MEDIA_TYPES.docx)).rejects.toThrow(/damaged/)
    await expect(extractScannableText(file, MEDIA_TYPES.docx)).rejects.toBeInstanceOf(FileRefusal)
  })

  it('refuses a file that is not a zip at all', async () => {
    await expect(readZipDirectory(write('not a zip, just text of some length'))).rejects.toBeInstanceOf(FileRefusal)
  })
})
