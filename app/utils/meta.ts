import type { MetaFunction } from '@remix-run/node'
import { isRouteErrorResponse } from '@remix-run/react'

/**
 * A page title that gives nothing away when the page answered with an error:
 * a 404 for a page the user may not see must not name what is there.
 */
export function pageTitle(title: string): MetaFunction {
  return ({ error }) => [
    {
      title: error
        ? isRouteErrorResponse(error) && error.status === 404
          ? 'Page not found · Attain'
          : 'Error · Attain'
        : `${title} · Attain`,
    },
  ]
}
