/**
 * The summary PDF of a 40-item portfolio, made once and read back with
 * poppler's tools (pdftoppm, pdftotext, pdftohtml; `.ci/run` installs them
 * with the browser): page count, footers, the grid's page numbers against
 * where items really start, attachment pages, bookmarks.
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
  return text.replace(/\s+/g, ' ').trim()
}

beforeAll(async () => {
  t = createTestDb()
  ;({ submission, pdf: { bytes, ...stored } } = await submittedPortfolio(t.db, t.dir, { items: 40, now: NOW }))
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
  it('has as many pages as reported, each saying "Page n of N"', () => {
    const pngDir = path.join(t.dir, 'png')
    mkdirSync(pngDir)
    poppler('pdftoppm', ['-r', '20', '-png', pdfFile, path.join(pngDir, 'page')])
    expect(readdirSync(pngDir).filter((f) => f.endsWith('.png'))).toHaveLength(stored.pages)
    expect(texts).toHaveLength(stored.pages)
    texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${stored.pages}`))
    texts.forEach((text) => expect(text).toContain(`Alex Morgan · Submission 1 · ${submission.snapshotSha256.slice(0, 12)}`))
  })

  it('records the PDF and its page count on the submission', () => {
    const row = getSubmission(t.db, submission.id)!
    expect(row.pdfSha256).toBe(stored.sha256)
    expect(row.pdfPages).toBe(stored.pages)
  })

  it('states the page count against the limits on the cover, with the snapshot’s full SHA-256', () => {
    const { target, limit } = submission.snapshot.coverage.summary.pages
    const cover = squash(texts[0]!)
    expect(cover).toContain('Portfolio for registration as a Clinical Scientist')
    expect(cover).toContain(pageCountSentence(stored.pages, target, limit))
    expect(cover).toContain(submission.snapshotSha256)
    expect(cover).toContain('Number 1, submitted 3 March 2026')
  })

  it('starts every item on a page of its own with its heading', () => {
    expect(Object.keys(headingPages)).toHaveLength(40)
    const pages = submission.snapshot.items.map((item) => headingPages[item.ref]!)
    expect(pages).toEqual([...pages].sort((a, b) => a - b))
  })

  it('cites in the grid, for every claim, the page where the claiming item starts', () => {
    const outline = readOutline()
    const gridStart = outline.find((e) => e.title === 'Cross-reference grid')!.page
    const gridEnd = outline.find((e) => e.title === 'Evidence')!.page - 1
    expect(gridEnd - gridStart + 1).toBeGreaterThanOrEqual(2)

    const areaCodes = new Set(submission.snapshot.framework.domains.flatMap((d) => d.areas.map((a) => a.code)))
    const cited = new Map<string, number>()
    for (let page = gridStart; page <= gridEnd; page++) {
      const html = poppler('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdfFile, '-'])
      const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x: (Number(m[1]) + Number(m[3])) / 2,
        y: (Number(m[2]) + Number(m[4])) / 2,
        text: m[5]!.replace(/&amp;/g, '&'),
      }))
      const columns = words.filter((w) => /^E\d+$/.test(w.text))
      const rows = words.filter((w) => areaCodes.has(w.text) && w.x < 150)
      const body = words.filter((w) => /^\d+$/.test(w.text) && w.y < 780 && w.x > 150)
      expect(columns.length).toBeGreaterThan(0)
      for (const number of body) {
        const column = columns.reduce((a, b) => (Math.abs(b.x - number.x) < Math.abs(a.x - number.x) ? b : a))
        const row = rows.find((r) => Math.abs(r.y - number.y) < 3)
        expect(Math.abs(column.x - number.x)).toBeLessThan(9)
        expect(row, `row of ${number.text} on page ${page}`).toBeDefined()
        cited.set(`${row!.text}|${column.text}`, Number(number.text))
      }
    }

    const claims = submission.snapshot.items.flatMap((item) => item.claims.map((c) => `${c.areaCode}|${item.ref}`))
    expect([...cited.keys()].sort()).toEqual([...new Set(claims)].sort())
    for (const [key, page] of cited) expect(page, key).toBe(headingPages[key.split('|')[1]!])
    // What `pdftotext -f p -l p` shows for each page the grid cites starts that item's section.
    for (const item of submission.snapshot.items) {
      const page = String(cited.get(`${item.claims[0]?.areaCode}|${item.ref}`))
      expect(poppler('pdftotext', ['-f', page, '-l', page, '-layout', pdfFile, '-']).trimStart().startsWith(`${item.ref} · ${item.title}`)).toBe(true)
    }
  })

  it('cites the same pages in the area lists', () => {
    const cited = texts.flatMap((text) => [...text.matchAll(/(E\d+) Evidence item \d+: [^\n(]+\(p\. (\d+)\)/g)].map((m) => [m[1]!, Number(m[2])] as const))
    const claims = submission.snapshot.items.reduce((n, item) => n + item.claims.length, 0)
    expect(cited).toHaveLength(claims)
    for (const [ref, page] of cited) expect(page).toBe(headingPages[ref])
  })

  it('copies each PDF attachment’s pages in right after its item', () => {
    let checked = 0
    for (const item of submission.snapshot.items) {
      const n = Number(/^Evidence item (\d+):/.exec(item.title)?.[1])
      const attachment = item.attachments.find((a) => a.mediaType === 'application/pdf')
      if (!attachment) continue
      const start = headingPages[item.ref]!
      const next = headingPages[`E${Number(item.ref.slice(1)) + 1}`] ?? stored.pages + 1
      const pages = Array.from({ length: attachment.pageCount }, (_, k) => texts.findIndex((text) => text.includes(`Item ${n} - attachment page ${k + 1} of ${attachment.pageCount}`)) + 1)
      expect(pages[0]).toBeGreaterThan(start)
      pages.forEach((page, k) => {
        expect(page).toBe(pages[0]! + k)
        expect(page).toBeLessThan(next)
        expect(texts[page - 1]).toContain(`${item.ref} attachment: ${attachment.originalName}, page ${k + 1} of ${attachment.pageCount}`)
      })
      checked++
    }
    expect(checked).toBe(10)
  })

  it('places each image on a page of its own within its item', () => {
    const images = submission.snapshot.items.flatMap((item) => item.attachments.filter((a) => a.mediaType === 'image/png').map((a) => ({ item, a })))
    expect(images).toHaveLength(5)
    for (const { item, a } of images) {
      const page = texts.findIndex((text) => text.trimStart().startsWith(`${item.ref} attachment: ${a.originalName}`)) + 1
      expect(page).toBeGreaterThan(headingPages[item.ref]!)
    }
  })

  it('has bookmarks: cover, statement, each domain, the grid, and every item under Evidence', () => {
    const outline = readOutline()
    const domains = submission.snapshot.framework.domains.map((d) => `Domain ${d.number}: ${d.title}`)
    expect(outline.map((e) => e.title)).toEqual(['Cover', 'Summary statement', ...domains, 'Cross-reference grid', 'Evidence'])
    expect(outline[0]!.page).toBe(1)
    expect(texts[outline[1]!.page - 1]!.trimStart().startsWith('Summary statement')).toBe(true)
    for (const entry of outline.filter((e) => e.title.startsWith('Domain '))) expect(texts[entry.page - 1]).toContain(entry.title)
    const evidence = outline.at(-1)!
    expect(evidence.children.map((c) => [c.title, c.page])).toEqual(submission.snapshot.items.map((item) => [`${item.ref} ${item.title}`, headingPages[item.ref]]))
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

