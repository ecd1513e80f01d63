import type { ReactNode } from 'react'
import { describeMediaType, isAcceptedMediaType } from '~/files/sniff'
import { FeedbackResultsView } from '~/components/feedback-results'
import type { PortfolioSnapshot, SnapshotItem, SnapshotRecord } from '~/submission/snapshot'
import { formatFraction, formatYears } from '~/record/experience'
import {
  anchorId,
  portfolioSummary,
  type ClaimMark,
  type PortfolioSummaryModel,
  type Verification,
} from '~/submission/summary'
import { formatBytes } from '~/utils/bytes'
import { formatDay } from '~/utils/dates'
import { Markdown } from '~/components/markdown'

/*
 * The frozen portfolio as an assessor reads it. Plain markup and plain links
 * only (no router), so it renders the same in the app and as a standalone
 * summary.html.
 */

const ROLE_TEXT = {
  led: 'Led by the trainee',
  contributed: 'The trainee contributed',
  observed: 'The trainee observed',
} as const

const MARK = {
  verified: { icon: '✓', label: 'verified' },
  claimed: { icon: '○', label: 'claimed, not verified' },
} as const

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function VerificationText({ verification }: { verification: Verification | null }) {
  return verification ? (
    <span className="summary-verification summary-verification--verified">
      <span aria-hidden="true">✓ </span>Verified by {verification.mentorName} on {formatDay(verification.verifiedAt)}
    </span>
  ) : (
    <span className="summary-verification summary-verification--claimed">
      <span aria-hidden="true">○ </span>Not verified
    </span>
  )
}

/** What the cover shows of a snapshot: everything but the items, the framework's text and the coverage detail. */
export type SnapshotHead = Pick<PortfolioSnapshot, 'number' | 'submittedAt' | 'trainee' | 'mentors' | 'declaration'> & {
  framework: Pick<PortfolioSnapshot['framework'], 'id' | 'version' | 'title'>
  coverage: {
    summary: Pick<PortfolioSnapshot['coverage']['summary'], 'areasEvidenced' | 'areasTotal' | 'areasVerified'>
  }
  /** Whether the snapshot has an experience and training record (older ones do not). */
  hasRecord?: boolean
}

export function snapshotHead(snapshot: PortfolioSnapshot): SnapshotHead {
  const { number, submittedAt, trainee, mentors, declaration, framework, coverage } = snapshot
  const { areasEvidenced, areasTotal, areasVerified } = coverage.summary
  return {
    number,
    submittedAt,
    trainee,
    mentors,
    declaration,
    framework: { id: framework.id, version: framework.version, title: framework.title },
    coverage: { summary: { areasEvidenced, areasTotal, areasVerified } },
    hasRecord: snapshot.record !== undefined,
  }
}

/** The cover: who, what, how long, the hash and the declaration; `actions` (never printed) go under the title. */
export function SummaryCover({
  snapshot,
  hash,
  model,
  actions,
}: {
  snapshot: SnapshotHead
  hash: string
  model: Pick<PortfolioSummaryModel, 'pages' | 'totals'>
  actions?: ReactNode
}) {
  const { pages, totals } = model
  const coverage = snapshot.coverage.summary
  return (
    <section id="cover" className="summary-cover" aria-labelledby="cover-title">
      <p className="eyebrow">Portfolio summary · submitted {formatDay(snapshot.submittedAt)}</p>
      <h1 id="cover-title">
        Submission {snapshot.number} · {snapshot.trainee.name}
      </h1>
      {actions}
      <dl className="facts summary-facts">
        <div>
          <dt>Trainee</dt>
          <dd>{snapshot.trainee.name}</dd>
        </div>
        <div>
          <dt>Specialism</dt>
          <dd>{snapshot.trainee.specialism || '—'}</dd>
        </div>
        <div>
          <dt>Employer</dt>
          <dd>{snapshot.trainee.employer || '—'}</dd>
        </div>
        <div>
          <dt>{snapshot.mentors.length === 1 ? 'Mentor' : 'Mentors'}</dt>
          <dd>{snapshot.mentors.length > 0 ? snapshot.mentors.map((m) => m.name).join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>Framework</dt>
          <dd>
            {snapshot.framework.title}{' '}
            <span className="muted">
              ({snapshot.framework.id}, version {snapshot.framework.version})
            </span>
          </dd>
        </div>
        <div>
          <dt>Submission</dt>
          <dd>
            Number {snapshot.number}, submitted {formatDay(snapshot.submittedAt)}
          </dd>
        </div>
        <div>
          <dt>Evidence</dt>
          <dd>
            {plural(totals.items, 'item')}, {plural(totals.claims, 'claim')} ({totals.verifiedClaims} verified)
          </dd>
        </div>
        <div>
          <dt>Areas of competence</dt>
          <dd>
            {coverage.areasEvidenced} of {coverage.areasTotal} evidenced, {coverage.areasVerified} verified
          </dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd>
            {pages.estimated ? 'About ' : ''}
            {plural(pages.count, 'page')}
            {pages.estimated ? ' (an estimate until the PDF is made)' : ' in the PDF'}
            <span className="block muted summary-pages-limit">
              ACS expects about {pages.target}; more than {pages.limit} is rejected.
              {pages.status === 'over-limit'
                ? ' Over the limit.'
                : pages.status === 'over-target'
                  ? ' Over the target.'
                  : ''}
            </span>
          </dd>
        </div>
      </dl>
      {totals.areasWithoutEvidence.length > 0 ? (
        <p className="form-error">
          No evidence for {plural(totals.areasWithoutEvidence.length, 'area')}: {totals.areasWithoutEvidence.join(', ')}
          .
        </p>
      ) : null}
      <div className="summary-hash">
        <p>
          <strong>Snapshot SHA-256</strong> <span className="muted">(identifies exactly this content)</span>
        </p>
        <code className="summary-hash__value">{hash}</code>
      </div>
      <section className="summary-declaration" aria-labelledby="declaration-title">
        <h2 id="declaration-title">Mentor declaration</h2>
        <blockquote>{snapshot.declaration.text}</blockquote>
        <p>
          Signed by {snapshot.declaration.mentorName} on {formatDay(snapshot.declaration.signedAt)}.
        </p>
      </section>
      <nav aria-label="Summary contents" className="summary-contents">
        <ol>
          {snapshot.hasRecord === true || (snapshot as { record?: unknown }).record !== undefined ? (
            <li>
              <a href="#experience">Experience and training</a>
            </li>
          ) : null}
          <li>
            <a href="#summary-statement">Summary statement</a>
          </li>
          <li>
            <a href="#areas">Evidence by area of competence</a>
          </li>
          <li>
            <a href="#grid">Cross-reference grid</a>
          </li>
          <li>
            <a href="#items">Evidence items</a>
          </li>
        </ol>
      </nav>
    </section>
  )
}

function Areas({ model }: { model: PortfolioSummaryModel }) {
  return (
    <section id="areas" aria-labelledby="areas-title">
      <h2 id="areas-title">Evidence by area of competence</h2>
      {model.domains.map((domain) => (
        <section
          key={domain.key}
          id={domain.anchor}
          className="summary-domain"
          aria-labelledby={`${domain.anchor}-title`}
        >
          <h3 id={`${domain.anchor}-title`}>
            {domain.number}. {domain.title} <span className="code">({domain.key})</span>
          </h3>
          {domain.areas.map((area) => (
            <section key={area.code} id={area.anchor} className="summary-area" aria-labelledby={`${area.anchor}-title`}>
              <h4 id={`${area.anchor}-title`} className="summary-area__title">
                <span className="code">{area.code}</span> {area.text}
              </h4>
              {area.entries.length === 0 ? (
                <p className="form-error">No evidence claims this area.</p>
              ) : (
                <ul className="summary-entries">
                  {area.entries.map((entry) => (
                    <li key={entry.ref} className="summary-entry">
                      <p className="summary-entry__head">
                        <a href={`#${anchorId('item', entry.ref)}`} className="code">
                          {entry.ref}
                        </a>{' '}
                        {entry.title}
                      </p>
                      <p className="summary-entry__statement">{entry.statement}</p>
                      <p className="summary-entry__verification">
                        <VerificationText verification={entry.verification} />
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </section>
      ))}
    </section>
  )
}

function Cell({ mark }: { mark: ClaimMark }) {
  if (!mark) return <td />
  return (
    <td className={`summary-grid__cell summary-grid__cell--${mark}`}>
      <span aria-hidden="true">{MARK[mark].icon}</span>
      <span className="visually-hidden">{MARK[mark].label}</span>
    </td>
  )
}

function Grid({ model }: { model: PortfolioSummaryModel }) {
  const { columns, groups } = model.grid
  return (
    <section id="grid" aria-labelledby="grid-title">
      <h2 id="grid-title">Cross-reference grid</h2>
      <ul className="summary-legend muted">
        <li>
          <span aria-hidden="true">{MARK.verified.icon}</span> claimed and verified by a mentor
        </li>
        <li>
          <span aria-hidden="true">{MARK.claimed.icon}</span> claimed, not verified
        </li>
        <li>blank: not claimed</li>
      </ul>
      {/* A focusable scroll box, so keyboard users can scroll a wide grid too. */}
      <div className="table-wrap summary-grid-wrap" tabIndex={0} role="region" aria-labelledby="grid-title">
        <table className="summary-grid">
          <caption className="visually-hidden">
            Areas of competence (rows) against the evidence items claiming them (columns)
          </caption>
          <thead>
            <tr>
              <th scope="col">Area</th>
              {columns.map((column) => (
                <th scope="col" key={column.ref}>
                  <a href={`#${column.anchor}`} title={column.title}>
                    {column.ref}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.key}>
              <tr className="summary-grid__group">
                <th scope="rowgroup" colSpan={columns.length + 1}>
                  <span className="summary-grid__group-title">
                    {group.title} ({group.key})
                  </span>
                </th>
              </tr>
              {group.rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">
                    <a href={`#${row.anchor}`} title={row.text}>
                      {row.code}
                    </a>
                    <span className="visually-hidden"> {row.text}</span>
                  </th>
                  {row.cells.map((mark, i) => (
                    <Cell key={columns[i]?.ref ?? i} mark={mark} />
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  )
}

function Item({ item, areaText }: { item: SnapshotItem; areaText: Map<string, string> }) {
  const anchor = anchorId('item', item.ref)
  const pages = item.attachments.reduce((n, a) => n + a.pageCount, 0)
  return (
    <article id={anchor} className="summary-item" aria-labelledby={`${anchor}-title`}>
      <h3 id={`${anchor}-title`}>
        {item.ref} · {item.title}
      </h3>
      <p className="muted summary-item__meta">
        {formatDay(item.activityStart)}
        {item.activityEnd ? ` to ${formatDay(item.activityEnd)}` : ''} · {item.evidenceTypeLabel} ·{' '}
        {ROLE_TEXT[item.role]}
        {item.revision > 0 ? ` · revision ${item.revision}` : ''}
      </p>
      <h4 className="summary-item__heading">Description</h4>
      {item.description.trim() ? <Markdown>{item.description}</Markdown> : <p className="muted">No description.</p>}
      <h4 className="summary-item__heading">Reflection</h4>
      {item.reflection.trim() ? <Markdown>{item.reflection}</Markdown> : <p className="muted">No reflection.</p>}
      {item.feedback ? (
        <>
          <h4 className="summary-item__heading">Multi-source feedback reflected on</h4>
          <FeedbackResultsView results={item.feedback} headingLevel={5} />
        </>
      ) : null}
      <h4 className="summary-item__heading">Areas claimed</h4>
      {item.claims.length === 0 ? (
        <p className="muted">This item claims no area of competence.</p>
      ) : (
        <ul className="summary-claims">
          {item.claims.map((claim) => (
            <li key={claim.areaCode} className="summary-claim">
              <p className="summary-claim__area">
                <a href={`#${anchorId('area', claim.areaCode)}`} className="code">
                  {claim.areaCode}
                </a>{' '}
                <span className="muted">{areaText.get(claim.areaCode) ?? ''}</span>
              </p>
              <p>{claim.statement}</p>
              {claim.competencies.length > 0 ? (
                <p className="muted">Also names: {claim.competencies.join(', ')}</p>
              ) : null}
              <p>
                <VerificationText verification={claim.verification} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {item.assessorComments.length > 0 ? (
        <>
          <h4 className="summary-item__heading">Mentor comments for the assessor</h4>
          <ul className="comments summary-comments">
            {item.assessorComments.map((comment, i) => (
              <li key={i} className="comment">
                <p className="comment__meta">
                  {comment.authorName} · {formatDay(comment.createdAt)}
                  {comment.areaCode ? ` · on ${comment.areaCode}` : ''}
                </p>
                <Markdown>{comment.body}</Markdown>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4 className="summary-item__heading">Attachments</h4>
      {item.attachments.length === 0 ? (
        <p className="muted">No files attached.</p>
      ) : (
        <>
          <ul className="plain-list summary-attachments">
            {item.attachments.map((a) => (
              <li key={a.sha256}>
                <span className="summary-attachment__name">{a.originalName}</span>{' '}
                <span className="muted">
                  {isAcceptedMediaType(a.mediaType) ? describeMediaType(a.mediaType) : a.mediaType} ·{' '}
                  {formatBytes(a.size)} · {plural(a.pageCount, 'page')}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted">
            {plural(pages, 'page')} of attachments. The files themselves are in the submission’s download (.zip).
          </p>
        </>
      )}
    </article>
  )
}

function span(start: string | null, end: string | null, open: string): string {
  if (!start && !end) return ''
  if (!start) return formatDay(end!)
  return `${formatDay(start)} – ${end ? formatDay(end) : open}`
}

/** The experience and training record as submitted: the portfolio's one-page CV, right after the cover. */
function ExperienceRecord({ record }: { record: SnapshotRecord }) {
  const { years, supervisedYears, gaps } = record.experience
  return (
    <section id="experience" className="summary-experience" aria-labelledby="experience-title">
      <h2 id="experience-title">Experience and training</h2>
      <p>
        {formatYears(years)} of postgraduate experience (whole-time equivalent: part-time posts count by their
        fraction), {supervisedYears > 0 ? `${formatYears(supervisedYears)} of it` : 'none of it'} supervised practice in
        a healthcare setting.
        {gaps.length > 0
          ? ` Gaps between posts: ${gaps.map((g) => `${formatDay(g.from)} to ${formatDay(g.to)}`).join('; ')}.`
          : ''}
      </p>
      <h3>Posts</h3>
      {record.posts.length === 0 ? (
        <p className="muted">No posts recorded.</p>
      ) : (
        <ul className="plain-list">
          {record.posts.map((p, i) => (
            <li key={i}>
              <strong>{[p.jobTitle, p.band].filter(Boolean).join(', ')}</strong> —{' '}
              {[p.department, p.employer].filter(Boolean).join(', ')}
              <br />
              <span className="muted">
                {span(p.startDate, p.endDate, 'now')} · {formatFraction(p.fractionPercent)}
                {p.supervisedPractice ? ' · supervised practice in a healthcare setting' : ''}
                {p.supervisorName ? ` · supervised by ${p.supervisorName}` : ''}
              </span>
              {p.description ? <p>{p.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>Qualifications and training</h3>
      {record.qualifications.length === 0 ? (
        <p className="muted">No qualifications recorded.</p>
      ) : (
        <ul className="plain-list">
          {record.qualifications.map((q, i) => (
            <li key={i}>
              <strong>{q.title}</strong> — {[q.kindLabel, q.institution].filter(Boolean).join(', ')}
              {q.startDate || q.endDate ? (
                <span className="muted"> · {span(q.startDate, q.endDate, 'under way')}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>Registrations and memberships</h3>
      {record.memberships.length === 0 ? (
        <p className="muted">No registrations or memberships recorded.</p>
      ) : (
        <ul className="plain-list">
          {record.memberships.map((m, i) => (
            <li key={i}>
              <strong>{[m.body, m.grade].filter(Boolean).join(', ')}</strong>
              {m.number ? ` · number ${m.number}` : ''}
              {m.since ? <span className="muted"> · since {formatDay(m.since)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The submitted portfolio: cover, summary statement, evidence by area, cross-reference grid, and every item in full. */
export function PortfolioSummary({
  snapshot,
  hash,
  pdfPages,
  actions,
}: {
  snapshot: PortfolioSnapshot
  hash: string
  pdfPages: number | null
  /** Controls shown under the title on screen (never printed), e.g. downloads. */
  actions?: ReactNode
}) {
  const model = portfolioSummary(snapshot, pdfPages)
  return (
    <div className="portfolio-summary">
      <SummaryCover snapshot={snapshot} hash={hash} model={model} actions={actions} />
      <SummaryBody snapshot={snapshot} model={model} />
    </div>
  )
}

/** Everything after the cover. It depends on the snapshot alone, so its markup can be made once per snapshot. */
export function SummaryBody({ snapshot, model }: { snapshot: PortfolioSnapshot; model: PortfolioSummaryModel }) {
  const areaText = new Map(snapshot.framework.domains.flatMap((d) => d.areas.map((a) => [a.code, a.text] as const)))
  return (
    <>
      {snapshot.record ? <ExperienceRecord record={snapshot.record} /> : null}
      <section id="summary-statement" className="summary-statement" aria-labelledby="summary-statement-title">
        <h2 id="summary-statement-title">
          Summary statement <span className="muted word-count">{plural(model.statementWords, 'word')}</span>
        </h2>
        {snapshot.summaryStatement.trim() ? (
          <Markdown>{snapshot.summaryStatement}</Markdown>
        ) : (
          <p className="muted">No summary statement was written.</p>
        )}
      </section>
      <Areas model={model} />
      <Grid model={model} />
      <section id="items" aria-labelledby="items-title">
        <h2 id="items-title">Evidence items</h2>
        {snapshot.items.length === 0 ? <p className="muted">No evidence items.</p> : null}
        {snapshot.items.map((item) => (
          <Item key={item.ref} item={item} areaText={areaText} />
        ))}
      </section>
    </>
  )
}

/**
 * The summary as a page shows it: the cover rendered here (it carries the
 * page's own controls), the rest as markup made once per snapshot on the
 * server (see summary-markup.server.tsx), the same markup `SummaryBody` gives.
 */
export function PrerenderedSummary({
  summary,
  actions,
}: {
  summary: {
    head: SnapshotHead
    cover: Pick<PortfolioSummaryModel, 'pages' | 'totals'>
    hash: string
    bodyHtml: string
  }
  actions?: ReactNode
}) {
  return (
    <div className="portfolio-summary">
      <SummaryCover snapshot={summary.head} hash={summary.hash} model={summary.cover} actions={actions} />
      {/* Markup React itself rendered on the server from SummaryBody (text escaped, Markdown without raw HTML), never user input as such. */}
      <div dangerouslySetInnerHTML={{ __html: summary.bodyHtml }} />
    </div>
  )
}

/** The two downloads of a submission, under `base` (`/submissions/12` or `/s/<token>`). */
export function SummaryDownloads({ base }: { base: string }) {
  return (
    <>
      <a href={`${base}/summary.pdf`} className="button button--primary" download>
        Download PDF
      </a>
      <a href={`${base}/export.zip`} className="button button--secondary" download>
        Download everything (.zip)
      </a>
    </>
  )
}
