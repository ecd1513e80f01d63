import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useNavigation,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useNonce } from '~/components/nonce'
import stylesUrl from '~/styles/app.css?url'
import diffStylesUrl from '~/styles/diff.css?url'
import { sameDataOnOwnQuery } from '~/utils/revalidated'
import { getAuth, homePathFor } from '~/utils/session.server'
import { unreadCount } from '~/models/notifications.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesUrl },
  { rel: 'stylesheet', href: diffStylesUrl },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
  { title: 'Attain — evidence portfolios for Clinical Scientist registration' },
  {
    name: 'description',
    content:
      'Attain helps trainees on the IPEM route map their evidence to the ACS competence framework, with mentors signing off and assessors reading a clear portfolio.',
  },
]

export function loader({ request, context }: LoaderFunctionArgs) {
  const auth = getAuth(request, context)
  const user = auth?.session.verified ? auth.user : null
  return {
    user: user ? { id: user.id, name: user.name, role: user.role, home: homePathFor(user.role) } : null,
    unreadCount: user ? unreadCount(context.db, user.id) : 0,
  }
}

// Who is signed in changes only through a form (sign-in, sign-out) or a move to another page,
// never when a page just rewrites its own query string (the framework filter does, per keystroke).
export const shouldRevalidate = sameDataOnOwnQuery

/** The signed-in user as the root loader saw them, for any component. */
export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>('root')?.user ?? null
}

function MainNav() {
  const user = useOptionalUser()
  const unread = useRouteLoaderData<typeof loader>('root')?.unreadCount ?? 0
  const links: { to: string; label: string }[] = []
  if (user?.role === 'trainee') {
    links.push(
      { to: '/dashboard', label: 'Portfolio' },
      { to: '/evidence', label: 'Evidence' },
      { to: '/record', label: 'Record' },
      { to: '/coverage', label: 'Coverage' },
      { to: '/feedback', label: 'Feedback' },
      { to: '/submission', label: 'Submission' },
      { to: '/settings/mentors', label: 'Mentors' },
    )
  }
  if (user?.role === 'mentor')
    links.push({ to: '/mentor', label: 'Trainees' }, { to: '/mentor/reviews', label: 'Reviews' })
  if (user?.role === 'assessor') links.push({ to: '/assessor', label: 'Submissions' })
  if (user?.role === 'admin')
    links.push({ to: '/admin', label: 'Accounts' }, { to: '/admin/submissions', label: 'Submissions' })
  links.push({ to: '/framework', label: 'Framework' })
  return (
    <nav aria-label="Main">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.to === '/admin'}>
              {l.label}
            </NavLink>
          </li>
        ))}
        {user ? (
          <>
            <li>
              <NavLink
                to="/notifications"
                aria-label={unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`}
              >
                Notifications{unread > 0 ? ` (${unread > 99 ? '99+' : unread})` : ''}
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings" aria-label={`Settings for ${user.name}`}>
                {user.name}
              </NavLink>
            </li>
            <li>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </li>
          </>
        ) : (
          <>
            <li>
              <NavLink to="/login">Sign in</NavLink>
            </li>
            <li>
              <NavLink to="/signup" className="nav-cta">
                Start your portfolio
              </NavLink>
            </li>
          </>
        )}
      </ul>
    </nav>
  )
}

function NavigationProgress() {
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  return (
    <div className="progress" data-active={busy} role="progressbar" aria-hidden={!busy} aria-label="Loading">
      <span />
    </div>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <NavLink to="/" className="brand" aria-label="Attain, home">
              <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
                <path d="M16 3 29 28H3Z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
                <path d="M10 21h12" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
              </svg>
              <span>Attain</span>
            </NavLink>
            <MainNav />
          </div>
        </header>
        <NavigationProgress />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Attain · evidence portfolios for registration as a Clinical Scientist (Medical Physics &amp; Clinical
            Engineering). Keep patient-identifiable information out of every portfolio.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
