import type { LoaderFunctionArgs } from '@remix-run/node'
import { submissionZipResponse } from '~/submission/export-service.server'
import { openLinkedSubmission, withLinkHeaders } from '~/submission/link-access.server'

/** The whole submission as a zip through an assessor link: no sign-in, every download recorded. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const submission = openLinkedSubmission(context, request, params.token, 'export')
  return withLinkHeaders(await submissionZipResponse(context, submission))
}
