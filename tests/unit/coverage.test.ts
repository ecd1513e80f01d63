import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeCoverage } from '../../app/coverage/engine'
import { countWords } from '../../app/coverage/text'
import { wordCount } from '../../app/evidence/form'
import type { CoverageClaim, CoverageItem, CoverageReport, Finding } from '../../app/coverage/types'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { defaultFramework as framework } from '../../competences/index'

const NOW = new Date('2025-06-01T09:00:00Z')
const STATEMENT = 'I measured the output myself, analysed the results and wrote up what they showed.' // 14 words
const AREA_CODES = framework.domains.flatMap((d) => d.areas.map((a) => a.code))
const COMPETENCY_IDS = framework.domains.flatMap((d) => d.specificCompetencies.map((c) => c.id))

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

function run(items: CoverageItem[], claims: CoverageClaim[], now = NOW): CoverageReport {
  return computeCoverage({ framework, rules: DEFAULT_COVERAGE_RULES, now, items, claims })
}

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId)
const of = (report: CoverageReport, ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId)

/** A small seeded generator (mulberry32), so "random" portfolios are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** A messy portfolio that sets off most rules: gaps, weak claims, duplicates, strays, stale and unsafe items. */
function messy() {
  const random = prng(7)
  const types = ['reflection', 'audit', 'case-study', 'calibration-report', 'project-abstract', 'cpd-record']
  const items = Array.from({ length: 40 }, (_, i) =>
    item(i + 1, {
      evidenceType: types[i % types.length]!,
      activityStart: i % 9 === 0 ? '2017-04-02' : '2023-10-12',
      reflectionWords: (i * 7) % 50,
      attachmentPages: i % 5 === 0 ? 14 : 2,
      openPiiFindings: i === 17 ? 1 : 0,
    }),
  )
  const claims: CoverageClaim[] = []
  for (let n = 0; n < 120; n++) {
    const evidenceId = 1 + Math.floor(random() * 36) // items 37–40 stay orphans
    const areaCode = AREA_CODES[Math.floor(random() * 40)]! // the last areas stay unevidenced
    claims.push(
      claim(evidenceId, areaCode, {
        statement: random() < 0.2 ? 'Did it.' : STATEMENT,
        competencyIds: random() < 0.5 ? [COMPETENCY_IDS[Math.floor(random() * COMPETENCY_IDS.length)]!] : [],
        verified: random() < 0.5,
      }),
    )
  }
  claims.push(claim(3, 'Sci99'), claim(999, 'Sci1'), claims[0]!, { ...claims[1]!, verified: !claims[1]!.verified })
  return { items, claims }
}

describe('an empty portfolio', () => {
  const report = run([], [])

  it('has every area unevidenced and is not ready', () => {
    expect(report.summary).toEqual({
      areasTotal: 46,
      areasEvidenced: 0,
      areasVerified: 0,
      percentEvidenced: 0,
      percentVerified: 0,
      items: 0,
      claims: 0,
      pages: { text: 0, attachments: 0, total: 0, target: 120, limit: 160, status: 'within' },
      blockers: 47,
      warnings: 0,
      advice: COMPETENCY_IDS.length,
      ready: false,
    })
    expect(report.areas).toHaveLength(46)
    expect(report.areas.every((a) => a.status === 'not-evidenced' && a.itemIds.length === 0)).toBe(true)
    expect(of(report, 'area.not-evidenced')).toHaveLength(46)
    expect(report.findings[0]!.ruleId).toBe('portfolio.empty')
  })

  it('lists every domain, area and competency in framework order', () => {
    expect(report.domains.map((d) => d.key)).toEqual(['Sci', 'Clin', 'Tech', 'R&D', 'Com', 'PS', 'Prof'])
    expect(report.domains[3]).toEqual({
      key: 'R&D',
      title: 'Research and Development',
      number: 4,
      areasTotal: 6,
      areasEvidenced: 0,
      areasVerified: 0,
      percentEvidenced: 0,
      percentVerified: 0,
      itemCount: 0,
      evidenceTypes: {},
    })
    expect(report.areas.map((a) => a.code)).toEqual(AREA_CODES)
    expect(report.competencies.map((c) => c.id)).toEqual(COMPETENCY_IDS)
    expect(report.items).toEqual([])
  })
})

describe('what the report counts', () => {
  it('reports areas, domains, competencies and items', () => {
    const items = [
      item(1, {
        evidenceType: 'calibration-report',
        title: 'Dose calibrator',
        descriptionWords: 390,
        reflectionWords: 0,
        attachmentPages: 3,
      }),
      item(2, { evidenceType: 'reflection', descriptionWords: 0, reflectionWords: 0, attachmentPages: 0 }),
      item(3, { evidenceType: 'calibration-report' }),
    ]
    const claims = [
      claim(1, 'Sci1', { competencyIds: ['Sci-SC1', 'Sci-SC4'] }),
      claim(1, 'Sci2', { verified: false, statement: 'Shows Sci2.' }),
      claim(3, 'Sci1', { verified: false, competencyIds: ['Sci-SC1'] }),
      claim(2, 'Clin1', { verified: false }),
    ]
    const report = run(items, claims)

    expect(report.areas.slice(0, 3)).toEqual([
      {
        code: 'Sci1',
        domainKey: 'Sci',
        text: framework.domains[0]!.areas[0]!.text,
        status: 'verified',
        itemIds: [1, 3],
        verifiedItemIds: [1],
        itemCount: 2,
        weakClaimItemIds: [],
      },
      {
        code: 'Sci2',
        domainKey: 'Sci',
        text: framework.domains[0]!.areas[1]!.text,
        status: 'claimed',
        itemIds: [1],
        verifiedItemIds: [],
        itemCount: 1,
        weakClaimItemIds: [1],
      },
      {
        code: 'Sci3',
        domainKey: 'Sci',
        text: framework.domains[0]!.areas[2]!.text,
        status: 'not-evidenced',
        itemIds: [],
        verifiedItemIds: [],
        itemCount: 0,
        weakClaimItemIds: [],
      },
    ])
    expect(report.domains[0]).toMatchObject({
      areasTotal: 7,
      areasEvidenced: 2,
      areasVerified: 1,
      percentEvidenced: 28,
      percentVerified: 14,
      itemCount: 2,
      evidenceTypes: { 'calibration-report': 2 },
    })
    expect(report.domains[1]).toMatchObject({
      areasEvidenced: 1,
      areasVerified: 0,
      itemCount: 1,
      evidenceTypes: { reflection: 1 },
    })
    expect(report.competencies.find((c) => c.id === 'Sci-SC1')).toEqual({
      id: 'Sci-SC1',
      domainKey: 'Sci',
      itemIds: [1, 3],
    })
    expect(report.competencies.find((c) => c.id === 'Sci-SC4')!.itemIds).toEqual([1])
    expect(report.summary).toMatchObject({
      areasEvidenced: 3,
      areasVerified: 1,
      percentEvidenced: 6,
      percentVerified: 2,
      items: 3,
      claims: 4,
    })

    // Item 1: 390 + 0 + 14 + 2 claim words = 406 → 2 text pages, plus 3 attached.
    expect(report.items[0]).toMatchObject({ id: 1, claimCount: 2, textPages: 2, pages: 5, areaCodes: ['Sci1', 'Sci2'] })
    // Item 2: no description or reflection, one claim → 1 text page.
    expect(report.items[1]).toMatchObject({ id: 2, claimCount: 1, textPages: 1, pages: 1 })
    expect(report.summary.pages).toEqual({
      text: 4,
      attachments: 4,
      total: 8,
      target: 120,
      limit: 160,
      status: 'within',
    })
  })

  it('gives an item with no words and no attachments no pages', () => {
    const report = run([item(1, { descriptionWords: 0, reflectionWords: 0, attachmentPages: 0 })], [])
    expect(report.items[0]).toMatchObject({ pages: 0, textPages: 0 })
  })

  it('lists the rules each item sets off, most severe first', () => {
    const report = run(
      [item(5, { openPiiFindings: 1, reflectionWords: 3, activityStart: '2001-01-01' })],
      [claim(5, 'PS1', { statement: 'Fixed it.' })],
    )
    expect(report.items[0]!.ruleIds).toEqual([
      'item.pii-unresolved',
      'claim.not-substantive',
      'item.no-reflection',
      'item.stale',
    ])
  })
})

describe('claims it cannot place', () => {
  it('ignores unknown area codes, unknown items and unknown competencies without throwing', () => {
    const items = [item(1)]
    const claims = [
      claim(1, 'Sci1', { competencyIds: ['Sci-SC1', 'Sci-SC99', 'nonsense'] }),
      claim(1, 'Sci99'),
      claim(1, 'sci1'),
      claim(1, ''),
      claim(2, 'Sci2'),
    ]
    const report = run(items, claims)
    expect(report.summary).toMatchObject({ claims: 1, areasEvidenced: 1 })
    expect(report.items[0]!.claimCount).toBe(1)
    expect(report.areas.find((a) => a.code === 'Sci2')!.status).toBe('not-evidenced')
    expect(report.competencies.flatMap((c) => c.itemIds)).toEqual([1])
    expect(report.findings.some((f) => JSON.stringify(f).includes('Sci99'))).toBe(false)
  })

  it('counts duplicate claims once per item: verified if any is, every competency named, the fuller statement', () => {
    const items = [item(1)]
    const claims = [
      claim(1, 'Tech1', { verified: false, statement: 'Short.', competencyIds: ['Tech-SC1'] }),
      claim(1, 'Tech1', { verified: true, statement: STATEMENT, competencyIds: ['Tech-SC2'] }),
      claim(1, 'Tech1', { verified: false, statement: 'Short again.' }),
    ]
    const report = run(items, claims)
    expect(report.summary.claims).toBe(1)
    expect(report.items[0]).toMatchObject({ claimCount: 1, textPages: 1 })
    expect(report.areas.find((a) => a.code === 'Tech1')).toMatchObject({
      status: 'verified',
      itemIds: [1],
      verifiedItemIds: [1],
      itemCount: 1,
      weakClaimItemIds: [],
    })
    expect(report.competencies.filter((c) => c.itemIds.length > 0).map((c) => c.id)).toEqual(['Tech-SC1', 'Tech-SC2'])
  })
})

describe('one item mapped to every area', () => {
  const report = run(
    [item(1, { title: 'Everything' })],
    AREA_CODES.map((code) => claim(1, code)),
  )

  it('evidences and verifies everything, but is over-tagged and dominates every domain but Problem Solving', () => {
    expect(report.summary).toMatchObject({
      areasEvidenced: 46,
      areasVerified: 46,
      percentEvidenced: 100,
      percentVerified: 100,
    })
    expect(of(report, 'item.over-tagged')).toEqual([
      expect.objectContaining({
        target: { kind: 'item', evidenceId: 1 },
        message: expect.stringContaining('claims 46 areas of competence'),
      }),
    ])
    expect(of(report, 'domain.concentration').map((f) => f.target)).toEqual(
      framework.domains.filter((d) => d.key !== 'PS').map((d) => ({ kind: 'domain', domainKey: d.key })),
    )
    expect(of(report, 'domain.concentration')[0]!.message).toBe(
      'Item #1 “Everything” carries 7 of the 7 evidenced areas in Scientific (100%). Add other items so the domain does not rest on one piece of work.',
    )
    expect(report.items[0]!.claimCount).toBe(46)
    expect(of(report, 'domain.single-type')).toEqual([]) // one item is not "a single type"
  })
})

describe('a domain verified by a single item', () => {
  it('is 100% verified, with a concentration advice', () => {
    const codes = framework.domains.find((d) => d.key === 'Com')!.areas.map((a) => a.code)
    const report = run(
      [item(9, { evidenceType: 'correspondence' })],
      codes.map((code) => claim(9, code)),
    )
    expect(report.domains.find((d) => d.key === 'Com')).toMatchObject({
      areasTotal: 5,
      areasEvidenced: 5,
      areasVerified: 5,
      percentEvidenced: 100,
      percentVerified: 100,
      itemCount: 1,
      evidenceTypes: { correspondence: 1 },
    })
    expect(of(report, 'domain.concentration')).toEqual([
      expect.objectContaining({ severity: 'advice', target: { kind: 'domain', domainKey: 'Com' }, evidenceId: 9 }),
    ])
    expect(of(report, 'item.over-tagged')).toEqual([])
  })
})

describe('determinism', () => {
  it('gives the same report, to the byte, whatever order items and claims arrive in', () => {
    const { items, claims } = messy()
    const first = run(items, claims)
    expect(first.findings.length).toBeGreaterThan(50)
    for (const seed of [1, 2, 3]) {
      const random = prng(seed)
      const again = run(shuffled(items, random), shuffled(claims, random))
      expect(again).toEqual(first)
      expect(JSON.stringify(again)).toBe(JSON.stringify(first))
    }
  })

  it('does not change its input', () => {
    const { items, claims } = messy()
    const before = structuredClone({ items, claims })
    run(items, claims)
    expect({ items, claims }).toEqual(before)
  })
})

describe('the order of findings', () => {
  const severities = { blocker: 0, warning: 1, advice: 2 }
  const domainIndex = new Map<string, number>(framework.domains.map((d, i) => [d.key, i]))
  const areaIndex = new Map(
    framework.domains.flatMap((d) => d.areas.map((a, i) => [a.code, [domainIndex.get(d.key)!, i] as const])),
  )
  const competencyIndex = new Map(
    framework.domains.flatMap((d) => d.specificCompetencies.map((c, i) => [c.id, i] as const)),
  )

  /** Where a finding belongs: severity, then portfolio, each domain (itself, areas, competencies), then items by id. */
  function place(f: Finding): number[] {
    const t = f.target
    const s = severities[f.severity]
    switch (t.kind) {
      case 'portfolio':
        return [s, 0]
      case 'domain':
        return [s, 1, domainIndex.get(t.domainKey)!, 0, 0]
      case 'area':
        return [s, 1, areaIndex.get(t.areaCode)![0], 1, areaIndex.get(t.areaCode)![1]]
      case 'competency':
        return [s, 1, domainIndex.get(t.domainKey)!, 2, competencyIndex.get(t.competencyId)!]
      case 'item':
        return [s, 2, t.evidenceId]
    }
  }
  const before = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!
    return true
  }

  it('puts blockers first, then warnings, then advice, each in framework order', () => {
    const { findings } = run(messy().items, messy().claims)
    const kinds = new Set(findings.map((f) => `${f.severity} ${f.target.kind}`))
    expect(kinds.size).toBeGreaterThanOrEqual(7)
    for (let i = 1; i < findings.length; i++) {
      expect(
        before(place(findings[i - 1]!), place(findings[i]!)),
        `${JSON.stringify(findings[i - 1])} before ${JSON.stringify(findings[i])}`,
      ).toBe(true)
    }
  })

  it('orders a small case as expected', () => {
    const items = [item(2, { openPiiFindings: 1 }), item(1, { reflectionWords: 0 })]
    const claims = [claim(2, 'Clin2', { verified: false }), claim(1, 'Sci1', { statement: 'Too short.' })]
    const report = run(items, claims)
    const head = report.findings.filter(
      (f) => f.ruleId !== 'area.not-evidenced' && f.ruleId !== 'competency.not-evidenced',
    )
    expect(head.map((f) => [f.ruleId, f.target])).toEqual([
      ['item.pii-unresolved', { kind: 'item', evidenceId: 2 }],
      ['claim.not-substantive', { kind: 'area', areaCode: 'Sci1' }],
      ['domain.expectation', { kind: 'domain', domainKey: 'Clin' }],
      ['area.not-verified', { kind: 'area', areaCode: 'Clin2' }],
      ['item.no-reflection', { kind: 'item', evidenceId: 1 }],
    ])
    expect(ids(report.findings.filter((f) => f.severity === 'blocker')).slice(0, 2)).toEqual([
      'area.not-evidenced',
      'area.not-evidenced',
    ])
    expect(report.findings.filter((f) => f.severity === 'blocker').at(-1)!.ruleId).toBe('item.pii-unresolved')
  })
})

describe('words', () => {
  it('counts claim statements as the evidence editor counts words', () => {
    const samples = [
      '',
      '   ',
      'one',
      "Don't over-tag: I re-ran the QA — twice.",
      'Output 1.02 ± 0.5% at 6 MV; kV-CBCT checked.',
      'Café naïve Ørsted résumé',
      'Physicist’s log — 2024-03-01',
      '日本語 テキスト',
      '𝐁old 𝟙 🙂 emoji',
      "-leading 'quote' trailing- --",
      'tab\tand\nnew line',
    ]
    for (const text of samples) expect(countWords(text), text).toBe(wordCount(text))
  })
})

describe('purity', () => {
  it('the engine reads no clock, file, database or framework of its own', () => {
    const dir = path.join(import.meta.dirname, '../../app/coverage')
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8')
      expect(source, file).not.toMatch(
        /from '(node:|fs|path|@remix-run|drizzle|better-sqlite3)|db\/|\.server'|Date\.now|new Date\(|Math\.random|process\./,
      )
      expect(source, file).not.toMatch(/competences\/index/)
    }
  })
})
