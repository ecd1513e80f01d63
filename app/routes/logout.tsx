import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { deleteSession } from '~/models/session.server'
import { audit } from '~/utils/audit.server'
import { clearedSessionCookie, getAuth } from '~/utils/session.server'

export function loader() {
  return redirect('/')
}

export function action({ request, context }: ActionFunctionArgs) {
  const auth = getAuth(request, context)
  if (auth) {
    deleteSession(context.db, auth.session.idHash)
    audit(context, auth.user.id, 'auth.signed_out', { type: 'user', id: auth.user.id })
  }
  return redirect('/', { headers: { 'Set-Cookie': clearedSessionCookie(request, context) } })
}
