import type { ClaimDecision, EvidenceStatus } from '~/vocabulary'

export interface DecisionRecord {
  areaCode: string
  revision: number
  decision: ClaimDecision
  createdAt: string
  id: number
}

/**
 * The decision that stands for each claim on a revision: the latest one given
 * on that revision. Decisions on earlier revisions no longer count.
 */
export function standingDecisions(decisions: readonly DecisionRecord[], revision: number): Map<string, ClaimDecision> {
  const latest = new Map<string, DecisionRecord>()
  for (const d of decisions) {
    if (d.revision !== revision) continue
    const current = latest.get(d.areaCode)
    if (!current || d.createdAt > current.createdAt || (d.createdAt === current.createdAt && d.id > current.id))
      latest.set(d.areaCode, d)
  }
  return new Map([...latest].map(([code, d]) => [code, d.decision]))
}

/**
 * Where an item stands once it has been sent for review: changes requested if
 * any claim has them, verified when every claim is, partly verified when some
 * are, otherwise still awaiting review.
 */
export function reviewStatus(
  claimCodes: readonly string[],
  standing: ReadonlyMap<string, ClaimDecision>,
): EvidenceStatus {
  const decisions = claimCodes.map((code) => standing.get(code))
  if (decisions.some((d) => d === 'changes_requested')) return 'changes_requested'
  const verified = decisions.filter((d) => d === 'verified').length
  if (claimCodes.length > 0 && verified === claimCodes.length) return 'verified'
  if (verified > 0) return 'partly_verified'
  return 'awaiting_review'
}

/** Claims verified on an earlier revision but not (yet) on the current one: "changed since verification". */
export function changedSinceVerification(decisions: readonly DecisionRecord[], currentRevision: number): string[] {
  const standing = standingDecisions(decisions, currentRevision)
  const earlier = new Set(
    decisions.filter((d) => d.revision < currentRevision && d.decision === 'verified').map((d) => d.areaCode),
  )
  return [...earlier].filter((code) => standing.get(code) !== 'verified').sort()
}
