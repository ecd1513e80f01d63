import { describe, expect, it } from 'vitest'
import { defaultFramework as framework } from '../../competences/index'
import { DEFAULT_THESAURUS, parseThesaurus } from '../../competences/thesaurus'
import thesaurusData from '../../competences/thesaurus.json'
import labelled from '../../competences/suggestions-labelled.json'
import {
  analyse,
  analyseItem,
  areaIndex,
  bestGuidance,
  guidanceFit,
  rankAreas,
  words,
} from '../../app/coverage/relevance'
import { copiesArea, namesOwnAction } from '../../app/coverage/claim-text'
import { computeCoverage } from '../../app/coverage/engine'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { evaluateSuggestions } from '../bench/suggestions'

const index = areaIndex(framework, DEFAULT_THESAURUS)
const areas = framework.domains.flatMap((d) => d.areas.map((a) => ({ ...a, domain: d })))

describe('the good piece of evidence suggested for each area', () => {
  const report = computeCoverage({
    framework,
    rules: DEFAULT_COVERAGE_RULES,
    now: new Date('2026-06-01T00:00:00Z'),
    items: [],
    claims: [],
  })
  const suggestionFor = (code: string) =>
    report.findings.find(
      (f) => f.ruleId === 'area.not-evidenced' && f.target.kind === 'area' && f.target.areaCode === code,
    )!.suggestion

  it.each(areas.map((a) => [a.code, a] as const))(
    '%s: comes from its domain’s list and scores highest for it',
    (code, area) => {
      const lines = area.domain.guidance.goodEvidence.items
      const suggestion = suggestionFor(code)!
      const chosen = lines.find((line) => line.replace(/\.+$/, '') === suggestion)
      expect(chosen, suggestion).toBeDefined()
      const fit = guidanceFit(index, code, chosen!).score
      for (const line of lines) expect(guidanceFit(index, code, line).score, line).toBeLessThanOrEqual(fit)
    },
  )

  it('fits the areas an assessor reviewing the demo found badly served', () => {
    expect(suggestionFor('R&D6')).toMatch(/conference poster or presentation slides/)
    expect(suggestionFor('Com2')).toMatch(/^Written correspondence/)
    expect(suggestionFor('Prof8')).toMatch(/supervision sessions/)
    expect(suggestionFor('Prof9')).toMatch(/mandatory training/)
  })

  it('falls back to the first line when no line shares a word with the area', () => {
    expect(bestGuidance(index, 'Sci1', ['Zebra crossings.', 'Quokka sightings.'])?.line).toBe('Zebra crossings.')
  })
})

describe('ranking areas for an item', () => {
  it('ranks Scientific and Technical areas first for a linac output calibration, saying which words matched', () => {
    const ranked = rankAreas(
      index,
      analyseItem(index, {
        title: 'Linac output calibration',
        description:
          'I calibrated the photon output with a Farmer ionisation chamber and electrometer, and worked out the uncertainty budget.',
      }),
    )
    expect(ranked.length).toBeGreaterThan(0)
    expect(ranked.length).toBeLessThanOrEqual(5)
    expect(ranked.slice(0, 3).every((m) => m.domainKey === 'Sci' || m.domainKey === 'Tech')).toBe(true)
    expect(ranked.map((m) => m.code)).toContain('Tech3')
    expect(ranked[0]!.words).toContain('calibration')
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score)
  })

  it('leaves out areas already claimed, and offers nothing for text with no meaning for the framework', () => {
    const query = analyseItem(index, {
      title: 'Linac output calibration',
      description: 'Output calibration with a chamber.',
    })
    expect(rankAreas(index, query, { exclude: new Set(['Tech3']) }).map((m) => m.code)).not.toContain('Tech3')
    expect(rankAreas(index, analyseItem(index, { title: 'Lunch', description: 'Sandwiches and a banana.' }))).toEqual(
      [],
    )
    expect(rankAreas(index, analyse('', index.stop))).toEqual([])
  })

  it('matches through the thesaurus: a reply to a consultant’s question is an answer to an enquiry (Com2)', () => {
    const ranked = rankAreas(
      index,
      analyseItem(index, {
        title: 'Reply to a consultant',
        description: 'The consultant asked whether the scan could be repeated; I replied by email.',
      }),
    )
    expect(ranked.map((m) => m.code)).toContain('Com2')
  })

  it('reads M.Sc. and multi-disciplinary as the words they are', () => {
    const stems = words('My M.Sc. project, e.g. a multi-disciplinary audit', index.stop).map((w) => w.word)
    expect(stems).toContain('msc')
    expect(stems).toContain('multidisciplinary')
    expect(stems).not.toContain('eg')
  })
})

describe('the labelled set', () => {
  it('holds at least 40 items, each with areas of the framework an assessor would accept', () => {
    const codes = new Set(areas.map((a) => a.code))
    expect(labelled.items.length).toBeGreaterThanOrEqual(40)
    for (const item of labelled.items) {
      expect(item.accept.length, item.title).toBeGreaterThan(0)
      for (const code of item.accept) expect(codes.has(code), `${item.title}: ${code}`).toBe(true)
    }
  })

  it('gives the figures the README reports: precision@3 0.64 and recall@5 0.59', () => {
    const result = evaluateSuggestions()
    expect(result.precisionAt3.toFixed(2)).toBe('0.64')
    expect(result.recallAt5.toFixed(2)).toBe('0.59')
  })
})

describe('the thesaurus data', () => {
  it('is valid, and names only areas of the framework', () => {
    expect(() => parseThesaurus(thesaurusData)).not.toThrow()
    const codes = new Set(areas.map((a) => a.code))
    for (const code of Object.keys(DEFAULT_THESAURUS.areaCues)) expect(codes.has(code), code).toBe(true)
  })

  it('rejects a malformed file, naming where', () => {
    expect(() => parseThesaurus({ ...thesaurusData, groups: [['alone']] })).toThrow(
      /groups\[0\]: a group must hold at least two words/,
    )
    expect(() => parseThesaurus({ ...thesaurusData, stopWords: ['The'] })).toThrow(/stopWords\[0\]: must be lower case/)
  })
})

describe('reading a claim or description', () => {
  const lists = { vaguePhrases: DEFAULT_COVERAGE_RULES.roles.vaguePhrases }
  it.each([
    ['I measured the output at each gantry angle.', true],
    ['With the engineers, I replaced the detector and repeated the tests.', true],
    ['My role was the analysis of the film measurements.', true],
    ['I was responsible for the daily checks.', true],
    ['I contributed beam data to the commissioning.', true],
    ['I was involved in the commissioning.', false],
    ['I helped the team with the audit.', false],
    ['I contributed to the audit.', false],
    ['I took part in the review.', false],
    ['The team commissioned the scanner.', false],
    ['Iodine uptake was measured.', false],
  ])('“%s” names the writer’s own action: %s', (text, expected) => {
    expect(namesOwnAction(text, lists)).toBe(expected)
  })

  it('tells a near-copy of the area text from a claim that borrows a few of its words', () => {
    const tech5 = 'Understand the principles of quality control and quality assurance.'
    const { nearCopyShare, nearCopyMaxOwnWords } = DEFAULT_COVERAGE_RULES.thresholds
    expect(
      copiesArea(
        'I understand the principles of quality assurance and quality control.',
        tech5,
        index.stop,
        nearCopyShare,
        nearCopyMaxOwnWords,
      ),
    ).toBe(true)
    expect(
      copiesArea(
        'This shows I understand quality control principles.',
        tech5,
        index.stop,
        nearCopyShare,
        nearCopyMaxOwnWords,
      ),
    ).toBe(true)
    expect(
      copiesArea(
        'I set the tolerances of the daily QA programme from a year of results, using quality control principles.',
        tech5,
        index.stop,
        nearCopyShare,
        nearCopyMaxOwnWords,
      ),
    ).toBe(false)
  })
})
