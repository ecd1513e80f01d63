import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { checkTotp } from '~/auth/totp'
import { recoveryCodeField, totpCodeField } from '~/auth/two-factor-schemas'
import { TotpCodeField } from '~/components/account-fields'
import { Field, FormError, SubmitButton, fieldErrors } from '~/components/forms'
import { deleteSession } from '~/models/session.server'
import { accountKey, addressKey, clearFailures, refundAttempt, reserveAttempt } from '~/models/throttle.server'
import { countUnusedRecoveryCodes, getTotpState, recordTotpStep, redeemRecoveryCode } from '~/models/two-factor.server'
import { audit } from '~/utils/audit.server'
import { failure, invalid, parseForm, readForm, tooManyAttempts } from '~/utils/forms.server'
import { afterSignIn, clearedSessionCookie, getAuth, startSession, type Auth } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Enter your code')

function loginPath(redirectTo: string | null | undefined) {
  return redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'
}

/**
 * The half-signed-in user this page is for: someone who gave the right
 * password and still owes the second factor. Anyone else is sent on.
 */
function requirePendingSignIn(request: Request, context: AppLoadContext, redirectTo: string | null | undefined): Auth {
  const auth = getAuth(request, context)
  if (!auth) throw redirect(loginPath(redirectTo))
  if (auth.session.verified) throw redirect(afterSignIn(redirectTo, auth.user.role))
  if (!auth.user.twoFactorEnabled) {
    // Two-factor sign-in was turned off since the password was given: this session can never be completed.
    deleteSession(context.db, auth.session.idHash)
    throw redirect(loginPath(redirectTo), { headers: { 'Set-Cookie': clearedSessionCookie(request, context) } })
  }
  return auth
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const redirectTo = params.get('redirectTo') ?? ''
  requirePendingSignIn(request, context, redirectTo)
  return { method: params.get('method') === 'recovery' ? ('recovery' as const) : ('app' as const), redirectTo }
}

const schema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('app'), code: totpCodeField, redirectTo: z.string().max(2000).optional() }),
    z.object({
      intent: z.literal('recovery'),
      recoveryCode: recoveryCodeField,
      redirectTo: z.string().max(2000).optional(),
    }),
  ],
  { error: 'That did not work. Reload the page and try again.' },
)

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const sent = formData.get('redirectTo')
  const redirectTo = typeof sent === 'string' ? sent : new URL(request.url).searchParams.get('redirectTo')
  const { user } = requirePendingSignIn(request, context, redirectTo)

  const parsed = parseForm(formData, schema)
  if (!parsed.ok) {
    const intentError = parsed.errors.intent?.[0]
    return intentError ? invalid(formData, {}, { formError: intentError }) : failure(parsed)
  }
  const input = parsed.data
  const keys = [accountKey(user.email), addressKey(context.clientIp)]
  const now = context.now()

  // Reserved before the code is checked, so codes sent at once are counted as they arrive.
  const wait = reserveAttempt(context.db, keys, now)
  if (wait > 0) return tooManyAttempts(formData, wait)

  let accepted = false
  if (input.intent === 'app') {
    const state = getTotpState(context.db, user.id)
    // The library checks codes against the system clock, so the step is reckoned from it too.
    const step = state ? await checkTotp(state.secret, input.code, state.lastStep, Date.now()) : null
    accepted = step !== null && recordTotpStep(context.db, user.id, step)
  } else {
    accepted = redeemRecoveryCode(context.db, user.id, input.recoveryCode, now)
  }
  const secondFactor = input.intent === 'app' ? 'totp' : 'recovery_code'

  if (!accepted) {
    audit(context, user.id, 'auth.two_factor_failed', { type: 'user', id: user.id }, { method: secondFactor })
    return input.intent === 'app'
      ? invalid(formData, { code: ['That code is not right. Enter the newest code your app shows.'] })
      : invalid(formData, { recoveryCode: ['That recovery code is not right, or it has been used already.'] })
  }

  refundAttempt(context.db, keys)
  clearFailures(context.db, [accountKey(user.email)])
  // A new session id now that the sign-in is complete; the half-signed-in one ends.
  const cookie = startSession(request, context, user, { verified: true })
  audit(
    context,
    user.id,
    'auth.signed_in',
    { type: 'user', id: user.id },
    {
      second_factor: secondFactor,
      ...(input.intent === 'recovery' ? { recovery_codes_left: countUnusedRecoveryCodes(context.db, user.id) } : {}),
    },
  )
  return redirect(afterSignIn(redirectTo, user.role), { headers: { 'Set-Cookie': cookie } })
}

/** One way of giving the second factor: the field for it, sent with the page to go to afterwards. */
function CodeForm({
  intent,
  redirectTo,
  result,
  children,
}: {
  intent: 'app' | 'recovery'
  redirectTo: string
  result: ReturnType<typeof useActionData<typeof action>>
  children: ReactNode
}) {
  return (
    <Form method="post" className="stack" noValidate>
      <FormError>{result?.formError}</FormError>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {children}
      <SubmitButton name="intent" value={intent} pendingText="Checking…">
        Continue
      </SubmitButton>
    </Form>
  )
}

export default function TwoFactorSignIn() {
  const { method, redirectTo } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const keep = redirectTo ? `&redirectTo=${encodeURIComponent(redirectTo)}` : ''
  return (
    <div className="page narrow">
      <h1>Two-factor sign-in</h1>
      {method === 'app' ? (
        <>
          <p>Open your authenticator app and enter the code it shows for Attain.</p>
          <CodeForm intent="app" redirectTo={redirectTo} result={result}>
            <TotpCodeField label="6-digit code" errors={fieldErrors(result, 'code')} />
          </CodeForm>
          <p>
            <Link to={`?method=recovery${keep}`}>Lost your phone? Use a recovery code instead</Link>
          </p>
        </>
      ) : (
        <>
          <p>Enter one of the recovery codes you stored when you set up two-factor sign-in. Each code works once.</p>
          <CodeForm intent="recovery" redirectTo={redirectTo} result={result}>
            <Field
              label="Recovery code"
              name="recoveryCode"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={40}
              hint="Such as k7dq-2vxm-p9tz"
              errors={fieldErrors(result, 'recoveryCode')}
              required
            />
          </CodeForm>
          <p>
            <Link to={`?method=app${keep}`}>Use your authenticator app instead</Link>
          </p>
        </>
      )}
      <Form method="post" action="/logout">
        <p className="muted">
          Not you, or no way to get a code?{' '}
          <button type="submit" className="link-button">
            Cancel and sign out
          </button>
        </p>
      </Form>
    </div>
  )
}
