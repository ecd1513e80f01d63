import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { mentorSignupSchema, signupSchema } from '~/auth/schemas'
import { EmailField, NameField, NewPasswordField, SpecialismOptions } from '~/components/account-fields'
import { Field, FormError, SelectField, SubmitButton, echoField, fieldErrors } from '~/components/forms'
import { findUsableInvitation } from '~/models/mentor.server'
import { requestSignup } from '~/models/signup.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { hashPassword } from '~/utils/password.server'
import { redirectIfSignedIn } from '~/utils/session.server'
import { withTimeFloor } from '~/utils/timing.server'
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
      ? {
          traineeName: invitation.traineeName,
          signInHref: `/login?redirectTo=${encodeURIComponent(`/invite/${invitation.token}`)}`,
        }
      : null,
  }
}

/** Every valid sign-up answers after this long, whichever path it took (an Argon2 hash takes about 20–60 ms). */
const SIGNUP_TIME_FLOOR_MS = 250

/**
 * Every valid sign-up gets the same answer — check your e-mail — whether or
 * not the address has an account: the account is made from the link in that
 * e-mail (see `requestSignup`). The password is hashed either way, and every
 * answer waits for the same floor, so both take as long.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const invitation = invitationFrom(request, context)
  const formData = await readForm(request)
  const parsed = parseForm(formData, invitation ? mentorSignupSchema : signupSchema)
  if (!parsed.ok) return failure(parsed)
  const { name, email, password } = parsed.data
  const trainee = invitation ? null : (parsed.data as typeof signupSchema._output)
  await withTimeFloor(SIGNUP_TIME_FLOOR_MS, async () => {
    const passwordHash = await hashPassword(password)
    requestSignup(
      context.db,
      {
        name,
        email,
        passwordHash,
        profile: trainee
          ? {
              specialism: trainee.specialism,
              employer: trainee.employer,
              targetSubmissionDate: trainee.targetSubmissionDate,
            }
          : undefined,
        invitationToken: invitation?.token,
      },
      context.now(),
      { publicUrl: context.env.publicUrl },
    )
  })
  return redirect('/signup/sent')
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
        <NameField result={result} autoComplete="name" />
        <EmailField result={result} autoComplete="email" />
        <NewPasswordField result={result} label="Password" />
        {invitation ? null : (
          <fieldset className="stack">
            <legend>Your training</legend>
            <SelectField
              label="Specialism"
              name="specialism"
              defaultValue={values.specialism ?? ''}
              errors={fieldErrors(result, 'specialism')}
              required
            >
              <option value="" disabled>
                Choose your specialism
              </option>
              <SpecialismOptions />
            </SelectField>
            <Field
              label="Employer"
              autoComplete="organization"
              hint="Your trust or department, e.g. Leeds Teaching Hospitals NHS Trust"
              {...echoField(result, 'employer')}
            />
            <Field
              label="Target submission date"
              type="date"
              hint="When you aim to submit your portfolio to the ACS. You can change it later."
              {...echoField(result, 'targetSubmissionDate')}
            />
          </fieldset>
        )}
        <p className="muted">We will send a link to this address to finish creating your account.</p>
        <SubmitButton pendingText="Sending…">Create account</SubmitButton>
        <p className="muted">
          Already have an account? <Link to={invitation ? invitation.signInHref : '/login'}>Sign in</Link>
        </p>
      </Form>
    </div>
  )
}
