import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CheckboxField, FormError, SubmitButton } from '~/components/forms'
import {
  getEmailNotifications,
  getWeeklyDigest,
  setEmailNotifications,
  setWeeklyDigest,
} from '~/models/notifications.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { requireUser } from '~/utils/session.server'

export const meta = pageTitle('Notification settings')

// A checkbox sends its value only when ticked.
const schema = z.object({
  emailNotifications: z.literal('on', { error: 'That choice is not available.' }).optional(),
  weeklyDigest: z.literal('on', { error: 'That choice is not available.' }).optional(),
})

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  return {
    email: user.email,
    role: user.role,
    emailNotifications: getEmailNotifications(context.db, user.id),
    weeklyDigest: getWeeklyDigest(context.db, user.id),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const parsed = parseForm(await readForm(request), schema)
  if (!parsed.ok) return failure({ ...parsed, formError: 'That choice is not available.' })
  const on = parsed.data.emailNotifications === 'on'
  setEmailNotifications(context.db, user.id, on, context.now())
  const digest = parsed.data.weeklyDigest === 'on'
  setWeeklyDigest(context.db, user.id, digest, context.now())
  return { ok: true as const, on, digest, formError: undefined }
}

export default function NotificationSettings() {
  const { email, role, emailNotifications, weeklyDigest } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <section aria-labelledby="notifications-title" className="narrow">
      <h1 id="notifications-title">Notifications</h1>
      <p>
        In-app notifications always appear on your <Link to="/notifications">Notifications</Link> page, whatever you
        choose here. E-mails are extra, for when you are not signed in.
      </p>
      {result?.ok ? (
        <p className="success" role="status">
          {result.on
            ? `Saved. We will e-mail ${email} as well.`
            : 'Saved. You will not get e-mails; notifications still appear in Attain.'}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError>{result?.formError}</FormError>
        <CheckboxField
          name="emailNotifications"
          label="E-mail me about reviews, comments, declarations, submissions and assessments"
          defaultChecked={emailNotifications}
          hintId="email-notifications-hint"
          hint={<>E-mails go to {email}. Each says what happened and links to it in Attain.</>}
        />
        <CheckboxField
          name="weeklyDigest"
          label="Send me a weekly digest"
          defaultChecked={weeklyDigest}
          hintId="weekly-digest-hint"
          hint={
            <>
              {role === 'mentor'
                ? 'On Mondays: the items that have waited more than a week for your review, oldest first.'
                : role === 'trainee'
                  ? 'On Mondays: the time to your target date against your coverage, such as “12 weeks to your target date; 5 areas without evidence”.'
                  : 'On Mondays, to mentors and trainees: what waits for them.'}{' '}
              In Attain, and by e-mail when e-mails are on.
            </>
          }
        />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </Form>
    </section>
  )
}
