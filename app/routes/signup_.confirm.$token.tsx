import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SubmitButton } from '~/components/forms'
import { acceptInvitation } from '~/models/mentor.server'
import { confirmSignup, findPendingSignup } from '~/models/signup.server'
import { audit } from '~/utils/audit.server'
import { readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { startSession } from '~/utils/session.server'

export const meta = pageTitle('Finish creating your account')

const GONE = 'This link has expired or has been used already. Sign up again, or sign in if your account exists.'

/** A page, not an action on opening: mail scanners open links, and must not make the account. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const pending = findPendingSignup(context.db, params.token ?? '', context.now())
  if (!pending) throw new Response(GONE, { status: 404 })
  return { name: pending.name, email: pending.email, role: pending.role }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request)
  const now = context.now()
  const outcome = confirmSignup(context.db, params.token ?? '', now)
  if (!outcome.ok && outcome.reason === 'unusable') throw new Response(GONE, { status: 404 })
  if (!outcome.ok) return { formError: 'An account with this e-mail address exists already.' }
  const { user } = outcome
  audit(context, user.id, 'user.signed_up', { type: 'user', id: user.id }, { role: user.role })
  let next = user.role === 'trainee' ? '/dashboard' : '/mentor'
  const invite = new URL(request.url).searchParams.get('invite')
  if (user.role === 'mentor' && invite) {
    const accepted = acceptInvitation(context.db, invite, user.id, now)
    if (accepted.ok) {
      audit(
        context,
        user.id,
        'mentor.invitation_accepted',
        { type: 'mentor_link', id: accepted.linkId },
        { traineeId: accepted.traineeId },
      )
      next = `/mentor/trainees/${accepted.traineeId}`
    }
  }
  const cookie = startSession(request, context, user, { verified: true })
  return redirect(next, { headers: { 'Set-Cookie': cookie } })
}

export default function ConfirmSignup() {
  const { name, email, role } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page narrow">
      <h1>Finish creating your account</h1>
      <p className="lede">
        {name}, your e-mail address {email} is confirmed. Create your {role} account to start.
      </p>
      <Form method="post" className="stack">
        <FormError>{result?.formError}</FormError>
        {result?.formError ? (
          <p>
            <Link to="/login">Sign in</Link> instead.
          </p>
        ) : (
          <SubmitButton pendingText="Creating your account…">Create my account</SubmitButton>
        )}
      </Form>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
