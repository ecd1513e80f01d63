import type { LoaderFunctionArgs } from '@remix-run/node'
import { submissionPdfResponse } from '~/submission/pdf-service.server'
import { openLinkedSubmission, withLinkHeaders } from '~/submission/link-access.server'

/** The summary PDF through an assessor link: no sign-in, every download recorded. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const submission = openLinkedSubmission(context, request, params.token, 'pdf')
  return withLinkHeaders(await submissionPdfResponse(context, submission))
}
