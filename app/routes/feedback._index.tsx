import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FEEDBACK_QUESTIONS } from '../../competences/feedback'
import { listRounds } from '~/models/feedback.server'
import { formatDay } from '~/utils/dates'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { pageTitle } from '~/utils/meta'
import { PageHead } from '~/components/page-head'

export const meta = pageTitle('Multi-source feedback')

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'view')
  return { rounds: listRounds(context.db, user.id) }
}

export default function FeedbackRounds() {
  const { rounds } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <PageHead title="Multi-source feedback" action={{ to: '/feedback/new', label: 'Ask colleagues for feedback' }} />
      <p className="lede">
        Ask {FEEDBACK_QUESTIONS.minimumInvited} to {FEEDBACK_QUESTIONS.maximumInvited} colleagues — clinicians,
        radiographers, engineers, managers — how you communicate and work with them. Their answers are anonymous: you
        see them combined once at least {FEEDBACK_QUESTIONS.minimumResponses} have answered, then reflect on them as a
        piece of evidence for the Communication and Professional domains.
      </p>
      {rounds.length === 0 ? (
        <div className="empty-state">
          <h2>No feedback rounds yet</h2>
          <p>
            Start one when you have worked with a range of colleagues for a few months. Each colleague gets an e-mail
            with a link to a short form that needs no account.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your feedback rounds</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Areas</th>
                <th scope="col" className="num">
                  Asked
                </th>
                <th scope="col" className="num">
                  Answered
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/feedback/${r.id}`}>{formatDay(r.createdAt)}</Link>
                  </td>
                  <td>{r.areaCodes.join(', ')}</td>
                  <td className="num">{r.invited}</td>
                  <td className="num">{r.answered}</td>
                  <td>
                    {r.releasedAt
                      ? r.evidenceId
                        ? 'Results released; reflection written'
                        : 'Results released; reflection to write'
                      : r.answered >= FEEDBACK_QUESTIONS.minimumResponses
                        ? 'Enough answers to release the results'
                        : `Waiting for answers (${FEEDBACK_QUESTIONS.minimumResponses - r.answered} more needed)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
