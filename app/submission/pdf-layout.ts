/**
 * Lays out the summary PDF of a submitted portfolio as a list of pages: our
 * own pages as drawing operations, and the attachment pages to copy in.
 * Pure: text widths come from `measure`, and what each attachment holds is
 * worked out beforehand, so the same snapshot always gives the same pages.
 *
 * Page numbers printed in the document (the grid, the area lists, the cover)
 * depend on the layout itself, so it is laid out until the numbers it prints
 * are the numbers it produces (`planSummaryPages`).
 */
import { isAcceptedMediaType, describeMediaType } from '../files/sniff'
import type { PortfolioSnapshot, SnapshotAttachment, SnapshotItem } from './snapshot'
import { formatBytes, formatDay, pageStatus, portfolioSummary, type ClaimMark, type PortfolioSummaryModel } from './summary'
import { markdownBlocks, pageCountSentence, plural, toWinAnsi, truncateToWidth, wrapText } from './pdf-text'

export const PAGE_WIDTH = 595.28
export const PAGE_HEIGHT = 841.89
const LEFT = 50
const RIGHT = PAGE_WIDTH - 50
const WIDTH = RIGHT - LEFT
const TOP = PAGE_HEIGHT - 56
/** Nothing is laid out below this line: the footer lives underneath. */
const BOTTOM = 60

/** Item columns per block of the cross-reference grid. */
export const GRID_COLUMNS_PER_BLOCK = 20
/** A text attachment is printed up to this many pages; the rest is left to the export. */
export const TEXT_ATTACHMENT_MAX_PAGES = 20
/** More than fills those pages, however short or long its lines. */
const TEXT_ATTACHMENT_MAX_LINES = 1500
const TEXT_ATTACHMENT_MAX_CHARS = 200_000

export type FontKey = 'regular' | 'bold' | 'italic' | 'mono'
export type Measure = (text: string, font: FontKey, size: number) => number
export type Rgb = readonly [number, number, number]

export const COLORS = {
  text: [0.1, 0.1, 0.12],
  muted: [0.36, 0.38, 0.42],
  rule: [0.78, 0.8, 0.83],
  band: [0.92, 0.93, 0.95],
  verified: [0.83, 0.92, 0.85],
  warning: [0.6, 0.1, 0.1],
} as const satisfies Record<string, Rgb>

export type DrawOp =
  | { kind: 'text'; x: number; y: number; text: string; font: FontKey; size: number; color: Rgb }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: Rgb }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: Rgb; thickness: number }
  | { kind: 'image'; sha256: string; x: number; y: number; width: number; height: number }
  /** A clickable area taking the reader to the page where item `ref` starts. */
  | { kind: 'link'; x: number; y: number; width: number; height: number; ref: string }

export type PageSpec =
  | { kind: 'content'; ops: DrawOp[] }
  /** Page `index` (0-based) of a PDF attachment, copied in as it is. `label` names it in the footer. */
  | { kind: 'attachment'; sha256: string; index: number; label: string }

/** What an attachment turned out to hold when its file was read. */
export type AttachmentContent =
  | { kind: 'pdf'; pages: number }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'text'; text: string }
  /** Not in the file store. */
  | { kind: 'missing' }
  /** A PDF or image that could not be read (damaged, or password-protected). */
  | { kind: 'unreadable' }
  /** A type a PDF cannot show (Word, Excel, PowerPoint). */
  | { kind: 'not-printable' }

export interface OutlineEntry {
  title: string
  /** 1-based. */
  page: number
  children: OutlineEntry[]
}

export interface PagePlan {
  pages: PageSpec[]
  /** Item ref → the 1-based page its section starts on. */
  itemStartPages: Record<string, number>
  outline: OutlineEntry[]
}

export interface LayoutInput {
  snapshot: PortfolioSnapshot
  /** The snapshot's SHA-256. */
  hash: string
  measure: Measure
  /** By SHA-256; an attachment not in the map is treated as missing. */
  attachments: ReadonlyMap<string, AttachmentContent>
}

/** The page numbers the document prints about itself. */
interface Numbers {
  total: number
  itemStart: Record<string, number>
  sections: Record<string, number>
}

/**
 * The summary laid out with its page numbers right. A first pass learns
 * where everything starts; the next prints those numbers; a number's width
 * can move a line break, so it repeats until nothing moves (two passes in
 * practice).
 */
export function planSummaryPages(input: LayoutInput): PagePlan {
  const summary = portfolioSummary(input.snapshot, null)
  const guess = (n: number) => 100 + n
  let numbers: Numbers = {
    total: guess(0),
    itemStart: Object.fromEntries(input.snapshot.items.map((item, i) => [item.ref, guess(i)])),
    sections: {},
  }
  for (let pass = 0; ; pass++) {
    const { plan, found } = layout(input, summary, numbers)
    if (sameNumbers(found, numbers) || pass >= 5) return plan
    numbers = found
  }
}

function sameNumbers(a: Numbers, b: Numbers): boolean {
  return a.total === b.total && JSON.stringify(a.itemStart) === JSON.stringify(b.itemStart) && JSON.stringify(a.sections) === JSON.stringify(b.sections)
}

const SECTION_TITLES = {
  summary: 'Summary statement',
  areas: 'Evidence by area of competence',
  grid: 'Cross-reference grid',
  items: 'Evidence items',
} as const
type SectionKey = keyof typeof SECTION_TITLES

interface TextStyle {
  font?: FontKey
  size?: number
  color?: Rgb
  indent?: number
  /** Space after the block, in points. */
  after?: number
  /** Makes each line a link to this item's page. */
  link?: string
}

/** Writes flowing text onto pages, starting a new page whenever the next line would not fit. */
class Writer {
  readonly pages: PageSpec[] = []
  private ops: DrawOp[] | null = null
  y = TOP

  constructor(private readonly measure: Measure) {}

  /** The 1-based number of the page being written. */
  get page(): number {
    return this.pages.length
  }

  newPage(): void {
    this.ops = []
    this.pages.push({ kind: 'content', ops: this.ops })
    this.y = TOP
  }

  addAttachmentPage(spec: PageSpec): void {
    this.pages.push(spec)
    this.ops = null
  }

  /** Makes sure `height` points are free on the current page (a fresh page is never left blank for more). */
  ensure(height: number): void {
    if (this.ops === null || (this.y - height < BOTTOM && this.y < TOP)) this.newPage()
  }

  room(): number {
    return this.ops === null ? 0 : this.y - BOTTOM
  }

  draw(op: DrawOp): void {
    if (this.ops === null) this.newPage()
    this.ops?.push(op)
  }

  width(text: string, font: FontKey, size: number): number {
    return this.measure(text, font, size)
  }

  lines(text: string, width: number, font: FontKey, size: number): string[] {
    return wrapText(toWinAnsi(text), width, (s) => this.measure(s, font, size))
  }

  text(text: string, style: TextStyle = {}): void {
    const { font = 'regular', size = 10, color = COLORS.text, indent = 0, after = 0, link } = style
    const leading = size * 1.38
    for (const line of this.lines(text, WIDTH - indent, font, size)) {
      this.ensure(leading)
      const baseline = this.y - size
      if (line) this.draw({ kind: 'text', x: LEFT + indent, y: baseline, text: line, font, size, color })
      if (link && line) {
        this.draw({ kind: 'link', x: LEFT + indent - 1, y: baseline - size * 0.3, width: this.width(line, font, size) + 2, height: size * 1.3, ref: link })
      }
      this.y -= leading
    }
    this.y -= after
  }

  /** A heading kept on the same page as at least `keep` points of what follows. */
  heading(text: string, level: 1 | 2 | 3, keep = 40): void {
    const size = level === 1 ? 17 : level === 2 ? 13.5 : 11
    const before = level === 1 ? 0 : level === 2 ? 10 : 6
    const lines = this.lines(text, WIDTH, 'bold', size)
    const height = before + lines.length * size * 1.3 + 4 + keep
    this.ensure(height)
    if (this.y < TOP) this.y -= before
    for (const line of lines) {
      this.ensure(size * 1.3)
      this.draw({ kind: 'text', x: LEFT, y: this.y - size, text: line, font: 'bold', size, color: COLORS.text })
      this.y -= size * 1.3
    }
    this.y -= level === 1 ? 8 : 4
  }

  /** A label and its value side by side, the value wrapping under itself. */
  field(label: string, value: string, { font = 'regular', size = 10 }: { font?: FontKey; size?: number } = {}): void {
    const labelWidth = 118
    const leading = Math.max(size, 10) * 1.4
    const lines = this.lines(value || '—', WIDTH - labelWidth, font, size)
    this.ensure(leading)
    this.draw({ kind: 'text', x: LEFT, y: this.y - 10, text: toWinAnsi(label), font: 'bold', size: 10, color: COLORS.muted })
    for (const line of lines) {
      this.ensure(leading)
      this.draw({ kind: 'text', x: LEFT + labelWidth, y: this.y - 10, text: line, font, size, color: COLORS.text })
      this.y -= leading
    }
    this.y -= 2
  }

  /** Markdown as plain blocks, indented by `indent`. */
  markdown(markdown: string, indent = 0): void {
    for (const block of markdownBlocks(markdown)) {
      switch (block.kind) {
        case 'heading':
          this.ensure(40)
          this.y -= 3
          this.text(block.text, { font: 'bold', size: block.level <= 2 ? 11 : 10, indent, after: 2 })
          break
        case 'paragraph':
          this.text(block.text, { indent, after: 5 })
          break
        case 'list-item':
          this.listItem(block.marker, block.text, indent + block.depth * 14)
          break
        case 'quote':
          this.text(block.text, { font: 'italic', indent: indent + 14, color: COLORS.muted, after: 5 })
          break
        case 'code':
          this.text(block.text, { font: 'mono', size: 8.5, indent: indent + 8, after: 5 })
          break
        case 'table-row':
          this.text(block.text, { size: 9, indent, after: 1 })
          break
        case 'rule':
          this.ensure(10)
          this.draw({ kind: 'line', x1: LEFT + indent, y1: this.y - 5, x2: RIGHT, y2: this.y - 5, color: COLORS.rule, thickness: 0.5 })
          this.y -= 10
          break
      }
    }
  }

  listItem(marker: string, text: string, indent: number): void {
    const size = 10
    const markerWidth = Math.max(12, this.width(`${marker} `, 'regular', size) + 2)
    const lines = this.lines(text, WIDTH - indent - markerWidth, 'regular', size)
    const leading = size * 1.38
    lines.forEach((line, i) => {
      this.ensure(leading)
      if (i === 0) this.draw({ kind: 'text', x: LEFT + indent, y: this.y - size, text: marker, font: 'regular', size, color: COLORS.text })
      if (line) this.draw({ kind: 'text', x: LEFT + indent + markerWidth, y: this.y - size, text: line, font: 'regular', size, color: COLORS.text })
      this.y -= leading
    })
    this.y -= 2
  }

  /** A right-aligned page number on the same line as a title, for the contents. */
  contentsLine(title: string, page: number): void {
    const size = 10.5
    const leading = size * 1.5
    this.ensure(leading)
    const number = String(page)
    this.draw({ kind: 'text', x: LEFT, y: this.y - size, text: toWinAnsi(title), font: 'regular', size, color: COLORS.text })
    this.draw({ kind: 'text', x: RIGHT - this.width(number, 'regular', size), y: this.y - size, text: number, font: 'regular', size, color: COLORS.text })
    this.y -= leading
  }
}

function layout(input: LayoutInput, summary: PortfolioSummaryModel, numbers: Numbers): { plan: PagePlan; found: Numbers } {
  const { snapshot } = input
  const w = new Writer(input.measure)
  const found: Numbers = { total: 0, itemStart: {}, sections: {} }
  const outline: OutlineEntry[] = []
  const pageOf = (ref: string) => numbers.itemStart[ref] ?? 0
  const startSection = (key: SectionKey) => {
    w.newPage()
    found.sections[key] = w.page
    w.heading(SECTION_TITLES[key], 1)
  }

  // 1. Cover
  w.newPage()
  outline.push({ title: 'Cover', page: w.page, children: [] })
  coverPage(w, input, summary, numbers)

  // 2. Summary statement
  startSection('summary')
  outline.push({ title: SECTION_TITLES.summary, page: w.page, children: [] })
  w.text(plural(summary.statementWords, 'word'), { size: 9.5, color: COLORS.muted, after: 8 })
  if (snapshot.summaryStatement.trim()) w.markdown(snapshot.summaryStatement)
  else w.text('The trainee did not write a summary statement.', { font: 'italic', color: COLORS.muted })

  // 3. Each domain's areas, with the evidence claiming them
  startSection('areas')
  w.text(
    'Under each area of competence: every item claiming it, with the page where the item starts, the trainee’s statement, and whether a mentor verified the claim.',
    { size: 9.5, color: COLORS.muted, after: 6 },
  )
  for (const domain of summary.domains) {
    w.heading(`Domain ${domain.number}: ${domain.title}`, 2, 60)
    outline.push({ title: `Domain ${domain.number}: ${domain.title}`, page: w.page, children: [] })
    for (const area of domain.areas) {
      w.ensure(44)
      w.y -= 4
      w.text(`${area.code}  ${area.text}`, { font: 'bold', size: 10, after: 3 })
      if (area.entries.length === 0) {
        w.text('No evidence claims this area.', { font: 'italic', size: 9.5, color: COLORS.warning, indent: 14, after: 4 })
      }
      for (const entry of area.entries) {
        w.ensure(40)
        w.text(`${entry.ref} ${entry.title} (p. ${pageOf(entry.ref)})`, { font: 'bold', size: 9.5, indent: 14, link: entry.ref })
        w.text(entry.statement || 'No statement.', { size: 9.5, indent: 26 })
        w.text(verificationText(entry.verification), { font: 'italic', size: 9, color: COLORS.muted, indent: 26, after: 4 })
      }
    }
  }

  // 4. Cross-reference grid
  startSection('grid')
  outline.push({ title: SECTION_TITLES.grid, page: w.page, children: [] })
  grid(w, summary, pageOf)

  // 5. Every item in full, then its attachments
  const evidence: OutlineEntry = { title: 'Evidence', page: 0, children: [] }
  outline.push(evidence)
  const areaText = new Map(snapshot.framework.domains.flatMap((d) => d.areas.map((a) => [a.code, a.text] as const)))
  for (const item of snapshot.items) {
    w.newPage()
    found.itemStart[item.ref] = w.page
    if (evidence.page === 0) {
      evidence.page = w.page
      found.sections.items = w.page
    }
    evidence.children.push({ title: `${item.ref} ${item.title}`, page: w.page, children: [] })
    itemPages(w, item, areaText)
    for (const attachment of item.attachments) attachmentPages(w, item, attachment, input.attachments.get(attachment.sha256) ?? { kind: 'missing' })
  }
  if (evidence.page === 0) evidence.page = w.page

  found.total = w.pages.length
  return { plan: { pages: w.pages, itemStartPages: found.itemStart, outline }, found }
}

function verificationText(verification: { mentorName: string; verifiedAt: string } | null): string {
  return verification ? `Verified by ${verification.mentorName} on ${formatDay(verification.verifiedAt)}` : 'Not verified'
}

function coverPage(w: Writer, input: LayoutInput, summary: PortfolioSummaryModel, numbers: Numbers): void {
  const { snapshot, hash } = input
  w.text('ATTAIN · SUBMITTED PORTFOLIO', { font: 'bold', size: 9, color: COLORS.muted, after: 14 })
  w.text('Portfolio for registration as a Clinical Scientist', { font: 'bold', size: 22, after: 10 })
  w.text(snapshot.trainee.name, { font: 'bold', size: 16, after: 18 })

  const { target, limit } = summary.pages
  w.field('Specialism', snapshot.trainee.specialism)
  w.field('Employer', snapshot.trainee.employer)
  w.field(snapshot.mentors.length === 1 ? 'Mentor' : 'Mentors', snapshot.mentors.map((m) => m.name).join(', ') || 'None linked')
  w.field('Framework', `${snapshot.framework.title}, version ${snapshot.framework.version}`)
  w.field('Submission', `Number ${snapshot.number}, submitted ${formatDay(snapshot.submittedAt)}`)
  w.field('Length', pageCountSentence(numbers.total, target, limit), { font: pageStatus(numbers.total, target, limit) === 'within' ? 'regular' : 'bold' })
  w.field(
    'Evidence',
    `${plural(summary.totals.items, 'item')}; ${plural(summary.totals.claims, 'claim')} on areas of competence, ${summary.totals.verifiedClaims.toLocaleString('en-GB')} verified by a mentor`,
  )
  w.field(
    'Coverage',
    `${snapshot.coverage.summary.areasEvidenced} of ${snapshot.coverage.summary.areasTotal} areas evidenced, ${snapshot.coverage.summary.areasVerified} verified`,
  )
  w.field('Snapshot SHA-256', hash, { font: 'mono', size: 8.5 })
  w.y -= 10

  w.heading('Mentor declaration', 3)
  w.text(snapshot.declaration.text, { size: 9.5, after: 3 })
  w.text(`Signed by ${snapshot.declaration.mentorName} on ${formatDay(snapshot.declaration.signedAt)}`, { font: 'italic', size: 9.5, color: COLORS.muted, after: 12 })

  w.heading('Contents', 3)
  const sections = numbers.sections
  for (const key of Object.keys(SECTION_TITLES) as SectionKey[]) {
    if (key === 'items' && snapshot.items.length === 0) continue
    w.contentsLine(SECTION_TITLES[key], sections[key] ?? 0)
  }
  w.y -= 8
  w.text(
    'The portfolio as submitted: its content is fixed, and the SHA-256 above identifies it. Page numbers in the area lists and the grid lead to where each item starts.',
    { size: 8.5, color: COLORS.muted },
  )
}

/**
 * Areas (rows, grouped by domain) against items (columns), in blocks of
 * `GRID_COLUMNS_PER_BLOCK` items; a cell holds the page where the item
 * starts, shaded when a mentor verified the claim.
 */
function grid(w: Writer, summary: PortfolioSummaryModel, pageOf: (ref: string) => number): void {
  const legend =
    'Rows are areas of competence, columns are evidence items. A number is the page where that item starts (it links there): shaded, the claim was verified by a mentor; unshaded, claimed but not verified. An empty cell: the item does not claim the area.'
  w.text(legend, { size: 9, color: COLORS.muted, after: 8 })

  const { columns, groups } = summary.grid
  const labelWidth = WIDTH - GRID_COLUMNS_PER_BLOCK * 18
  const cellWidth = 18
  const rowHeight = 11
  const bandHeight = 12.5
  const headerHeight = 14
  const codeWidth = 27

  for (let start = 0; start < Math.max(columns.length, 1); start += GRID_COLUMNS_PER_BLOCK) {
    const block = columns.slice(start, start + GRID_COLUMNS_PER_BLOCK)
    const tableRight = LEFT + labelWidth + block.length * cellWidth
    const title = block.length === 0 ? 'No evidence items' : `Items ${block[0]?.ref}–${block[block.length - 1]?.ref}`
    if (start > 0) w.newPage()
    // Column rules run through the header and area rows, not across the domain bands.
    let runTop: number | null = null
    const runs: [number, number][] = []
    const startRun = () => {
      runTop ??= w.y
    }
    const endRun = () => {
      if (runTop !== null && runTop > w.y) runs.push([runTop, w.y])
      runTop = null
    }
    const closeSegment = () => {
      endRun()
      for (const [top, bottom] of runs.splice(0)) {
        for (let c = 0; c <= block.length; c++) {
          const x = LEFT + labelWidth + c * cellWidth
          w.draw({ kind: 'line', x1: x, y1: top, x2: x, y2: bottom, color: COLORS.rule, thickness: 0.4 })
        }
      }
    }
    const header = (continued: boolean) => {
      w.heading(continued ? `${title} (continued)` : title, 3, headerHeight + bandHeight + rowHeight * 3)
      startRun()
      w.draw({ kind: 'rect', x: LEFT, y: w.y - headerHeight, width: tableRight - LEFT, height: headerHeight, fill: COLORS.band })
      w.draw({ kind: 'text', x: LEFT + 3, y: w.y - 10, text: 'Area', font: 'bold', size: 7, color: COLORS.text })
      block.forEach((column, c) => {
        const x = LEFT + labelWidth + c * cellWidth
        const label = toWinAnsi(column.ref)
        w.draw({ kind: 'text', x: x + (cellWidth - w.width(label, 'bold', 6.5)) / 2, y: w.y - 10, text: label, font: 'bold', size: 6.5, color: COLORS.text })
        w.draw({ kind: 'link', x, y: w.y - headerHeight, width: cellWidth, height: headerHeight, ref: column.ref })
      })
      w.y -= headerHeight
    }
    const row = (height: number) => {
      if (w.room() < height) {
        closeSegment()
        w.newPage()
        header(true)
      }
    }

    header(false)
    for (const group of groups) {
      row(bandHeight + rowHeight)
      endRun()
      w.draw({ kind: 'rect', x: LEFT, y: w.y - bandHeight, width: tableRight - LEFT, height: bandHeight, fill: COLORS.band })
      const domainNumber = summary.domains.find((d) => d.key === group.key)?.number
      const band = toWinAnsi(domainNumber === undefined ? group.title : `Domain ${domainNumber}: ${group.title}`)
      w.draw({ kind: 'text', x: LEFT + 3, y: w.y - 9, text: band, font: 'bold', size: 7.5, color: COLORS.text })
      w.y -= bandHeight
      for (const area of group.rows) {
        row(rowHeight)
        startRun()
        const baseline = w.y - 8
        w.draw({ kind: 'text', x: LEFT + 3, y: baseline, text: toWinAnsi(area.code), font: 'bold', size: 6.5, color: COLORS.text })
        const text = truncateToWidth(toWinAnsi(area.text), labelWidth - codeWidth - 4, (s) => w.width(s, 'regular', 6))
        w.draw({ kind: 'text', x: LEFT + codeWidth, y: baseline, text, font: 'regular', size: 6, color: COLORS.muted })
        block.forEach((column, c) => {
          const mark: ClaimMark = area.cells[start + c] ?? null
          if (mark === null) return
          const x = LEFT + labelWidth + c * cellWidth
          if (mark === 'verified') w.draw({ kind: 'rect', x, y: w.y - rowHeight, width: cellWidth, height: rowHeight, fill: COLORS.verified })
          const number = String(pageOf(column.ref))
          const font: FontKey = mark === 'verified' ? 'bold' : 'regular'
          w.draw({ kind: 'text', x: x + (cellWidth - w.width(number, font, 6.5)) / 2, y: baseline, text: number, font, size: 6.5, color: COLORS.text })
          w.draw({ kind: 'link', x, y: w.y - rowHeight, width: cellWidth, height: rowHeight, ref: column.ref })
        })
        w.y -= rowHeight
        w.draw({ kind: 'line', x1: LEFT, y1: w.y, x2: tableRight, y2: w.y, color: COLORS.rule, thickness: 0.3 })
      }
    }
    closeSegment()
    w.y -= 8
    if (start > 0 && w.room() > 30) {
      w.text('Numbers are the pages where items start; shaded: verified by a mentor; unshaded: claimed, not verified.', { size: 8, color: COLORS.muted })
    }
  }
}

const ROLE_LABELS: Record<SnapshotItem['role'], string> = {
  led: 'Led the work',
  contributed: 'Contributed to the work',
  observed: 'Observed the work',
}

function mediaLabel(mediaType: string): string {
  return isAcceptedMediaType(mediaType) ? describeMediaType(mediaType) : mediaType
}

function itemPages(w: Writer, item: SnapshotItem, areaText: ReadonlyMap<string, string>): void {
  w.heading(`${item.ref} · ${item.title}`, 1)
  const dates = item.activityEnd && item.activityEnd !== item.activityStart ? `${formatDay(item.activityStart)} to ${formatDay(item.activityEnd)}` : formatDay(item.activityStart)
  w.field(item.activityEnd && item.activityEnd !== item.activityStart ? 'Dates' : 'Date', dates)
  w.field('Type', item.evidenceTypeLabel)
  w.field('Role', ROLE_LABELS[item.role])
  w.y -= 6

  w.heading('Description', 3)
  if (item.description.trim()) w.markdown(item.description)
  else w.text('No description.', { font: 'italic', color: COLORS.muted, after: 4 })

  w.heading('Reflection', 3)
  if (item.reflection.trim()) w.markdown(item.reflection)
  else w.text('No reflection.', { font: 'italic', color: COLORS.muted, after: 4 })

  w.heading('Claims', 3)
  if (item.claims.length === 0) w.text('This item claims no area of competence.', { font: 'italic', color: COLORS.muted, after: 4 })
  for (const claim of item.claims) {
    w.ensure(40)
    const text = areaText.get(claim.areaCode)
    w.text(text ? `${claim.areaCode}  ${text}` : claim.areaCode, { font: 'bold', size: 9.5, after: 1 })
    w.text(claim.statement || 'No statement.', { size: 9.5, indent: 14 })
    if (claim.competencies.length > 0) w.text(`Also names: ${claim.competencies.join(', ')}`, { size: 9, color: COLORS.muted, indent: 14 })
    w.text(verificationText(claim.verification), { font: 'italic', size: 9, color: COLORS.muted, indent: 14, after: 5 })
  }

  if (item.assessorComments.length > 0) {
    w.heading('Comments for the assessor', 3)
    for (const comment of item.assessorComments) {
      w.ensure(30)
      const about = comment.areaCode ? `on ${comment.areaCode}` : 'on the whole item'
      w.text(`${comment.authorName}, ${formatDay(comment.createdAt)}, ${about}:`, { font: 'bold', size: 9.5, after: 1 })
      w.markdown(comment.body, 14)
    }
  }

  w.heading('Attachments', 3)
  if (item.attachments.length === 0) w.text('No attachments.', { font: 'italic', color: COLORS.muted })
  for (const attachment of item.attachments) {
    const facts = `${mediaLabel(attachment.mediaType)}, ${formatBytes(attachment.size)}, ${plural(attachment.pageCount, 'page')}`
    w.listItem('•', `${attachment.originalName} (${facts})`, 0)
  }
}

function attachmentPages(w: Writer, item: SnapshotItem, attachment: SnapshotAttachment, content: AttachmentContent): void {
  const label = `${item.ref} attachment: ${attachment.originalName}`
  const caption = () => {
    w.newPage()
    w.heading(label, 2, 20)
    w.text(`${mediaLabel(attachment.mediaType)}, ${formatBytes(attachment.size)}`, { size: 9, color: COLORS.muted, after: 10 })
  }
  const notice = (message: string) => {
    caption()
    w.text(message, { size: 10.5 })
  }

  switch (content.kind) {
    case 'pdf':
      for (let index = 0; index < content.pages; index++) {
        w.addAttachmentPage({ kind: 'attachment', sha256: attachment.sha256, index, label: `${label}, page ${index + 1} of ${content.pages}` })
      }
      return
    case 'image': {
      caption()
      const boxWidth = WIDTH
      const boxHeight = w.room()
      // Scaled down to fit the page; small images are enlarged at most twice, so they stay sharp enough.
      const scale = Math.min(boxWidth / content.width, boxHeight / content.height, 2)
      const width = content.width * scale
      const height = content.height * scale
      w.draw({ kind: 'image', sha256: attachment.sha256, x: LEFT + (boxWidth - width) / 2, y: w.y - height, width, height })
      w.y -= height
      return
    }
    case 'text': {
      caption()
      const firstPage = w.page
      // Only the start of a long file can fit in the pages allowed: wrapping all of a large file would be wasted work.
      const start = content.text.slice(0, TEXT_ATTACHMENT_MAX_CHARS).replace(/\r\n?/g, '\n').replace(/^\ufeff/, '')
      const lines = w.lines(start.split('\n').slice(0, TEXT_ATTACHMENT_MAX_LINES).join('\n'), WIDTH, 'mono', 8)
      const leading = 8 * 1.3
      for (let i = 0; i < lines.length; i++) {
        const lastPage = w.page - firstPage + 1 >= TEXT_ATTACHMENT_MAX_PAGES
        if (lastPage && i < lines.length - 1 && w.room() < leading + 14) {
          w.text('The rest of this file is in the submission’s export.', { font: 'italic', size: 9, color: COLORS.muted })
          return
        }
        w.ensure(leading)
        const line = lines[i] ?? ''
        if (line) w.draw({ kind: 'text', x: LEFT, y: w.y - 8, text: line, font: 'mono', size: 8, color: COLORS.text })
        w.y -= leading
      }
      return
    }
    case 'missing':
      notice('This file was not in the file store when this PDF was made, so it could not be included here.')
      return
    case 'unreadable':
      notice(
        attachment.mediaType === 'application/pdf'
          ? 'This PDF could not be included: it could not be read, or it is protected by a password. The file itself is in the submission’s export.'
          : 'This image could not be included: it could not be read. The file itself is in the submission’s export.',
      )
      return
    case 'not-printable':
      notice(`A file of this type cannot be shown in a PDF. It is in the submission’s export (${plural(attachment.pageCount, 'page')}).`)
      return
  }
}
