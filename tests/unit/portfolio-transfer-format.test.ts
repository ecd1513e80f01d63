import { describe, expect, it } from 'vitest'
import {
  PORTFOLIO_EXPORT_FORMAT,
  portfolioExportJsonSchema,
  readPortfolioExport,
  type PortfolioExport,
} from '../../app/portfolio/transfer'

const item = (title = 'Linac output audit'): PortfolioExport['items'][number] => ({
  title,
  activityStart: '2026-03-01',
  activityEnd: null,
  evidenceType: 'audit',
  role: 'led',
  description: 'Checked outputs.\r\nAll within tolerance.',
  reflection: 'Learned a lot.',
  claims: [{ area: 'Sci1', statement: 'I did the analysis myself.', competencies: [] }],
  attachments: [],
})

const file = (items = [item()]): PortfolioExport => ({
  format: PORTFOLIO_EXPORT_FORMAT,
  exportedAt: '2026-06-01T09:00:00.000Z',
  trainee: {
    name: 'Alex Morgan',
    specialism: 'radiotherapy-physics',
    employer: 'Trust',
    targetSubmissionDate: '2027-01-31',
  },
  framework: { id: 'ipem-mpce', version: '2024' },
  summaryStatement: 'Statement',
  items,
})

describe('readPortfolioExport', () => {
  it('reads a valid file, each item as the evidence form would save it', () => {
    const read = readPortfolioExport(file())
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.portfolio.items[0]!.input).toMatchObject({
      title: 'Linac output audit',
      activityEnd: null,
      description: 'Checked outputs.\nAll within tolerance.',
    })
  })

  it('names where each problem is, and refuses keys it does not know', () => {
    const read = readPortfolioExport({ ...file(), format: 'attain.portfolio-export/2', extra: true })
    expect(read).toMatchObject({ ok: false })
    if (read.ok) return
    expect(read.problems.some((p) => p.startsWith('format: '))).toBe(true)
    expect(read.problems.some((p) => /extra/.test(p))).toBe(true)
  })

  it('holds items to the evidence rules: titles, dates, known types, one claim per area', () => {
    const bad = item('')
    bad.activityEnd = '2026-02-01'
    bad.evidenceType = 'poem'
    bad.claims.push({ ...bad.claims[0]! })
    const read = readPortfolioExport(file([item(), bad]))
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.problems).toEqual(
      expect.arrayContaining([
        'items.1.title: Give the item a title',
        'items.1.evidenceType: Choose the type of evidence',
      ]),
    )
  })

  it('lists at most twenty problems', () => {
    const read = readPortfolioExport(file(Array.from({ length: 30 }, () => item(''))))
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.problems).toHaveLength(21)
    expect(read.problems[20]).toBe('…and 10 more problems.')
  })

  it('has a documented JSON Schema', () => {
    const schema = JSON.stringify(portfolioExportJsonSchema())
    expect(schema).toContain('checked against the content on import')
    expect(schema).toContain(PORTFOLIO_EXPORT_FORMAT)
  })
})
