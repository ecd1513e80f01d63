import type { RolesRules } from '../../competences/roles'
import type { CoverageReport, Finding } from '~/coverage/types'

/** A standing verification of one claim: who verified it and their recorded specialism, if any. */
export interface ClaimVerification {
  evidenceId: number
  areaCode: string
  verifierName: string
  /** The verifier's specialism (a key such as `nuclear-medicine`), or null when they have not recorded one. */
  verifierSpecialism: string | null
}

export interface SpecialismInput {
  /** The items' titles, and the specialist area each was done in (a key; the trainee's specialism). */
  items: ReadonlyMap<number, { title: string; specialism: string | null }>
  verifications: readonly ClaimVerification[]
  /** The domain key of each area code. */
  areaDomains: ReadonlyMap<string, string>
  rules: RolesRules['verifierSpecialism']
  /** How a specialism key is written in a message. */
  label: (specialism: string) => string
}

export const VERIFIER_SPECIALISM_RULE = 'claim.verifier-outside-specialism'

/**
 * A finding for every verified claim in a specialist domain whose verifier recorded a specialism other than the
 * item's. A verifier who recorded none, or an item whose specialism is unknown, raises nothing: the rule speaks
 * only when both are known and differ.
 */
export function verifierSpecialismFindings(input: SpecialismInput): Finding[] {
  const findings: Finding[] = []
  const specialist = new Set<string>(input.rules.specialistDomains)
  for (const v of input.verifications) {
    const item = input.items.get(v.evidenceId)
    const domain = input.areaDomains.get(v.areaCode)
    if (!item || !domain || !specialist.has(domain)) continue
    if (!item.specialism || !v.verifierSpecialism || item.specialism === v.verifierSpecialism) continue
    const values: Record<string, string> = {
      verifier: v.verifierName,
      verifierSpecialism: input.label(v.verifierSpecialism),
      itemSpecialism: input.label(item.specialism),
      code: v.areaCode,
      title: item.title,
    }
    findings.push({
      ruleId: VERIFIER_SPECIALISM_RULE,
      severity: input.rules.severity,
      message: input.rules.message.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m),
      target: { kind: 'item', evidenceId: v.evidenceId },
      evidenceId: v.evidenceId,
    })
  }
  return findings
}

const ORDER = { blocker: 0, warning: 1, advice: 2 } as const

/**
 * The report with these findings added among those of their severity (after the engine's own), the summary's
 * counts and each item's rule ids kept in step. The report given is not changed.
 */
export function withFindings(report: CoverageReport, extra: readonly Finding[]): CoverageReport {
  if (extra.length === 0) return report
  const findings = [...report.findings, ...extra]
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => ORDER[a.finding.severity] - ORDER[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding)
  const count = (severity: Finding['severity']) => extra.filter((f) => f.severity === severity).length
  const added = new Map<number, string[]>()
  for (const f of extra) {
    const id = f.target.kind === 'item' ? f.target.evidenceId : f.evidenceId
    if (id !== undefined) added.set(id, [...(added.get(id) ?? []), f.ruleId])
  }
  return {
    ...report,
    findings,
    summary: {
      ...report.summary,
      blockers: report.summary.blockers + count('blocker'),
      warnings: report.summary.warnings + count('warning'),
      advice: report.summary.advice + count('advice'),
    },
    items: report.items.map((item) =>
      added.has(item.id) ? { ...item, ruleIds: [...new Set([...item.ruleIds, ...added.get(item.id)!])] } : item,
    ),
  }
}
