import { describe, expect, it } from 'vitest'
import {
  GRID_COLUMNS_PER_BLOCK,
  planSummaryPages,
  TEXT_ATTACHMENT_MAX_PAGES,
  type AttachmentContent,
  type DrawOp,
  type LayoutInput,
  type PagePlan,
  type PageSpec,
} from '../../app/submission/pdf-layout'
import { toWinAnsi } from '../../app/submission/pdf-text'
import type { PortfolioSnapshot } from '../../app/submission/snapshot'
import { makeAttachment, makeItem, makeSnapshot } from '../support/snapshot-fixture'

const HASH = 'ab'.repeat(32)
/** A monospaced stand-in for font metrics: half the size per character. */
const measure: LayoutInput['measure'] = (text, _font, size) => text.length * size * 0.5

function plan(snapshot: PortfolioSnapshot, attachments: Record<string, AttachmentContent> = {}): PagePlan {
  return planSummaryPages({ snapshot, hash: HASH, measure, attachments: new Map(Object.entries(attachments)) })
}

function texts(page: PageSpec | undefined): string[] {
  return page?.kind === 'content' ? page.ops.flatMap((op) => (op.kind === 'text' ? [op.text] : [])) : []
}

function allOps(p: PagePlan): { page: number; op: DrawOp }[] {
  return p.pages.flatMap((spec, i) => (spec.kind === 'content' ? spec.ops.map((op) => ({ page: i + 1, op })) : []))
}

function manyItems(n: number) {
  return Array.from({ length: n }, (_, i) => makeItem(i + 1))
}

describe('planSummaryPages', () => {
  it('starts every item on a new page headed "E12 · Title", and reports where', () => {
    const p = plan(makeSnapshot({ items: manyItems(5) }))
    for (const n of [1, 2, 3, 4, 5]) {
      const start = p.itemStartPages[`E${n}`]!
      expect(texts(p.pages[start - 1])[0]).toBe(`E${n} · Item number ${n}`)
    }
    const starts = Object.values(p.itemStartPages)
    expect(new Set(starts).size).toBe(5)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it('never leaves an item’s first page blank, however long its title', () => {
    const p = plan(makeSnapshot({ items: [makeItem(1, { title: 'word '.repeat(800) })] }))
    expect(texts(p.pages[p.itemStartPages.E1! - 1])[0]).toMatch(/^E1 · word word/)
    for (const spec of p.pages) expect(spec.kind === 'content' && spec.ops.length === 0).toBe(false)
  })

  it('prints the pages items start on in the area lists, and links those lines there', () => {
    const items = manyItems(30)
    items[0]!.description = Array.from({ length: 400 }, () => 'long').join(' ')
    const p = plan(makeSnapshot({ items }))
    const printed = allOps(p).flatMap(({ op }) => (op.kind === 'text' ? [/^(E\d+) Item number \d+ \(p\. (\d+)\)$/.exec(op.text)] : [])).filter((m) => m !== null)
    expect(printed.length).toBe(30)
    for (const m of printed) expect(Number(m[2])).toBe(p.itemStartPages[m[1]!])
    const links = allOps(p).filter(({ op }) => op.kind === 'link')
    expect(links.length).toBeGreaterThan(30)
  })

  it('fills each grid cell with the page its item starts on, linked to it, in blocks of 20 items', () => {
    const p = plan(makeSnapshot({ items: manyItems(45) }))
    const titles = allOps(p).flatMap(({ op }) => (op.kind === 'text' && /^Items E/.test(op.text) ? [op.text] : []))
    expect(titles).toEqual(['Items E1–E20', 'Items E21–E40', 'Items E41–E45'])
    expect(GRID_COLUMNS_PER_BLOCK).toBe(20)

    // In a cell: a link to the item, and inside its rectangle the item's start page.
    let cells = 0
    for (const spec of p.pages) {
      if (spec.kind !== 'content') continue
      for (const link of spec.ops) {
        if (link.kind !== 'link' || link.height !== 11) continue
        const inside = spec.ops.filter((op) => op.kind === 'text' && op.x >= link.x && op.x < link.x + link.width && op.y > link.y && op.y < link.y + link.height)
        expect(inside.map((op) => (op.kind === 'text' ? op.text : ''))).toEqual([String(p.itemStartPages[link.ref])])
        cells++
      }
    }
    expect(cells).toBe(45)
  })

  it('copies a PDF attachment’s pages in after its item, and labels them', () => {
    const pdf = makeAttachment('1'.repeat(64), 'application/pdf', 'report.pdf', 3)
    const items = [makeItem(1, { attachments: [pdf] }), makeItem(2)]
    const p = plan(makeSnapshot({ items }), { [pdf.sha256]: { kind: 'pdf', pages: 3 } })
    const start = p.itemStartPages.E1!
    const copied = p.pages.slice(start, start + 3)
    expect(copied).toEqual([0, 1, 2].map((index) => ({ kind: 'attachment', sha256: pdf.sha256, index, label: `E1 attachment: report.pdf, page ${index + 1} of 3` })))
    expect(p.itemStartPages.E2).toBe(start + 4)
  })

  it('gives an image a page of its own, scaled to fit', () => {
    const png = makeAttachment('2'.repeat(64), 'image/png', 'photo.png')
    const p = plan(makeSnapshot({ items: [makeItem(1, { attachments: [png] })] }), { [png.sha256]: { kind: 'image', width: 4000, height: 3000 } })
    const page = p.pages[p.itemStartPages.E1!]
    expect(texts(page)[0]).toBe('E1 attachment: photo.png')
    const image = page?.kind === 'content' ? page.ops.find((op) => op.kind === 'image') : undefined
    expect(image).toMatchObject({ kind: 'image', sha256: png.sha256 })
    if (image?.kind !== 'image') throw new Error('no image')
    expect(image.width).toBeLessThanOrEqual(596 - 100)
    expect(image.width / image.height).toBeCloseTo(4 / 3)
    expect(image.y).toBeGreaterThanOrEqual(60)
  })

  it('says so on a page of its own for a missing, unreadable or unprintable file', () => {
    const missing = makeAttachment('3'.repeat(64), 'application/pdf', 'gone.pdf')
    const broken = makeAttachment('4'.repeat(64), 'application/pdf', 'broken.pdf')
    const docx = makeAttachment('5'.repeat(64), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'notes.docx', 4)
    const p = plan(makeSnapshot({ items: [makeItem(1, { attachments: [missing, broken, docx] })] }), {
      [broken.sha256]: { kind: 'unreadable' },
      [docx.sha256]: { kind: 'not-printable' },
    })
    const start = p.itemStartPages.E1!
    const pages = p.pages.slice(start).map((page) => texts(page).join(' '))
    expect(pages).toHaveLength(3)
    expect(pages[0]).toMatch(/gone\.pdf.*not in the file store/)
    expect(pages[1]).toMatch(/broken\.pdf.*could not be included/)
    expect(pages[2]).toMatch(/notes\.docx.*Word document.*is in the submission’s export/)
  })

  it('prints a text attachment, up to a cap, however long the file', () => {
    const short = makeAttachment('6'.repeat(64), 'text/csv', 'data.csv')
    const long = makeAttachment('7'.repeat(64), 'text/plain', 'log.txt')
    const p = plan(makeSnapshot({ items: [makeItem(1, { attachments: [short, long] })] }), {
      [short.sha256]: { kind: 'text', text: '\ufeffdose,value\nSci1,2 μSv ≥ limit' },
      [long.sha256]: { kind: 'text', text: Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n') },
    })
    const huge = plan(makeSnapshot({ items: [makeItem(1, { attachments: [long] })] }), { [long.sha256]: { kind: 'text', text: 'x'.repeat(5_000_000) } })
    expect(huge.pages.length - huge.itemStartPages.E1!).toBe(TEXT_ATTACHMENT_MAX_PAGES)
    const start = p.itemStartPages.E1!
    expect(texts(p.pages[start])).toEqual(expect.arrayContaining(['dose,value', 'Sci1,2 µSv >= limit']))
    const rest = p.pages.slice(start + 1)
    expect(rest).toHaveLength(TEXT_ATTACHMENT_MAX_PAGES)
    expect(texts(rest.at(-1))).toContain('The rest of this file is in the submission’s export.')
  })

  it('states the PDF’s own page count against the limits on the cover', () => {
    const roomy = plan(makeSnapshot({ items: manyItems(3) }))
    const n = roomy.pages.length
    expect(texts(roomy.pages[0]).join(' ')).toContain(`${n} pages: within the 120-page target (limit 160)`)
    const over = plan(makeSnapshot({ items: manyItems(3), target: n - 2, limit: n + 3 }))
    expect(texts(over.pages[0]).join(' ')).toContain(`${n} pages: over the ${n - 2}-page target, within the ${n + 3}-page limit`)
    const tooMany = plan(makeSnapshot({ items: manyItems(3), target: n - 2, limit: n - 1 }))
    expect(texts(tooMany.pages[0]).join(' ')).toContain(`${n} pages: OVER the ${n - 1}-page limit (target ${n - 2})`)

    // Beyond the target, the count stands out.
    const fontOf = (p: PagePlan) => {
      const op = p.pages[0]?.kind === 'content' ? p.pages[0].ops.find((o) => o.kind === 'text' && / pages: /.test(o.text)) : undefined
      return op?.kind === 'text' ? op.font : undefined
    }
    expect([fontOf(roomy), fontOf(over), fontOf(tooMany)]).toEqual(['regular', 'bold', 'bold'])
  })

  it('builds the outline: cover, statement, each domain, grid, and each item under Evidence', () => {
    const p = plan(makeSnapshot({ items: manyItems(3) }))
    expect(p.outline.map((e) => e.title)).toEqual([
      'Cover',
      'Summary statement',
      'Domain 1: Scientific',
      'Domain 2: Research and Development',
      'Cross-reference grid',
      'Evidence',
    ])
    expect(p.outline[0]?.page).toBe(1)
    expect(p.outline[1]?.page).toBe(2)
    const evidence = p.outline.at(-1)!
    expect(evidence.page).toBe(p.itemStartPages.E1)
    expect(evidence.children.map((c) => [c.title, c.page])).toEqual([1, 2, 3].map((n) => [`E${n} Item number ${n}`, p.itemStartPages[`E${n}`]]))
    const gridPage = p.outline.find((e) => e.title === 'Cross-reference grid')!.page
    expect(texts(p.pages[gridPage - 1])[0]).toBe('Cross-reference grid')

    // The cover's contents give the same pages.
    const cover = texts(p.pages[0])
    const contents = (title: string) => Number(cover[cover.lastIndexOf(title) + 1])
    expect(contents('Summary statement')).toBe(2)
    expect(contents('Cross-reference grid')).toBe(gridPage)
    expect(contents('Evidence items')).toBe(p.itemStartPages.E1)
    expect(texts(p.pages[contents('Evidence by area of competence') - 1])[0]).toBe('Evidence by area of competence')
  })

  it('says when an area has no evidence', () => {
    const p = plan(makeSnapshot({ items: [makeItem(1)] }))
    expect(allOps(p).some(({ op }) => op.kind === 'text' && op.text === 'No evidence claims this area.')).toBe(true)
  })

  it('only ever draws text the standard fonts can draw', () => {
    const item = makeItem(1, { title: 'Dose ≥ 2 Gy → 🎉 李', description: '# γ-ray\n\n- μSv ✓' })
    const p = plan(makeSnapshot({ items: [item], trainee: { name: 'Zoë 李 Łukasz', specialism: 'Nuclear medicine', employer: 'Trust' } }))
    for (const { op } of allOps(p)) if (op.kind === 'text') expect(toWinAnsi(op.text)).toBe(op.text)
    expect(texts(p.pages[p.itemStartPages.E1! - 1])[0]).toBe('E1 · Dose >= 2 Gy -> ? ?')
  })

  it('lays out the same snapshot the same way every time', () => {
    const snapshot = makeSnapshot({ items: manyItems(25) })
    expect(plan(snapshot)).toEqual(plan(snapshot))
  })

  it('copes with a portfolio with no items and no statement', () => {
    const p = plan(makeSnapshot({ items: [], summaryStatement: '' }))
    expect(p.itemStartPages).toEqual({})
    expect(p.outline.at(-1)).toMatchObject({ title: 'Evidence', children: [] })
    expect(allOps(p).some(({ op }) => op.kind === 'text' && op.text === 'The trainee did not write a summary statement.')).toBe(true)
    expect(texts(p.pages[0])).not.toContain('Evidence items')
    expect(texts(p.pages[0])).not.toContain('0')
  })
})
