import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SubmitButton } from '~/components/forms'
import { acceptInvitation, findUsableInvitation } from '~/models/mentor.server'
import { MENTOR_ROLE_LABELS } from '~/vocabulary'
import { audit } from '~/utils/audit.server'
import { getAuth, requireUser } from '~/utils/session.server'

export const meta: MetaFunction = () => [
  { title: 'Mentor invitation · Attain' },
  { name: 'robots', content: 'noindex' },
]

const GONE = 'This invitation link has expired, been used or been withdrawn. Ask the trainee for a new one.'

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  const invitation = findUsableInvitation(context.db, token, context.now())
  if (!invitation) throw new Response(GONE, { status: 404 })
  const auth = getAuth(request, context)
  const viewer = auth?.session.verified
    ? { name: auth.user.name, role: auth.user.role, isTrainee: auth.user.id === invitation.traineeId }
    : null
  return {
    trainee: {
      name: invitation.traineeName,
      specialism: invitation.specialism ? SPECIALISM_LABELS[invitation.specialism] : null,
      employer: invitation.employer,
    },
    role: MENTOR_ROLE_LABELS[invitation.role],
    viewer,
    signInHref: `/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`,
    signUpHref: `/signup?invite=${encodeURIComponent(token)}`,
  }
}

export function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  if (user.role !== 'mentor') {
    return {
      formError:
        'Only a mentor account can accept this invitation. Sign out and create a mentor account from this link.',
    }
  }
  const outcome = acceptInvitation(context.db, params.token ?? '', user.id, context.now())
  if (!outcome.ok) {
    if (outcome.reason === 'self') return { formError: 'You cannot mentor yourself.' }
    throw new Response(GONE, { status: 404 })
  }
  audit(
    context,
    user.id,
    'mentor.invitation_accepted',
    { type: 'mentor_link', id: outcome.linkId },
    { traineeId: outcome.traineeId },
  )
  return redirect(`/mentor/trainees/${outcome.traineeId}`)
}

export default function InvitationPage() {
  const { trainee, role, viewer, signInHref, signUpHref } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page narrow">
      <p className="eyebrow">Mentor invitation</p>
      <h1>{trainee.name} invites you to mentor their portfolio</h1>
      <p className="lede">{[trainee.specialism, trainee.employer].filter(Boolean).join(' · ')}</p>
      <p>
        They ask you to be their <strong>{role}</strong>. As their mentor you will see {trainee.name}’s evidence and
        coverage, comment on it and verify their claims against the competence framework. Either of you can end the link
        at any time.
      </p>
      <FormError>{result?.formError}</FormError>
      {viewer === null ? (
        <div className="actions">
          <Link to={signUpHref} className="button button--primary">
            Create a mentor account
          </Link>{' '}
          <Link to={signInHref} className="button button--secondary">
            I already have an account
          </Link>
        </div>
      ) : viewer.role === 'mentor' ? (
        <Form method="post">
          <SubmitButton pendingText="Accepting…">Accept and become {trainee.name}’s mentor</SubmitButton>
        </Form>
      ) : (
        <p className="notice">
          You are signed in as {viewer.name}, a{viewer.role === 'admin' || viewer.role === 'assessor' ? 'n' : ''}{' '}
          {viewer.role}.
          {viewer.isTrainee
            ? ' This is your own invitation: send the link to your mentor.'
            : ' Only a mentor account can accept: sign out, then open this link again to create one.'}
        </p>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
