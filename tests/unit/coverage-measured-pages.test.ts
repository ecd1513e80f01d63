import { describe, expect, it } from 'vitest'
import { computeCoverage } from '../../app/coverage/engine'
import type { CoverageItem } from '../../app/coverage/types'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { defaultFramework as framework } from '../../competences/index'

const NOW = new Date('2025-06-01T09:00:00Z')

function item(id: number, attachmentPages: number): CoverageItem {
  return {
    id,
    title: `Item ${id}`,
    evidenceType: 'calibration-report',
    activityStart: '2025-01-10',
    activityEnd: null,
    status: 'draft',
    descriptionWords: 400,
    reflectionWords: 0,
    attachmentPages,
    openPiiFindings: 0,
  }
}

const run = (pages?: number) =>
  computeCoverage({
    framework,
    rules: DEFAULT_COVERAGE_RULES,
    now: NOW,
    items: [item(1, 3), item(2, 0)],
    claims: [],
    pages,
  })
const ruleIds = (pages?: number) => run(pages).findings.map((f) => f.ruleId)

describe('the page budget with the PDF’s page count given', () => {
  it('estimates from words and attachments when no count is given', () => {
    expect(run().summary.pages).toMatchObject({ text: 2, attachments: 3, total: 5, status: 'within' })
  })

  it('takes the measured count as the total, the rest of it being text', () => {
    expect(run(42).summary.pages).toEqual({
      text: 39,
      attachments: 3,
      total: 42,
      target: 120,
      limit: 160,
      status: 'within',
    })
  })

  it('judges the target and the limit on the measured count', () => {
    expect(run(120).summary.pages.status).toBe('within')
    expect(ruleIds(120)).not.toContain('portfolio.over-target')
    expect(run(121).summary.pages.status).toBe('over-target')
    expect(ruleIds(121)).toContain('portfolio.over-target')
    expect(run(160).summary.pages.status).toBe('over-target')
    expect(run(161).summary.pages.status).toBe('over-limit')
    const limit = run(161).findings.find((f) => f.ruleId === 'portfolio.over-limit')
    expect(limit?.severity).toBe('blocker')
    expect(limit?.message).toContain('161 pages')
  })

  it('ignores a count that is not a whole number of pages', () => {
    expect(run(Number.NaN).summary.pages.total).toBe(5)
    expect(run(-3).summary.pages.total).toBe(5)
  })

  const message = (ruleId: string, pages?: number, items = [item(1, 3), item(2, 0)]) =>
    computeCoverage({ framework, rules: DEFAULT_COVERAGE_RULES, now: NOW, items, claims: [], pages }).findings.find(
      (f) => f.ruleId === ruleId,
    )?.message

  it('states a measured count exactly, without "about" or "estimated"', () => {
    expect(message('portfolio.over-target', 121)).toBe(
      'The portfolio comes to 121 pages, more than the 120 ACS expects. Trim at least 1 page: summarise long reports and drop attachments that repeat what the description says.',
    )
    expect(message('portfolio.over-target', 125)).toContain('Trim at least 5 pages:')
    expect(message('portfolio.over-limit', 161)).toBe(
      'The portfolio comes to 161 pages; ACS rejects a portfolio of more than 160 pages on receipt. Cut at least 1 page — summarise long reports and keep only the pages that show your own contribution — aiming for 120 or fewer.',
    )
    for (const pages of [121, 161, 200]) {
      for (const ruleId of ['portfolio.over-target', 'portfolio.over-limit']) {
        const text = message(ruleId, pages)
        if (text === undefined) continue
        expect(text).not.toMatch(/about|estimate/i)
      }
    }
  })

  it('says "about … (estimated)" only while the count is an estimate', () => {
    // 121 and 161 items of one page each of text: the estimate, with no count given.
    const many = (n: number) => Array.from({ length: n }, (_, i) => item(i + 1, 0))
    expect(message('portfolio.over-target', undefined, many(121))).toBe(
      'The portfolio comes to about 121 pages (estimated), more than the 120 ACS expects. Trim about 1 page: summarise long reports and drop attachments that repeat what the description says.',
    )
    expect(message('portfolio.over-limit', undefined, many(170))).toMatch(
      /^The portfolio comes to about 170 pages \(estimated\); ACS rejects a portfolio of more than 160 pages on receipt\. Cut at least 10 pages /,
    )
    // The same portfolio measured at 118 pages in its PDF is within the target: no finding at all.
    expect(message('portfolio.over-target', 118, many(121))).toBeUndefined()
    expect(message('portfolio.over-target', 130, many(121))).toMatch(/^The portfolio comes to 130 pages,/)
  })
})
