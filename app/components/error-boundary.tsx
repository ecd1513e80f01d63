import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const messages: Record<number, { title: string; body: string }> = {
  400: { title: 'That request was not understood', body: 'Check what you entered and try again.' },
  404: { title: 'Page not found', body: 'There is nothing at this address, or it is not yours to see.' },
  405: { title: 'Not allowed', body: 'That action is not available here.' },
  503: { title: 'Attain is starting or stopping', body: 'Please try again in a moment.' },
}

/** The one error view every route shares: a clear message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' ? error.data : null
  const message = messages[status] ?? {
    title: 'Something went wrong',
    body: 'The error has been logged. Please try again; nothing you saved has been lost.',
  }
  if (!isRouteErrorResponse(error)) console.error(error)
  return (
    <div className="page error-page" role="alert">
      <p className="eyebrow">Error {status}</p>
      <h1>{message.title}</h1>
      <p>{detail && status !== 500 ? detail : message.body}</p>
      <p>
        <Link to="/">Go to the start page</Link> or <Link to="/framework">browse the framework</Link>.
      </p>
    </div>
  )
}
