import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableHead } from '~/components/table'
import { listAssignedSubmissions, type AssessmentStatus } from '~/models/assessment.server'
import { pageTitle } from '~/utils/meta'
import { requireRole } from '~/utils/session.server'
import { formatShortDay } from '~/utils/dates'

export const meta = pageTitle('Submissions')

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['assessor'])
  return { submissions: listAssignedSubmissions(context.db, user.id) }
}

const STATUS_LABELS: Record<AssessmentStatus, string> = {
  'not-started': 'Not started',
  draft: 'Draft',
  released: 'Released',
}

export default function AssessorHome() {
  const { submissions } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>Portfolios to assess</h1>
      {submissions.length === 0 ? (
        <div className="empty-state">
          <h2>No portfolios assigned to you</h2>
          <p>
            When a trainee submits a portfolio and it is assigned to you, it appears here as a frozen summary: every
            area of competence cross-referenced to its evidence. You see submitted portfolios only, never drafts.
          </p>
        </div>
      ) : (
        <>
          <p className="lede">
            Each submission is frozen: the snapshot hash identifies exactly what you are judging. Your judgements stay a
            draft, seen by no one else, until you release them to the trainee.
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Submissions assigned to you</caption>
              <TableHead
                columns={['Trainee', 'Submission', 'Submitted', 'Snapshot', 'Your assessment']}
                hidden="Links"
              />
              <tbody>
                {submissions.map((s) => (
                  <tr key={s.submissionId}>
                    <td>
                      {s.traineeName}
                      {s.specialism ? (
                        <>
                          <br />
                          <span className="muted">{s.specialism}</span>
                        </>
                      ) : null}
                    </td>
                    <td>No. {s.number}</td>
                    <td>{formatShortDay(s.submittedAt)}</td>
                    <td>
                      <span className="code" title={s.snapshotSha256}>
                        {s.snapshotSha256.slice(0, 12)}…
                      </span>
                      <span className="visually-hidden"> (SHA-256 {s.snapshotSha256})</span>
                    </td>
                    <td>
                      <span className="badge">{STATUS_LABELS[s.status]}</span>
                      {s.status === 'released' && s.releasedAt ? (
                        <span className="muted"> {formatShortDay(s.releasedAt)}</span>
                      ) : null}
                    </td>
                    <td>
                      <div className="actions">
                        <Link to={`/assessor/submissions/${s.submissionId}`}>
                          {s.status === 'released'
                            ? 'Your judgements'
                            : s.status === 'draft'
                              ? 'Continue assessing'
                              : 'Assess'}
                          <span className="visually-hidden">
                            {' '}
                            {s.traineeName}, submission {s.number}
                          </span>
                        </Link>
                        <Link to={`/submissions/${s.submissionId}`}>
                          Summary
                          <span className="visually-hidden">
                            {' '}
                            of {s.traineeName}’s submission {s.number}
                          </span>
                        </Link>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
