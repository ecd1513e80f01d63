import { describe, expect, it } from 'vitest'
import { defaultFramework as framework } from '../../competences/index'
import { areaPath, filterFramework, findArea, neighbours, queryTerms } from '../../app/framework/filter'

const keys = (query: string) => filterFramework(framework, query).domains.map((d) => d.domain.key)

describe('filtering the framework', () => {
  it('shows everything for an empty query', () => {
    const result = filterFramework(framework, '   ')
    expect(result.domains).toHaveLength(7)
    expect(result.domains.every((d) => d.whole)).toBe(true)
    expect(result.areaCount).toBe(46)
  })

  it('narrows "uncertainties" to the Scientific domain', () => {
    const result = filterFramework(framework, 'uncertainties')
    expect(result.domains.map((d) => d.domain.key)).toEqual(['Sci'])
    const [sci] = result.domains
    expect(sci!.areas).toEqual([])
    expect(sci!.specificCompetencies.map((c) => c.id)).toEqual(['Sci-SC6'])
    expect(sci!.guidance).toBe(true)
  })

  it('treats a code as that area alone', () => {
    const result = filterFramework(framework, 'sci3')
    expect(result.domains.map((d) => d.domain.key)).toEqual(['Sci'])
    expect(result.domains[0]!.areas.map((a) => a.code)).toEqual(['Sci3'])
    expect(filterFramework(framework, 'Prof1').domains[0]!.areas.map((a) => a.code)).toEqual(['Prof1'])
  })

  it('finds a specific competency by its id', () => {
    const result = filterFramework(framework, 'tech-sc4')
    expect(result.domains[0]!.specificCompetencies.map((c) => c.id)).toEqual(['Tech-SC4'])
  })

  it('shows a whole domain named by key or title', () => {
    const rd = filterFramework(framework, 'R&D').domains.find((d) => d.domain.key === 'R&D')
    expect(rd?.whole).toBe(true)
    expect(rd?.areas).toHaveLength(6)
    const ps = filterFramework(framework, 'problem solving').domains.find((d) => d.domain.key === 'PS')
    expect(ps?.whole).toBe(true)
  })

  it('requires every word to match, in any order', () => {
    const result = filterFramework(framework, 'control quality')
    expect(result.domains.map((d) => d.domain.key)).toEqual(['Tech'])
    expect(result.domains[0]!.areas.map((a) => a.code)).toEqual(['Tech5', 'Tech6'])
  })

  it('ignores case and returns nothing for words not in the framework', () => {
    expect(keys('AUDIT')).toEqual(keys('audit'))
    expect(keys('audit').length).toBeGreaterThan(0)
    expect(keys('zebrafish')).toEqual([])
  })

  it('splits a query into lower-case words', () => {
    expect(queryTerms('  Quality   CONTROL ')).toEqual(['quality', 'control'])
  })
})

describe('finding an area', () => {
  it('finds a code in any case', () => {
    expect(findArea(framework, 'prof11')?.area.code).toBe('Prof11')
    expect(findArea(framework, 'R&D2')?.domain.key).toBe('R&D')
    expect(findArea(framework, 'Sci8')).toBeNull()
  })

  it('links neighbours across domains', () => {
    expect(neighbours(framework, 'Sci7')).toMatchObject({ previous: { code: 'Sci6' }, next: { code: 'Clin1' } })
    expect(neighbours(framework, 'Sci1').previous).toBeUndefined()
    expect(neighbours(framework, 'Prof11').next).toBeUndefined()
  })

  it('gives each area an address, escaping the ampersand', () => {
    expect(areaPath('Sci3')).toBe('/framework/Sci3')
    expect(areaPath('R&D2')).toBe('/framework/R%26D2')
  })
})
