import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { SubmitButton } from '~/components/forms'
import { countUserSessions, deleteUserSessions } from '~/models/session.server'
import { audit } from '~/utils/audit.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { clearedSessionCookie, requireUser } from '~/utils/session.server'

const schema = z.object({ intent: z.enum(['others', 'everywhere']) })

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  return { count: countUserSessions(context.db, user.id) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireUser(request, context)
  const parsed = parseForm(await readForm(request), schema)
  if (!parsed.ok) return failure(parsed)
  const everywhere = parsed.data.intent === 'everywhere'
  const ended = deleteUserSessions(context.db, user.id, everywhere ? undefined : session.idHash)
  audit(context, user.id, 'auth.sessions_ended', { type: 'user', id: user.id }, { ended, everywhere })
  if (everywhere) return redirect('/login', { headers: { 'Set-Cookie': clearedSessionCookie(request, context) } })
  return { ok: true as const, ended }
}

export default function SessionSettings() {
  const { count } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const others = count - 1
  return (
    <section aria-labelledby="sessions-title" className="narrow">
      <h1 id="sessions-title">Where you are signed in</h1>
      {result && 'ended' in result ? (
        <p className="success" role="status">
          Signed out of {result.ended} other session{result.ended === 1 ? '' : 's'}.
        </p>
      ) : null}
      <p>
        You are signed in here
        {others > 0
          ? ` and in ${others} other browser${others === 1 ? '' : 's'} or device${others === 1 ? '' : 's'}`
          : ' only'}
        . Sessions end after two hours without activity and twelve hours at most.
      </p>
      <Form method="post" className="stack">
        <SubmitButton name="intent" value="others" pendingText="Signing out…">
          Sign out of all other sessions
        </SubmitButton>
        <SubmitButton name="intent" value="everywhere" className="secondary" pendingText="Signing out…">
          Sign out everywhere, including here
        </SubmitButton>
      </Form>
    </section>
  )
}
