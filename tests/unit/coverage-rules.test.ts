import { describe, expect, it } from 'vitest'
import data from '../../competences/coverage-rules.json'
import {
  COVERAGE_RULE_IDS,
  CoverageRulesError,
  DEFAULT_COVERAGE_RULES,
  parseCoverageRules,
  safeParseCoverageRules,
  templatePlaceholders,
} from '../../competences/coverage-rules'
import { defaultFramework as framework } from '../../competences/index'

const NOT_EVIDENCED = data.rules.findIndex((r) => r.id === 'area.not-evidenced')

// The tests break the rules file on purpose, into shapes its type does not allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deliberately malformed rules file has no type
type Malformed = any

function errorsOf(change: (rules: Malformed) => void): string[] {
  const rules = structuredClone(data) as Malformed
  change(rules)
  const result = safeParseCoverageRules(rules)
  if (result.ok) throw new Error('expected the rules to be rejected')
  return result.errors
}

describe('the shipped coverage rules', () => {
  it('hold every rule the engine knows, with these severities', () => {
    expect(Object.fromEntries(DEFAULT_COVERAGE_RULES.rules.map((r) => [r.id, r.severity]))).toEqual({
      'portfolio.empty': 'blocker',
      'portfolio.no-summary': 'blocker',
      'record.no-supervised-practice': 'blocker',
      'record.experience-short': 'warning',
      'portfolio.over-limit': 'blocker',
      'portfolio.over-target': 'warning',
      'portfolio.orphans': 'advice',
      'area.not-evidenced': 'blocker',
      'area.drafts-only': 'blocker',
      'area.observed-only': 'blocker',
      'area.not-verified': 'warning',
      'claim.not-substantive': 'warning',
      'claim.restates-area': 'warning',
      'claim.no-own-action': 'warning',
      'competency.not-evidenced': 'advice',
      'domain.single-type': 'warning',
      'domain.expectation': 'warning',
      'domain.concentration': 'advice',
      'item.over-tagged': 'warning',
      'item.no-reflection': 'warning',
      'item.no-claims': 'warning',
      'item.own-part-unclear': 'warning',
      'item.stale': 'advice',
      'item.pii-unresolved': 'blocker',
      'item.conversion-pending': 'warning',
      'item.conversion-failed': 'blocker',
    })
    expect([...COVERAGE_RULE_IDS].sort()).toEqual(DEFAULT_COVERAGE_RULES.rules.map((r) => r.id).sort())
  })

  it('hold these thresholds', () => {
    expect(DEFAULT_COVERAGE_RULES.thresholds).toEqual({
      minClaimWords: 12,
      minReflectionWords: 30,
      overTaggingAreas: 6,
      concentrationShare: 0.6,
      concentrationMinAreas: 3,
      singleTypeMinItems: 2,
      staleYears: 5,
      wordsPerPage: 400,
      pageTarget: 120,
      pageLimit: 160,
      nearCopyShare: 0.75,
      nearCopyMaxOwnWords: 2,
      suggestionMinScore: 3,
      suggestionRank: 5,
      suggestionsPerArea: 2,
      expectedExperienceYears: 4,
    })
  })

  it('encode domain expectations from the framework’s own guidance', () => {
    expect(DEFAULT_COVERAGE_RULES.domainExpectations.map((e) => [e.id, e.domainKey, e.kind])).toEqual([
      ['technical-records-and-analysis', 'Tech', 'require-types'],
      ['clinical-placement-cases-and-reflection', 'Clin', 'require-types'],
      ['research-summaries', 'R&D', 'max-attachment-pages'],
    ])
    for (const expectation of DEFAULT_COVERAGE_RULES.domainExpectations) {
      const g = framework.domains.find((d) => d.key === expectation.domainKey)!.guidance
      const lines = [...g.achievementOf, ...g.achievedThrough, ...g.notes, g.assessedBy, ...g.goodEvidence.items]
      const words = expectation.guidance.replace(/\.$/, '')
      expect(
        lines.some((line) => line.startsWith(words)),
        expectation.guidance,
      ).toBe(true)
    }
  })

  it('quote, beside every rule that has one, a sentence of the framework’s own guidance', () => {
    const lines = framework.domains.flatMap((d) => {
      const g = d.guidance
      return [...g.achievementOf, ...g.achievedThrough, ...g.notes, ...g.goodEvidence.items]
    })
    const quoted = (text: string) => lines.some((line) => line.includes(text.replace(/\.$/, '')))
    const withGuidance = DEFAULT_COVERAGE_RULES.rules.filter((r) => r.guidance !== undefined)
    expect(withGuidance.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'portfolio.no-summary',
        'area.drafts-only',
        'area.observed-only',
        'claim.restates-area',
        'claim.no-own-action',
        'item.own-part-unclear',
      ]),
    )
    for (const rule of withGuidance) expect(quoted(rule.guidance!), rule.id).toBe(true)
    for (const exemption of DEFAULT_COVERAGE_RULES.exemptions)
      expect(quoted(exemption.guidance), exemption.ruleId).toBe(true)
    expect(quoted(DEFAULT_COVERAGE_RULES.roles.practiceGuidance!)).toBe(true)
    expect(quoted(DEFAULT_COVERAGE_RULES.roles.ownPartGuidance!)).toBe(true)
  })

  it('write every message as advice on what to do, using only placeholders it is given', () => {
    for (const rule of DEFAULT_COVERAGE_RULES.rules) {
      if (rule.id !== 'domain.expectation') expect(rule.message, rule.id).toMatch(/^[A-Z{“].*[.”]$/)
    }
    expect(templatePlaceholders('{code} has {n} of {max}.')).toEqual(['code', 'n', 'max'])
  })
})

describe('the coverage rules schema', () => {
  it('rejects an unknown severity, naming where it is', () => {
    const errors = errorsOf((r) => (r.rules[NOT_EVIDENCED].severity = 'critical'))
    expect(errors).toEqual([`rules[${NOT_EVIDENCED}].severity: must be one of blocker, warning, advice`])
  })

  it('rejects a duplicate rule id, naming where it is', () => {
    const errors = errorsOf((r) => r.rules.push({ ...r.rules[0] }))
    expect(errors).toEqual([`rules[${data.rules.length}].id: duplicate id "portfolio.empty"`])
  })

  it('rejects a rule the engine does not know', () => {
    const [error] = errorsOf((r) => (r.rules[2].id = 'portfolio.too-long'))
    expect(error).toMatch(/^rules\[2\]\.id: must be one of the rules the coverage engine knows: portfolio\.empty, /)
  })

  it('rejects a placeholder the rule does not offer', () => {
    const errors = errorsOf((r) => (r.rules[NOT_EVIDENCED].message = '{code} needs {evidence}.'))
    expect(errors).toEqual([
      `rules[${NOT_EVIDENCED}].message: unknown placeholder {evidence}: it may use {code}, {text}, {domainTitle}, {suggestion}`,
    ])
    expect(errorsOf((r) => (r.rules[0].message = 'Empty: {pages}.'))).toEqual([
      'rules[0].message: unknown placeholder {pages}: it takes none',
    ])
  })

  it('rejects bad thresholds', () => {
    expect(errorsOf((r) => (r.thresholds.minClaimWords = -1))).toEqual([
      'thresholds.minClaimWords: must not be negative',
    ])
    expect(errorsOf((r) => (r.thresholds.concentrationShare = 1.5))).toEqual([
      'thresholds.concentrationShare: must be at most 1',
    ])
    expect(errorsOf((r) => (r.thresholds.pageLimit = 100))).toEqual([
      'thresholds.pageLimit: must not be less than pageTarget',
    ])
    expect(errorsOf((r) => (r.thresholds.wordsPerPage = 'many'))[0]).toMatch(/^thresholds\.wordsPerPage: /)
    expect(errorsOf((r) => (r.thresholds.pagesPerItem = 3))[0]).toMatch(/^thresholds: .*pagesPerItem/)
  })

  it('rejects a malformed domain expectation', () => {
    expect(errorsOf((r) => (r.domainExpectations[0].requireAll[1].anyOfTypes[0] = 'essay'))).toEqual([
      'domainExpectations[0].requireAll[1].anyOfTypes[0]: unknown evidence type "essay"',
    ])
    expect(errorsOf((r) => (r.domainExpectations[1].id = r.domainExpectations[0].id))).toEqual([
      'domainExpectations[1].id: duplicate id "technical-records-and-analysis"',
    ])
    expect(errorsOf((r) => (r.domainExpectations[2].domainKey = 'Research'))[0]).toMatch(
      /^domainExpectations\[2\]\.domainKey: must be one of Sci, /,
    )
    expect(errorsOf((r) => (r.domainExpectations[2].kind = 'max-words'))[0]).toMatch(/^domainExpectations\[2\]/)
    expect(errorsOf((r) => (r.domainExpectations[2].message = 'Over {limit}.'))).toEqual([
      'domainExpectations[2].message: unknown placeholder {limit}: it may use {domainKey}, {domainTitle}, {evidenceId}, {title}, {type}, {typeLabel}, {pages}, {max}',
    ])
    expect(errorsOf((r) => delete r.domainExpectations[0].requireAll)).toEqual([
      'domainExpectations[0].requireAll: is required',
    ])
  })

  it('fills in default thresholds and expectations a framework leaves out', () => {
    const rules = parseCoverageRules({
      thresholds: { pageTarget: 100 },
      rules: [{ id: 'area.not-evidenced', severity: 'blocker', message: '{code} is missing.' }],
    })
    expect(rules.thresholds).toEqual({ ...DEFAULT_COVERAGE_RULES.thresholds, pageTarget: 100 })
    expect(rules.domainExpectations).toEqual([])
    expect(rules.reflectionTypes).toEqual(['reflection'])
    expect(parseCoverageRules({ rules: [] }).thresholds).toEqual(DEFAULT_COVERAGE_RULES.thresholds)
  })

  it('throws an error listing every problem', () => {
    const bad = structuredClone(data) as Malformed
    bad.rules[1].severity = 'fatal'
    bad.thresholds.staleYears = 0
    expect(() => parseCoverageRules(bad)).toThrow(CoverageRulesError)
    try {
      parseCoverageRules(bad)
    } catch (error) {
      expect((error as CoverageRulesError).errors).toEqual([
        'thresholds.staleYears: must be at least 1',
        'rules[1].severity: must be one of blocker, warning, advice',
      ])
      expect((error as Error).message).toContain('rules[1].severity')
    }
  })
})
