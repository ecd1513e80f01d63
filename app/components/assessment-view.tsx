import type { AreaJudgement, AssessmentOutcome } from '~/vocabulary'
import { areaSlug, JUDGEMENT_LABELS, OUTCOME_LABELS } from '~/submission/assessment'
import { TableHead } from '~/components/table'

export interface DomainView {
  key: string
  number: number
  title: string
  areas: { code: string; text: string }[]
}

export interface JudgementView {
  areaCode: string
  judgement: AreaJudgement
  comment: string
}

/** Plain text as typed: blank lines separate paragraphs, single line breaks are kept. */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '')
  return (
    <>
      {paragraphs.map((paragraph, i) => (
        <p key={i}>
          {paragraph.split('\n').map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  )
}

const decisionClass: Record<AreaJudgement, string> = {
  met: 'decision decision--verified',
  'partly-met': 'decision decision--changed',
  'not-met': 'decision decision--changes',
  'not-assessed': 'decision',
}

export function JudgementLabel({ judgement }: { judgement: AreaJudgement | null }) {
  if (!judgement) return <span className="muted">No judgement</span>
  return <span className={decisionClass[judgement]}>{JUDGEMENT_LABELS[judgement]}</span>
}

export function OutcomeLabel({ outcome }: { outcome: AssessmentOutcome | null }) {
  return outcome ? <strong>{OUTCOME_LABELS[outcome]}</strong> : <span className="muted">Not chosen yet</span>
}

/** The overall outcome as one fact of a `<dl className="facts">`. */
export function OutcomeFact({ outcome }: { outcome: AssessmentOutcome | null }) {
  return (
    <div>
      <dt>Overall outcome</dt>
      <dd>
        <OutcomeLabel outcome={outcome} />
      </dd>
    </div>
  )
}

/** The assessor's overall comment under its heading, or a line saying there is none. */
export function OverallComment({ comment }: { comment: string | null }) {
  return (
    <>
      <h3>Overall comment</h3>
      {comment ? <PlainText text={comment} /> : <p className="muted">No overall comment.</p>}
    </>
  )
}

/** Every area's judgement and comment, a table per domain in framework order. */
export function AssessmentJudgements({
  domains,
  judgements,
  headingLevel = 3,
  idPrefix = '',
}: {
  domains: DomainView[]
  judgements: JudgementView[]
  headingLevel?: 2 | 3
  /** Keeps ids unique when a page shows several assessments. */
  idPrefix?: string
}) {
  const byArea = new Map(judgements.map((j) => [j.areaCode, j]))
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <>
      {domains.map((domain) => (
        <section key={domain.key} aria-labelledby={`${idPrefix}judgements-${domain.number}`}>
          <Heading id={`${idPrefix}judgements-${domain.number}`}>
            Domain {domain.number}: {domain.title}
          </Heading>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                Judgements for domain {domain.number}, {domain.title}
              </caption>
              <TableHead columns={['Area', 'Judgement', 'Comment']} />
              <tbody>
                {domain.areas.map((area) => {
                  const judged = byArea.get(area.code)
                  return (
                    <tr key={area.code} id={`${idPrefix}judgement-${areaSlug(area.code)}`}>
                      <td>
                        <span className="code">{area.code}</span> <span className="muted">{area.text}</span>
                      </td>
                      <td>
                        <JudgementLabel judgement={judged?.judgement ?? null} />
                      </td>
                      <td>
                        {judged?.comment ? <PlainText text={judged.comment} /> : <span className="muted">—</span>}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  )
}
