import { bench, describe } from 'vitest'
import { computeCoverage } from '../../app/coverage/engine'
import type { CoverageClaim, CoverageInput, CoverageItem, EvidenceStatus } from '../../app/coverage/types'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { EVIDENCE_TYPE_KEYS } from '../../competences/evidence-types'
import { defaultFramework as framework } from '../../competences/index'

/** mulberry32: a small seeded generator, so the portfolio is the same on every run. */
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

const WORDS = 'I measured analysed calibrated the linac output chamber against tolerance and reported what it showed to the team'.split(' ')
const STATUSES: EvidenceStatus[] = ['draft', 'awaiting_review', 'changes_requested', 'partly_verified', 'verified']

function portfolio(itemCount: number, claimCount: number, seed: number): CoverageInput {
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
  }))
  const claims: CoverageClaim[] = Array.from({ length: claimCount }, () => ({
    evidenceId: 1 + Math.floor(random() * itemCount),
    areaCode: pick(areaCodes),
    statement: Array.from({ length: 3 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' '),
    competencyIds: random() < 0.6 ? [pick(competencyIds)] : [],
    verified: random() < 0.5,
  }))
  return { framework, rules: DEFAULT_COVERAGE_RULES, now: new Date('2025-06-01T09:00:00Z'), items, claims }
}

const large = portfolio(1_000, 5_000, 20250601)
const typical = portfolio(60, 150, 42)

// Enough warm-up for the optimising compiler to settle, so the mean is the steady state.
const options = { time: 2_000, warmupTime: 500, warmupIterations: 50 }

describe('coverage engine', () => {
  bench(
    'computeCoverage 1,000 items, 5,000 claims',
    () => {
      computeCoverage(large)
    },
    options,
  )

  bench(
    'computeCoverage 60 items, 150 claims',
    () => {
      computeCoverage(typical)
    },
    options,
  )
})
