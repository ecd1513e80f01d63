/**
 * The summary PDF of a portfolio: typeset by Typst (compiled in-process
 * through its Node binding) from the template in `pdf-template.ts` and the
 * data `summaryDocumentData` makes, with DejaVu fonts from the
 * `dejavu-fonts-ttf` package embedded and subset. pdf-lib then puts each PDF
 * attachment's own pages into the pages Typst reserved for them (so every
 * page number the document prints stays exact), footers them, and sets the
 * metadata. The same snapshot and files always give the same bytes.
 *
 * Everything it needs is loaded by this module itself (the compiler's native
 * binary through Node's resolver, the fonts from their package's folder), so
 * it also runs inside a worker thread and from the production build.
 */
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler'
import type { PDFDocument, PDFPage, Rotation } from 'pdf-lib'
import { pdfLib } from '~/utils/pdf-lib.server'
import { defaultFramework, frameworks } from '../../competences/index'
import { pdfFonts } from '~/submission/fonts.server'
import { imagePath, summaryDocumentData, type AttachmentContent } from '~/submission/pdf-document'
import { SUMMARY_TEMPLATE } from '~/submission/pdf-template'
import type { PortfolioSnapshot, SnapshotAttachment } from '~/submission/snapshot'

/** The bytes of a stored file by SHA-256, or null when the store does not have it. */
export type ReadStoredFile = (sha256: string) => Promise<Uint8Array | null>

export interface RenderedSummary {
  bytes: Uint8Array
  pages: number
  /** Item ref → the 1-based page its section starts on. */
  itemStartPages: Record<string, number>
}

export interface RenderOptions {
  /** Marks every page "Draft — not submitted": a preview of the live portfolio. */
  draft?: boolean
}

/** The folder Typst resolves the document's files in; nothing is read from disk there (the files are mapped in memory). */
const WORKSPACE = '/attain-summary'
/** The bottom margin of the template's pages (2.2 cm), where the footer sits. */
const FOOTER_HEIGHT = 62.4

let compiler: NodeCompiler | null = null
function typst(): NodeCompiler {
  // Only the fonts given here are used: the template names them and turns off fallback to system fonts.
  compiler ??= NodeCompiler.create({ workspace: WORKSPACE, fontArgs: [{ fontBlobs: pdfFonts().blobs }] })
  return compiler
}

function competencyTexts(snapshot: PortfolioSnapshot): Map<string, string> {
  const framework =
    frameworks.find((f) => f.id === snapshot.framework.id && f.version === snapshot.framework.version) ??
    defaultFramework
  return new Map(framework.domains.flatMap((d) => d.specificCompetencies.map((c) => [c.id, c.text] as const)))
}

/** An attachment's file, read once however many items share it. */
interface Source {
  content: AttachmentContent
  bytes?: Uint8Array
  pdf?: PDFDocument
}

function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function renderSummaryPdf(
  snapshot: PortfolioSnapshot,
  hash: string,
  readFile: ReadStoredFile,
  options: RenderOptions = {},
): Promise<RenderedSummary> {
  const sources = new Map<string, Source>()
  for (const item of snapshot.items) {
    for (const attachment of item.attachments) {
      if (!sources.has(attachment.sha256)) sources.set(attachment.sha256, await readAttachment(attachment, readFile))
    }
  }
  await nextTurn()

  const draft = options.draft === true
  const input = {
    snapshot,
    hash,
    competencies: competencyTexts(snapshot),
    coverage: pdfFonts().coverage,
    draft,
  }
  let typeset: Typeset
  try {
    typeset = compile(summaryDocumentData({ ...input, attachments: contents(sources) }), sources)
  } catch (error) {
    // An image pdf-lib could read but Typst cannot decode is shown as unreadable rather than failing the PDF.
    const images = [...sources.values()].filter((s) => s.content.kind === 'image')
    if (images.length === 0) throw error
    for (const source of images) source.content = { kind: 'unreadable' }
    typeset = compile(summaryDocumentData({ ...input, attachments: contents(sources) }), sources)
  }
  await nextTurn()

  // Typst's own output: parsed at full speed, yielding to the event loop less often than pdf-lib's default.
  const { PDFDocument, ParseSpeeds, PDFName } = await pdfLib()
  const doc = await PDFDocument.load(typeset.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  await placeAttachmentPages(doc, typeset.attachmentPages, sources)

  const date = new Date(snapshot.submittedAt)
  doc.setTitle(`Portfolio for registration as a Clinical Scientist: ${snapshot.trainee.name}`, {
    showInWindowTitleBar: true,
  })
  doc.setAuthor(snapshot.trainee.name)
  doc.setSubject(draft ? 'Draft, not submitted' : `Submission ${snapshot.number}; snapshot SHA-256 ${hash}`)
  doc.setCreator('Attain')
  doc.setProducer('Attain (Typst)')
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  doc.setLanguage('en-GB')
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))

  const bytes = await doc.save({ objectsPerTick: 500 })
  return { bytes, pages: doc.getPageCount(), itemStartPages: typeset.itemStartPages }
}

function contents(sources: ReadonlyMap<string, Source>): Map<string, AttachmentContent> {
  return new Map([...sources].map(([sha256, source]) => [sha256, source.content]))
}

interface AttachmentPage {
  sha: string
  index: number
  page: number
}

interface Typeset {
  pdf: Uint8Array
  itemStartPages: Record<string, number>
  attachmentPages: AttachmentPage[]
}

/** Typesets the document. Synchronous: the compiler works on the calling thread. */
function compile(data: unknown, sources: ReadonlyMap<string, Source>): Typeset {
  const c = typst()
  c.resetShadow()
  // A lone surrogate (only possible in imported text) would make the JSON unreadable to Typst: it prints as U+FFFD.
  const json = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value))
  c.mapShadow(`${WORKSPACE}/data.json`, Buffer.from(json))
  for (const [sha256, source] of sources) {
    if (source.content.kind === 'image' && source.bytes)
      c.mapShadow(`${WORKSPACE}${imagePath(sha256)}`, Buffer.from(source.bytes))
  }
  try {
    const result = c.compile({ mainFileContent: SUMMARY_TEMPLATE })
    const error = result.takeError()
    if (error)
      throw new Error(
        `The summary PDF could not be typeset: ${JSON.stringify(c.fetchDiagnostics(error)).slice(0, 2000)}`,
      )
    const document = result.result
    if (!document) throw new Error('The summary PDF could not be typeset')
    const starts = c.query(document, { selector: '<item-start>' }) as { value: { ref: string; page: number } }[]
    const attachmentPages = (c.query(document, { selector: '<attachment-page>' }) as { value: AttachmentPage }[]).map(
      (m) => m.value,
    )
    const pdf = c.pdf(document)
    return { pdf, itemStartPages: Object.fromEntries(starts.map((m) => [m.value.ref, m.value.page])), attachmentPages }
  } finally {
    c.resetShadow()
    c.evictCache(10)
  }
}

/**
 * What the attachment's file holds. A file that cannot be read is not an
 * error: the PDF says so where the file would be.
 */
async function readAttachment(attachment: SnapshotAttachment, readFile: ReadStoredFile): Promise<Source> {
  // Office documents: the PDF converted from them is merged like an uploaded PDF.
  if (attachment.converted) {
    const pdf = {
      ...attachment,
      sha256: attachment.converted.sha256,
      mediaType: 'application/pdf',
      converted: undefined,
    }
    return readAttachment(pdf, readFile)
  }
  const bytes = await readFile(attachment.sha256)
  if (!bytes) return { content: { kind: 'missing' } }
  const { PDFDocument } = await pdfLib()
  switch (attachment.mediaType) {
    case 'application/pdf':
      try {
        // Encrypted PDFs are refused by `load`: their pages could not be copied readably.
        const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
        const count = pdf.getPageCount()
        if (count === 0) return { content: { kind: 'unreadable' } }
        return { content: { kind: 'pdf', pages: count }, pdf }
      } catch {
        return { content: { kind: 'unreadable' } }
      }
    case 'image/png':
    case 'image/jpeg':
      try {
        const scratch = await PDFDocument.create()
        const image =
          attachment.mediaType === 'image/png' ? await scratch.embedPng(bytes) : await scratch.embedJpg(bytes)
        if (image.width <= 0 || image.height <= 0) return { content: { kind: 'unreadable' } }
        return { content: { kind: 'image', width: image.width, height: image.height }, bytes }
      } catch {
        return { content: { kind: 'unreadable' } }
      }
    case 'text/plain':
    case 'text/csv':
      return { content: { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) } }
    default:
      return { content: { kind: 'not-printable' } }
  }
}

/**
 * Puts each attachment's own pages where Typst reserved a page for them,
 * carrying over the reserved page's footer (its label and "Page n of N"),
 * drawn upright along the bottom of the page as a reader sees it.
 */
async function placeAttachmentPages(
  doc: PDFDocument,
  reserved: AttachmentPage[],
  sources: ReadonlyMap<string, Source>,
): Promise<void> {
  const { degrees } = await pdfLib()
  let copies: PDFPage[] = []
  for (const slot of reserved) {
    const source = sources.get(slot.sha)
    if (!source?.pdf) throw new Error(`No pages for attachment ${slot.sha}`)
    // A page object can appear only once in a document: a file attached to two items is copied twice.
    if (slot.index === 0) copies = await doc.copyPages(source.pdf, source.pdf.getPageIndices())
    const page = copies[slot.index]
    if (!page) throw new Error(`No copied page ${slot.index} of attachment ${slot.sha}`)
    const at = slot.page - 1
    const placeholder = doc.getPage(at)
    const footer = await doc.embedPage(placeholder, {
      left: 0,
      bottom: 0,
      right: placeholder.getWidth(),
      top: FOOTER_HEIGHT,
    })
    doc.removePage(at)
    doc.insertPage(at, page)
    drawFooter(page, footer, placeholder.getWidth(), degrees)
  }
}

function drawFooter(
  page: PDFPage,
  footer: Awaited<ReturnType<PDFDocument['embedPage']>>,
  width: number,
  degrees: (angle: number) => Rotation,
): void {
  const box = page.getCropBox()
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as number
  const sideways = rotation === 90 || rotation === 270
  const scale = Math.min(1, (sideways ? box.height : box.width) / width)
  // The footer's origin (the visible bottom left) in the page's own coordinates.
  const origin =
    rotation === 90
      ? { x: box.x + box.width, y: box.y }
      : rotation === 180
        ? { x: box.x + box.width, y: box.y + box.height }
        : rotation === 270
          ? { x: box.x, y: box.y + box.height }
          : { x: box.x, y: box.y }
  page.drawPage(footer, { ...origin, xScale: scale, yScale: scale, rotate: degrees(rotation) })
}
