/**
 * Decides what a file is from its content alone: the name a trainee's computer
 * gave it and the type their browser claims are never trusted. Pure: no file
 * system access, so it runs the same on any bytes.
 */

export const ACCEPTED_TYPES_DESCRIPTION = 'PDF, PNG, JPEG, DOCX, XLSX, PPTX, TXT or CSV'

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
} as const

export type FileExtension = keyof typeof MEDIA_TYPES
export type AcceptedMediaType = (typeof MEDIA_TYPES)[FileExtension]

export const ACCEPTED_MEDIA_TYPES: readonly AcceptedMediaType[] = Object.values(MEDIA_TYPES)

const LABELS: Record<FileExtension, string> = {
  pdf: 'PDF',
  png: 'PNG image',
  jpeg: 'JPEG image',
  docx: 'Word document (DOCX)',
  xlsx: 'Excel spreadsheet (XLSX)',
  pptx: 'PowerPoint presentation (PPTX)',
  txt: 'Text file',
  csv: 'CSV file',
}

export type Detected =
  { ok: true; mediaType: AcceptedMediaType; label: string; extension: FileExtension } | { ok: false; reason: string }

/** How many leading bytes `detectFileType` wants to see (it copes with fewer). */
export const SNIFF_HEAD_BYTES = 16 * 1024

/** Markup markers are looked for in this many leading bytes. */
const MARKUP_WINDOW = 4096

export function isAcceptedMediaType(value: string): value is AcceptedMediaType {
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(value)
}

/** The plain-English name of an accepted type, e.g. 'PDF' or 'PNG image'. */
export function describeMediaType(mediaType: AcceptedMediaType): string {
  return LABELS[extensionFor(mediaType)]
}

/** The usual file extension (without the dot) for an accepted type. */
export function extensionFor(mediaType: AcceptedMediaType): FileExtension {
  const found = (Object.keys(MEDIA_TYPES) as FileExtension[]).find((ext) => MEDIA_TYPES[ext] === mediaType)
  if (!found) throw new Error(`Not an accepted media type: ${mediaType}`)
  return found
}

function accept(extension: FileExtension): Detected {
  return { ok: true, mediaType: MEDIA_TYPES[extension], label: LABELS[extension], extension }
}

function refuse(reason: string): Detected {
  return { ok: false, reason }
}

export const REFUSALS = {
  html: `This is a web page (HTML), which is not accepted: web pages can carry scripts. Save or print it as a PDF instead. Accepted types: ${ACCEPTED_TYPES_DESCRIPTION}.`,
  svg: 'SVG images can carry scripts and are not accepted; export a PNG instead.',
  executable: 'This is a program (an executable file), which cannot be attached as evidence.',
  zip: `A ZIP archive is not an accepted file type. Attach the files inside it one by one (${ACCEPTED_TYPES_DESCRIPTION}).`,
  openDocument: 'OpenDocument files (ODT, ODS, ODP) are not accepted; save it as DOCX, XLSX or PPTX (or as a PDF).',
  macros:
    'This Office document contains macros, which are not accepted. Save it as an ordinary DOCX, XLSX or PPTX (or as a PDF).',
  legacyOffice:
    'This looks like an older Office format (DOC, XLS or PPT) or a password-protected Office file, which is not accepted. Save it as DOCX, XLSX or PPTX without a password, or as a PDF.',
  rtf: 'Rich Text (RTF) files are not accepted; save it as DOCX or PDF.',
  utf16: 'This text file is saved as UTF-16, which is not accepted; save it as UTF-8 text and upload it again.',
  notUtf8:
    "This text file is not UTF-8 encoded (perhaps an older Windows encoding). Save it as 'UTF-8' text (for spreadsheets, 'CSV UTF-8') and upload it again.",
  binary: `This file type is not recognised. Accepted types: ${ACCEPTED_TYPES_DESCRIPTION}.`,
  controlCharacters: `This file contains binary data, so it is not a plain text file. Accepted types: ${ACCEPTED_TYPES_DESCRIPTION}.`,
  polyglot:
    'This file claims to be a PDF or an image but also contains web page code, which is not accepted. Re-save it (for example, print it to a new PDF) and upload it again.',
  otherImage: (format: string) => `${format} images are not accepted; save it as PNG or JPEG.`,
  archive: (format: string) =>
    `${format} archives are not accepted. Attach the files inside it one by one (${ACCEPTED_TYPES_DESCRIPTION}).`,
  office: 'This ZIP-based file is not a recognisable Word, Excel or PowerPoint document.',
} as const

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false
  for (let i = 0; i < bytes.length; i++) {
    // -1 matches any byte.
    if (bytes[i] !== -1 && head[offset + i] !== bytes[i]) return false
  }
  return true
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0))
}

/** Latin-1 view of the first bytes, lower-cased, for case-insensitive marker searches. */
function lowerLatin1(head: Uint8Array, limit: number): string {
  const n = Math.min(head.length, limit)
  let out = ''
  for (let i = 0; i < n; i += 8192) {
    out += String.fromCharCode(...head.subarray(i, Math.min(n, i + 8192)))
  }
  return out.toLowerCase()
}

const SCRIPT_MARKERS = ['<script', '<html', '<!doctype html']

function containsAny(haystack: string, needles: readonly string[]): boolean {
  return needles.some((n) => haystack.includes(n))
}

/** Markup a browser would treat as a web page, looked for in a text file's opening. */
function looksLikeHtml(lower: string): boolean {
  return containsAny(lower, SCRIPT_MARKERS) || /<(head|body|iframe|object|embed|meta\s+http-equiv)[\s>/]/.test(lower)
}

/** An SVG element anywhere in the opening, whether or not an XML prolog comes first. */
function looksLikeSvg(lower: string): boolean {
  return /<svg[\s>/]/.test(lower) || lower.includes('<!doctype svg')
}

type Magic = {
  bytes: number[]
  offset?: number
  /** For signatures made of printable letters: only when a NUL follows soon, so a text file starting "MZ…" is still text. */
  needsNul?: boolean
  result: Detected
}

/** Recognised formats that are refused, with a reason naming them. */
const REFUSED_MAGIC: Magic[] = [
  { bytes: [0x4d, 0x5a], needsNul: true, result: refuse(REFUSALS.executable) }, // MZ: Windows .exe/.dll
  { bytes: [0x7f, 0x45, 0x4c, 0x46], result: refuse(REFUSALS.executable) }, // ELF
  { bytes: [0xfe, 0xed, 0xfa, 0xce], result: refuse(REFUSALS.executable) }, // Mach-O
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], result: refuse(REFUSALS.executable) },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], result: refuse(REFUSALS.executable) },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], result: refuse(REFUSALS.executable) },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], result: refuse(REFUSALS.executable) }, // Mach-O fat / Java class
  { bytes: [0x00, 0x61, 0x73, 0x6d], result: refuse(REFUSALS.executable) }, // WebAssembly
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], result: refuse(REFUSALS.legacyOffice) }, // OLE2
  { bytes: ascii('GIF87a'), result: refuse(REFUSALS.otherImage('GIF')) },
  { bytes: ascii('GIF89a'), result: refuse(REFUSALS.otherImage('GIF')) },
  { bytes: [...ascii('RIFF'), -1, -1, -1, -1, ...ascii('WEBP')], result: refuse(REFUSALS.otherImage('WebP')) },
  { bytes: ascii('ftypheic'), offset: 4, result: refuse(REFUSALS.otherImage('HEIC (iPhone)')) },
  { bytes: ascii('ftypheix'), offset: 4, result: refuse(REFUSALS.otherImage('HEIC (iPhone)')) },
  { bytes: ascii('ftypmif1'), offset: 4, result: refuse(REFUSALS.otherImage('HEIF')) },
  { bytes: ascii('ftypavif'), offset: 4, result: refuse(REFUSALS.otherImage('AVIF')) },
  { bytes: [0x49, 0x49, 0x2a, 0x00], result: refuse(REFUSALS.otherImage('TIFF')) },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], result: refuse(REFUSALS.otherImage('TIFF')) },
  { bytes: ascii('BM'), needsNul: true, result: refuse(REFUSALS.otherImage('BMP')) },
  { bytes: [0x00, 0x00, 0x01, 0x00], result: refuse(REFUSALS.otherImage('Icon (ICO)')) },
  { bytes: [0x1f, 0x8b], result: refuse(REFUSALS.archive('Gzip')) },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], result: refuse(REFUSALS.archive('7-Zip')) },
  { bytes: [...ascii('Rar!'), 0x1a, 0x07], result: refuse(REFUSALS.archive('RAR')) },
  { bytes: [...ascii('ustar'), 0x00], offset: 257, result: refuse(REFUSALS.archive('TAR')) },
  { bytes: [0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], result: refuse(REFUSALS.archive('Bzip2')) },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], result: refuse(REFUSALS.archive('XZ')) },
  { bytes: [0xff, 0xfe], result: refuse(REFUSALS.utf16) },
  { bytes: [0xfe, 0xff], result: refuse(REFUSALS.utf16) },
]

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06], // empty archive
  [0x50, 0x4b, 0x07, 0x08], // spanned archive
]

/** True when the bytes start like a ZIP archive (and so need their entry names to be judged). */
export function isZip(head: Uint8Array): boolean {
  return ZIP_SIGNATURES.some((sig) => startsWith(head, sig))
}

/**
 * Decides a file's type from its first bytes (ideally `SNIFF_HEAD_BYTES` of
 * them). For a ZIP archive, pass the archive's entry names as `entries`: an
 * Office document is recognised by its parts, never by its name.
 */
export function detectFileType(head: Uint8Array, entries?: readonly string[]): Detected {
  if (head.length === 0) return refuse('The file is empty.')

  const lowerWindow = lowerLatin1(head, MARKUP_WINDOW)

  if (startsWith(head, ascii('%PDF-'))) {
    return containsAny(lowerWindow, SCRIPT_MARKERS) ? refuse(REFUSALS.polyglot) : accept('pdf')
  }
  if (startsWith(head, PNG_SIGNATURE)) {
    if (!startsWith(head, ascii('IHDR'), 12)) return refuse('This PNG image is damaged and cannot be accepted.')
    return containsAny(lowerWindow, SCRIPT_MARKERS) ? refuse(REFUSALS.polyglot) : accept('png')
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    return containsAny(lowerWindow, SCRIPT_MARKERS) ? refuse(REFUSALS.polyglot) : accept('jpeg')
  }
  if (isZip(head)) return detectZip(entries ?? [])

  for (const magic of REFUSED_MAGIC) {
    if (!startsWith(head, magic.bytes, magic.offset ?? 0)) continue
    if (magic.needsNul && !head.subarray(0, 64).includes(0)) continue
    return magic.result
  }
  if (looksLikeUtf16WithoutBom(head)) return refuse(REFUSALS.utf16)

  return detectText(head)
}

/** Mostly ASCII text with a NUL beside every character: UTF-16 saved without a byte order mark. */
function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512) & ~1
  if (n < 8) return false
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++
    if (head[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  return (oddNul > pairs * 0.9 && evenNul < pairs * 0.1) || (evenNul > pairs * 0.9 && oddNul < pairs * 0.1)
}

function detectZip(entries: readonly string[]): Detected {
  const names = new Set(entries)
  if (names.has('mimetype') && (names.has('content.xml') || names.has('META-INF/manifest.xml'))) {
    return refuse(REFUSALS.openDocument)
  }
  if (!names.has('[Content_Types].xml')) return refuse(REFUSALS.zip)

  const kinds: FileExtension[] = []
  if (names.has('word/document.xml')) kinds.push('docx')
  if (names.has('xl/workbook.xml')) kinds.push('xlsx')
  if (names.has('ppt/presentation.xml')) kinds.push('pptx')
  if (kinds.length === 0) return refuse(REFUSALS.zip)
  if (kinds.length > 1) return refuse(REFUSALS.office)

  if (entries.some((name) => /(^|\/)vbaProject\.bin$/i.test(name) || /(^|\/)vbaData\.xml$/i.test(name))) {
    return refuse(REFUSALS.macros)
  }
  // Other applications can live inside an Office file as OLE objects; executables hidden there are refused.
  if (entries.some((name) => /\.(exe|dll|scr|com|bat|cmd|ps1|vbs|js|jar|msi)$/i.test(name))) {
    return refuse(REFUSALS.executable)
  }
  return accept(kinds[0]!)
}

/** C0 control characters other than tab, LF and CR, plus DEL. */
function badControlCharacter(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this check
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)
}

/**
 * Decodes as much of `head` as is valid UTF-8, allowing up to three trailing
 * bytes of a character cut off by the end of the head. Returns null when the
 * bytes are not UTF-8.
 */
function decodeUtf8Head(head: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, { stream: true })
  } catch {
    return null
  }
}

function detectText(head: Uint8Array): Detected {
  const hasBom = startsWith(head, [0xef, 0xbb, 0xbf])
  const body = hasBom ? head.subarray(3) : head

  if (body.includes(0)) return refuse(REFUSALS.controlCharacters)
  const text = decodeUtf8Head(body)
  if (text === null) return refuse(REFUSALS.notUtf8)
  if (badControlCharacter(text)) return refuse(REFUSALS.controlCharacters)

  const lower = text.slice(0, MARKUP_WINDOW).toLowerCase()
  if (looksLikeSvg(lower)) return refuse(REFUSALS.svg)
  if (looksLikeHtml(lower)) return refuse(REFUSALS.html)
  if (lower.startsWith('{\\rtf')) return refuse(REFUSALS.rtf)

  return looksLikeCsv(text, head.length >= SNIFF_HEAD_BYTES) ? accept('csv') : accept('txt')
}

/** Counts a delimiter outside double-quoted fields. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (ch === delimiter && !quoted) count++
  }
  return count
}

/**
 * CSV when at least two of the first lines exist and at least four in five of
 * them have the same number (one or more) of commas, or of semicolons.
 */
export function looksLikeCsv(text: string, truncated = false): boolean {
  let lines = text.split(/\r\n|\n|\r/)
  // The last line of a cut-off head may be partial.
  if (truncated && lines.length > 1) lines = lines.slice(0, -1)
  lines = lines.filter((l) => l.trim() !== '').slice(0, 20)
  if (lines.length < 2) return false

  for (const delimiter of [',', ';']) {
    const tally = new Map<number, number>()
    for (const line of lines) {
      const n = countOutsideQuotes(line, delimiter)
      if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1)
    }
    const best = Math.max(0, ...tally.values())
    if (best >= 2 && best >= Math.ceil(lines.length * 0.8)) return true
  }
  return false
}

/**
 * Checks a whole text file as it streams by, for the parts `detectFileType`
 * did not see: every byte must be UTF-8 with no NUL or control characters
 * other than tab, CR and LF.
 */
export function createTextValidator(): { push(chunk: Uint8Array): void; end(): string | null } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  let problem: string | null = null
  const check = (decode: () => string) => {
    if (problem) return
    let text: string
    try {
      text = decode()
    } catch {
      problem = REFUSALS.notUtf8
      return
    }
    if (text.includes('\u0000') || badControlCharacter(text)) problem = REFUSALS.controlCharacters
  }
  return {
    push(chunk) {
      check(() => decoder.decode(chunk, { stream: true }))
    },
    end() {
      check(() => decoder.decode())
      return problem
    },
  }
}
