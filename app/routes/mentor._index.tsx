import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import { SubmitButton } from '~/components/forms'
import { endLink, getActiveLink, listTraineesOfMentor } from '~/models/mentor.server'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { failure, parseForm } from '~/utils/forms.server'
import { requireRole } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Your trainees')

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  return { trainees: listTraineesOfMentor(context.db, user.id) }
}

const schema = z.object({ intent: z.literal('end'), traineeId: z.coerce.number().int().positive() })

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return failure(parsed)
  const { traineeId } = parsed.data
  requirePermission(context.db, user, 'end', { kind: 'mentorLink', traineeId, mentorId: user.id })
  const link = getActiveLink(context.db, traineeId, user.id)
  if (!link) throw new Response('Not found', { status: 404 })
  endLink(context.db, link.id, user.id, context.now())
  audit(context, user.id, 'mentor.link_ended', { type: 'mentor_link', id: link.id }, { traineeId, mentorId: user.id })
  return { ok: true as const }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

export default function MentorHome() {
  const { trainees } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>Your trainees</h1>
      {result && 'ok' in result && result.ok ? (
        <p className="success" role="status">
          The link has ended. That trainee’s portfolio is no longer visible to you.
        </p>
      ) : null}
      {trainees.length === 0 ? (
        <div className="empty-state">
          <h2>No trainees linked to you</h2>
          <p>
            A trainee links you as their mentor by sending you an invitation link from their settings. Open the link
            while signed in to this account to accept it.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Trainees you mentor</caption>
            <thead>
              <tr>
                <th scope="col">Trainee</th>
                <th scope="col">Specialism</th>
                <th scope="col">Employer</th>
                <th scope="col">Target submission</th>
                <th scope="col">Mentor since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trainees.map((t) => (
                <tr key={t.traineeId}>
                  <td>
                    <Link to={`/mentor/trainees/${t.traineeId}`}>{t.name}</Link>
                  </td>
                  <td>{t.specialism ? SPECIALISM_LABELS[t.specialism] : '—'}</td>
                  <td>{t.employer || '—'}</td>
                  <td>{t.targetSubmissionDate ? dateFormat.format(new Date(t.targetSubmissionDate)) : 'Not set'}</td>
                  <td>{dateFormat.format(new Date(t.since))}</td>
                  <td>
                    <Form
                      method="post"
                      onSubmit={(e) => {
                        if (!window.confirm(`Stop mentoring ${t.name}? You will no longer see their portfolio.`)) e.preventDefault()
                      }}
                    >
                      <input type="hidden" name="traineeId" value={t.traineeId} />
                      <SubmitButton name="intent" value="end" className="secondary" pendingText="Ending…">
                        End link<span className="visually-hidden"> with {t.name}</span>
                      </SubmitButton>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
