import type { LoaderFunctionArgs } from '@remix-run/node'
import { submissionZipResponse } from '~/submission/export-service.server'
import { requireSubmission } from '~/submission/access.server'
import { audit } from '~/utils/audit.server'
import { requireUser } from '~/utils/session.server'

/** The whole submission as a zip: summary PDF and HTML, portfolio.json with its schema, and every attached file. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'view')
  const response = await submissionZipResponse(context, submission)
  audit(
    context,
    user.id,
    'submission.downloaded',
    { type: 'submission', id: submission.id },
    { format: 'zip', number: submission.number },
  )
  return response
}
