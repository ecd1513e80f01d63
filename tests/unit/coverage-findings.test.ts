import { describe, expect, it } from 'vitest'
import { computeCoverage, distinctlyMet } from '../../app/coverage/engine'
import type { CoverageClaim, CoverageItem, CoverageReport, Finding } from '../../app/coverage/types'
import { DEFAULT_COVERAGE_RULES, parseCoverageRules, type CoverageRules } from '../../competences/coverage-rules'
import { defaultFramework as framework } from '../../competences/index'

// One rule at a time: start from a portfolio no rule objects to, break one thing, see what fires.

const NOW = new Date('2025-06-01T09:00:00Z')
const STATEMENT = 'I measured the output myself, analysed the results and wrote up what they showed.'
const TYPES = ['case-study', 'commissioning-qa-report', 'reflection', 'data-analysis']

interface Portfolio {
  items: CoverageItem[]
  claims: CoverageClaim[]
  /** Area code → the item that claims it in the clean portfolio. */
  itemFor: (code: string) => CoverageItem
}

function item(id: number, over: Partial<CoverageItem> = {}): CoverageItem {
  return {
    id,
    title: `Item ${id}`,
    evidenceType: 'data-analysis',
    activityStart: '2024-03-01',
    activityEnd: null,
    status: 'verified',
    descriptionWords: 200,
    reflectionWords: 60,
    attachmentPages: 1,
    openPiiFindings: 0,
    ...over,
  }
}

function claim(evidenceId: number, areaCode: string, over: Partial<CoverageClaim> = {}): CoverageClaim {
  return { evidenceId, areaCode, statement: STATEMENT, competencyIds: [], verified: true, ...over }
}

/** One verified item per area, types mixed, every competency named: nothing to find. */
function clean(): Portfolio {
  const items: CoverageItem[] = []
  const claims: CoverageClaim[] = []
  const byCode = new Map<string, CoverageItem>()
  let id = 0
  for (const domain of framework.domains) {
    domain.areas.forEach((area, a) => {
      // Clin4's item is a clinical placement, the Clinical domain's observation evidence.
      const it = item(++id, { evidenceType: area.code === 'Clin4' ? 'clinical-placement' : TYPES[a % TYPES.length]! })
      items.push(it)
      byCode.set(area.code, it)
      const competencyIds = domain.specificCompetencies.filter((_, s) => s % domain.areas.length === a).map((c) => c.id)
      claims.push(claim(it.id, area.code, { competencyIds }))
    })
  }
  return { items, claims, itemFor: (code) => byCode.get(code)! }
}

function run(
  p: Pick<Portfolio, 'items' | 'claims'>,
  rules: CoverageRules = DEFAULT_COVERAGE_RULES,
  now = NOW,
): CoverageReport {
  return computeCoverage({ framework, rules, now, items: p.items, claims: p.claims })
}

const of = (report: CoverageReport, ruleId: string): Finding[] => report.findings.filter((f) => f.ruleId === ruleId)

function rulesWith(change: (rules: CoverageRules) => void): CoverageRules {
  const rules = structuredClone(DEFAULT_COVERAGE_RULES)
  change(rules)
  return parseCoverageRules(rules)
}

function domainItems(p: Portfolio, key: string): CoverageItem[] {
  return framework.domains.find((d) => d.key === key)!.areas.map((a) => p.itemFor(a.code))
}

describe('a clean portfolio', () => {
  it('has no findings and is ready', () => {
    const report = run(clean())
    expect(report.findings).toEqual([])
    expect(report.summary).toMatchObject({
      ready: true,
      blockers: 0,
      warnings: 0,
      advice: 0,
      percentEvidenced: 100,
      percentVerified: 100,
    })
    expect(report.summary.pages).toEqual({
      text: 46,
      attachments: 46,
      total: 92,
      target: 120,
      limit: 160,
      status: 'within',
    })
  })
})

describe('portfolio.empty', () => {
  it('blocks a portfolio with no items', () => {
    const report = run({ items: [], claims: [] })
    expect(of(report, 'portfolio.empty')).toEqual([
      {
        ruleId: 'portfolio.empty',
        severity: 'blocker',
        target: { kind: 'portfolio' },
        message:
          'The portfolio has no evidence yet. Log your first piece of evidence and claim the areas of competence it shows.',
      },
    ])
  })

  it('does not fire once there is an item, even an unclaimed one', () => {
    expect(of(run({ items: [item(1)], claims: [] }), 'portfolio.empty')).toEqual([])
  })
})

describe('portfolio.over-target and portfolio.over-limit', () => {
  const withPages = (total: number) => {
    const p = clean()
    p.items[0]!.attachmentPages += total - 92
    return run(p)
  }

  it.each([
    [120, 'within', [], []],
    [121, 'over-target', ['portfolio.over-target'], []],
    [160, 'over-target', ['portfolio.over-target'], []],
    [161, 'over-limit', [], ['portfolio.over-limit']],
  ] as const)('%i pages: %s', (total, status, warnings, blockers) => {
    const report = withPages(total)
    expect(report.summary.pages.total).toBe(total)
    expect(report.summary.pages.status).toBe(status)
    expect(report.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId)).toEqual(warnings)
    expect(report.findings.filter((f) => f.severity === 'blocker').map((f) => f.ruleId)).toEqual(blockers)
    expect(report.summary.ready).toBe(blockers.length === 0)
  })

  it('says how many pages to cut', () => {
    expect(of(withPages(121), 'portfolio.over-target')[0]!.message).toBe(
      'The portfolio comes to about 121 pages (estimated), more than the 120 ACS expects. Trim about 1 page: summarise long reports and drop attachments that repeat what the description says.',
    )
    expect(of(withPages(170), 'portfolio.over-limit')[0]!.message).toMatch(
      /^The portfolio comes to about 170 pages \(estimated\); ACS rejects a portfolio of more than 160 pages on receipt\. Cut at least 10 pages /,
    )
  })
})

describe('portfolio.orphans and item.no-claims', () => {
  it('flags each unclaimed item and counts them for the portfolio', () => {
    const p = clean()
    p.items.push(item(100, { title: 'CPD log' }), item(101))
    const report = run(p)
    expect(of(report, 'item.no-claims')).toEqual([
      {
        ruleId: 'item.no-claims',
        severity: 'warning',
        target: { kind: 'item', evidenceId: 100 },
        message:
          'Item #100 “CPD log” claims no area of competence. Claim the areas it shows, in your own words, or leave it out of the portfolio.',
      },
      expect.objectContaining({ target: { kind: 'item', evidenceId: 101 } }),
    ])
    expect(of(report, 'portfolio.orphans')).toEqual([
      expect.objectContaining({
        severity: 'advice',
        target: { kind: 'portfolio' },
        message: expect.stringMatching(/^Items that claim no area of competence: 2\./),
      }),
    ])
  })

  it('does not count an item whose only claims are of unknown areas as claimed', () => {
    const p = clean()
    p.items.push(item(100))
    p.claims.push(claim(100, 'Sci99'))
    expect(of(run(p), 'item.no-claims').map((f) => f.target)).toEqual([{ kind: 'item', evidenceId: 100 }])
  })
})

describe('area.not-evidenced', () => {
  it('blocks an area no claim names, suggesting a good piece of evidence from its domain', () => {
    const p = clean()
    const tech4 = p.itemFor('Tech4')
    p.claims = p.claims.filter((c) => c.areaCode !== 'Tech4')
    p.items = p.items.filter((i) => i !== tech4)
    const report = run(p)
    expect(of(report, 'area.not-evidenced')).toEqual([
      {
        ruleId: 'area.not-evidenced',
        severity: 'blocker',
        target: { kind: 'area', areaCode: 'Tech4' },
        message:
          "Tech4 has no evidence yet. Add an item that shows it — for example: Reflections on technical work which hasn't gone to plan or where outcomes were not as expected.",
        suggestion: "Reflections on technical work which hasn't gone to plan or where outcomes were not as expected",
      },
    ])
    expect(report.summary.ready).toBe(false)
    expect(report.areas.find((a) => a.code === 'Tech4')!.status).toBe('not-evidenced')
  })

  it('picks the suggestion by meaning, not by the area’s position', () => {
    const report = run({ items: [], claims: [] })
    const suggestion = (code: string) =>
      of(report, 'area.not-evidenced').find((f) => f.target.kind === 'area' && f.target.areaCode === code)!.suggestion
    expect(suggestion('R&D6')).toBe('An abstract of a published paper or a conference poster or presentation slides')
    expect(suggestion('Com2')).toBe('Written correspondence with service users and/or the wider professional community')
    expect(suggestion('Prof8')).toBe(
      'Reflections following professional conversations, supervision sessions and/or training events',
    )
    expect(suggestion('Prof9')).toBe('Summary of completed mandatory training')
    expect(suggestion('Prof11')).toBe(
      'Pieces of work showing contribution to procurement of a new piece of equipment or software including financial appraisal',
    )
  })

  it('is satisfied by an unverified claim', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Sci3')!.verified = false
    expect(of(run(p), 'area.not-evidenced')).toEqual([])
  })
})

describe('area.not-verified', () => {
  it('warns about an area only claimed, never verified', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Com2')!.verified = false
    const report = run(p)
    expect(of(report, 'area.not-verified')).toEqual([
      {
        ruleId: 'area.not-verified',
        severity: 'warning',
        target: { kind: 'area', areaCode: 'Com2' },
        message:
          'Com2 is claimed by 1 item but none is verified yet. Ask your mentor to review an item that claims it.',
      },
    ])
    expect(report.areas.find((a) => a.code === 'Com2')).toMatchObject({ status: 'claimed', verifiedItemIds: [] })
  })

  it('is satisfied by one verified claim among several', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Com2')!.verified = false
    p.claims.push(claim(p.itemFor('Com3').id, 'Com2', { verified: true }))
    expect(of(run(p), 'area.not-verified')).toEqual([])
    p.claims.at(-1)!.verified = false
    expect(of(run(p), 'area.not-verified')[0]!.message).toMatch(/^Com2 is claimed by 2 items but none/)
  })
})

describe('claim.not-substantive', () => {
  it('warns about a claim of fewer than twelve words, on the area, naming the item', () => {
    const p = clean()
    const target = p.itemFor('Clin3')
    p.claims.find((c) => c.areaCode === 'Clin3')!.statement =
      'I audited our PSQA tolerance and action levels against AAPM TG-218.' // 11 words, sent back by the demo's mentor
    const report = run(p)
    expect(of(report, 'claim.not-substantive')).toEqual([
      {
        ruleId: 'claim.not-substantive',
        severity: 'warning',
        target: { kind: 'area', areaCode: 'Clin3' },
        evidenceId: target.id,
        message: `The claim of Clin3 on item #${target.id} “${target.title}” is too short to explain anything (11 of at least 12 words). Say what you did and how it shows Clin3.`,
      },
    ])
    expect(report.areas.find((a) => a.code === 'Clin3')!.weakClaimItemIds).toEqual([target.id])
    expect(report.items.find((i) => i.id === target.id)!.ruleIds).toEqual(['claim.not-substantive'])
  })

  it('accepts twelve words', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Clin3')!.statement =
      'I surveyed the department, found two contaminated areas and arranged their decontamination.'
    expect(of(run(p), 'claim.not-substantive')).toEqual([])
  })

  it('flags an empty statement', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Clin3')!.statement = '   '
    expect(of(run(p), 'claim.not-substantive')[0]!.message).toContain('(0 of at least 12 words)')
  })
})

describe('competency.not-evidenced', () => {
  it('advises on each specific competency no claim names', () => {
    const p = clean()
    for (const c of p.claims) c.competencyIds = c.competencyIds.filter((id) => id !== 'R&D-SC7')
    const found = of(run(p), 'competency.not-evidenced')
    expect(found).toEqual([
      {
        ruleId: 'competency.not-evidenced',
        severity: 'advice',
        target: { kind: 'competency', competencyId: 'R&D-SC7', domainKey: 'R&D' },
        message: expect.stringMatching(
          /^No claim names R&D-SC7 yet\. When an item in Research and Development shows it, name it in the claim: “/,
        ),
      },
    ])
  })

  it('counts a competency named on a claim of another domain’s area', () => {
    const p = clean()
    for (const c of p.claims) c.competencyIds = c.competencyIds.filter((id) => id !== 'R&D-SC7')
    p.claims.find((c) => c.areaCode === 'Sci1')!.competencyIds.push('R&D-SC7')
    expect(of(run(p), 'competency.not-evidenced')).toEqual([])
  })
})

describe('domain.single-type', () => {
  it('warns when a domain’s items are all of one type', () => {
    const p = clean()
    for (const it of domainItems(p, 'PS')) it.evidenceType = 'incident-investigation'
    expect(of(run(p), 'domain.single-type')).toEqual([
      {
        ruleId: 'domain.single-type',
        severity: 'warning',
        target: { kind: 'domain', domainKey: 'PS' },
        message:
          'All 5 items evidencing Problem Solving are of one type (Incident investigation). Add a different kind of evidence — for example: Work demonstrating the use of organisation risk management tools.',
        suggestion: 'Work demonstrating the use of organisation risk management tools',
      },
    ])
  })

  it('suggests a piece of evidence that is not of the same kind', () => {
    const p = clean()
    for (const it of domainItems(p, 'Prof')) it.evidenceType = 'audit'
    expect(of(run(p), 'domain.single-type')[0]!.suggestion).toBe(
      'Minutes showing participation in governance/ organisational meetings',
    )
  })

  it('needs at least two distinct items', () => {
    const p = clean()
    const ps = domainItems(p, 'PS')
    const keep = ps[0]!
    p.claims = p.claims.map((c) => (ps.some((i) => i.id === c.evidenceId) ? { ...c, evidenceId: keep.id } : c))
    p.items = p.items.filter((i) => i === keep || !ps.includes(i))
    expect(run(p).domains.find((d) => d.key === 'PS')!.itemCount).toBe(1)
    expect(of(run(p), 'domain.single-type')).toEqual([])
  })

  it('is quiet when two types are present', () => {
    const p = clean()
    const ps = domainItems(p, 'PS')
    for (const it of ps) it.evidenceType = 'reflection'
    ps[4]!.evidenceType = 'risk-assessment'
    expect(of(run(p), 'domain.single-type')).toEqual([])
  })
})

describe('domain.expectation', () => {
  const expectations = (report: CoverageReport) => of(report, 'domain.expectation')

  it('Technical: warns when there is no record of technical work', () => {
    const p = clean()
    for (const it of domainItems(p, 'Tech'))
      if (it.evidenceType === 'commissioning-qa-report') it.evidenceType = 'audit'
    expect(expectations(run(p))).toEqual([
      {
        ruleId: 'domain.expectation',
        expectationId: 'technical-records-and-analysis',
        severity: 'warning',
        target: { kind: 'domain', domainKey: 'Tech' },
        message:
          'Technical: evidence should combine records of technical tasks you undertook with scientific analysis of procedures and results, in different items (one report counts for only one of them); still missing: a record of technical work (commissioning/QA or calibration report, risk assessment, incident investigation, specification or quality document). Add, for example, a commissioning, QA or calibration report and a separate analysis of its results.',
      },
    ])
  })

  it('Technical: warns when there is no scientific analysis, and names both gaps when both are missing', () => {
    const p = clean()
    const tech = domainItems(p, 'Tech')
    for (const it of tech)
      if (it.evidenceType === 'case-study' || it.evidenceType === 'data-analysis') it.evidenceType = 'audit'
    expect(expectations(run(p)).map((f) => f.message)).toEqual([
      expect.stringContaining('still missing: a scientific analysis ('),
    ])
    for (const it of tech) it.evidenceType = 'audit'
    expect(expectations(run(p)).map((f) => f.message)).toEqual([
      expect.stringContaining(
        'still missing: a record of technical work (commissioning/QA or calibration report, risk assessment, incident investigation, specification or quality document) and a scientific analysis (',
      ),
    ])
  })

  it('Technical: one calibration report cannot be both the record and the analysis; two items can', () => {
    const p = clean()
    const tech = domainItems(p, 'Tech')
    for (const it of tech) it.evidenceType = 'audit'
    tech[0]!.evidenceType = 'calibration-report'
    expect(expectations(run(p)).map((f) => f.message)).toEqual([
      expect.stringMatching(/still missing: (a record of technical work|a scientific analysis) \(/),
    ])
    tech[1]!.evidenceType = 'calibration-report'
    expect(expectations(run(p))).toEqual([])
    tech[1]!.evidenceType = 'data-analysis' // the calibration report is then the record
    expect(expectations(run(p))).toEqual([])
  })

  it('Technical: distinct items are found whichever order the groups are met in', () => {
    // Item 1 meets both groups, item 2 only the first: item 1 must be the analysis.
    expect(distinctlyMet([[1, 2], [1]])).toEqual([true, true])
    expect(distinctlyMet([[1], [1]])).toEqual([true, false])
    expect(distinctlyMet([[], [3]])).toEqual([false, true])
  })

  it('Clinical: needs a clinical placement or observation, met by that type or by an item the trainee observed', () => {
    const p = clean()
    p.itemFor('Clin4').evidenceType = 'audit'
    expect(expectations(run(p)).map((f) => f.message)).toEqual([
      expect.stringContaining('still missing: a clinical placement or observation'),
    ])
    p.itemFor('Clin3').role = 'observed'
    expect(expectations(run(p))).toEqual([])
  })

  it('Clinical: needs a case study', () => {
    const p = clean()
    for (const it of domainItems(p, 'Clin')) if (it.evidenceType === 'case-study') it.evidenceType = 'audit'
    expect(expectations(run(p))).toEqual([
      expect.objectContaining({
        expectationId: 'clinical-placement-cases-and-reflection',
        target: { kind: 'domain', domainKey: 'Clin' },
        message: expect.stringContaining('still missing: a case study.'),
      }),
    ])
  })

  it('Clinical: reflection is met by a reflection item or by a reflection of at least 100 words, not any 30-word one', () => {
    const p = clean()
    const clin = domainItems(p, 'Clin')
    for (const it of clin) if (it.evidenceType === 'reflection') it.evidenceType = 'audit'
    expect(expectations(run(p)).map((f) => f.message)).toEqual([
      expect.stringContaining('still missing: a reflection on clinical work of at least 100 words'),
    ]) // 60 words each
    clin[0]!.reflectionWords = 100
    expect(expectations(run(p))).toEqual([])
    clin[0]!.reflectionWords = 60
    clin[2]!.evidenceType = 'reflection'
    expect(expectations(run(p))).toEqual([])
  })

  it('Research and Development: advises on an item attaching more than ten pages', () => {
    const p = clean()
    const rd = p.itemFor('R&D2')
    rd.attachmentPages = 10
    expect(expectations(run(p))).toEqual([])
    rd.attachmentPages = 11
    const report = run(p)
    expect(expectations(report)).toEqual([
      {
        ruleId: 'domain.expectation',
        expectationId: 'research-summaries',
        severity: 'advice',
        target: { kind: 'domain', domainKey: 'R&D' },
        evidenceId: rd.id,
        message: `Research and Development: item #${rd.id} “${rd.title}” attaches 11 pages. Evidence here should summarise the activity rather than be a full project report: attach an abstract or a summary of no more than 10 pages.`,
      },
    ])
    expect(report.items.find((i) => i.id === rd.id)!.ruleIds).toEqual(['domain.expectation'])
  })

  it('Research and Development: ignores long attachments on items claimed elsewhere', () => {
    const p = clean()
    p.itemFor('Sci1').attachmentPages = 20
    expect(expectations(run(p))).toEqual([])
  })

  it('is not checked in a domain with no evidence', () => {
    const p = clean()
    const tech = new Set(domainItems(p, 'Tech').map((i) => i.id))
    p.items = p.items.filter((i) => !tech.has(i.id))
    p.claims = p.claims.filter((c) => !tech.has(c.evidenceId))
    expect(expectations(run(p))).toEqual([])
  })
})

describe('domain.concentration', () => {
  it('advises when one item carries more than 60% of a domain’s evidenced areas', () => {
    const p = clean()
    const big = p.itemFor('Com1')
    for (const code of ['Com2', 'Com3', 'Com4']) p.claims.push(claim(big.id, code))
    expect(of(run(p), 'domain.concentration')).toEqual([
      {
        ruleId: 'domain.concentration',
        severity: 'advice',
        target: { kind: 'domain', domainKey: 'Com' },
        evidenceId: big.id,
        message: `Item #${big.id} “${big.title}” carries 4 of the 5 evidenced areas in Communication (80%). Add other items so the domain does not rest on one piece of work.`,
      },
    ])
  })

  it('allows exactly 60%', () => {
    const p = clean()
    const big = p.itemFor('Com1')
    for (const code of ['Com2', 'Com3']) p.claims.push(claim(big.id, code))
    expect(of(run(p), 'domain.concentration')).toEqual([])
  })

  it('needs at least three evidenced areas', () => {
    const p = clean()
    const com = domainItems(p, 'Com')
    // Only Com1 and Com2 evidenced, both by one item.
    p.claims = p.claims.filter((c) => !['Com3', 'Com4', 'Com5'].includes(c.areaCode))
    p.claims.push(claim(com[0]!.id, 'Com2'))
    expect(run(p).domains.find((d) => d.key === 'Com')!.areasEvidenced).toBe(2)
    expect(of(run(p), 'domain.concentration')).toEqual([])
  })

  it('never fires in Problem Solving, which “can be addressed by one large project”', () => {
    const p = clean()
    const big = p.itemFor('PS1')
    for (const code of ['PS2', 'PS3', 'PS4', 'PS5']) p.claims.push(claim(big.id, code))
    expect(of(run(p), 'domain.concentration')).toEqual([])
    expect(DEFAULT_COVERAGE_RULES.exemptions).toContainEqual({
      ruleId: 'domain.concentration',
      domainKey: 'PS',
      guidance: framework.domains.find((d) => d.key === 'PS')!.guidance.notes[0]!.split('. ')[0] + '.',
    })
    // Without the exemption in the data, the same portfolio is advised.
    expect(
      of(
        run(
          p,
          rulesWith((r) => (r.exemptions = [])),
        ),
        'domain.concentration',
      ),
    ).toHaveLength(1)
  })
})

describe('item.over-tagged', () => {
  it('warns about an item claimed against more than six areas', () => {
    const p = clean()
    const it = p.itemFor('Prof1')
    for (const code of ['Prof2', 'Prof3', 'Prof4', 'Prof5', 'Prof6']) p.claims.push(claim(it.id, code))
    expect(of(run(p), 'item.over-tagged')).toEqual([]) // six
    p.claims.push(claim(it.id, 'Prof7'))
    expect(of(run(p), 'item.over-tagged')).toEqual([
      {
        ruleId: 'item.over-tagged',
        severity: 'warning',
        target: { kind: 'item', evidenceId: it.id },
        message: `Item #${it.id} “${it.title}” claims 7 areas of competence; assessors distrust evidence tagged to everything. Keep the 6 or fewer it shows best and evidence the rest with other items.`,
      },
    ])
  })
})

describe('item.no-reflection', () => {
  it('warns below thirty words of reflection', () => {
    const p = clean()
    const it = p.itemFor('Sci2')
    it.reflectionWords = 30
    expect(of(run(p), 'item.no-reflection')).toEqual([])
    it.reflectionWords = 29
    expect(of(run(p), 'item.no-reflection')).toEqual([
      {
        ruleId: 'item.no-reflection',
        severity: 'warning',
        target: { kind: 'item', evidenceId: it.id },
        message: `Item #${it.id} “${it.title}” has little or no reflection (29 of at least 30 words). Reflect on what you learned, what went well or badly and what you would do differently.`,
      },
    ])
  })

  it('counts a reflection item’s description as reflection', () => {
    const p = clean()
    const it = p.itemFor('Sci3')
    expect(it.evidenceType).toBe('reflection')
    it.reflectionWords = 0
    expect(of(run(p), 'item.no-reflection')).toEqual([])
    it.descriptionWords = 29
    expect(of(run(p), 'item.no-reflection')).toHaveLength(1)
  })
})

describe('item.stale', () => {
  const staleIds = (report: CoverageReport) =>
    of(report, 'item.stale').map((f) => (f.target.kind === 'item' ? f.target.evidenceId : null))

  it('advises on activity that ended more than five years before now', () => {
    const p = clean()
    const it = p.itemFor('Sci1')
    it.activityStart = '2020-06-01' // exactly five years before 2025-06-01
    expect(staleIds(run(p))).toEqual([])
    it.activityStart = '2020-05-31'
    const report = run(p)
    expect(staleIds(report)).toEqual([it.id])
    expect(of(report, 'item.stale')[0]).toMatchObject({
      severity: 'advice',
      message: `Item #${it.id} “${it.title}” dates from 2020-05-31, more than 5 years ago. Check that it still reflects current practice, or replace it with recent evidence.`,
    })
  })

  it('judges by the end of the activity when there is one', () => {
    const p = clean()
    const it = p.itemFor('Sci1')
    it.activityStart = '2012-01-10'
    it.activityEnd = '2021-03-01'
    expect(staleIds(run(p))).toEqual([])
    it.activityEnd = '2019-12-31'
    expect(staleIds(run(p))).toEqual([it.id])
  })

  it('counts years by the calendar from 29 February', () => {
    const p = clean()
    const it = p.itemFor('Sci1')
    const leapDay = new Date('2024-02-29T23:30:00Z')
    it.activityStart = '2019-02-28'
    expect(staleIds(run(p, DEFAULT_COVERAGE_RULES, leapDay))).toEqual([])
    it.activityStart = '2019-02-27'
    expect(staleIds(run(p, DEFAULT_COVERAGE_RULES, leapDay))).toEqual([it.id])
  })

  it('ignores a date it cannot read', () => {
    const p = clean()
    p.itemFor('Sci1').activityStart = 'last spring'
    expect(staleIds(run(p))).toEqual([])
  })
})

describe('item.pii-unresolved', () => {
  it('blocks an item with open patient-data findings', () => {
    const p = clean()
    const it = p.itemFor('Clin1')
    it.openPiiFindings = 2
    const report = run(p)
    expect(of(report, 'item.pii-unresolved')).toEqual([
      {
        ruleId: 'item.pii-unresolved',
        severity: 'blocker',
        target: { kind: 'item', evidenceId: it.id },
        message: `Item #${it.id} “${it.title}” has possible patient identifiers not yet resolved: 2. Remove or anonymise them, or acknowledge each with a reason, before submitting.`,
      },
    ])
    expect(report.summary.ready).toBe(false)
    it.openPiiFindings = 0
    expect(run(p).summary.ready).toBe(true)
  })
})

describe('Office files converted to PDF', () => {
  it('a file still converting is a warning; a failed one blocks until it is removed or converted', () => {
    const p = clean()
    const it = p.itemFor('Clin1')
    it.pendingConversions = 1
    let report = run(p)
    expect(of(report, 'item.conversion-pending').map((f) => [f.severity, f.target])).toEqual([
      ['warning', { kind: 'item', evidenceId: it.id }],
    ])
    expect(of(report, 'item.conversion-pending')[0]!.message).toContain('still being converted to PDF: 1')
    expect(report.summary.ready).toBe(true)
    it.pendingConversions = 0
    it.failedConversions = 1
    report = run(p)
    expect(of(report, 'item.conversion-failed').map((f) => f.severity)).toEqual(['blocker'])
    expect(of(report, 'item.conversion-failed')[0]!.message).toContain('could not be converted to PDF: 1')
    expect(report.summary.ready).toBe(false)
    it.failedConversions = 0
    expect(run(p).summary.ready).toBe(true)
  })
})

describe('rules data drives the outcome', () => {
  it('thresholds change what fires', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Clin3')!.statement = 'Did the QA.'
    const it = p.itemFor('Prof1')
    for (const code of ['Prof2', 'Prof3', 'Prof4', 'Prof5', 'Prof6', 'Prof7']) p.claims.push(claim(it.id, code))
    p.itemFor('Sci1').activityStart = '2018-01-01'
    p.itemFor('Sci2').reflectionWords = 40

    const before = run(p)
    expect(of(before, 'claim.not-substantive')).toHaveLength(1)
    expect(of(before, 'item.over-tagged')).toHaveLength(1)
    expect(of(before, 'item.stale')).toHaveLength(1)
    expect(of(before, 'item.no-reflection')).toHaveLength(0)
    expect(before.summary.pages.status).toBe('within')

    const after = run(
      p,
      rulesWith((r) => {
        r.thresholds.minClaimWords = 3
        r.thresholds.overTaggingAreas = 7
        r.thresholds.staleYears = 10
        r.thresholds.minReflectionWords = 50
        r.thresholds.pageTarget = 80
        r.thresholds.wordsPerPage = 100
      }),
    )
    expect(of(after, 'claim.not-substantive')).toHaveLength(0)
    expect(of(after, 'item.over-tagged')).toHaveLength(0)
    expect(of(after, 'item.stale')).toHaveLength(0)
    expect(of(after, 'item.no-reflection').map((f) => f.target)).toEqual([
      { kind: 'item', evidenceId: p.itemFor('Sci2').id },
    ])
    expect(after.summary.pages).toMatchObject({ target: 80, status: 'over-limit' })
  })

  it('a rule left out of the data never fires, and a severity changed in the data is used', () => {
    const p = clean()
    p.itemFor('Clin1').openPiiFindings = 1
    p.items.push(item(100))
    const quiet = run(
      p,
      rulesWith((r) => (r.rules = r.rules.filter((rule) => rule.id !== 'item.no-claims'))),
    )
    expect(of(quiet, 'item.no-claims')).toEqual([])
    expect(of(quiet, 'portfolio.orphans')).toHaveLength(1)

    const relaxed = run(
      p,
      rulesWith((r) => (r.rules.find((rule) => rule.id === 'item.pii-unresolved')!.severity = 'warning')),
    )
    expect(of(relaxed, 'item.pii-unresolved')[0]!.severity).toBe('warning')
    expect(relaxed.summary.ready).toBe(true)
  })

  it('messages come from the data', () => {
    const p = clean()
    p.claims.find((c) => c.areaCode === 'Com2')!.verified = false
    const report = run(
      p,
      rulesWith(
        (r) =>
          (r.rules.find((rule) => rule.id === 'area.not-verified')!.message =
            '{code} ({domainTitle}): {itemCount} unverified.'),
      ),
    )
    expect(of(report, 'area.not-verified')[0]!.message).toBe('Com2 (Communication): 1 unverified.')
  })

  it('a framework may add its own domain expectations', () => {
    const p = clean()
    const rules = rulesWith((r) => {
      r.domainExpectations.push({
        id: 'communication-feedback',
        domainKey: 'Com',
        kind: 'require-types',
        distinctItems: false,
        guidance: 'Reflections on multi-source feedback.',
        message: 'include {missing}.',
        requireAll: [{ label: 'multi-source feedback', anyOfTypes: ['feedback'] }],
      })
    })
    expect(of(run(p, rules), 'domain.expectation')).toEqual([
      expect.objectContaining({
        expectationId: 'communication-feedback',
        severity: 'warning',
        message: 'Communication: include multi-source feedback.',
      }),
    ])
    p.itemFor('Com1').evidenceType = 'feedback'
    expect(of(run(p, rules), 'domain.expectation')).toEqual([])
  })
})

describe('portfolio.no-summary', () => {
  it('blocks a portfolio whose summary statement is empty, and only when the statement is known', () => {
    const p = clean()
    const withStatement = (words: number | undefined) =>
      computeCoverage({
        framework,
        rules: DEFAULT_COVERAGE_RULES,
        now: NOW,
        items: p.items,
        claims: p.claims,
        summaryStatementWords: words,
      })
    expect(of(withStatement(0), 'portfolio.no-summary')).toEqual([
      {
        ruleId: 'portfolio.no-summary',
        severity: 'blocker',
        target: { kind: 'portfolio' },
        message: expect.stringMatching(/^There is no summary statement yet\./),
      },
    ])
    expect(withStatement(0).summary.ready).toBe(false)
    expect(of(withStatement(250), 'portfolio.no-summary')).toEqual([])
    expect(of(withStatement(undefined), 'portfolio.no-summary')).toEqual([])
  })
})

describe('the experience record rules', () => {
  const withRecord = (experience: { years: number; supervisedYears: number } | undefined) => {
    const p = clean()
    return computeCoverage({
      framework,
      rules: DEFAULT_COVERAGE_RULES,
      now: NOW,
      items: p.items,
      claims: p.claims,
      ...(experience ? { experience } : {}),
    })
  }

  it('blocks a portfolio whose record has no supervised practice at all', () => {
    const report = withRecord({ years: 5, supervisedYears: 0 })
    expect(of(report, 'record.no-supervised-practice')).toEqual([
      {
        ruleId: 'record.no-supervised-practice',
        severity: 'blocker',
        target: { kind: 'portfolio' },
        message: expect.stringMatching(/no supervised practice in a healthcare setting/),
      },
    ])
    expect(report.summary.ready).toBe(false)
  })

  it('warns when the record comes to less than the four years IPEM expects, with the figures', () => {
    const report = withRecord({ years: 3.24, supervisedYears: 2 })
    expect(of(report, 'record.no-supervised-practice')).toEqual([])
    const [finding] = of(report, 'record.experience-short')
    expect(finding?.severity).toBe('warning')
    expect(finding?.message).toContain('3.2 years of postgraduate experience')
    expect(finding?.message).toContain('short of the 4 years IPEM expects; 2 years of it supervised practice')
    expect(report.summary.ready).toBe(true)
  })

  it('says nothing of a record of four years or more with supervised practice, or of one not given', () => {
    expect(of(withRecord({ years: 4, supervisedYears: 1 }), 'record.experience-short')).toEqual([])
    expect(of(withRecord({ years: 4, supervisedYears: 1 }), 'record.no-supervised-practice')).toEqual([])
    expect(of(withRecord(undefined), 'record.no-supervised-practice')).toEqual([])
  })

  it('takes the expected years from the rules data', () => {
    const rules = parseCoverageRules({
      ...structuredClone(DEFAULT_COVERAGE_RULES),
      thresholds: { ...DEFAULT_COVERAGE_RULES.thresholds, expectedExperienceYears: 6 },
    })
    const p = clean()
    const report = computeCoverage({
      framework,
      rules,
      now: NOW,
      items: p.items,
      claims: p.claims,
      experience: { years: 5, supervisedYears: 5 },
    })
    expect(of(report, 'record.experience-short')[0]?.message).toContain('short of the 6 years')
  })
})

describe('area.drafts-only', () => {
  it('keeps an area’s blocker while every item claiming it is a draft no one has seen', () => {
    const p = clean()
    const sci3 = p.itemFor('Sci3')
    sci3.status = 'draft'
    p.claims.find((c) => c.areaCode === 'Sci3')!.verified = false
    const report = run(p)
    expect(of(report, 'area.drafts-only')).toEqual([
      {
        ruleId: 'area.drafts-only',
        severity: 'blocker',
        target: { kind: 'area', areaCode: 'Sci3' },
        message: `Sci3 is claimed only by 1 item still in draft (#${sci3.id} “${sci3.title}”), which no one has reviewed. Send it for review: only evidence a mentor has seen clears this.`,
      },
    ])
    expect(of(report, 'area.not-verified')).toEqual([]) // one finding per area
    expect(report.summary.ready).toBe(false)
    expect(report.areas.find((a) => a.code === 'Sci3')!.status).toBe('claimed')
  })

  it('names the first five draft items and counts the rest', () => {
    const p = clean()
    p.itemFor('Sci3').status = 'draft'
    p.claims.find((c) => c.areaCode === 'Sci3')!.verified = false
    for (let id = 300; id < 307; id++) {
      p.items.push(item(id, { status: 'draft' }))
      p.claims.push(claim(id, 'Sci3', { verified: false }))
    }
    const [finding] = of(run(p), 'area.drafts-only')
    expect(finding?.message).toContain('claimed only by 8 items still in draft (')
    expect(finding?.message).toContain('#303 “Item 303” and 3 more)')
    expect(finding?.message).not.toContain('#304')
  })

  it('is cleared once one claiming item is sent for review, whatever its outcome', () => {
    const p = clean()
    p.itemFor('Sci3').status = 'draft'
    p.claims.find((c) => c.areaCode === 'Sci3')!.verified = false
    const other = item(200, { status: 'awaiting_review' })
    p.items.push(other)
    p.claims.push(claim(200, 'Sci3', { verified: false }))
    expect(of(run(p), 'area.drafts-only')).toEqual([])
    expect(of(run(p), 'area.not-verified').map((f) => f.target)).toEqual([{ kind: 'area', areaCode: 'Sci3' }])
    other.status = 'changes_requested'
    expect(of(run(p), 'area.drafts-only')).toEqual([])
  })
})

describe('area.observed-only', () => {
  it('blocks an area asking the trainee to perform when its only evidence was observed (Tech3)', () => {
    const p = clean()
    const tech3 = p.itemFor('Tech3')
    tech3.role = 'observed'
    const report = run(p)
    expect(of(report, 'area.observed-only')).toEqual([
      {
        ruleId: 'area.observed-only',
        severity: 'blocker',
        target: { kind: 'area', areaCode: 'Tech3' },
        message: `Tech3 asks you to perform: “Perform these techniques.” Its only evidence is 1 item where you observed (#${tech3.id} “${tech3.title}”). Add an item where you did it yourself, or correct the role if you did.`,
      },
    ])
    expect(report.summary.ready).toBe(false)
  })

  it('applies to areas whose text begins with perform, apply, use or develop, and to no other', () => {
    const p = clean()
    for (const it of p.items) it.role = 'observed'
    const codes = of(run(p), 'area.observed-only').map((f) => (f.target.kind === 'area' ? f.target.areaCode : ''))
    expect(codes).toEqual(['Sci4', 'Sci7', 'Clin4', 'Tech3', 'Tech6', 'R&D2', 'R&D3', 'R&D4'])
  })

  it('is satisfied by one item the trainee led or contributed to beside the observed one', () => {
    const p = clean()
    p.itemFor('Tech3').role = 'observed'
    p.items.push(
      item(300, {
        role: 'contributed',
        description: 'I measured the output of both linacs with the reference chamber.',
      }),
    )
    p.claims.push(claim(300, 'Tech3'))
    expect(of(run(p), 'area.observed-only')).toEqual([])
  })

  it('does not ask an observed item’s claims to name an action: observing was the part', () => {
    const p = clean()
    p.itemFor('Clin3').role = 'observed'
    p.claims.find((c) => c.areaCode === 'Clin3')!.statement =
      'Observed the pathway from CT simulation to the first fraction with the radiographers.'
    expect(of(run(p), 'claim.no-own-action')).toEqual([])
  })
})

describe('item.own-part-unclear', () => {
  const contributed = (description: string, statement = STATEMENT) => {
    const p = clean()
    const it = p.itemFor('PS2')
    it.role = 'contributed'
    it.description = description
    p.claims.find((c) => c.areaCode === 'PS2')!.statement = statement
    return { report: run(p), it }
  }
  const vagueClaim = 'The team investigated the fault in the imaging panel and restored it within the day.'

  it('warns when neither the description nor a claim says in the first person what the trainee did', () => {
    const { report, it } = contributed(
      'The physics team investigated the imaging panel fault with the engineers. I was involved throughout.',
      vagueClaim,
    )
    expect(of(report, 'item.own-part-unclear')).toEqual([
      {
        ruleId: 'item.own-part-unclear',
        severity: 'warning',
        target: { kind: 'item', evidenceId: it.id },
        message: expect.stringContaining('neither its description nor its claims say which part was yours'),
      },
    ])
  })

  it.each([
    ['I helped with the investigation and attended the meetings.', true],
    ['I contributed to the audit and took part in the review.', true],
    ['I observed the commissioning.', true],
    ['My part was the film analysis and the report of its uncertainties.', false],
    ['**My contribution:** the measurements at each gantry angle.', false],
    ['I was responsible for the measurements at each gantry angle.', false],
    ['With the senior physicist, I measured the output at each gantry angle.', false],
    ['I contributed beam data that is now the basis of every plan.', false],
  ])('description “%s”: warned %s', (description, warned) => {
    expect(of(contributed(description, vagueClaim).report, 'item.own-part-unclear')).toHaveLength(warned ? 1 : 0)
  })

  it('is satisfied by a first-person claim sentence, and never asked of items the trainee led', () => {
    expect(
      of(
        contributed(
          'The team investigated the fault.',
          'I traced the fault to a failed detector panel by repeating the flood-field calibration.',
        ).report,
        'item.own-part-unclear',
      ),
    ).toEqual([])
    const p = clean()
    p.itemFor('PS2').description = 'The team investigated the fault.'
    expect(of(run(p), 'item.own-part-unclear')).toEqual([])
  })
})

describe('claim.restates-area and claim.no-own-action', () => {
  const withStatement = (code: string, statement: string) => {
    const p = clean()
    p.claims.find((c) => c.areaCode === code)!.statement = statement
    return run(p)
  }

  it('warns about a claim that copies the area’s words back', () => {
    const report = withStatement(
      'Tech5',
      'I understand the principles of quality control and of quality assurance very well.',
    )
    expect(of(report, 'claim.restates-area')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        target: { kind: 'area', areaCode: 'Tech5' },
        message: expect.stringContaining('mostly repeats the words of Tech5 itself'),
      }),
    ])
    expect(of(report, 'claim.no-own-action')).toEqual([])
  })

  it('accepts a claim that uses some of the area’s words but says what was done', () => {
    const report = withStatement(
      'Tech5',
      'I set the tolerances of our daily QA programme from a year of results, applying quality control principles.',
    )
    expect(of(report, 'claim.restates-area')).toEqual([])
  })

  it('warns about a claim that names no action of the trainee’s own', () => {
    const report = withStatement(
      'Sci6',
      'The audit of plan checks showed the effectiveness of our independent checks across the whole department.',
    )
    expect(of(report, 'claim.no-own-action')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        target: { kind: 'area', areaCode: 'Sci6' },
        message: expect.stringContaining('does not say what you did'),
      }),
    ])
    expect(
      of(
        withStatement('Sci6', 'I helped with the audit of plan checks across the whole of the department this year.'),
        'claim.no-own-action',
      ),
    ).toHaveLength(1)
    expect(
      of(
        withStatement(
          'Sci6',
          'I audited the plan checks and judged them effective: two errors in 400 plans were caught.',
        ),
        'claim.no-own-action',
      ),
    ).toEqual([])
  })

  it('gives a short claim only the word-count finding', () => {
    const report = withStatement('Tech5', 'Quality control and quality assurance.')
    expect(report.findings.filter((f) => f.ruleId.startsWith('claim.')).map((f) => f.ruleId)).toEqual([
      'claim.not-substantive',
    ])
  })
})

describe('own items offered for an area they do not claim', () => {
  it('points an unevidenced area at the trainee’s item that matches it, with the matched words, claiming nothing', () => {
    const p = clean()
    const com2 = p.itemFor('Com2')
    p.claims = p.claims.filter((c) => c.areaCode !== 'Com2')
    com2.title = 'Correspondence with the stroke team'
    com2.description =
      'A stroke consultant asked physics whether the CT perfusion scans could be repeated at a lower dose. I replied by email with the dose figures and what a lower dose would mean for the images, and answered a follow-up question from the registrar.'
    const before = structuredClone(p.claims)
    const report = run(p)
    const [finding] = of(report, 'area.not-evidenced')
    expect(finding!.target).toEqual({ kind: 'area', areaCode: 'Com2' })
    expect(finding!.candidates?.[0]).toMatchObject({
      evidenceId: com2.id,
      title: 'Correspondence with the stroke team',
    })
    expect(finding!.candidates![0]!.words).toEqual(expect.arrayContaining(['correspondence']))
    expect(p.claims).toEqual(before)
    expect(report.areas.find((a) => a.code === 'Com2')!.status).toBe('not-evidenced')
  })

  it('offers nothing when no item’s text fits, or when items carry no text', () => {
    const p = clean()
    p.claims = p.claims.filter((c) => c.areaCode !== 'Com2')
    expect(of(run(p), 'area.not-evidenced')[0]!.candidates).toBeUndefined()
    p.itemFor('Sci1').description = 'Annual service of the water tank.'
    expect(of(run(p), 'area.not-evidenced')[0]!.candidates).toBeUndefined()
  })
})

describe('reading item texts once per revision', () => {
  it('gives the same report whether or not revisions are given, first time or remembered', () => {
    const p = clean()
    p.claims = p.claims.filter((c) => c.areaCode !== 'Com2')
    p.itemFor('Com1').description =
      'A consultant asked physics a question about the service; I replied by email with the figures.'
    p.itemFor('PS2').role = 'contributed'
    p.itemFor('PS2').description = 'The team investigated the fault.'
    p.claims.find((c) => c.areaCode === 'PS2')!.statement =
      'The team investigated the fault in the imaging panel and restored it within the day.'
    const plain = run(p)
    const withRevisions = { items: p.items.map((i) => ({ ...i, revision: 3 })), claims: p.claims }
    expect(run(withRevisions)).toEqual(plain)
    expect(run(withRevisions)).toEqual(plain)
    expect(of(plain, 'area.not-evidenced')[0]!.candidates?.length).toBeGreaterThan(0)
    expect(of(plain, 'item.own-part-unclear')).toHaveLength(1)
  })

  it('does not mistake another portfolio’s item of the same id and revision for this one', () => {
    const first = clean()
    const second = clean()
    second.claims = second.claims.filter((c) => c.areaCode !== 'Sci1')
    second.claims.push(
      claim(second.itemFor('Sci1').id, 'Sci2', {
        statement: 'I understand the principles of quality control and of quality assurance very well.',
      }),
    )
    const withRevision = (p: Portfolio) => ({ items: p.items.map((i) => ({ ...i, revision: 1 })), claims: p.claims })
    run(withRevision(first))
    expect(run(withRevision(second))).toEqual(run(second))
  })
})
