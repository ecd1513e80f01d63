import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { passwordProblem } from '~/auth/password-policy'
import { newPasswordField } from '~/auth/schemas'
import { describeWait } from '~/auth/throttle'
import { PasswordField } from '~/components/account-fields'
import { FormError, SubmitButton } from '~/components/forms'
import { deleteUserSessions } from '~/models/session.server'
import { accountKey, clearFailures, reserveAttempt } from '~/models/throttle.server'
import { getPasswordHash, setPasswordHash } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { requireUser } from '~/utils/session.server'

const schema = z.object({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1024),
  newPassword: newPasswordField,
})

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireUser(request, context)
  const formData = await readForm(request)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return failure(parsed)
  const keys = [accountKey(user.email)]
  const wait = reserveAttempt(context.db, keys, context.now())
  if (wait > 0) {
    return invalid(
      formData,
      {},
      { status: 429, formError: `Too many unsuccessful attempts. Wait ${describeWait(wait)} before trying again.` },
    )
  }
  const { currentPassword, newPassword } = parsed.data
  if (!(await verifyPassword(getPasswordHash(context.db, user.id), currentPassword))) {
    return invalid(formData, { currentPassword: ['That is not your current password.'] })
  }
  clearFailures(context.db, keys)
  const problem = passwordProblem(newPassword, { email: user.email, name: user.name })
  if (problem) return invalid(formData, { newPassword: [problem] })
  setPasswordHash(context.db, user.id, await hashPassword(newPassword), context.now())
  const ended = deleteUserSessions(context.db, user.id, session.idHash)
  audit(context, user.id, 'auth.password_changed', { type: 'user', id: user.id }, { otherSessionsEnded: ended })
  return { ok: true as const, ended, errors: undefined, formError: undefined }
}

export default function PasswordSettings() {
  const result = useActionData<typeof action>()
  return (
    <section aria-labelledby="password-title" className="narrow">
      <h1 id="password-title">Change your password</h1>
      {result?.ok ? (
        <p className="success" role="status">
          Password changed.{' '}
          {result.ended > 0
            ? `You were signed out of ${result.ended} other session${result.ended === 1 ? '' : 's'}.`
            : ''}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError>{result?.formError}</FormError>
        <PasswordField result={result} label="Current password" name="currentPassword" />
        <PasswordField
          result={result}
          label="New password"
          name="newPassword"
          fresh
          hint="Use a passphrase: at least 15 characters, for example four unrelated words."
        />
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
      </Form>
    </section>
  )
}
