import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { SPECIALISMS } from '~/vocabulary'
import { mentorSignupSchema, signupSchema, SPECIALISM_LABELS } from '~/auth/schemas'
import { Field, FormError, SelectField, SubmitButton, fieldErrors } from '~/components/forms'
import { acceptInvitation, findUsableInvitation } from '~/models/mentor.server'
import { createTrainee, createUser, emailTaken } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import { invalid, failure, parseForm } from '~/utils/forms.server'
import { hashPassword } from '~/utils/password.server'
import { redirectIfSignedIn, startSession } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Create an account')

function invitationFrom(request: Request, context: LoaderFunctionArgs['context']) {
  const token = new URL(request.url).searchParams.get('invite')
  if (!token) return null
  const invitation = findUsableInvitation(context.db, token, context.now())
  if (!invitation) throw new Response('This invitation link has expired, been used or been withdrawn.', { status: 404 })
  return { token, traineeName: invitation.traineeName }
}

export function loader({ request, context }: LoaderFunctionArgs) {
  redirectIfSignedIn(request, context)
  const invitation = invitationFrom(request, context)
  return {
    invitation: invitation
      ? { traineeName: invitation.traineeName, signInHref: `/login?redirectTo=${encodeURIComponent(`/invite/${invitation.token}`)}` }
      : null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const invitation = invitationFrom(request, context)
  const formData = await request.formData()
  const parsed = parseForm(formData, invitation ? mentorSignupSchema : signupSchema)
  if (!parsed.ok) return failure(parsed)
  const { name, email, password } = parsed.data
  if (emailTaken(context.db, email)) {
    return invalid(formData, {
      email: ['An account with this email address already exists. Sign in instead.'],
    })
  }
  const passwordHash = await hashPassword(password)
  const now = context.now()

  if (invitation) {
    const mentor = createUser(context.db, { name, email, passwordHash, role: 'mentor' }, now)
    const outcome = acceptInvitation(context.db, invitation.token, mentor.id, now)
    audit(context, mentor.id, 'user.signed_up', { type: 'user', id: mentor.id }, { role: 'mentor' })
    if (outcome.ok) {
      audit(context, mentor.id, 'mentor.invitation_accepted', { type: 'mentor_link', id: outcome.linkId }, { traineeId: outcome.traineeId })
    }
    const cookie = startSession(request, context, mentor, { verified: true })
    return redirect(outcome.ok ? `/mentor/trainees/${outcome.traineeId}` : '/mentor', { headers: { 'Set-Cookie': cookie } })
  }

  const data = parsed.data as typeof signupSchema._output
  const trainee = createTrainee(
    context.db,
    { name, email, passwordHash },
    { specialism: data.specialism, employer: data.employer, targetSubmissionDate: data.targetSubmissionDate },
    now,
  )
  audit(context, trainee.id, 'user.signed_up', { type: 'user', id: trainee.id }, { role: 'trainee' })
  const cookie = startSession(request, context, trainee, { verified: true })
  return redirect('/dashboard', { headers: { 'Set-Cookie': cookie } })
}

export default function SignupPage() {
  const { invitation } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const values = result?.values ?? {}
  return (
    <div className="page narrow">
      {invitation ? (
        <>
          <p className="eyebrow">Mentor invitation</p>
          <h1>Create your mentor account</h1>
          <p className="lede">
            {invitation.traineeName} has invited you to mentor their portfolio. Once your account exists you will see
            their evidence and coverage — and only theirs, until another trainee invites you.
          </p>
        </>
      ) : (
        <>
          <p className="eyebrow">For trainees</p>
          <h1>Start your portfolio</h1>
          <p className="lede">
            Create a trainee account. Mentors join through an invitation you send them from your settings.
          </p>
        </>
      )}
      <Form method="post" className="stack" noValidate>
        <FormError>{result?.formError}</FormError>
        <Field label="Full name" name="name" autoComplete="name" defaultValue={values.name} errors={fieldErrors(result, 'name')} required />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={values.email}
          errors={fieldErrors(result, 'email')}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="Use a passphrase: at least 15 characters, for example four unrelated words. No other rules."
          errors={fieldErrors(result, 'password')}
          required
          minLength={15}
        />
        {invitation ? null : (
          <fieldset className="stack">
            <legend>Your training</legend>
            <SelectField label="Specialism" name="specialism" defaultValue={values.specialism ?? ''} errors={fieldErrors(result, 'specialism')} required>
              <option value="" disabled>
                Choose your specialism
              </option>
              {SPECIALISMS.map((s) => (
                <option key={s} value={s}>
                  {SPECIALISM_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <Field
              label="Employer"
              name="employer"
              autoComplete="organization"
              hint="Your trust or department, e.g. Leeds Teaching Hospitals NHS Trust"
              defaultValue={values.employer}
              errors={fieldErrors(result, 'employer')}
            />
            <Field
              label="Target submission date"
              name="targetSubmissionDate"
              type="date"
              hint="When you aim to submit your portfolio to the ACS. You can change it later."
              defaultValue={values.targetSubmissionDate}
              errors={fieldErrors(result, 'targetSubmissionDate')}
            />
          </fieldset>
        )}
        <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
        <p className="muted">
          Already have an account? <Link to={invitation ? invitation.signInHref : '/login'}>Sign in</Link>
        </p>
      </Form>
    </div>
  )
}
