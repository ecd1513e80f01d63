import type { LoaderFunctionArgs } from '@remix-run/node'
import { assessmentCsvResponse, getAssessment } from '~/models/assessment.server'
import { requireSubmission } from '~/submission/access.server'
import { requireRole } from '~/utils/session.server'

/** The assessor's own judgements on a submission, draft or released, as CSV (empty judgements if not started). */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['assessor'])
  const submission = requireSubmission(context, user, params.id, 'assess')
  const assessment = getAssessment(context.db, submission.id, user.id)
  return assessmentCsvResponse(submission, {
    outcome: assessment?.outcome ?? null,
    comment: assessment?.comment ?? '',
    releasedAt: assessment?.releasedAt ?? null,
    judgements: assessment?.judgements ?? [],
    assessorName: user.name,
  })
}
