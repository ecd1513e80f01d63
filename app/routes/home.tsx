import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { homePathFor, requireUser } from '~/utils/session.server'

/** `/home`: wherever this user's work starts. */
export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  return redirect(homePathFor(user.role))
}

/**
 * Never rendered: the loader always redirects. A component makes `/home` a page
 * rather than a resource route, so a client-side navigation here (its `.data`
 * URL) is followed like any redirect; resource routes answer `.data` with 404.
 */
export default function Home() {
  return null
}
