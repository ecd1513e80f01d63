import type { FeedbackResults } from '~/feedback/results'

/**
 * A round's released results: for each question, how many colleagues chose each point of the scale (a table, so
 * it reads without colour or a chart), then the comments without names in the order fixed at release.
 */
export function FeedbackResultsView({
  results,
  headingLevel = 2,
}: {
  results: FeedbackResults
  headingLevel?: 2 | 3 | 5
}) {
  const H = `h${headingLevel}` as const
  return (
    <div className="feedback-results stack">
      <p>
        {results.responses} of {results.invited} colleagues answered. Ratings are counts of colleagues per point of the
        scale: {results.scale.map((p) => `${p.value} ${p.label.toLowerCase()}`).join('; ')}.
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Ratings per question</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              {results.scale.map((p) => (
                <th scope="col" key={p.value} className="num">
                  <abbr title={p.label}>{p.value}</abbr>
                </th>
              ))}
              <th scope="col" className="num">
                Not able to comment
              </th>
              <th scope="col" className="num">
                Mean
              </th>
            </tr>
          </thead>
          <tbody>
            {results.questions.map((q) => (
              <tr key={q.id}>
                <th scope="row">
                  <span className="feedback-results__short">{q.short}</span>
                  <span className="muted"> — {q.text}</span>
                </th>
                {q.counts.map((n, i) => (
                  <td key={i} className="num">
                    {n}
                  </td>
                ))}
                <td className="num">{q.notAbleToComment}</td>
                <td className="num">{q.mean === null ? '–' : q.mean.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <H>What colleagues said they do well</H>
      <CommentList comments={results.strengths} />
      <H>What colleagues suggested they develop</H>
      <CommentList comments={results.development} />
    </div>
  )
}

function CommentList({ comments }: { comments: string[] }) {
  if (comments.length === 0) return <p className="muted">No comments.</p>
  return (
    <ul className="feedback-comments">
      {comments.map((c, i) => (
        <li key={i}>{c}</li>
      ))}
    </ul>
  )
}
