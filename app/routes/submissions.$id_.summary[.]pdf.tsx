import type { LoaderFunctionArgs } from '@remix-run/node'
import { submissionPdfResponse } from '~/submission/pdf-service.server'
import { requireSubmission } from '~/submission/access.server'
import { requireUser } from '~/utils/session.server'

/** The submitted portfolio as one PDF; `?inline=1` shows it in the browser rather than downloading it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'view')
  const inline = new URL(request.url).searchParams.get('inline') === '1'
  return submissionPdfResponse(context, submission, { inline })
}
