import type { AppLoadContext } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import type { Role } from '../../db/schema'
import { safeRedirect } from '~/auth/redirect'
import { createSession, deleteSession, findSession, type SessionRow } from '~/models/session.server'
import { getUserById, type User } from '~/models/user.server'
import { hashToken } from '~/utils/tokens.server'
import { notFound } from '~/utils/responses'

const PLAIN_NAME = 'attain_session'
// Over https the cookie takes the __Host- prefix: the browser then refuses it unless Secure, host-only and Path=/.
const HOST_NAME = '__Host-attain_session'

function isHttps(request: Request) {
  return new URL(request.url).protocol === 'https:'
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('Cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim()
      // Tokens are base64url; anything else is not ours and is ignored rather than trusted.
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined
    }
  }
  return undefined
}

export function getSessionToken(request: Request): string | undefined {
  return readCookie(request, HOST_NAME) ?? readCookie(request, PLAIN_NAME)
}

function cookieAttributes(request: Request, context: AppLoadContext) {
  const https = isHttps(request)
  const name = https ? HOST_NAME : PLAIN_NAME
  const secure = https || context.env.session.secureCookie
  return { name, attrs: `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}` }
}

export function sessionCookie(request: Request, context: AppLoadContext, token: string, expiresAt: Date): string {
  const { name, attrs } = cookieAttributes(request, context)
  return `${name}=${token}; ${attrs}; Expires=${expiresAt.toUTCString()}`
}

export function clearedSessionCookie(request: Request, context: AppLoadContext): string {
  const { name, attrs } = cookieAttributes(request, context)
  return `${name}=; ${attrs}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`
}

export interface Auth {
  session: SessionRow
  user: User
}

/** The session and user behind this request, or null. Disabled accounts have no sessions. */
export function getAuth(request: Request, context: AppLoadContext): Auth | null {
  const token = getSessionToken(request)
  if (!token) return null
  const session = findSession(context.db, token, context.env.session, context.now())
  if (!session) return null
  const user = getUserById(context.db, session.userId)
  if (!user || user.disabledAt) {
    deleteSession(context.db, session.idHash)
    return null
  }
  context.onUser?.(user.id)
  return { session, user }
}

/** Roles that may not use the app until they have set up two-factor sign-in. */
export const TWO_FACTOR_REQUIRED: ReadonlySet<Role> = new Set(['admin', 'assessor'])

export const TWO_FACTOR_SETUP_PATH = '/settings/two-factor'

function loginRedirect(request: Request) {
  const url = new URL(request.url)
  // A `.data` request (single fetch) stands for the page without the suffix.
  const path = url.pathname.replace(/\.data$/, '') || '/'
  url.searchParams.delete('_data')
  const back = `${path}${url.search}`
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`)
}

/**
 * The signed-in user, or a redirect to sign in that comes back here. A user
 * whose role requires two-factor sign-in and has not set it up is sent to set
 * it up first.
 */
export function requireUser(
  request: Request,
  context: AppLoadContext,
  { allowWithoutTwoFactor = false }: { allowWithoutTwoFactor?: boolean } = {},
): Auth {
  const auth = getAuth(request, context)
  if (!auth || !auth.session.verified) throw loginRedirect(request)
  if (!allowWithoutTwoFactor && TWO_FACTOR_REQUIRED.has(auth.user.role) && !auth.user.twoFactorEnabled) {
    throw redirect(TWO_FACTOR_SETUP_PATH)
  }
  return auth
}

/** The signed-in user if they have one of these roles; anyone else is told there is nothing here. */
export function requireRole(request: Request, context: AppLoadContext, roles: readonly Role[]): Auth {
  const auth = requireUser(request, context)
  if (!roles.includes(auth.user.role)) throw notFound()
  return auth
}

/** Sends a signed-in visitor away from sign-in and sign-up pages. */
export function redirectIfSignedIn(request: Request, context: AppLoadContext) {
  const auth = getAuth(request, context)
  if (auth?.session.verified) throw redirect(homePathFor(auth.user.role))
}

export function homePathFor(role: Role): string {
  switch (role) {
    case 'trainee':
      return '/dashboard'
    case 'mentor':
      return '/mentor'
    case 'assessor':
      return '/assessor'
    case 'admin':
      return '/admin'
  }
}

/**
 * Starts a fresh session (a new id at every sign-in, so a planted cookie is
 * worthless) and ends the one the request came with, if any.
 */
export function startSession(
  request: Request,
  context: AppLoadContext,
  user: Pick<User, 'id'>,
  { verified }: { verified: boolean },
): string {
  const old = getSessionToken(request)
  if (old) deleteSession(context.db, hashToken(old))
  const { token, expiresAt } = createSession(
    context.db,
    { userId: user.id, verified, ipAddress: context.clientIp, userAgent: request.headers.get('User-Agent') },
    context.env.session,
    context.now(),
  )
  return sessionCookie(request, context, token, expiresAt)
}

/** Where to go after signing in: the page asked for, if it is on this site, else the role's home. */
export function afterSignIn(redirectTo: FormDataEntryValue | null | undefined, role: Role): string {
  return safeRedirect(redirectTo, homePathFor(role))
}
