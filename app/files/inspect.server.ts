import fs from 'node:fs/promises'
import exifr from 'exifr'
import { Unzlib } from 'fflate'
import type { PDFDocument } from 'pdf-lib'
import { FileRefusal } from '~/files/errors'
import { createTextValidator, detectFileType, isZip, MEDIA_TYPES, type AcceptedMediaType } from '~/files/sniff'
import { checkZipLimits, readZipDirectory, readZipEntry, type ZipDirectory, type ZipEntry } from '~/files/zip.server'
import { pdfLib } from '~/utils/pdf-lib.server'

/**
 * Reads what the rest of the application needs from a stored file: how many
 * pages it is, and the text and metadata to scan for patient-identifiable
 * information. Every read is capped, whatever the file claims about itself.
 */

export interface PageCount {
  pages: number
  /** True when read from the file (PDF, image, slides), false when estimated. */
  exact: boolean
}

export interface ScannableContent {
  text: string
  /** Named metadata values (author, GPS position, …), e.g. `{ Author: 'J Smith' }`. */
  metadata: Record<string, string>
  /** True when only the first part of the content was read (see the caps below). */
  truncated: boolean
}

/** Text returned for scanning is cut off at this many characters. */
export const TEXT_CAP_CHARS = 2 * 1024 * 1024
/** A text file is read up to this many bytes for scanning. */
export const TEXT_FILE_CAP_BYTES = 2 * 1024 * 1024
/** A Word document's main text (word/document.xml) larger than this unpacked is refused. */
export const DOCUMENT_XML_CAP_BYTES = 20 * 1024 * 1024
/** Any other Office part is read up to this many unpacked bytes. */
export const OFFICE_PART_CAP_BYTES = 20 * 1024 * 1024
/** Each metadata value is cut off at this many characters. */
const METADATA_VALUE_CAP = 1000

const LINES_PER_PAGE = 50
const CHARS_PER_PAGE = 3000
const WORDS_PER_PAGE = 500

export const DOCUMENT_TOO_LARGE =
  'The text of this Word document is too large to check safely (over 20 MB unpacked), so it is not accepted. Split it, or save it as a PDF.'

// ---------------------------------------------------------------------------
// Page counts

/** How many pages a stored file has (exactly, or an estimate). Throws `FileRefusal` for an unreadable Office file. */
export async function countPages(path: string, mediaType: string, directory?: ZipDirectory): Promise<PageCount> {
  switch (mediaType) {
    case MEDIA_TYPES.pdf:
      return countPdfPages(path)
    case MEDIA_TYPES.png:
    case MEDIA_TYPES.jpeg:
      return { pages: 1, exact: true }
    case MEDIA_TYPES.txt:
    case MEDIA_TYPES.csv:
      return countTextPages(path)
    case MEDIA_TYPES.docx:
      return countDocxPages(path, directory)
    case MEDIA_TYPES.xlsx: {
      const { entries } = directory ?? (await readZipDirectory(path))
      const sheets = entries.filter((e) => /^xl\/(worksheets|chartsheets)\/[^/]+\.xml$/.test(e.name)).length
      // A sheet can print to many pages, so this is an estimate.
      return { pages: Math.max(1, sheets), exact: false }
    }
    case MEDIA_TYPES.pptx: {
      const { entries } = directory ?? (await readZipDirectory(path))
      const slides = entries.filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e.name)).length
      return { pages: Math.max(1, slides), exact: slides > 0 }
    }
    default:
      throw new Error(`No page count for media type ${mediaType}`)
  }
}

async function countPdfPages(path: string): Promise<PageCount> {
  const { pages, exact } = await readPdf(path)
  return { pages, exact }
}

/** A PDF read once: its page count and its metadata. */
async function readPdf(path: string): Promise<PageCount & { content: ScannableContent }> {
  const bytes = await fs.readFile(path)
  let doc: PDFDocument | undefined
  try {
    doc = await loadPdf(bytes)
  } catch {
    // Counted by hand below; no metadata to read.
  }
  const content = { text: '', metadata: doc ? pdfMetadata(doc) : {}, truncated: false }
  let pages = 0
  try {
    pages = doc?.getPageCount() ?? 0
  } catch {
    // A page tree pdf-lib cannot walk: counted by hand below.
  }
  if (pages > 0) return { pages, exact: true, content }
  const counted = countPageObjects(bytes)
  return { pages: Math.max(1, counted), exact: false, content }
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  const { PDFDocument } = await pdfLib()
  return PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false })
}

/** Counts `/Type /Page` objects (not `/Pages`) in the raw bytes: a fallback for PDFs pdf-lib cannot parse. */
export function countPageObjects(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  return text.match(/\/Type\s*\/Page(?![A-Za-z0-9])/g)?.length ?? 0
}

/**
 * A text file read once, start to end: whether every byte is acceptable text (`problem` says why not), its
 * estimated page count, and its first `TEXT_FILE_CAP_BYTES` as text to scan.
 */
async function readTextFile(path: string): Promise<PageCount & { problem: string | null; content: ScannableContent }> {
  const validator = createTextValidator()
  const kept = Buffer.alloc(TEXT_FILE_CAP_BYTES)
  let keptBytes = 0
  let size = 0
  let newlines = 0
  let chars = 0
  let last = -1
  const handle = await fs.open(path, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      validator.push(chunk)
      if (keptBytes < kept.length) keptBytes += chunk.copy(kept, keptBytes)
      size += bytesRead
      for (let i = 0; i < bytesRead; i++) {
        const b = buffer[i]!
        if (b === 0x0a) newlines++
        // Count characters, not UTF-8 continuation bytes.
        if ((b & 0xc0) !== 0x80) chars++
      }
      last = buffer[bytesRead - 1]!
    }
  } finally {
    await handle.close()
  }
  const lines = newlines + (last !== -1 && last !== 0x0a ? 1 : 0)
  const pages = Math.max(1, Math.ceil(lines / LINES_PER_PAGE), Math.ceil(chars / CHARS_PER_PAGE))
  // `stream: true` drops a character cut in half by the cap instead of garbling it.
  let text = new TextDecoder('utf-8').decode(kept.subarray(0, keptBytes), { stream: size > keptBytes })
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  return {
    pages,
    exact: false,
    problem: validator.end(),
    content: { text, metadata: {}, truncated: size > keptBytes },
  }
}

async function countTextPages(path: string): Promise<PageCount> {
  const { pages, exact } = await readTextFile(path)
  return { pages, exact }
}

async function countDocxPages(path: string, directory?: ZipDirectory, mainText?: string): Promise<PageCount> {
  directory ??= await readZipDirectory(path)
  // Reading the main text also proves the document can be scanned later.
  const text = mainText ?? (await readDocumentXmlText(path, directory))
  const words = text.split(/\s+/).filter(Boolean).length
  const estimate = Math.max(1, Math.ceil(words / WORDS_PER_PAGE))

  // Word records the page count of its last layout in docProps/app.xml: better than a word count, still not exact.
  const app = findEntry(directory, 'docProps/app.xml')
  if (app) {
    const xml = await readPartText(path, directory, app, 1024 * 1024)
    const pages = Number(/<Pages>\s*(\d+)\s*<\/Pages>/.exec(xml.text)?.[1])
    if (Number.isInteger(pages) && pages >= 1 && pages <= 100_000) return { pages, exact: false }
  }
  return { pages: estimate, exact: false }
}

// ---------------------------------------------------------------------------
// Scannable text and metadata

/** The text and metadata of a stored file, for scanning. Throws `FileRefusal` for an unreadable Office file. */
export async function extractScannableText(path: string, mediaType: string): Promise<ScannableContent> {
  switch (mediaType) {
    case MEDIA_TYPES.txt:
    case MEDIA_TYPES.csv:
      return extractPlainText(path)
    case MEDIA_TYPES.docx:
      return extractDocx(path)
    case MEDIA_TYPES.xlsx:
      return extractXlsx(path)
    case MEDIA_TYPES.pptx:
      return extractPptx(path)
    case MEDIA_TYPES.pdf:
      return (await readPdf(path)).content
    case MEDIA_TYPES.jpeg:
      return { text: '', metadata: await jpegMetadata(path), truncated: false }
    case MEDIA_TYPES.png:
      return { text: '', metadata: await pngMetadata(path), truncated: false }
    default:
      throw new Error(`No text extraction for media type ${mediaType}`)
  }
}

async function extractPlainText(path: string): Promise<ScannableContent> {
  return (await readTextFile(path)).content
}

/** Collects text pieces up to `TEXT_CAP_CHARS`, noting when something was cut off. */
class TextCollector {
  private parts: string[] = []
  private length = 0
  truncated = false

  add(text: string) {
    if (!text) return
    const room = TEXT_CAP_CHARS - this.length
    if (room <= 0) {
      this.truncated = true
      return
    }
    const piece = text.length > room ? text.slice(0, room) : text
    if (piece.length < text.length) this.truncated = true
    this.parts.push(piece)
    this.length += piece.length + 2
  }

  get text(): string {
    return this.parts.join('\n\n')
  }
}

function findEntry(directory: ZipDirectory, name: string): ZipEntry | undefined {
  return directory.entries.find((e) => e.name === name)
}

/** Entries matching a pattern, in natural order of the number in their name (slide2 before slide10). */
function entriesMatching(directory: ZipDirectory, pattern: RegExp): ZipEntry[] {
  const number = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0)
  return directory.entries
    .filter((e) => pattern.test(e.name))
    .sort((a, b) => number(a.name) - number(b.name) || a.name.localeCompare(b.name))
}

async function readPartText(path: string, directory: ZipDirectory, entry: ZipEntry, maxBytes = OFFICE_PART_CAP_BYTES) {
  const { data, truncated } = await readZipEntry(path, directory, entry, { maxBytes, truncate: true })
  return { text: new TextDecoder('utf-8').decode(data), truncated }
}

async function readDocumentXmlText(path: string, directory: ZipDirectory): Promise<string> {
  const entry = findEntry(directory, 'word/document.xml')
  if (!entry) throw new FileRefusal('This Word document has no text part, so it cannot be checked.')
  const { data } = await readZipEntry(path, directory, entry, {
    maxBytes: DOCUMENT_XML_CAP_BYTES,
    truncate: false,
    tooLargeReason: DOCUMENT_TOO_LARGE,
  })
  return wordprocessingXmlToText(new TextDecoder('utf-8').decode(data))
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[ref] ?? whole
  })
}

/** Tags removed, paragraphs and breaks turned into new lines, entities decoded. */
function markupToText(xml: string, paragraphEnd: RegExp, lineBreak: RegExp, tab: RegExp): string {
  const text = xml
    .replace(tab, '\t')
    .replace(lineBreak, '\n')
    .replace(paragraphEnd, '\n')
    .replace(/<[^>]*>/g, '')
  return decodeXmlEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Text of a WordprocessingML part (document, header, footnotes, comments…), including deleted tracked changes. */
export function wordprocessingXmlToText(xml: string): string {
  return markupToText(xml, /<\/w:p>/g, /<w:(br|cr)\b[^>]*\/>/g, /<w:tab\b[^>]*\/>/g)
}

/** Text of a DrawingML part (slides, notes). */
function drawingXmlToText(xml: string): string {
  return markupToText(xml, /<\/a:p>/g, /<a:br\b[^>]*\/?>/g, /<a:tab\b[^>]*\/>/g)
}

const CORE_PROPERTIES: [RegExp, string][] = [
  [/<dc:creator\b[^>]*>([\s\S]*?)<\/dc:creator>/, 'Author'],
  [/<cp:lastModifiedBy\b[^>]*>([\s\S]*?)<\/cp:lastModifiedBy>/, 'LastModifiedBy'],
  [/<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/, 'Title'],
  [/<dc:subject\b[^>]*>([\s\S]*?)<\/dc:subject>/, 'Subject'],
  [/<dc:description\b[^>]*>([\s\S]*?)<\/dc:description>/, 'Description'],
  [/<cp:keywords\b[^>]*>([\s\S]*?)<\/cp:keywords>/, 'Keywords'],
]
const APP_PROPERTIES: [RegExp, string][] = [
  [/<Company>([\s\S]*?)<\/Company>/, 'Company'],
  [/<Manager>([\s\S]*?)<\/Manager>/, 'Manager'],
]

// eslint-disable-next-line no-control-regex -- control characters are what cleanValue removes
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]+/g

/** Cleans a metadata value: control characters removed, whitespace collapsed, length capped. */
function cleanValue(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim().slice(0, METADATA_VALUE_CAP)
}

function setMetadata(metadata: Record<string, string>, key: string, value: unknown) {
  if (typeof value !== 'string') return
  const cleaned = cleanValue(value)
  if (cleaned) metadata[key] = cleaned
}

/** Author, title and the like from an Office file's docProps. */
async function officeMetadata(path: string, directory: ZipDirectory): Promise<Record<string, string>> {
  const metadata: Record<string, string> = {}
  for (const [name, properties] of [
    ['docProps/core.xml', CORE_PROPERTIES],
    ['docProps/app.xml', APP_PROPERTIES],
  ] as const) {
    const entry = findEntry(directory, name)
    if (!entry) continue
    const { text } = await readPartText(path, directory, entry, 1024 * 1024)
    for (const [pattern, key] of properties) {
      const match = pattern.exec(text)
      if (match) setMetadata(metadata, key, decodeXmlEntities(match[1]!.replace(/<[^>]*>/g, '')))
    }
  }
  return metadata
}

async function extractDocx(path: string, directory?: ZipDirectory, mainText?: string): Promise<ScannableContent> {
  directory ??= await readZipDirectory(path)
  const collector = new TextCollector()
  collector.add(mainText ?? (await readDocumentXmlText(path, directory)))
  // Headers and footers often carry a patient's name; comments and notes too.
  const extras = entriesMatching(directory, /^word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/)
  for (const entry of extras) {
    const { text, truncated } = await readPartText(path, directory, entry)
    if (truncated) collector.truncated = true
    collector.add(wordprocessingXmlToText(text))
  }
  return { text: collector.text, metadata: await officeMetadata(path, directory), truncated: collector.truncated }
}

/** The text of each `<si>` in sharedStrings.xml, in order (cells refer to them by index). */
function sharedStrings(xml: string): string[] {
  const strings: string[] = []
  for (const match of xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)) {
    const texts = [...match[1]!.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]!)
    strings.push(decodeXmlEntities(texts.join('')))
  }
  return strings
}

/** A worksheet's cell values, one row per line, cells separated by tabs; shared strings resolved. */
function worksheetToText(xml: string, strings: readonly string[]): string {
  const rows: string[] = []
  for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = []
    for (const cell of row[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const type = /\bt="([^"]*)"/.exec(cell[1]!)?.[1]
      const inner = cell[2] ?? ''
      if (type === 'inlineStr') {
        cells.push(decodeXmlEntities([...inner.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]!).join('')))
        continue
      }
      const value = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1]
      if (value === undefined) continue
      cells.push(type === 's' ? (strings[Number(value)] ?? '') : decodeXmlEntities(value))
    }
    if (cells.length) rows.push(cells.join('\t'))
  }
  return rows.join('\n')
}

async function extractXlsx(path: string, directory?: ZipDirectory): Promise<ScannableContent> {
  directory ??= await readZipDirectory(path)
  const collector = new TextCollector()

  let strings: string[] = []
  const shared = findEntry(directory, 'xl/sharedStrings.xml')
  if (shared) {
    const { text, truncated } = await readPartText(path, directory, shared)
    if (truncated) collector.truncated = true
    strings = sharedStrings(text)
  }

  const workbook = findEntry(directory, 'xl/workbook.xml')
  if (workbook) {
    const { text } = await readPartText(path, directory, workbook, 1024 * 1024)
    const names = [...text.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decodeXmlEntities(m[1]!))
    if (names.length) collector.add(`Sheets: ${names.join(', ')}`)
  }

  // Cell values, not just shared strings: a number typed into a cell (an NHS number, say) is stored in the sheet.
  for (const entry of entriesMatching(directory, /^xl\/worksheets\/[^/]+\.xml$/)) {
    const { text, truncated } = await readPartText(path, directory, entry)
    if (truncated) collector.truncated = true
    collector.add(worksheetToText(text, strings))
  }
  for (const entry of entriesMatching(directory, /^xl\/(comments\d*|threadedComments\/[^/]+)\.xml$/)) {
    const { text, truncated } = await readPartText(path, directory, entry)
    if (truncated) collector.truncated = true
    collector.add(decodeXmlEntities(text.replace(/<\/(t|text)>/g, '\n').replace(/<[^>]*>/g, '')).trim())
  }
  return { text: collector.text, metadata: await officeMetadata(path, directory), truncated: collector.truncated }
}

async function extractPptx(path: string, directory?: ZipDirectory): Promise<ScannableContent> {
  directory ??= await readZipDirectory(path)
  const collector = new TextCollector()
  const parts = [
    ...entriesMatching(directory, /^ppt\/slides\/slide\d+\.xml$/),
    ...entriesMatching(directory, /^ppt\/notesSlides\/notesSlide\d+\.xml$/),
  ]
  for (const entry of parts) {
    const { text, truncated } = await readPartText(path, directory, entry)
    if (truncated) collector.truncated = true
    collector.add(drawingXmlToText(text))
  }
  for (const entry of entriesMatching(directory, /^ppt\/comments\/[^/]+\.xml$/)) {
    const { text, truncated } = await readPartText(path, directory, entry)
    if (truncated) collector.truncated = true
    collector.add(decodeXmlEntities(text.replace(/<\/p:text>/g, '\n').replace(/<[^>]*>/g, '')).trim())
  }
  return { text: collector.text, metadata: await officeMetadata(path, directory), truncated: collector.truncated }
}

function pdfMetadata(doc: PDFDocument): Record<string, string> {
  const metadata: Record<string, string> = {}
  // In an encrypted PDF the strings are encrypted too: there is nothing readable to report.
  if (doc.isEncrypted) return metadata
  const read = (get: () => string | undefined) => {
    try {
      return get()
    } catch {
      return undefined
    }
  }
  setMetadata(
    metadata,
    'Author',
    read(() => doc.getAuthor()),
  )
  setMetadata(
    metadata,
    'Creator',
    read(() => doc.getCreator()),
  )
  setMetadata(
    metadata,
    'Producer',
    read(() => doc.getProducer()),
  )
  setMetadata(
    metadata,
    'Title',
    read(() => doc.getTitle()),
  )
  setMetadata(
    metadata,
    'Subject',
    read(() => doc.getSubject()),
  )
  setMetadata(
    metadata,
    'Keywords',
    read(() => doc.getKeywords()),
  )
  return metadata
}

/** EXIF tags that can hold a person's name or free text. */
const EXIF_TEXT_TAGS = [
  'Artist',
  'ImageDescription',
  'UserComment',
  'XPComment',
  'XPAuthor',
  'XPTitle',
  'XPSubject',
  'XPKeywords',
  'Copyright',
] as const

/** Text from an EXIF value: a string, or bytes (UserComment's charset prefix, the UCS-2 of Windows' XP tags). */
function exifValueToString(tag: string, value: unknown): string | undefined {
  if (typeof value === 'string') return value
  let bytes: Uint8Array | undefined
  if (value instanceof Uint8Array) bytes = value
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) bytes = Uint8Array.from(value as number[])
  if (!bytes) return undefined
  if (tag === 'UserComment' && bytes.length >= 8) {
    const prefix = Buffer.from(bytes.subarray(0, 8)).toString('latin1')
    const rest = bytes.subarray(8)
    if (prefix.startsWith('UNICODE')) return new TextDecoder('utf-16le').decode(rest)
    return new TextDecoder('utf-8').decode(rest)
  }
  if (tag.startsWith('XP')) return new TextDecoder('utf-16le').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

/** Maps exifr's output (merged) to metadata: text tags that can name people, and the GPS position. */
export function exifToMetadata(raw: Record<string, unknown> | null | undefined): Record<string, string> {
  const metadata: Record<string, string> = {}
  if (!raw) return metadata
  for (const tag of EXIF_TEXT_TAGS) {
    setMetadata(metadata, tag, exifValueToString(tag, raw[tag]))
  }
  const { latitude, longitude } = raw
  if (
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude)
  ) {
    metadata.GPS = `GPS position ${latitude.toFixed(2)}, ${longitude.toFixed(2)}`
  }
  return metadata
}

async function jpegMetadata(path: string): Promise<Record<string, string>> {
  let metadata: Record<string, string> = {}
  try {
    const raw = (await exifr.parse(path, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      makerNote: false,
      userComment: true,
      mergeOutput: true,
    })) as Record<string, unknown> | undefined
    metadata = exifToMetadata(raw)
  } catch {
    // No readable EXIF: nothing to report from it.
  }
  const comment = await jpegComment(path)
  if (comment) setMetadata(metadata, 'Comment', comment)
  return metadata
}

/** The JPEG comment (COM) segments before the image data, joined. */
async function jpegComment(path: string): Promise<string> {
  const handle = await fs.open(path, 'r')
  const comments: string[] = []
  try {
    const { size } = await handle.stat()
    const header = Buffer.alloc(4)
    let position = 2
    for (let segments = 0; segments < 256 && position + 4 <= size; segments++) {
      await handle.read(header, 0, 4, position)
      if (header[0] !== 0xff) break
      const marker = header[1]!
      if (marker === 0xda || marker === 0xd9) break // start of scan / end of image
      const length = header.readUInt16BE(2)
      if (length < 2) break
      if (marker === 0xfe) {
        const body = Buffer.alloc(length - 2)
        await handle.read(body, 0, body.length, position + 4)
        comments.push(new TextDecoder('utf-8').decode(body))
      }
      position += 2 + length
    }
  } finally {
    await handle.close()
  }
  return comments.join(' ')
}

const PNG_TEXT_CAP = 1024 * 1024

/** PNG text chunks (tEXt, zTXt, iTXt) by keyword, e.g. Author, Comment, Description. */
async function pngMetadata(path: string): Promise<Record<string, string>> {
  const metadata: Record<string, string> = {}
  const handle = await fs.open(path, 'r')
  try {
    const { size } = await handle.stat()
    const header = Buffer.alloc(8)
    let position = 8
    let textBytes = 0
    for (let chunks = 0; chunks < 100_000 && position + 12 <= size; chunks++) {
      await handle.read(header, 0, 8, position)
      const length = header.readUInt32BE(0)
      const type = header.toString('latin1', 4, 8)
      if (type === 'IEND' || position + 12 + length > size) break
      if ((type === 'tEXt' || type === 'zTXt' || type === 'iTXt') && textBytes + length <= PNG_TEXT_CAP) {
        textBytes += length
        const body = Buffer.alloc(length)
        await handle.read(body, 0, length, position + 8)
        const entry = pngTextChunk(type, body)
        if (entry) {
          const key = metadata[entry.keyword] ? `${entry.keyword} (${chunks})` : entry.keyword
          setMetadata(metadata, key, entry.text)
        }
      }
      position += 12 + length
    }
  } finally {
    await handle.close()
  }
  return metadata
}

/** Inflates a zlib stream fed in small pieces, stopping once `cap` bytes have come out. */
function inflateCapped(data: Uint8Array, cap = METADATA_VALUE_CAP * 4): string | undefined {
  const out: Uint8Array[] = []
  let produced = 0
  const stop = new Error('enough')
  const stream = new Unzlib((chunk) => {
    out.push(chunk)
    produced += chunk.length
    if (produced >= cap) throw stop
  })
  try {
    for (let i = 0; i < data.length; i += 1024) stream.push(data.subarray(i, i + 1024), i + 1024 >= data.length)
  } catch (error) {
    if (error !== stop) return undefined
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(out).subarray(0, cap))
}

function pngTextChunk(type: string, body: Buffer): { keyword: string; text: string } | undefined {
  const nul = body.indexOf(0)
  if (nul <= 0) return undefined
  const keyword = cleanValue(body.toString('latin1', 0, nul))
  if (!keyword) return undefined
  if (type === 'tEXt') return { keyword, text: body.toString('latin1', nul + 1) }
  if (type === 'zTXt') {
    const text = inflateCapped(body.subarray(nul + 2))
    return text === undefined ? undefined : { keyword, text }
  }
  // iTXt: keyword, compression flag, method, language tag, translated keyword, text.
  const compressed = body[nul + 1] === 1
  const languageEnd = body.indexOf(0, nul + 3)
  if (languageEnd < 0) return undefined
  const translatedEnd = body.indexOf(0, languageEnd + 1)
  if (translatedEnd < 0) return undefined
  const data = body.subarray(translatedEnd + 1)
  const text = compressed ? inflateCapped(data) : new TextDecoder('utf-8').decode(data)
  return text === undefined ? undefined : { keyword, text }
}

// ---------------------------------------------------------------------------
// Admission

/** What the admission check learns of an accepted file. */
export interface InspectedFile {
  mediaType: AcceptedMediaType
  pageCount: number
  pagesExact: boolean
  /** Its text and metadata, read in the same pass, for the patient-data scan; null when they cannot be read. */
  content: ScannableContent | null
}

/**
 * The checks every file entering the store passes, whatever brought it: its
 * type decided from its content (`head`, its first bytes, kept as the upload
 * streamed in), ZIP limits for Office files, every byte of a text file; then
 * its page count and the text and metadata to scan. Each is read from the
 * file once: the ZIP directory serves the limits, the type, the page count
 * and the text; a text file is read start to end in one pass; a PDF is
 * parsed once for its pages and its metadata. Throws `FileRefusal` if it is
 * not accepted.
 */
export async function inspectFile(file: string, head: Uint8Array): Promise<InspectedFile> {
  let directory: ZipDirectory | undefined
  if (isZip(head)) {
    directory = await readZipDirectory(file)
    const problem = checkZipLimits(directory)
    if (problem) throw new FileRefusal(problem)
  }

  const detected = detectFileType(
    head,
    directory?.entries.map((e) => e.name),
  )
  if (!detected.ok) throw new FileRefusal(detected.reason)
  const { mediaType } = detected
  const { pages, exact, content } = await readAccepted(file, mediaType, directory)
  return { mediaType, pageCount: pages, pagesExact: exact, content }
}

/** Content that cannot be read is nothing to scan, never a reason to refuse the file. */
async function readable(read: () => Promise<ScannableContent>): Promise<ScannableContent | null> {
  try {
    return await read()
  } catch {
    return null
  }
}

async function readAccepted(
  file: string,
  mediaType: AcceptedMediaType,
  directory: ZipDirectory | undefined,
): Promise<PageCount & { content: ScannableContent | null }> {
  switch (mediaType) {
    case MEDIA_TYPES.txt:
    case MEDIA_TYPES.csv: {
      const { problem, ...read } = await readTextFile(file)
      if (problem) throw new FileRefusal(problem)
      return read
    }
    case MEDIA_TYPES.pdf:
      return readPdf(file)
    case MEDIA_TYPES.docx: {
      const zip = directory ?? (await readZipDirectory(file))
      // Too large or missing main text refuses the document; anything else unreadable only leaves nothing to scan.
      const mainText = await readDocumentXmlText(file, zip)
      const pages = await countDocxPages(file, zip, mainText)
      return { ...pages, content: await readable(() => extractDocx(file, zip, mainText)) }
    }
    case MEDIA_TYPES.xlsx:
      return {
        ...(await countPages(file, mediaType, directory)),
        content: await readable(() => extractXlsx(file, directory)),
      }
    case MEDIA_TYPES.pptx:
      return {
        ...(await countPages(file, mediaType, directory)),
        content: await readable(() => extractPptx(file, directory)),
      }
    default:
      return {
        ...(await countPages(file, mediaType)),
        content: await readable(() => extractScannableText(file, mediaType)),
      }
  }
}
