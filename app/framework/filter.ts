import type { Area, Domain, Framework, Guidance, SpecificCompetency } from '../../competences/schema'

export interface DomainMatch {
  domain: Domain
  /** The domain's key or title matched, so all of it is shown. */
  whole: boolean
  areas: Area[]
  specificCompetencies: SpecificCompetency[]
  /** Some line of the domain's guidance matched. */
  guidance: boolean
}

export interface FrameworkFilter {
  terms: string[]
  domains: DomainMatch[]
  areaCount: number
  competencyCount: number
}

/** Lower-cased words of a query; every one of them must match. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean)
}

function contains(text: string, terms: string[]): boolean {
  const haystack = text.toLowerCase()
  return terms.every((term) => haystack.includes(term))
}

function guidanceLines(guidance: Guidance): string[] {
  return [
    ...guidance.achievementOf,
    ...guidance.achievedThrough,
    guidance.goodEvidence.intro,
    ...guidance.goodEvidence.items,
    ...guidance.notes,
  ]
}

/**
 * Narrows the framework to what a query names: a code (`Sci3` is that area
 * alone), a domain (`Clinical`, `R&D`), or words found in the texts.
 */
export function filterFramework(framework: Framework, query: string): FrameworkFilter {
  const terms = queryTerms(query)
  const domains: DomainMatch[] = []
  for (const domain of framework.domains) {
    if (terms.length === 0 || contains(`${domain.key} ${domain.title}`, terms)) {
      domains.push({
        domain,
        whole: true,
        areas: domain.areas,
        specificCompetencies: domain.specificCompetencies,
        guidance: false,
      })
      continue
    }
    const areas = domain.areas.filter((area) =>
      terms.length === 1 && terms[0] === area.code.toLowerCase() ? true : contains(area.text, terms),
    )
    const specificCompetencies = domain.specificCompetencies.filter(
      (c) => (terms.length === 1 && terms[0] === c.id.toLowerCase()) || contains(c.text, terms),
    )
    const guidance = guidanceLines(domain.guidance).some((line) => contains(line, terms))
    if (areas.length > 0 || specificCompetencies.length > 0 || guidance) {
      domains.push({ domain, whole: false, areas, specificCompetencies, guidance })
    }
  }
  return {
    terms,
    domains,
    areaCount: domains.reduce((n, d) => n + d.areas.length, 0),
    competencyCount: domains.reduce((n, d) => n + d.specificCompetencies.length, 0),
  }
}

/** Finds an area by its code, ignoring case (`/framework/sci3` works too). */
export function findArea(framework: Framework, code: string) {
  const wanted = code.toLowerCase()
  for (const domain of framework.domains) {
    const index = domain.areas.findIndex((a) => a.code.toLowerCase() === wanted)
    if (index >= 0) return { domain, area: domain.areas[index]!, index }
  }
  return null
}

/** The areas before and after this one, across domain boundaries. */
export function neighbours(framework: Framework, code: string): { previous?: Area; next?: Area } {
  const all = framework.domains.flatMap((d) => d.areas)
  const index = all.findIndex((a) => a.code === code)
  return { previous: index > 0 ? all[index - 1] : undefined, next: index >= 0 ? all[index + 1] : undefined }
}

/** `/framework/R%26D2`: the address of an area of competence. */
export function areaPath(code: string): string {
  return `/framework/${encodeURIComponent(code)}`
}
