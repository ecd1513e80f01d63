import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { requireUser } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Settings')

export function loader({ request, context }: LoaderFunctionArgs) {
  // Each page checks access itself; this allows the two-factor set-up page through for roles that must use it.
  const { user } = requireUser(request, context, { allowWithoutTwoFactor: true })
  return { role: user.role }
}

export default function SettingsLayout() {
  const { role } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <nav aria-label="Settings" className="settings-nav">
        <ul>
          <li>
            <NavLink to="/settings" end>
              Profile
            </NavLink>
          </li>
          {role === 'trainee' ? (
            <li>
              <NavLink to="/settings/mentors">Mentors</NavLink>
            </li>
          ) : null}
          {role === 'trainee' ? (
            <li>
              <NavLink to="/settings/portfolio">Your data</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/settings/password">Password</NavLink>
          </li>
          <li>
            <NavLink to="/settings/two-factor">Two-factor sign-in</NavLink>
          </li>
          <li>
            <NavLink to="/settings/sessions">Sessions</NavLink>
          </li>
          <li>
            <NavLink to="/settings/notifications">Notifications</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
