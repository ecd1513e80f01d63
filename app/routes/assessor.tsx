import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Submissions')

export function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, ['assessor'])
  return null
}

export default function AssessorHome() {
  return (
    <div className="page">
      <h1>Portfolios to assess</h1>
      <div className="empty-state">
        <h2>No portfolios assigned to you</h2>
        <p>
          When a trainee submits a portfolio and it is assigned to you, it appears here as a frozen summary: every
          area of competence cross-referenced to its evidence. You see submitted portfolios only, never drafts.
        </p>
      </div>
    </div>
  )
}
