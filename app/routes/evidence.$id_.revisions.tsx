import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { RevisionDiff } from '~/components/revision-diff'
import { requireEvidence } from '~/evidence/access.server'
import { getEvidence } from '~/models/evidence.server'
import { listRevisions } from '~/models/review.server'
import { diffRevisions } from '~/review/diff'
import { pageTitle } from '~/utils/meta'
import { requireUser } from '~/utils/session.server'
import { notFound } from '~/utils/responses'
import { formatShortDateTime } from '~/utils/dates'

export const meta = pageTitle('Revisions')

/** Every revision of an item since it was first sent for review, each with what changed from the one before. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id, traineeId } = requireEvidence(context, user, params.id, 'view')
  const item = getEvidence(context.db, traineeId, id)
  if (!item) throw notFound()
  const revisions = listRevisions(context.db, id)
  return {
    item: { id: item.id, title: item.title },
    revisions: revisions
      .map((revision, i) => ({
        number: revision.number,
        createdAt: revision.createdAt,
        title: revision.snapshot.title,
        diff: i > 0 ? diffRevisions(revisions[i - 1]!.snapshot, revision.snapshot) : null,
      }))
      .reverse(),
  }
}

export default function Revisions() {
  const { item, revisions } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <Breadcrumb trail={[{ to: `/evidence/${item.id}`, label: item.title }]} current="Revisions" />
      <h1>Revisions of “{item.title}”</h1>
      {revisions.length === 0 ? (
        <p className="muted">This item has not been sent for review yet, so it has no revisions.</p>
      ) : (
        <ol className="plain-list" reversed>
          {revisions.map((r) => (
            <li key={r.number}>
              <h2>
                Revision {r.number} <span className="muted word-count">{formatShortDateTime(r.createdAt)}</span>
              </h2>
              {r.diff ? (
                <RevisionDiff
                  diff={r.diff}
                  beforeLabel={`Revision ${r.number - 1}`}
                  afterLabel={`Revision ${r.number}`}
                />
              ) : (
                <p className="muted">As first sent for review.</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
