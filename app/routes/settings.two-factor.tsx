import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { checkTotp, formatSecret, totpUri } from '~/auth/totp'
import { currentPasswordField, totpCodeField } from '~/auth/two-factor-schemas'
import { TotpCodeField } from '~/components/account-fields'
import { Field, FormError, SubmitButton, fieldErrors, type ActionResult } from '~/components/forms'
import { deleteUserSessions } from '~/models/session.server'
import { accountKey, clearFailures, reserveAttempt } from '~/models/throttle.server'
import {
  cancelTotpSetup,
  confirmTotpSetup,
  countUnusedRecoveryCodes,
  disableTotp,
  getPendingSecret,
  getTotpState,
  recordTotpStep,
  regenerateRecoveryCodes,
  startTotpSetup,
} from '~/models/two-factor.server'
import { getPasswordHash } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import { failure, invalid, parseForm, readForm, tooManyAttempts } from '~/utils/forms.server'
import { verifyPassword } from '~/utils/password.server'
import { qrCodeDataUri } from '~/utils/qr-code.server'
import { homePathFor, requireUser, TWO_FACTOR_REQUIRED, TWO_FACTOR_SETUP_PATH } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Two-factor sign-in')

const WRONG_CODE = 'That code is not right. Enter the newest code your app shows.'
const REQUIRED_FOR_ROLE = 'Your role requires two-factor sign-in, so it cannot be turned off.'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context, { allowWithoutTwoFactor: true })
  const required = TWO_FACTOR_REQUIRED.has(user.role)
  const home = homePathFor(user.role)
  if (user.twoFactorEnabled) {
    return {
      enabled: true as const,
      required,
      home,
      unusedCodes: countUnusedRecoveryCodes(context.db, user.id),
      setup: null,
    }
  }
  const pending = getPendingSecret(context.db, user.id)
  const setup = pending
    ? { secret: formatSecret(pending), qrCode: await qrCodeDataUri(totpUri(pending, user.email)) }
    : null
  return { enabled: false as const, required, home, unusedCodes: 0, setup }
}

const schema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('start') }),
    z.object({ intent: z.literal('cancel') }),
    z.object({ intent: z.literal('confirm'), code: totpCodeField }),
    z.object({ intent: z.literal('regenerate'), code: totpCodeField }),
    z.object({ intent: z.literal('disable'), password: currentPasswordField, code: totpCodeField }),
  ],
  { error: 'That did not work. Reload the page and try again.' },
)

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireUser(request, context, { allowWithoutTwoFactor: true })
  const formData = await readForm(request)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) {
    const intentError = parsed.errors.intent?.[0]
    return intentError ? invalid(formData, {}, { formError: intentError }) : failure(parsed)
  }
  const input = parsed.data
  const now = context.now()
  const subject = { type: 'user', id: user.id }

  switch (input.intent) {
    case 'start': {
      if (user.twoFactorEnabled) return invalid(formData, {}, { formError: 'Two-factor sign-in is already on.' })
      startTotpSetup(context.db, user.id, now)
      return redirect(TWO_FACTOR_SETUP_PATH)
    }

    case 'cancel': {
      cancelTotpSetup(context.db, user.id, now)
      return redirect(TWO_FACTOR_SETUP_PATH)
    }

    case 'confirm': {
      if (user.twoFactorEnabled) return invalid(formData, {}, { formError: 'Two-factor sign-in is already on.' })
      const pending = getPendingSecret(context.db, user.id)
      if (!pending)
        return invalid(formData, {}, { formError: 'Set-up has not been started, or was cancelled. Start again.' })
      // The library checks codes against the system clock, so the step is reckoned from it too.
      const step = await checkTotp(pending, input.code, null, Date.now())
      if (step === null) return invalid(formData, { code: [WRONG_CODE] })
      const codes = confirmTotpSetup(context.db, user.id, step, now, pending)
      if (!codes)
        return invalid(formData, {}, { formError: 'Set-up was started again elsewhere. Scan the new QR code below.' })
      audit(context, user.id, 'auth.two_factor_enabled', subject)
      return { ok: true as const, intent: 'confirm' as const, codes }
    }

    case 'regenerate': {
      const state = getTotpState(context.db, user.id)
      if (!state)
        return invalid(formData, {}, { formError: 'Two-factor sign-in is off, so there are no recovery codes.' })
      const keys = [accountKey(user.email)]
      const wait = reserveAttempt(context.db, keys, now)
      if (wait > 0) return tooManyAttempts(formData, wait)
      const step = await checkTotp(state.secret, input.code, state.lastStep, Date.now())
      if (step === null || !recordTotpStep(context.db, user.id, step)) {
        audit(context, user.id, 'auth.two_factor_failed', subject, {
          method: 'totp',
          purpose: 'regenerate_recovery_codes',
        })
        return invalid(formData, { code: [WRONG_CODE] })
      }
      clearFailures(context.db, keys)
      const codes = regenerateRecoveryCodes(context.db, user.id)
      audit(context, user.id, 'auth.recovery_codes_regenerated', subject)
      return { ok: true as const, intent: 'regenerate' as const, codes }
    }

    case 'disable': {
      if (TWO_FACTOR_REQUIRED.has(user.role))
        return invalid(formData, {}, { status: 403, formError: REQUIRED_FOR_ROLE })
      const state = getTotpState(context.db, user.id)
      if (!state) return invalid(formData, {}, { formError: 'Two-factor sign-in is already off.' })
      const keys = [accountKey(user.email)]
      const wait = reserveAttempt(context.db, keys, now)
      if (wait > 0) return tooManyAttempts(formData, wait)
      const passwordOk = await verifyPassword(getPasswordHash(context.db, user.id), input.password)
      const step = passwordOk ? await checkTotp(state.secret, input.code, state.lastStep, Date.now()) : null
      const codeOk = step !== null && recordTotpStep(context.db, user.id, step)
      if (!passwordOk || !codeOk) {
        audit(context, user.id, 'auth.two_factor_failed', subject, { method: 'totp', purpose: 'disable' })
        // A code is only checked with the right password, so a wrong password says nothing about the code.
        return invalid(formData, passwordOk ? { code: [WRONG_CODE] } : { password: ['That is not your password.'] })
      }
      clearFailures(context.db, keys)
      disableTotp(context.db, user.id, now)
      const ended = deleteUserSessions(context.db, user.id, session.idHash)
      audit(context, user.id, 'auth.two_factor_disabled', subject, { otherSessionsEnded: ended })
      return { ok: true as const, intent: 'disable' as const, ended }
    }
  }
}

/** Errors for a field of the form that was sent, not of the other forms on the page. */
function errorsFor(result: ActionResult | undefined, intent: string, name: string) {
  return result?.values?.intent === intent ? fieldErrors(result, name) : undefined
}

function formErrorFor(result: ActionResult | undefined, intent: string) {
  return result?.values?.intent === intent ? result.formError : undefined
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(
    `Attain recovery codes\nEach code can be used once, to sign in without your authenticator app.\n\n${codes.join('\n')}\n`,
  )}`
  return (
    <section aria-labelledby="recovery-codes-title" className="stack">
      <h2 id="recovery-codes-title">Your recovery codes</h2>
      <p>
        If you lose your phone or your authenticator app, you can sign in with one of these codes instead. Each works
        once. Store them somewhere safe, such as a password manager or a printed copy kept securely.{' '}
        <strong>This is the only time they are shown.</strong>
      </p>
      <pre className="secret" aria-label="Recovery codes">
        {codes.join('\n')}
      </pre>
      <p>
        <a href={download} download="attain-recovery-codes.txt">
          Download the codes as a text file
        </a>
      </p>
    </section>
  )
}

function CodeField({
  result,
  intent,
  label = 'Enter the 6-digit code from your app',
}: {
  result: ActionResult | undefined
  intent: string
  label?: string
}) {
  return <TotpCodeField label={label} errors={errorsFor(result, intent, 'code')} />
}

export default function TwoFactorSettings() {
  const { enabled, required, home, unusedCodes, setup } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as
    (ActionResult & { intent?: string; codes?: string[]; ended?: number }) | undefined
  const succeeded = result?.ok === true ? result : undefined

  if (succeeded?.intent === 'confirm' && succeeded.codes) {
    return (
      <section aria-labelledby="two-factor-title" className="narrow stack">
        <h1 id="two-factor-title">Two-factor sign-in</h1>
        <p className="success" role="status">
          Two-factor sign-in is on. From now on you will be asked for a code from your app when you sign in.
        </p>
        <RecoveryCodes codes={succeeded.codes} />
        <p>
          <Link to={home}>I have stored my recovery codes. Continue</Link>
        </p>
      </section>
    )
  }

  return (
    <section aria-labelledby="two-factor-title" className="narrow stack">
      <h1 id="two-factor-title">Two-factor sign-in</h1>

      {enabled ? (
        <>
          <p className="success">
            Two-factor sign-in is on. You sign in with your password and a code from your authenticator app.
          </p>

          {succeeded?.intent === 'regenerate' && succeeded.codes ? <RecoveryCodes codes={succeeded.codes} /> : null}

          <section aria-labelledby="codes-title" className="stack">
            <h2 id="codes-title">Recovery codes</h2>
            <p>
              You have <strong>{unusedCodes}</strong> unused recovery code{unusedCodes === 1 ? '' : 's'}.
              {unusedCodes <= 2 ? ' Generate new ones so you are not locked out if you lose your phone.' : ''}
            </p>
            <p className="muted">New codes replace all your old ones, used or not.</p>
            <Form method="post" className="stack" noValidate>
              <FormError>{formErrorFor(result, 'regenerate')}</FormError>
              <CodeField result={result} intent="regenerate" />
              <SubmitButton name="intent" value="regenerate" pendingText="Generating…">
                Generate new recovery codes
              </SubmitButton>
            </Form>
          </section>

          <section aria-labelledby="turn-off-title" className="stack">
            <h2 id="turn-off-title">Turn off two-factor sign-in</h2>
            {required ? (
              <p className="notice">{REQUIRED_FOR_ROLE}</p>
            ) : (
              <>
                <p>
                  Without it, anyone who learns your password can sign in as you. Turning it off also signs you out
                  everywhere else.
                </p>
                <Form method="post" className="stack" noValidate>
                  <FormError>{formErrorFor(result, 'disable')}</FormError>
                  <Field
                    label="Your password"
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    errors={errorsFor(result, 'disable', 'password')}
                    required
                  />
                  <CodeField result={result} intent="disable" />
                  <SubmitButton name="intent" value="disable" className="danger" pendingText="Turning off…">
                    Turn off
                  </SubmitButton>
                </Form>
              </>
            )}
          </section>
        </>
      ) : (
        <>
          {succeeded?.intent === 'disable' ? (
            <p className="success" role="status">
              Two-factor sign-in is off.
              {succeeded.ended
                ? ` You were signed out of ${succeeded.ended} other session${succeeded.ended === 1 ? '' : 's'}.`
                : ''}
            </p>
          ) : null}
          {required ? <p className="notice">Your role requires two-factor sign-in. Set it up to continue.</p> : null}
          <p>
            With two-factor sign-in, signing in takes your password and a code from an authenticator app on your phone,
            such as Google Authenticator, Microsoft Authenticator or 1Password. Someone who learns your password still
            cannot sign in as you.
          </p>

          {setup ? (
            <section aria-labelledby="set-up-title" className="stack">
              <h2 id="set-up-title">Set up your authenticator app</h2>
              <ol>
                <li>In your authenticator app, add an account and scan this QR code.</li>
                <li>Enter the code the app then shows.</li>
              </ol>
              <p>
                <img src={setup.qrCode} alt="QR code for your authenticator app" width={220} height={220} />
              </p>
              <p>If you cannot scan it, enter this key in the app instead:</p>
              <p className="secret">{setup.secret}</p>
              <Form method="post" className="stack" noValidate>
                <FormError>{formErrorFor(result, 'confirm')}</FormError>
                <CodeField result={result} intent="confirm" />
                <SubmitButton name="intent" value="confirm" pendingText="Checking…">
                  Turn on two-factor sign-in
                </SubmitButton>
              </Form>
              <Form method="post">
                <FormError>{formErrorFor(result, 'cancel')}</FormError>
                <button type="submit" name="intent" value="cancel" className="link-button">
                  Cancel set-up
                </button>
              </Form>
            </section>
          ) : (
            <Form method="post" className="stack">
              <FormError>{formErrorFor(result, 'start')}</FormError>
              <SubmitButton name="intent" value="start" pendingText="Starting…">
                Set up two-factor sign-in
              </SubmitButton>
            </Form>
          )}
        </>
      )}
    </section>
  )
}
