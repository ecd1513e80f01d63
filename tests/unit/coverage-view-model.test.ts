import { describe, expect, it } from 'vitest'
import { defaultFramework } from '../../competences/index'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { computeCoverage } from '../../app/coverage/engine'
import { FINDINGS_SHOWN_PER_RULE, toViewModel } from '../../app/coverage/view-model'
import type { CoverageItem } from '../../app/coverage/types'

const codes = defaultFramework.domains.flatMap((d) => d.areas.map((a) => a.code))

function portfolio(items: number) {
  const list: CoverageItem[] = Array.from({ length: items }, (_, i) => ({
    id: i + 1,
    title: `Item ${i + 1}`,
    evidenceType: 'commissioning-qa-report',
    activityStart: '2026-01-01',
    activityEnd: null,
    status: 'draft',
    descriptionWords: 200,
    reflectionWords: 100,
    attachmentPages: 0,
    openPiiFindings: 0,
  }))
  // Every item claims ten areas: each one is over-tagged.
  const claims = list.flatMap((item) =>
    codes.slice(0, 10).map((areaCode) => ({
      evidenceId: item.id,
      areaCode,
      statement: 'I did this work myself and it shows the competence well.',
      competencyIds: [],
      verified: false,
    })),
  )
  return computeCoverage({
    framework: defaultFramework,
    rules: DEFAULT_COVERAGE_RULES,
    now: new Date('2026-06-01'),
    items: list,
    claims,
  })
}

describe('the coverage view model', () => {
  it('folds a rule that fires for many items into a few findings and a count', () => {
    const report = portfolio(30)
    const overTagged = report.findings.filter((f) => f.ruleId === 'item.over-tagged')
    expect(overTagged).toHaveLength(30)
    const view = toViewModel(report)
    const shown = view.findings.filter((f) => f.ruleId === 'item.over-tagged')
    expect(shown).toHaveLength(FINDINGS_SHOWN_PER_RULE)
    expect(shown.at(-1)?.more).toBe(30 - FINDINGS_SHOWN_PER_RULE)
  })

  it('lists every blocker, and all areas and domains', () => {
    const view = toViewModel(portfolio(1))
    expect(view.areas).toHaveLength(46)
    expect(view.domains).toHaveLength(7)
    expect(view.findings.filter((f) => f.ruleId === 'area.not-evidenced')).toHaveLength(36)
    expect(view.summary).toEqual(portfolio(1).summary)
  })

  it('carries no item lists', () => {
    const view = toViewModel(portfolio(5)) as unknown as Record<string, unknown>
    expect(view.items).toBeUndefined()
    expect(view.competencies).toBeUndefined()
  })
})
