import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { loginSchema } from '~/auth/schemas'
import { EmailField, PasswordField } from '~/components/account-fields'
import { FormError, SubmitButton } from '~/components/forms'
import { accountKey, addressKey, clearFailures, refundAttempt, reserveAttempt } from '~/models/throttle.server'
import { getPasswordHash, getUserByEmail } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import { failure, invalid, parseForm, readForm, tooManyAttempts } from '~/utils/forms.server'
import { verifyPassword } from '~/utils/password.server'
import { afterSignIn, redirectIfSignedIn, startSession } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Sign in')

const WRONG = 'The email address or password is not right.'

export function loader({ request, context }: LoaderFunctionArgs) {
  redirectIfSignedIn(request, context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const parsed = parseForm(formData, loginSchema)
  if (!parsed.ok) return failure(parsed)
  const { email, password, redirectTo } = parsed.data
  const keys = [accountKey(email), addressKey(context.clientIp)]
  const now = context.now()

  // Reserved before the slow check, so guesses sent at once are counted as they arrive.
  const wait = reserveAttempt(context.db, keys, now)
  if (wait > 0) return tooManyAttempts(formData, wait)

  // The password is checked whether or not the account exists, so both answers take as long.
  const user = getUserByEmail(context.db, email)
  const passwordOk = await verifyPassword(user ? getPasswordHash(context.db, user.id) : null, password)
  if (!user || !passwordOk) {
    audit(context, user?.id ?? null, 'auth.sign_in_failed', user ? { type: 'user', id: user.id } : undefined, { email })
    return invalid(formData, {}, { formError: WRONG })
  }
  refundAttempt(context.db, keys)
  if (user.disabledAt) {
    audit(context, user.id, 'auth.sign_in_refused', { type: 'user', id: user.id }, { reason: 'disabled' })
    return invalid(formData, {}, { formError: 'This account has been disabled. Ask your administrator to restore it.' })
  }

  clearFailures(context.db, [accountKey(email)])
  const cookie = startSession(request, context, user, { verified: !user.twoFactorEnabled })
  if (user.twoFactorEnabled) {
    const next = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''
    return redirect(`/login/two-factor${next}`, { headers: { 'Set-Cookie': cookie } })
  }
  audit(context, user.id, 'auth.signed_in', { type: 'user', id: user.id })
  return redirect(afterSignIn(redirectTo, user.role), { headers: { 'Set-Cookie': cookie } })
}

export default function LoginPage() {
  const result = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <div className="page narrow">
      <h1>Sign in</h1>
      {redirectTo && !result ? <p className="notice">Sign in to continue. Your session may have ended.</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormError>{result?.formError}</FormError>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField result={result} autoComplete="username" />
        <PasswordField result={result} label="Password" required />
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </Form>
      <p className="muted">
        New trainee? <Link to="/signup">Start your portfolio</Link>. Mentors join through a trainee’s invitation;
        assessor accounts are created by an administrator.
      </p>
    </div>
  )
}
