import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CodeChips } from '~/components/code-chips'
import { reviewQueue } from '~/models/review.server'
import { pageTitle } from '~/utils/meta'
import { requireRole } from '~/utils/session.server'

export const meta = pageTitle('Reviews')

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  return { queue: reviewQueue(context.db, user.id), now: context.now().toISOString() }
}

function waited(since: string | null, now: string): string {
  if (!since) return ''
  const hours = Math.max(0, Math.floor((Date.parse(now) - Date.parse(since)) / 3_600_000))
  if (hours < 1) return 'less than an hour'
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`
  const days = Math.floor(hours / 24)
  return `${days} days`
}

export default function ReviewQueue() {
  const { queue, now } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>Waiting for your review</h1>
      {queue.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing waiting</h2>
          <p>When one of your trainees sends an item for review, it appears here, oldest first.</p>
        </div>
      ) : (
        <ul className="evidence-list">
          {queue.map((item) => (
            <li key={item.id} className="evidence-card">
              <h2>
                <Link to={`/mentor/reviews/${item.id}`}>{item.title}</Link>
              </h2>
              <p className="evidence-card__meta">
                {item.traineeName} · waiting {waited(item.reviewRequestedAt, now)} · revision {item.currentRevision}
                {item.changedSinceReview ? (
                  <>
                    {' '}
                    · <strong className="warning-text">changed since your last review</strong>
                  </>
                ) : null}
              </p>
              <CodeChips codes={item.codes} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
