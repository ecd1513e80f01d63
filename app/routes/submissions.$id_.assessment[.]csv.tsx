import type { LoaderFunctionArgs } from '@remix-run/node'
import { assessmentCsvResponse, releasedAssessments } from '~/models/assessment.server'
import { requireSubmission } from '~/submission/access.server'
import { requireUser } from '~/utils/session.server'
import { notFound } from '~/utils/responses'

/** A released assessment of the trainee's submission as CSV: `?assessment=<id>`, or the first released. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'share')
  const wanted = new URL(request.url).searchParams.get('assessment')
  const released = releasedAssessments(context.db, submission.id)
  const assessment = wanted === null ? released[0] : released.find((a) => String(a.id) === wanted)
  if (!assessment) throw notFound()
  return assessmentCsvResponse(submission, { ...assessment })
}
