import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumb } from '~/components/breadcrumb'
import { AssessmentJudgements, OutcomeFact, OverallComment } from '~/components/assessment-view'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { releasedAssessments } from '~/models/assessment.server'
import { requireSubmission, submissionHeading } from '~/submission/access.server'
import { pageTitle } from '~/utils/meta'
import { requireUser } from '~/utils/session.server'
import { formatDateTime } from '~/utils/dates'

export const meta = pageTitle('Assessment')

/** The judgements assessors have released on a submission: to its trainee (and admins). Drafts never appear. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'share')
  return {
    submission: submissionHeading(submission),
    own: user.id === submission.traineeId,
    domains: submission.snapshot.framework.domains,
    assessments: releasedAssessments(context.db, submission.id),
  }
}

export default function SubmissionAssessment() {
  const { submission, own, domains, assessments } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <Breadcrumb
        trail={[
          own ? { to: '/submission', label: 'Submission' } : { to: '/admin/submissions', label: 'Submissions' },
          { to: `/submissions/${submission.id}`, label: `Submission ${submission.number}` },
        ]}
        current="Assessment"
      />
      <p className="eyebrow">
        Submission {submission.number} · submitted {formatDateTime(submission.submittedAt)}
      </p>
      <h1>Assessment of submission {submission.number}</h1>
      {assessments.length === 0 ? (
        <div className="empty-state">
          <h2>Not released yet</h2>
          <p>Your assessor has not released their judgements yet.</p>
          <p>
            {own ? 'You will be notified when they do. ' : ''}
            Until then you can read the <Link to={`/submissions/${submission.id}`}>portfolio summary</Link> you
            submitted.
          </p>
        </div>
      ) : (
        assessments.map((assessment) => {
          const prefix = assessments.length > 1 ? `a${assessment.id}-` : ''
          return (
            <section key={assessment.id} aria-labelledby={`${prefix}assessment-title`}>
              <h2 id={`${prefix}assessment-title`}>Judgements by {assessment.assessorName}</h2>
              <dl className="facts">
                <OutcomeFact outcome={assessment.outcome} />
                <div>
                  <dt>Released</dt>
                  <dd>{formatDateTime(assessment.releasedAt)}</dd>
                </div>
                <div>
                  <dt>Made on snapshot (SHA-256)</dt>
                  <dd>
                    <span className="secret">{assessment.snapshotSha256}</span>
                  </dd>
                </div>
              </dl>
              <p className="actions">
                <a href={`/submissions/${submission.id}/assessment.csv?assessment=${assessment.id}`} download>
                  Download these judgements (CSV)
                </a>
                <Link to={`/submissions/${submission.id}`}>The portfolio summary they were made on</Link>
              </p>
              <OverallComment comment={assessment.comment} />
              <AssessmentJudgements domains={domains} judgements={assessment.judgements} idPrefix={prefix} />
            </section>
          )
        })
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
