import { Link } from '@remix-run/react'
import type { Finding } from '~/coverage/types'
import type { CoverageViewModel } from '~/coverage/view-model'
import { areaPath } from '~/framework/filter'
import type { PreviewView } from '~/submission/preview-status'
import { PageBudget } from '~/components/page-budget'

const STATUS = {
  'not-evidenced': { icon: '✗', label: 'No evidence' },
  claimed: { icon: '◐', label: 'Claimed, not verified' },
  verified: { icon: '✓', label: 'Verified' },
} as const

const SEVERITY = {
  blocker: { title: 'Blockers', intro: 'Clear these before you submit.' },
  warning: { title: 'Warnings', intro: 'An assessor is likely to question these.' },
  advice: { title: 'Advice', intro: 'Worth a look when you have time.' },
} as const

function findingLink(
  finding: Finding,
  readOnly: boolean,
  domainAnchors: Record<string, number>,
): { to: string; label: string } | null {
  const t = finding.target
  // Only the trainee can open their record; a mentor reads the figures in the finding.
  if (finding.ruleId.startsWith('record.'))
    return readOnly ? null : { to: '/record', label: 'Open your experience record' }
  switch (t.kind) {
    case 'area':
      return readOnly
        ? { to: areaPath(t.areaCode), label: `Read ${t.areaCode}` }
        : { to: `/evidence/new?area=${encodeURIComponent(t.areaCode)}`, label: `Log evidence for ${t.areaCode}` }
    case 'item':
      return { to: `/evidence/${t.evidenceId}`, label: 'Open the item' }
    case 'domain':
      return { to: `/framework#domain-${domainAnchors[t.domainKey] ?? ''}`, label: 'Read the domain’s guidance' }
    case 'competency':
      return { to: `/framework?q=${encodeURIComponent(t.competencyId)}`, label: `Read ${t.competencyId}` }
    default:
      return null
  }
}

/** The trainee's own items that may show an area: a suggestion to claim, never a claim. */
function Candidates({ finding, readOnly }: { finding: Finding; readOnly: boolean }) {
  if (!finding.candidates?.length || finding.target.kind !== 'area') return null
  const code = finding.target.areaCode
  return (
    <ul className="plain-list candidates">
      {finding.candidates.map((c) => (
        <li key={c.evidenceId}>
          Item #{c.evidenceId} “{c.title}” may show {code}
          {readOnly ? (
            <>
              . <Link to={`/evidence/${c.evidenceId}`}>Open item #{c.evidenceId}</Link>
            </>
          ) : (
            <>
              {' '}
              — <Link to={`/evidence/${c.evidenceId}/edit?claim=${encodeURIComponent(code)}`}>claim it?</Link>
            </>
          )}{' '}
          <span className="muted">Matched: {c.words.join(', ')}</span>
        </li>
      ))}
    </ul>
  )
}

function Meter({ value, max, label, className }: { value: number; max: number; label: string; className?: string }) {
  return <meter className={className} min={0} max={max} value={Math.min(value, max)} aria-label={label} title={label} />
}

export function CoverageView({
  report,
  readOnly = false,
  domainAnchors,
  preview,
}: {
  report: CoverageViewModel
  readOnly?: boolean
  domainAnchors: Record<string, number>
  /** The preview PDF's page count, shown as the budget instead of the estimate. */
  preview?: PreviewView
}) {
  const { summary } = report
  const bySeverity = (['blocker', 'warning', 'advice'] as const).map((severity) => ({
    severity,
    findings: report.findings.filter((f) => f.severity === severity),
  }))
  const areasByDomain = new Map<string, CoverageViewModel['areas']>()
  for (const area of report.areas)
    areasByDomain.set(area.domainKey, [...(areasByDomain.get(area.domainKey) ?? []), area])
  const pages = summary.pages
  return (
    <div className="coverage">
      <section
        className={`readiness readiness--${summary.ready ? 'ready' : 'not-ready'}`}
        aria-labelledby="readiness-title"
      >
        <h2 id="readiness-title">
          {summary.ready
            ? 'No blockers: ready for a mentor declaration'
            : `Not ready to submit: ${summary.blockers} ${summary.blockers === 1 ? 'blocker' : 'blockers'}`}
        </h2>
        <p>
          {summary.areasEvidenced} of {summary.areasTotal} areas evidenced ({summary.percentEvidenced}%),{' '}
          {summary.areasVerified} verified ({summary.percentVerified}%). {summary.items}{' '}
          {summary.items === 1 ? 'item' : 'items'}, {summary.claims} {summary.claims === 1 ? 'claim' : 'claims'}.{' '}
          {summary.warnings} {summary.warnings === 1 ? 'warning' : 'warnings'}, {summary.advice} advice.
        </p>
      </section>

      <section aria-labelledby="budget-title" className="budget">
        <h2 id="budget-title">Page budget</h2>
        {preview ? (
          <PageBudget view={preview} target={pages.target} limit={pages.limit} attachments={pages.attachments} />
        ) : (
          <>
            <p>
              About <strong>{pages.total}</strong> {pages.total === 1 ? 'page' : 'pages'} ({pages.text} of text,{' '}
              {pages.attachments} of attachments). ACS expects about {pages.target}; {pages.limit + 1} or more is
              rejected on receipt.
              {pages.status === 'over-limit'
                ? ' Over the limit: cut before you submit.'
                : pages.status === 'over-target'
                  ? ' Over the target: trim where you can.'
                  : ''}
            </p>
            <Meter
              value={pages.total}
              max={pages.limit}
              label={`${pages.total} of ${pages.limit} pages`}
              className={`meter meter--${pages.status}`}
            />
          </>
        )}
      </section>

      <section aria-labelledby="matrix-title">
        <h2 id="matrix-title">Areas of competence</h2>
        <p className="legend muted">
          <span>{STATUS['not-evidenced'].icon} no evidence</span>{' '}
          <span>{STATUS.claimed.icon} claimed, not yet verified</span>{' '}
          <span>{STATUS.verified.icon} verified by a mentor</span>
        </p>
        <div className="coverage-matrix">
          {report.domains.map((domain) => (
            <div key={domain.key} className="coverage-domain">
              <div className="coverage-domain__head">
                <h3>
                  {domain.title} <span className="code">({domain.key})</span>
                </h3>
                <p className="muted">
                  {domain.percentEvidenced}% evidenced · {domain.percentVerified}% verified
                </p>
                <Meter
                  value={domain.percentEvidenced}
                  max={100}
                  label={`${domain.title}: ${domain.percentEvidenced}% evidenced`}
                  className="meter"
                />
              </div>
              <ul className="coverage-cells">
                {(areasByDomain.get(domain.key) ?? []).map((area) => {
                  const status = STATUS[area.status]
                  return (
                    <li key={area.code} className={`cell cell--${area.status}`}>
                      <Link
                        to={
                          area.itemCount > 0 && !readOnly
                            ? `/evidence?area=${encodeURIComponent(area.code)}`
                            : areaPath(area.code)
                        }
                        aria-label={`${area.code}, ${area.itemCount} ${area.itemCount === 1 ? 'item' : 'items'}: ${status.label}`}
                        title={area.text}
                      >
                        <span className="cell__code">{area.code}</span>
                        <span className="cell__status" aria-hidden="true">
                          {status.icon} {area.itemCount}
                        </span>
                      </Link>
                    </li>
                  )
                })}
              </ul>
              <p className="muted domain-link">
                <Link to={`/framework#domain-${domainAnchors[domain.key] ?? ''}`}>What {domain.title} asks for</Link>
              </p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">What to do next</h2>
        {report.findings.length === 0 ? <p>Nothing to flag.</p> : null}
        {bySeverity.map(({ severity, findings }) =>
          findings.length === 0 ? null : (
            <details key={severity} className={`gaps gaps--${severity}`} open={severity !== 'advice'}>
              <summary>
                <h3>
                  {SEVERITY[severity].title} ({findings.length})
                </h3>
              </summary>
              <p className="muted">{SEVERITY[severity].intro}</p>
              <ul className="plain-list">
                {findings.map((finding, i) => {
                  const link = findingLink(finding, readOnly, domainAnchors)
                  return (
                    <li key={`${finding.ruleId}-${i}`} data-rule={finding.ruleId}>
                      <p>{finding.message}</p>
                      {finding.suggestion && !finding.message.includes(finding.suggestion) ? (
                        <p className="muted">Suggestion: {finding.suggestion}</p>
                      ) : null}
                      <Candidates finding={finding} readOnly={readOnly} />
                      {link ? <Link to={link.to}>{link.label}</Link> : null}
                      {finding.more ? (
                        <p className="muted">
                          …and {finding.more} more {finding.more === 1 ? 'item' : 'items'} like this.
                        </p>
                      ) : null}
                    </li>
                  )
                })}
              </ul>
            </details>
          ),
        )}
      </section>
    </div>
  )
}
