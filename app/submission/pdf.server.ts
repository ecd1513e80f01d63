/**
 * The summary PDF of a submitted portfolio: the pages `planSummaryPages`
 * lays out, drawn with pdf-lib's standard fonts, with the attachments'
 * pages copied in, a footer on every page, links from the area lists and
 * the grid to the items, and bookmarks. The same snapshot and files always
 * give the same bytes (fixed dates and producer, no random ids).
 */
import {
  degrees,
  PDFDocument,
  PDFHexString,
  PDFName,
  rgb,
  StandardFonts,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib'
import { COLORS, planSummaryPages, PAGE_HEIGHT, PAGE_WIDTH, type AttachmentContent, type DrawOp, type FontKey, type OutlineEntry, type PagePlan, type Rgb } from './pdf-layout'
import { toWinAnsi, truncateToWidth } from './pdf-text'
import type { PortfolioSnapshot, SnapshotAttachment } from './snapshot'

/** The bytes of a stored file by SHA-256, or null when the store does not have it. */
export type ReadStoredFile = (sha256: string) => Promise<Uint8Array | null>

export interface RenderedSummary {
  bytes: Uint8Array
  pages: number
  /** Item ref → the 1-based page its section starts on. */
  itemStartPages: Record<string, number>
}

type Fonts = Record<FontKey, PDFFont>

/** An attachment's file, read once however many items share it. */
interface Source {
  content: AttachmentContent
  image?: PDFImage
  pdf?: PDFDocument
  /** Pages already copied from `pdf`, for its first appearance. */
  copied?: PDFPage[]
}

export interface RenderOptions {
  /** A preview of the live portfolio: every page says "Draft — not submitted". */
  draft?: boolean
}

export async function renderSummaryPdf(
  snapshot: PortfolioSnapshot,
  hash: string,
  readFile: ReadStoredFile,
  options: RenderOptions = {},
): Promise<RenderedSummary> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    mono: await doc.embedFont(StandardFonts.Courier),
  }

  const sources = new Map<string, Source>()
  for (const item of snapshot.items) {
    for (const attachment of item.attachments) {
      if (!sources.has(attachment.sha256)) sources.set(attachment.sha256, await readAttachment(doc, attachment, readFile))
    }
  }

  const plan = planSummaryPages({
    snapshot,
    hash,
    measure: (text, font, size) => fonts[font].widthOfTextAtSize(text, size),
    attachments: new Map([...sources].map(([sha256, source]) => [sha256, source.content])),
  })

  const pages = await addPages(doc, plan, sources)
  plan.pages.forEach((spec, i) => {
    const page = pages[i]
    if (spec.kind === 'content' && page) for (const op of spec.ops) draw(doc, page, op, { fonts, sources, pages, plan })
  })
  pages.forEach((page, i) => {
    const spec = plan.pages[i]
    drawFooter(page, fonts, {
      left: `${snapshot.trainee.name} · Submission ${snapshot.number} · ${hash.slice(0, 12)}`,
      right: `Page ${i + 1} of ${pages.length}`,
      note: spec?.kind === 'attachment' ? spec.label : null,
      draft: options.draft === true,
    })
  })
  addOutline(doc, plan.outline, pages)

  const date = new Date(snapshot.submittedAt)
  doc.setTitle(`Portfolio for registration as a Clinical Scientist: ${snapshot.trainee.name}`, { showInWindowTitleBar: true })
  doc.setAuthor(snapshot.trainee.name)
  doc.setSubject(`Submission ${snapshot.number}; snapshot SHA-256 ${hash}`)
  doc.setCreator('Attain')
  doc.setProducer('Attain')
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  doc.setLanguage('en-GB')

  const bytes = await doc.save()
  return { bytes, pages: pages.length, itemStartPages: plan.itemStartPages }
}

/**
 * What the attachment's file holds, read into the document where it will be
 * shown. A file that cannot be read is not an error: the PDF says so on its
 * page instead.
 */
async function readAttachment(doc: PDFDocument, attachment: SnapshotAttachment, readFile: ReadStoredFile): Promise<Source> {
  const bytes = await readFile(attachment.sha256)
  if (!bytes) return { content: { kind: 'missing' } }
  switch (attachment.mediaType) {
    case 'application/pdf':
      try {
        // Encrypted PDFs are refused by `load`: their pages could not be copied readably.
        const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
        const count = pdf.getPageCount()
        if (count === 0) return { content: { kind: 'unreadable' } }
        const copied = await doc.copyPages(pdf, pdf.getPageIndices())
        return { content: { kind: 'pdf', pages: count }, pdf, copied }
      } catch {
        return { content: { kind: 'unreadable' } }
      }
    case 'image/png':
    case 'image/jpeg':
      try {
        const image = attachment.mediaType === 'image/png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes)
        if (image.width <= 0 || image.height <= 0) return { content: { kind: 'unreadable' } }
        return { content: { kind: 'image', width: image.width, height: image.height }, image }
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

/** Adds the planned pages in order: new blank pages for ours, copies of the attachments' pages. */
async function addPages(doc: PDFDocument, plan: PagePlan, sources: ReadonlyMap<string, Source>): Promise<PDFPage[]> {
  const pages: PDFPage[] = []
  let copies: PDFPage[] = []
  for (const spec of plan.pages) {
    if (spec.kind === 'content') {
      pages.push(doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]))
      continue
    }
    const source = sources.get(spec.sha256)
    if (spec.index === 0) {
      // A page object can appear only once in a document: a file attached to two items is copied twice.
      if (source?.copied) {
        copies = source.copied
        source.copied = undefined
      } else if (source?.pdf) {
        copies = await doc.copyPages(source.pdf, source.pdf.getPageIndices())
      }
    }
    const page = copies[spec.index]
    if (!page) throw new Error(`No copied page ${spec.index} of attachment ${spec.sha256}`)
    pages.push(doc.addPage(page))
  }
  return pages
}

function color([r, g, b]: Rgb) {
  return rgb(r, g, b)
}

function draw(
  doc: PDFDocument,
  page: PDFPage,
  op: DrawOp,
  { fonts, sources, pages, plan }: { fonts: Fonts; sources: ReadonlyMap<string, Source>; pages: PDFPage[]; plan: PagePlan },
): void {
  switch (op.kind) {
    case 'text':
      page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts[op.font], color: color(op.color) })
      return
    case 'rect':
      page.drawRectangle({ x: op.x, y: op.y, width: op.width, height: op.height, color: color(op.fill) })
      return
    case 'line':
      page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: color(op.color) })
      return
    case 'image': {
      const image = sources.get(op.sha256)?.image
      if (image) page.drawImage(image, { x: op.x, y: op.y, width: op.width, height: op.height })
      return
    }
    case 'link': {
      const target = pages[(plan.itemStartPages[op.ref] ?? 0) - 1]
      if (!target) return
      const annotation = doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [op.x, op.y, op.x + op.width, op.y + op.height],
        Border: [0, 0, 0],
        Dest: [target.ref, 'Fit'],
      })
      page.node.addAnnot(doc.context.register(annotation))
      return
    }
  }
}

/**
 * "Page n of N" and who the portfolio is, along the bottom of the page as a
 * reader sees it (a copied page may be rotated), with an attachment page's
 * label above.
 */
function drawFooter(
  page: PDFPage,
  fonts: Fonts,
  { left, right, note, draft }: { left: string; right: string; note: string | null; draft: boolean },
): void {
  const box = page.getCropBox()
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as number
  const sideways = rotation === 90 || rotation === 270
  const displayWidth = sideways ? box.height : box.width
  const size = 7.5
  const margin = 50

  // Display coordinates (origin at the visible bottom left) to the page's own.
  const at = (dx: number, dy: number) => {
    switch (rotation) {
      case 90:
        return { x: box.x + box.width - dy, y: box.y + dx }
      case 180:
        return { x: box.x + box.width - dx, y: box.y + box.height - dy }
      case 270:
        return { x: box.x + dy, y: box.y + box.height - dx }
      default:
        return { x: box.x + dx, y: box.y + dy }
    }
  }
  const write = (text: string, dx: number, dy: number, font: PDFFont) => {
    page.drawText(text, { ...at(dx, dy), size, font, color: color(COLORS.muted), rotate: degrees(rotation) })
  }

  const rightText = toWinAnsi(right)
  const rightWidth = fonts.regular.widthOfTextAtSize(rightText, size)
  const room = displayWidth - 2 * margin - rightWidth - 16
  const measure = (s: string) => fonts.regular.widthOfTextAtSize(s, size)
  write(truncateToWidth(toWinAnsi(left), room, measure), margin, 24, fonts.regular)
  write(rightText, displayWidth - margin - rightWidth, 24, fonts.regular)
  if (note) write(truncateToWidth(toWinAnsi(note), displayWidth - 2 * margin, (s) => fonts.italic.widthOfTextAtSize(s, size)), margin, 34, fonts.italic)
  if (draft) write(toWinAnsi(DRAFT_MARK), margin, 14, fonts.bold)
}

/** The line on every page of a preview, below the footer. */
export const DRAFT_MARK = 'Draft — not submitted'

/**
 * The document outline (bookmarks). pdf-lib has no API for it, so the
 * dictionaries are built as the PDF specification describes them (ISO
 * 32000-1, 12.3.3): items linked by Parent/Prev/Next/First/Last, each with
 * a destination showing its whole page.
 */
function addOutline(doc: PDFDocument, entries: OutlineEntry[], pages: PDFPage[]): void {
  const { context } = doc
  const rootRef = context.nextRef()

  const build = (list: OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; visible: number } | null => {
    const refs = list.map(() => context.nextRef())
    let visible = 0
    list.forEach((entry, i) => {
      const ref = refs[i]
      const page = pages[entry.page - 1] ?? pages[0]
      if (!ref || !page) return
      const dict = context.obj({ Title: PDFHexString.fromText(entry.title), Parent: parent, Dest: [page.ref, 'Fit'] })
      const prev = refs[i - 1]
      const next = refs[i + 1]
      if (prev) dict.set(PDFName.of('Prev'), prev)
      if (next) dict.set(PDFName.of('Next'), next)
      const children = build(entry.children, ref)
      if (children) {
        dict.set(PDFName.of('First'), children.first)
        dict.set(PDFName.of('Last'), children.last)
        // A positive count shows the children open.
        dict.set(PDFName.of('Count'), context.obj(children.visible))
        visible += children.visible
      }
      context.assign(ref, dict)
      visible += 1
    })
    const first = refs[0]
    const last = refs[refs.length - 1]
    return first && last ? { first, last, visible } : null
  }

  const top = build(entries, rootRef)
  if (!top) return
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.visible }))
  doc.catalog.set(PDFName.of('Outlines'), rootRef)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}
