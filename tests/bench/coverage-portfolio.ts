/**
 * The portfolio the coverage engine's benchmarks run on: items with text, roles and
 * dates, claims with sentences, and five areas left without claims, all drawn from
 * a seeded generator so every run (and every engine compared) sees the same data.
 */
import type { CoverageClaim, CoverageInput, CoverageItem, EvidenceRole, EvidenceStatus } from '../../app/coverage/types'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { EVIDENCE_TYPE_KEYS } from '../../competences/evidence-types'
import { defaultFramework as framework } from '../../competences/index'
import { prng } from './lib'

const WORDS =
  'I measured analysed calibrated the linac output chamber against tolerance and reported what it showed to the team'.split(
    ' ',
  )
const STATUSES: EvidenceStatus[] = ['draft', 'awaiting_review', 'changes_requested', 'partly_verified', 'verified']
const ROLES: EvidenceRole[] = ['led', 'contributed', 'observed']
/** Words of a medical-physics portfolio, for item texts the engine reads to match items to areas. */
export const TEXT = (
  'I measured the output of the linac with a Farmer chamber and electrometer, analysed the uncertainty budget and reported the result to the ' +
  'section lead. The audit of patient-specific QA showed that head and neck plans failed most often. A consultant asked physics for advice on the ' +
  'dose to a pacemaker, and I replied by email. I taught radiographers about daily QA and supervised a new trainee. The procurement of a new array ' +
  'included a financial appraisal. We investigated an incident, found its root cause and agreed corrective actions with the engineers.'
).split(' ')
/** Areas left without claims, so the engine looks for the trainee's own items that may show them. */
const GAPS = new Set(['R&D6', 'Com2', 'Prof11', 'PS5', 'Clin4'])

export function portfolio(itemCount: number, claimCount: number, seed: number): CoverageInput {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const areaCodes = framework.domains.flatMap((d) => d.areas.map((a) => a.code))
  const competencyIds = framework.domains.flatMap((d) => d.specificCompetencies.map((c) => c.id))
  const items: CoverageItem[] = Array.from({ length: itemCount }, (_, i) => ({
    id: i + 1,
    title: `Evidence ${i + 1}`,
    evidenceType: pick(EVIDENCE_TYPE_KEYS),
    activityStart: `${2015 + Math.floor(random() * 11)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    activityEnd: random() < 0.3 ? '2025-01-15' : null,
    status: pick(STATUSES),
    descriptionWords: Math.floor(random() * 900),
    reflectionWords: Math.floor(random() * 400),
    attachmentPages: Math.floor(random() * 12),
    openPiiFindings: random() < 0.02 ? 1 : 0,
    role: pick(ROLES),
    // As the model gives them: what the engine reads from an item's text is remembered per revision.
    revision: 1,
  }))
  // Each item's text as long as its word count says.
  for (const item of items) {
    item.description = Array.from({ length: item.descriptionWords }, () => pick(TEXT)).join(' ')
    item.reflection = Array.from({ length: item.reflectionWords }, () => pick(TEXT)).join(' ')
  }
  const claims: CoverageClaim[] = Array.from({ length: claimCount }, () => ({
    evidenceId: 1 + Math.floor(random() * itemCount),
    areaCode: pick(areaCodes.filter((c) => !GAPS.has(c))),
    statement: Array.from({ length: 3 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' '),
    competencyIds: random() < 0.6 ? [pick(competencyIds)] : [],
    verified: random() < 0.5,
  }))
  return { framework, rules: DEFAULT_COVERAGE_RULES, now: new Date('2025-06-01T09:00:00Z'), items, claims }
}
