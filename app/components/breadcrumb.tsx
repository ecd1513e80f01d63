import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/** The pages above this one, linked, then this page's own name. */
export function Breadcrumb({ trail, current }: { trail: { to: string; label: ReactNode }[]; current: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {trail.map((page) => (
          <li key={page.to}>
            <Link to={page.to}>{page.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  )
}
