import { Link } from '@remix-run/react'

/** A page's heading, with the page's main action as a button beside it. */
export function PageHead({ title, action }: { title: string; action?: { to: string; label: string } }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      {action ? (
        <Link to={action.to} className="button button--primary">
          {action.label}
        </Link>
      ) : null}
    </div>
  )
}
