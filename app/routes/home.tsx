import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { homePathFor, requireUser } from '~/utils/session.server'

/** `/home`: wherever this user's work starts. */
export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  return redirect(homePathFor(user.role))
}
