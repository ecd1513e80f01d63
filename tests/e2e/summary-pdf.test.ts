/**
 * The summary PDF of a 40-item submitted portfolio, made once and read back
 * with poppler's tools (pdftoppm, pdftotext, pdftohtml, pdffonts; `.ci/run`
 * installs them with the browser): text exactly as typed, tables as tables,
 * embedded fonts, page count and footers, and every page number the index,
 * the area lists, the grid and the items cite against where things really
 * start; attachment pages and bookmarks.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getSubmission, type Submission } from '../../app/models/submission.server'
import { pageCountSentence } from '../../app/submission/pdf-text'
import { submittedPortfolio } from '../support/submitted-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'
import { TIMEOUTS } from './timeouts'

const NOW = new Date('2026-03-03T10:00:00Z')
const SENTENCE =
  'Output 2×10⁹ Bq ± 3 % at 20 °C; dose ≤ 0.5 mSv; μ = 0.2 cm⁻¹; Δ = 1.5 mm; Llŷr, Łukasz, Nguyễn checked σ, β⁻, ⁹⁹ᵐTc, H₂O.'
const TABLE =
  '| Quantity | Measured | Tolerance |\n|---|---:|---|\n| Output | 1.012 | ± 2 % |\n| Energy ratio | 0.667 | ± 1 % |'

let t: TestDb
let submission: Submission
let stored: { sha256: string; pages: number }
let bytes: Buffer
let pdfFile: string
/** Each page's text (pdftotext -layout), page 1 first. */
let texts: string[]
/** Item ref → the page whose text starts with its heading "E12 · Title". */
const headingPages: Record<string, number> = {}

function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

function squash(text: string): string {
  // A soft hyphen where Typst hyphenated a word at a line end joins the word again.
  return text
    .replace(/\u00ad\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

interface Word {
  x: number
  y: number
  text: string
}

function pageWords(page: number): Word[] {
  const html = poppler('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdfFile, '-'])
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({
    x: (Number(m[1]) + Number(m[3])) / 2,
    y: (Number(m[2]) + Number(m[4])) / 2,
    text: m[5]!.replace(/&amp;/g, '&'),
  }))
}

beforeAll(async () => {
  t = createTestDb()
  ;({
    submission,
    pdf: { bytes, ...stored },
  } = await submittedPortfolio(t.db, t.dir, {
    items: 40,
    now: NOW,
    descriptions: { 0: `${SENTENCE}\n\n${TABLE}` },
  }))
  pdfFile = path.join(t.dir, 'summary.pdf')
  writeFileSync(pdfFile, bytes)
  texts = poppler('pdftotext', ['-layout', pdfFile, '-']).split('\f').slice(0, -1)
  for (const item of submission.snapshot.items) {
    const page = texts.findIndex((text) => text.trimStart().startsWith(`${item.ref} · ${item.title}`))
    if (page >= 0) headingPages[item.ref] = page + 1
  }
}, TIMEOUTS.test)

afterAll(() => t.cleanup())

describe('the summary PDF of a 40-item portfolio', () => {
  it('prints what the trainee typed exactly, and their Markdown table as a table', () => {
    const item = submission.snapshot.items.find((i) => i.description.startsWith(SENTENCE))!
    const page = headingPages[item.ref]!
    const plain = poppler('pdftotext', ['-f', String(page), '-l', String(page), pdfFile, '-'])
    expect(squash(plain)).toContain(SENTENCE)

    // The cells line up in three columns, one row per table row.
    const words = pageWords(page)
    const header = words.find((w) => w.text === 'Quantity')!
    const at = (text: string, y: number) => words.find((w) => w.text === text && Math.abs(w.y - y) < 2)
    const rows = [
      ['Quantity', 'Measured', 'Tolerance'],
      ['Output', '1.012', '±'],
      ['Energy', '0.667', '±'],
    ].map(([first, ...rest]) => {
      const start = words.find((w) => w.text === first && w.y >= header.y - 1)!
      return [start, ...rest.map((text) => at(text!, start.y))]
    })
    for (const row of rows) for (const cell of row) expect(cell).toBeDefined()
    for (let column = 1; column < 3; column++) {
      expect(rows[1]![column]!.x).toBeGreaterThan(rows[1]![column - 1]!.x + 20)
      expect(Math.abs(rows[1]![column]!.x - rows[2]![column]!.x)).toBeLessThan(12)
    }
    expect(rows[0]![0]!.y).toBeLessThan(rows[1]![0]!.y)
    expect(rows[1]![0]!.y).toBeLessThan(rows[2]![0]!.y)
  })

  it('embeds every font of its own pages (attachment pages keep the fonts their files have)', () => {
    // Up to E2's first page: the cover, contents, index, statement, area lists, grid and E1, before any attachment.
    const lines = poppler('pdffonts', ['-l', String(headingPages.E2), pdfFile])
      .trim()
      .split('\n')
      .slice(2)
    expect(lines.some((line) => /DejaVuSans-Bold/.test(line))).toBe(true)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/)
  })

  it('has as many pages as reported, each saying "Page n of N"', () => {
    const pngDir = path.join(t.dir, 'png')
    mkdirSync(pngDir)
    poppler('pdftoppm', ['-r', '20', '-png', pdfFile, path.join(pngDir, 'page')])
    expect(readdirSync(pngDir).filter((f) => f.endsWith('.png'))).toHaveLength(stored.pages)
    expect(texts).toHaveLength(stored.pages)
    texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${stored.pages}`))
    texts.forEach((text) =>
      expect(text).toContain(`Alex Morgan · Submission 1 · ${submission.snapshotSha256.slice(0, 12)}`),
    )
  })

  it('records the PDF and its page count on the submission', () => {
    const row = getSubmission(t.db, submission.id)!
    expect(row.pdfSha256).toBe(stored.sha256)
    expect(row.pdfPages).toBe(stored.pages)
  })

  it('states the page count against the limits on the cover, with the snapshot’s full SHA-256 and the declaration', () => {
    const { target, limit } = submission.snapshot.coverage.summary.pages
    const cover = squash(texts[0]!)
    expect(cover).toContain('Portfolio for registration as a Clinical Scientist')
    expect(cover).toContain(pageCountSentence(stored.pages, target, limit))
    expect(cover).toContain(submission.snapshotSha256)
    expect(cover).toContain('Number 1, submitted 3 March 2026')
    expect(cover).toContain(`Mentor declaration ${squash(submission.snapshot.declaration.text)}`)
  })

  it('starts every item on a page of its own with its heading, and no page says only “No attachments”', () => {
    expect(Object.keys(headingPages)).toHaveLength(40)
    const pages = submission.snapshot.items.map((item) => headingPages[item.ref]!)
    expect(pages).toEqual([...pages].sort((a, b) => a - b))
    for (const text of texts) expect(text).not.toContain('No attachments')
  })

  it('prints the summary statement heading once', () => {
    expect(texts.join('\n').match(/^\s*Summary statement\s*$/gm)).toHaveLength(1)
  })

  it('cites in the grid, for every claim, the page where the claiming item starts, verified claims with ✓', () => {
    const outline = readOutline()
    const gridStart = outline.find((e) => e.title === 'Cross-reference grid')!.page
    const gridEnd = outline.find((e) => e.title === 'Evidence items')!.page - 1
    expect(gridEnd - gridStart + 1).toBeGreaterThanOrEqual(2)

    const areaCodes = new Set(submission.snapshot.framework.domains.flatMap((d) => d.areas.map((a) => a.code)))
    const cited = new Map<string, number>()
    const marks: string[] = []
    for (let page = gridStart; page <= gridEnd; page++) {
      const words = pageWords(page)
      const headers = words.filter((w) => w.text === 'Area')
      // The names of the last table's items may run onto a page of their own.
      if (headers.length === 0) continue
      const columns = words.filter((w) => /^E\d+$/.test(w.text) && headers.some((h) => Math.abs(h.y - w.y) < 2))
      const rows = words.filter((w) => areaCodes.has(w.text))
      const rowsRight = Math.max(...rows.map((r) => r.x))
      const body = words.filter(
        (w) => /^\d+$/.test(w.text) && w.x > rowsRight + 10 && rows.some((r) => Math.abs(r.y - w.y) < 3),
      )
      for (const number of body) {
        const header = headers.filter((h) => h.y < number.y).reduce((a, b) => (b.y > a.y ? b : a))
        const column = columns
          .filter((c) => Math.abs(c.y - header.y) < 2)
          .reduce((a, b) => (Math.abs(b.x - number.x) < Math.abs(a.x - number.x) ? b : a))
        const row = rows.find((r) => Math.abs(r.y - number.y) < 3)!
        expect(Math.abs(column.x - number.x)).toBeLessThan(12)
        cited.set(`${row.text}|${column.text}`, Number(number.text))
        const mark = words.filter((w) => Math.abs(w.y - number.y) < 2 && w.x < number.x && number.x - w.x < 12).pop()
        marks.push(mark?.text ?? '')
      }
    }

    const claims = submission.snapshot.items.flatMap((item) => item.claims.map((c) => `${c.areaCode}|${item.ref}`))
    expect([...cited.keys()].sort()).toEqual([...new Set(claims)].sort())
    for (const [key, page] of cited) expect(page, key).toBe(headingPages[key.split('|')[1]!])
    // Every claim of this portfolio is verified, so every cell carries the symbol, not only a tint.
    expect(new Set(marks)).toEqual(new Set(['✓']))
    // What `pdftotext -f p -l p` shows for each page the grid cites starts that item's section.
    for (const item of submission.snapshot.items) {
      const page = String(cited.get(`${item.claims[0]?.areaCode}|${item.ref}`))
      expect(
        poppler('pdftotext', ['-f', page, '-l', page, '-layout', pdfFile, '-'])
          .trimStart()
          .startsWith(`${item.ref} · ${item.title}`),
      ).toBe(true)
    }
  })

  it('cites the same pages in the area lists, and each item points back to the page listing its claim', () => {
    const outline = readOutline()
    const from = outline.find((e) => e.title === 'Evidence by area of competence')!.page
    const to = outline.find((e) => e.title === 'Cross-reference grid')!.page - 1
    const cited = texts
      .slice(from - 1, to)
      .flatMap((text) =>
        [...text.matchAll(/(E\d+) Evidence item \d+: [^\n(]+\(p\.\s(\d+)\)/g)].map(
          (m) => [m[1]!, Number(m[2])] as const,
        ),
      )
    const claims = submission.snapshot.items.reduce((n, item) => n + item.claims.length, 0)
    expect(cited).toHaveLength(claims)
    for (const [ref, page] of cited) expect(page).toBe(headingPages[ref])

    for (const item of submission.snapshot.items) {
      const text = squash(texts[headingPages[item.ref]! - 1]!)
      for (const claim of item.claims) {
        const page = Number(new RegExp(`${claim.areaCode.replace('&', '&')} ✓ verified, p\\. (\\d+)`).exec(text)?.[1])
        expect(page, `${item.ref} ${claim.areaCode}`).toBeGreaterThan(0)
        expect(squash(texts[page - 1]!)).toContain(`${item.ref} ${item.title} (p. ${headingPages[item.ref]})`)
      }
    }
  })

  it('lists every item in the index of evidence with the page it starts on and how many pages it runs to', () => {
    const index = texts.filter((text) => /^\s*Index of evidence/.test(text) || /^\s*Ref\s+Title/m.test(text)).join('\n')
    const rows = [...index.matchAll(/^\s*(E\d+)\s.*?\s(\d+)\s+(\d+)\s*$/gm)].map(
      (m) => [m[1]!, Number(m[2]), Number(m[3])] as const,
    )
    expect(rows.map((r) => r[0])).toEqual(submission.snapshot.items.map((i) => i.ref))
    rows.forEach(([ref, page, count], i) => {
      expect(page, ref).toBe(headingPages[ref])
      expect(count, ref).toBe((headingPages[`E${i + 2}`] ?? stored.pages + 1) - page)
    })
  })

  it('copies each PDF attachment’s pages in right after its item, with its label and page number', () => {
    let checked = 0
    for (const item of submission.snapshot.items) {
      const n = Number(/^Evidence item (\d+):/.exec(item.title)?.[1])
      const attachment = item.attachments.find((a) => a.mediaType === 'application/pdf')
      if (!attachment) continue
      const start = headingPages[item.ref]!
      const next = headingPages[`E${Number(item.ref.slice(1)) + 1}`] ?? stored.pages + 1
      const pages = Array.from(
        { length: attachment.pageCount },
        (_, k) =>
          texts.findIndex((text) => text.includes(`Item ${n} - attachment page ${k + 1} of ${attachment.pageCount}`)) +
          1,
      )
      expect(pages[0]).toBeGreaterThan(start)
      pages.forEach((page, k) => {
        expect(page).toBe(pages[0]! + k)
        expect(page).toBeLessThan(next)
        expect(texts[page - 1]).toContain(
          `${item.ref} attachment: ${attachment.originalName}, page ${k + 1} of ${attachment.pageCount}`,
        )
        expect(texts[page - 1]).toContain(`Page ${page} of ${stored.pages}`)
      })
      checked++
    }
    expect(checked).toBe(10)
  })

  it('places each image within its item', () => {
    const images = submission.snapshot.items.flatMap((item) =>
      item.attachments.filter((a) => a.mediaType === 'image/png').map((a) => ({ item, a })),
    )
    expect(images).toHaveLength(5)
    for (const { item, a } of images) {
      const page = texts.findIndex((text) => text.includes(`${item.ref} attachment: ${a.originalName}`)) + 1
      expect(page).toBeGreaterThanOrEqual(headingPages[item.ref]!)
      expect(page).toBeLessThan(headingPages[`E${Number(item.ref.slice(1)) + 1}`] ?? stored.pages + 1)
    }
  })

  it('has bookmarks: cover, the record, contents, index, statement, each domain, the grid, and every item', () => {
    const outline = readOutline()
    expect(outline.map((e) => e.title)).toEqual([
      'Cover',
      'Experience and training',
      'Contents',
      'Index of evidence',
      'Summary statement',
      'Evidence by area of competence',
      'Cross-reference grid',
      'Evidence items',
    ])
    expect(outline[0]!.page).toBe(1)
    // The experience and training record is the page right after the cover.
    expect(outline[1]!.page).toBe(2)
    for (const entry of outline.slice(1, 6))
      expect(texts[entry.page - 1]!.trimStart().startsWith(entry.title)).toBe(true)
    const domains = submission.snapshot.framework.domains.map((d) => `Domain ${d.number}: ${d.title}`)
    const areas = outline.find((e) => e.title === 'Evidence by area of competence')!
    expect(areas.children.map((c) => c.title)).toEqual(domains)
    for (const entry of areas.children) expect(texts[entry.page - 1]).toContain(entry.title)
    const evidence = outline.at(-1)!
    expect(evidence.page).toBe(headingPages.E1)
    expect(evidence.children.map((c) => [c.title, c.page])).toEqual(
      submission.snapshot.items.map((item) => [`${item.ref} · ${item.title}`, headingPages[item.ref]]),
    )
  })
})

interface OutlineEntry {
  title: string
  page: number
  children: OutlineEntry[]
}

/** The outline as `pdftohtml -xml` prints it (nested <outline> lists of <item page="n">). */
function readOutline(): OutlineEntry[] {
  const xml = poppler('pdftohtml', ['-xml', '-stdout', '-i', '-q', pdfFile])
  const body = xml.slice(xml.indexOf('<outline>'), xml.lastIndexOf('</outline>') + '</outline>'.length)
  const root: OutlineEntry[] = []
  const stack: OutlineEntry[][] = []
  let current = root
  for (const m of body.matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') {
      stack.push(current)
      current = stack.length === 1 ? root : (current.at(-1)?.children ?? current)
    } else if (m[0] === '</outline>') {
      current = stack.pop() ?? root
    } else {
      current.push({ title: m[2]!.replace(/&amp;/g, '&'), page: Number(m[1]), children: [] })
    }
  }
  return root
}
