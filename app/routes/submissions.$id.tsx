import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { isRouteErrorResponse, Link, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PrerenderedSummary, SummaryDownloads } from '~/components/portfolio-summary'
import summaryStylesUrl from '~/styles/summary.css?url'
import { requireSubmission } from '~/submission/access.server'
import { summaryPageData } from '~/submission/summary-markup.server'
import { can, type Resource } from '~/utils/authorization.server'
import { requireUser } from '~/utils/session.server'
import { REVALIDATED } from '~/utils/revalidated'
import type { Role } from '~/vocabulary'
import { untilNextWrite } from '~/utils/loader-cache.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: summaryStylesUrl }]

export const meta: MetaFunction<typeof loader> = ({ data: loaded, error }) => [
  {
    title: loaded
      ? `Submission ${loaded.summary.head.number} · ${loaded.summary.head.trainee.name} · Attain`
      : isRouteErrorResponse(error) && error.status === 404
        ? 'Page not found · Attain'
        : 'Error · Attain',
  },
]

// A submitted portfolio holds personal data: never kept by a shared cache or the browser's.
const NO_STORE = { 'Cache-Control': 'private, no-store' }

export const headers: HeadersFunction = () => NO_STORE

// Tagged from its data, so this process renders it once per version of that data; being no-store, no browser
// is ever sent the tag.
export const handle = REVALIDATED

/** Where this reader came from: the page listing submissions for them. */
function backLink(role: Role, traineeId: number, traineeName: string): { to: string; label: string } {
  switch (role) {
    case 'trainee':
      return { to: '/submission', label: 'Submission' }
    case 'mentor':
      return { to: `/mentor/trainees/${traineeId}`, label: traineeName }
    case 'assessor':
      return { to: '/assessor', label: 'Portfolios to assess' }
    case 'admin':
      return { to: '/admin/submissions', label: 'Submissions' }
  }
}

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'view')
  const resource: Resource = { kind: 'submission', traineeId: submission.traineeId, submissionId: submission.id }
  // The summary is made from the frozen snapshot: made again only after a write (which may change who can do what).
  const page = untilNextWrite(context.db, `submission:${user.id}:${submission.id}`, () => ({
    id: submission.id,
    summary: summaryPageData(submission),
    back: backLink(user.role, submission.traineeId, submission.snapshot.trainee.name),
    canShare: can(context.db, user, 'share', resource),
    canAssess: can(context.db, user, 'assess', resource),
  }))
  return data(page, { headers: NO_STORE })
}

/** Printing needs JavaScript, so the button appears only once the page runs it. */
function PrintButton() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (!hydrated) return null
  return (
    <button type="button" className="secondary" onClick={() => window.print()}>
      Print
    </button>
  )
}

export default function SubmissionPage() {
  const { id, summary, back, canShare, canAssess } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <Breadcrumb trail={[{ to: back.to, label: back.label }]} current={`Submission ${summary.head.number}`} />
      <PrerenderedSummary
        summary={summary}
        actions={
          <div className="summary-actions" role="group" aria-label="Submission actions">
            <SummaryDownloads base={`/submissions/${id}`} />
            <PrintButton />
            {canShare ? (
              <>
                <Link to={`/submissions/${id}/sharing`}>Share with an assessor</Link>
                <Link to={`/submissions/${id}/assessment`}>Assessment</Link>
              </>
            ) : null}
            {canAssess ? (
              <Link to={`/assessor/submissions/${id}`} className="button button--primary">
                Record your assessment
              </Link>
            ) : null}
          </div>
        }
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
