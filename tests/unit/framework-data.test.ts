import { describe, expect, it } from 'vitest'
import ipemMpce from '../../competences/ipem-mpce.json'
import { DOMAIN_KEYS, parseFramework, type Framework } from '../../competences/schema'

const EXPECTED_CODES = (
  [
    ['Sci', 7],
    ['Clin', 6],
    ['Tech', 6],
    ['R&D', 6],
    ['Com', 5],
    ['PS', 5],
    ['Prof', 11],
  ] as const
).flatMap(([key, n]) => Array.from({ length: n }, (_, i) => `${key}${i + 1}`))

function load(): Framework {
  const result = parseFramework(ipemMpce)
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.framework
}

function allTexts(framework: Framework): string[] {
  return framework.domains.flatMap((d) => [
    d.title,
    ...d.areas.map((a) => a.text),
    ...d.specificCompetencies.map((c) => c.text),
    ...d.guidance.achievementOf,
    ...d.guidance.achievedThrough,
    d.guidance.goodEvidence.intro,
    ...d.guidance.goodEvidence.items,
    ...d.guidance.notes,
    d.guidance.assessedBy,
  ])
}

describe('the IPEM Medical Physics & Clinical Engineering framework file', () => {
  const framework = load()

  it('parses against the schema', () => {
    expect(framework.id).toBe('ipem-mpce')
    expect(framework.modality).toBe('Medical Physics & Clinical Engineering')
  })

  it('holds the seven domains in order', () => {
    expect(framework.domains.map((d) => [d.number, d.key, d.title])).toEqual([
      [1, 'Sci', 'Scientific'],
      [2, 'Clin', 'Clinical'],
      [3, 'Tech', 'Technical'],
      [4, 'R&D', 'Research and Development'],
      [5, 'Com', 'Communication'],
      [6, 'PS', 'Problem Solving'],
      [7, 'Prof', 'Professional Accountability'],
    ])
    expect(framework.domains.map((d) => d.key)).toEqual([...DOMAIN_KEYS])
  })

  it('has exactly the 46 area codes, in order, each once', () => {
    const codes = framework.domains.flatMap((d) => d.areas.map((a) => a.code))
    expect(EXPECTED_CODES).toHaveLength(46)
    expect(codes).toEqual(EXPECTED_CODES)
    expect(new Set(codes).size).toBe(46)
  })

  it('keeps the areas of competence verbatim', () => {
    const area = (code: string) => framework.domains.flatMap((d) => d.areas).find((a) => a.code === code)?.text
    expect(area('Sci1')).toBe(
      'Understand the science that underpins the specialty (modality) and the broader aspects of medicine and clinical practice.',
    )
    expect(area('Sci7')).toBe(
      'Apply the knowledge base to the specialty (modality) and to the range of procedures/investigations available',
    )
    expect(area('PS1')).toBe('Assess a situation.')
    expect(area('Prof1')).toBe(
      'Follow the Standards of Proficiency for Clinical Scientists as published by the Health & Care Professions Council. (published September 2023)',
    )
    expect(area('Prof11')).toMatch(
      /^Work within the structure and organisation of the local service .* within the UK\.$/,
    )
  })

  it('rebuilds every specific competency as a whole sentence, none a fragment', () => {
    const counts = framework.domains.map((d) => d.specificCompetencies.length)
    expect(counts).toEqual([6, 6, 6, 7, 5, 5, 14])
    for (const competency of framework.domains.flatMap((d) => d.specificCompetencies)) {
      expect(competency.text, competency.id).toMatch(/^[A-Z]/)
      expect(competency.text, competency.id).toMatch(/\.$/)
    }
  })

  it('joins the sentences the table wrapped across rows', () => {
    const text = (id: string) => framework.domains.flatMap((d) => d.specificCompetencies).find((c) => c.id === id)?.text
    expect(text('Sci-SC4')).toBe(
      'Collaborate in commissioning of specialist equipment, systems or facilities and producing protocols for safe and effective introduction into service.',
    )
    expect(text('Clin-SC5')).toBe(
      'Maintain an up-to-date knowledge of clinical practice within a particular specialty and influence changes in practice as needed to take account of new developments, technologies and changing contexts.',
    )
    expect(text('Com-SC2')).toMatch(/within the remit of their own pre-registration role\.$/)
    expect(text('PS-SC5')).toBe(
      'Review the effectiveness of the action plan after implementation and suggest further actions as necessary.',
    )
    expect(text('Prof-SC2')).toBe(
      'Is able to explain their own role and understand the limitations of their Scope of Practice.',
    )
    expect(text('Prof-SC11')).toBe(
      'Demonstrate a basic understanding of the structure and organisation of the department and its overarching governance structures, including relevant procedures and policies.',
    )
  })

  it('gives every specific competency a unique, stable id naming its domain', () => {
    const ids = framework.domains.flatMap((d) => d.specificCompetencies.map((c) => c.id))
    expect(new Set(ids).size).toBe(ids.length)
    for (const domain of framework.domains) {
      domain.specificCompetencies.forEach((c, i) => expect(c.id).toBe(`${domain.key}-SC${i + 1}`))
    }
  })

  it('lists each domain’s good evidence one entry per bullet', () => {
    expect(framework.domains.map((d) => d.guidance.goodEvidence.items.length)).toEqual([7, 9, 4, 3, 7, 6, 9])
    expect(framework.domains[0]?.guidance.goodEvidence.items[0]).toMatch(
      /^Document which demonstrates specialist measurement/,
    )
    expect(framework.domains.map((d) => d.guidance.notes.length)).toEqual([0, 0, 0, 0, 2, 1, 0])
    for (const d of framework.domains) expect(d.guidance.assessedBy).toBe('IPEM nominated ACS Assessor')
  })

  it('restores the Research and Development guidance whose row labels were lost', () => {
    const rd = framework.domains[3]!.guidance
    expect(rd.achievementOf).toHaveLength(3)
    expect(rd.achievedThrough).toHaveLength(4)
    expect(rd.achievedThrough[0]).toMatch(/^Application of learning/)
  })

  it('records that the R&D4 and PS3 cells each hold two specific competencies, kept apart', () => {
    const repairs = framework.repairs ?? []
    const byId = (key: string, id: string) =>
      framework.domains.find((d) => d.key === key)!.specificCompetencies.find((c) => c.id === id)!.text
    for (const [cell, first, second] of [
      ['R&D4', byId('R&D', 'R&D-SC4'), byId('R&D', 'R&D-SC5')],
      ['PS3', byId('PS', 'PS-SC3'), byId('PS', 'PS-SC4')],
    ] as const) {
      const note = repairs.find((r) => r.startsWith(`The ${cell} cell`))
      expect(note, cell).toBeDefined()
      expect(note).toContain(`'${first}'`)
      expect(note).toContain(`'${second}'`)
    }
  })

  it('repairs the words damaged by extraction and nothing of that damage remains', () => {
    const texts = allTexts(framework)
    const joined = texts.join('\n')
    expect(joined).not.toMatch(/\brelevanc\b|\bpplication|\bquivalent|\/lentoring|<\/?i>|\uf0b7|changes o updated/)
    expect(joined).not.toMatch(/\b(self|multi)- [a-z]/)
    expect(framework.domains[2]?.guidance.achievementOf[0]).toContain('the relevance and application of these')
    expect(framework.domains[6]?.guidance.achievedThrough[0]).toBe(
      'Application of learning from an appropriate MSc/MEng, participation in IPEM training programmes, relevant work experience, or equivalent. Mentoring by an experienced Clinical Scientist.',
    )
    for (const text of texts) expect(text).toBe(text.trim())
  })
})
