import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { newPasswordField, passwordPolicyCheck } from '~/auth/schemas'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { NewPasswordField } from '~/components/account-fields'
import { FormError, SubmitButton } from '~/components/forms'
import { findUsableSetup, redeemPasswordSetup } from '~/models/password-setup.server'
import { deleteUserSessions } from '~/models/session.server'
import { audit } from '~/utils/audit.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { hashPassword } from '~/utils/password.server'

export const meta: MetaFunction = () => [
  { title: 'Choose a password · Attain' },
  { name: 'robots', content: 'noindex' },
]

const UNUSABLE = 'This link has expired or has already been used. Ask your administrator for a new one.'

function usableSetup({ params, context }: Pick<LoaderFunctionArgs, 'params' | 'context'>) {
  const setup = params.token ? findUsableSetup(context.db, params.token, context.now()) : undefined
  if (!setup) throw new Response(UNUSABLE, { status: 404 })
  return setup
}

export function loader(args: LoaderFunctionArgs) {
  const setup = usableSetup(args)
  return { name: setup.name, email: setup.email }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const setup = usableSetup({ params, context })
  const formData = await readForm(request)
  // The policy sees the account's own email and name, so a password built on them is refused.
  const schema = z
    .object({ password: newPasswordField })
    .superRefine((values, ctx) => passwordPolicyCheck()({ ...values, email: setup.email, name: setup.name }, ctx))
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return failure(parsed)

  const passwordHash = await hashPassword(parsed.data.password)
  const now = context.now()
  const userId = redeemPasswordSetup(context.db, params.token ?? '', passwordHash, now)
  // Used by another request while this one was hashing.
  if (userId === null) throw new Response(UNUSABLE, { status: 404 })
  const ended = deleteUserSessions(context.db, userId)
  audit(
    context,
    userId,
    'auth.password_set',
    { type: 'user', id: userId },
    { via: 'set-up link', sessionsEnded: ended },
  )
  return redirect('/login?setup=done')
}

export default function SetupPasswordPage() {
  const { name, email } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page narrow">
      <h1>Choose a password</h1>
      <p className="lede">
        This sets the password for <strong>{name}</strong> ({email}). The link works once: afterwards, sign in with your
        email address and the new password.
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError>{result?.formError}</FormError>
        <input type="hidden" name="username" autoComplete="username" value={email} />
        <NewPasswordField result={result} label="New password" />
        <SubmitButton pendingText="Saving your password…">Set password</SubmitButton>
      </Form>
      <p className="muted">Setting a password signs this account out everywhere it is signed in.</p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
