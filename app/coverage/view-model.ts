import type { CoverageReport, Finding } from '~/coverage/types'

/** Findings of one rule shown before the rest are folded into a count. */
export const FINDINGS_SHOWN_PER_RULE = 8

export interface CoverageViewModel {
  summary: CoverageReport['summary']
  domains: { key: string; title: string; number: number; percentEvidenced: number; percentVerified: number }[]
  areas: {
    code: string
    domainKey: string
    text: string
    status: CoverageReport['areas'][number]['status']
    itemCount: number
  }[]
  findings: (Finding & { more?: number })[]
}

/**
 * Only what the coverage page shows: a large portfolio's report carries item
 * lists the page never reads, and a warning or advice that fires for many items
 * (over-tagging, say) is shown a few times with a count of the rest, so the page stays readable
 * and light whatever the portfolio's size.
 */
export function toViewModel(report: CoverageReport): CoverageViewModel {
  const shown = new Map<string, number>()
  const findings: CoverageViewModel['findings'] = []
  const lastOfRule = new Map<string, CoverageViewModel['findings'][number]>()
  for (const finding of report.findings) {
    const key = `${finding.severity}:${finding.ruleId}`
    const count = (shown.get(key) ?? 0) + 1
    shown.set(key, count)
    // Every blocker is listed: each must be cleared before submission.
    if (finding.severity === 'blocker' || count <= FINDINGS_SHOWN_PER_RULE) {
      const entry = { ...finding }
      findings.push(entry)
      lastOfRule.set(key, entry)
    } else {
      const last = lastOfRule.get(key)!
      last.more = (last.more ?? 0) + 1
    }
  }
  return {
    summary: report.summary,
    domains: report.domains.map(({ key, title, number, percentEvidenced, percentVerified }) => ({
      key,
      title,
      number,
      percentEvidenced,
      percentVerified,
    })),
    areas: report.areas.map(({ code, domainKey, text, status, itemCount }) => ({
      code,
      domainKey,
      text,
      status,
      itemCount,
    })),
    findings,
  }
}
