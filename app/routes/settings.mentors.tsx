import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, Field, FormError, SubmitButton, fieldErrors } from '~/components/forms'
import { TableHead } from '~/components/table'
import { EndLinkForm } from '~/mentor/end-link-form'
import {
  createInvitation,
  endLink,
  listMentorsOfTrainee,
  listOpenInvitations,
  revokeInvitation,
} from '~/models/mentor.server'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'
import { notFound } from '~/utils/responses'
import { formatShortDay } from '~/utils/dates'
import { MENTOR_ROLES, MENTOR_ROLE_LABELS } from '~/vocabulary'

const schema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('invite'),
    // One of the two is always ticked in the form; a post without it invites a supervisor, as before roles existed.
    role: z
      .enum(MENTOR_ROLES, { error: 'Choose whether they will be your supervisor or your External Adviser' })
      .default('supervisor'),
    note: z.string().trim().max(200, 'Use at most 200 characters').default(''),
  }),
  z.object({ intent: z.literal('revoke'), invitationId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('end'), mentorId: z.coerce.number().int().positive() }),
])

function requireTrainee(request: Request, context: LoaderFunctionArgs['context']) {
  const { user } = requireUser(request, context)
  requirePermission(context.db, user, 'view', { kind: 'invitations', traineeId: user.id })
  return user
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireTrainee(request, context)
  return {
    mentors: listMentorsOfTrainee(context.db, user.id),
    invitations: listOpenInvitations(context.db, user.id, context.now()),
    ttlDays: Math.round(context.env.invitationTtlMs / 86_400_000),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireTrainee(request, context)
  const formData = await readForm(request)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return failure(parsed)
  const now = context.now()
  const input = parsed.data
  switch (input.intent) {
    case 'invite': {
      const invitation = createInvitation(
        context.db,
        { traineeId: user.id, note: input.note, role: input.role, ttlMs: context.env.invitationTtlMs },
        now,
      )
      audit(
        context,
        user.id,
        'mentor.invitation_created',
        { type: 'mentor_invitation', id: invitation.id },
        { note: input.note, role: input.role },
      )
      const link = `${new URL(request.url).origin}/invite/${invitation.token}`
      return {
        ok: true as const,
        intent: 'invite' as const,
        link,
        role: input.role,
        expiresAt: invitation.expiresAt,
      }
    }
    case 'revoke': {
      if (!revokeInvitation(context.db, user.id, input.invitationId, now)) {
        return invalid(formData, {}, { formError: 'That invitation has already been used, withdrawn or has expired.' })
      }
      audit(context, user.id, 'mentor.invitation_revoked', { type: 'mentor_invitation', id: input.invitationId })
      return { ok: true as const, intent: 'revoke' as const }
    }
    case 'end': {
      const link = listMentorsOfTrainee(context.db, user.id).find((m) => m.mentorId === input.mentorId)
      if (!link) throw notFound()
      requirePermission(context.db, user, 'end', { kind: 'mentorLink', traineeId: user.id, mentorId: input.mentorId })
      endLink(context.db, link.linkId, user.id, now)
      audit(
        context,
        user.id,
        'mentor.link_ended',
        { type: 'mentor_link', id: link.linkId },
        { traineeId: user.id, mentorId: input.mentorId },
      )
      return { ok: true as const, intent: 'end' as const, name: link.name }
    }
  }
}

export default function MentorSettings() {
  const { mentors, invitations, ttlDays } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const roleErrors = fieldErrors(result && 'errors' in result ? result : undefined, 'role')
  return (
    <section aria-labelledby="mentors-title">
      <h1 id="mentors-title">Your mentors</h1>
      <p className="lede">
        Your mentors — your local supervisors, who see your work day to day, and your IPEM External Adviser — see your
        evidence and coverage, comment and verify your claims. Your External Adviser signs the declaration that your
        portfolio is ready. They see nothing of any other trainee’s portfolio.
      </p>
      <FormError>{result && 'formError' in result ? result.formError : undefined}</FormError>
      {result && 'intent' in result && result.intent === 'end' ? (
        <p className="success" role="status">
          {result.name} is no longer your mentor.
        </p>
      ) : null}
      {result && 'intent' in result && result.intent === 'revoke' ? (
        <p className="success" role="status">
          Invitation withdrawn.
        </p>
      ) : null}

      {mentors.length === 0 ? (
        <div className="empty-state">
          <h2>No mentor yet</h2>
          <p>Invite your supervisor below. They will be able to follow your portfolio as you build it.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your mentors</caption>
            <TableHead columns={['Mentor', 'Role', 'Email', 'Since']} hidden="Actions" />
            <tbody>
              {mentors.map((m) => (
                <tr key={m.linkId}>
                  <td>{m.name}</td>
                  <td>{MENTOR_ROLE_LABELS[m.role]}</td>
                  <td>{m.email}</td>
                  <td>{formatShortDay(m.since)}</td>
                  <td>
                    <EndLinkForm
                      question={`End ${m.name}’s access to your portfolio?`}
                      fields={{ mentorId: m.mentorId }}
                      name={m.name}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Invite a mentor</h2>
      {result && 'link' in result ? (
        <div className="success" role="status">
          <p>
            <strong>Send this link to your {result.role ? MENTOR_ROLE_LABELS[result.role] : 'mentor'}.</strong> It works
            once, until {formatShortDay(String(result.expiresAt))}, and is shown only now.
          </p>
          <p className="secret" data-testid="invitation-link">
            {result.link}
          </p>
        </div>
      ) : null}
      <Form method="post" className="stack narrow">
        <fieldset aria-describedby={roleErrors?.length ? 'role-error' : undefined}>
          <legend>They will be your</legend>
          <div className="radio-row">
            {MENTOR_ROLES.map((role) => (
              <label key={role}>
                <input type="radio" name="role" value={role} defaultChecked={role === 'supervisor'} />{' '}
                {role === 'supervisor' ? 'Supervisor' : MENTOR_ROLE_LABELS[role]}
              </label>
            ))}
          </div>
          <ErrorList id="role-error" errors={roleErrors} />
        </fieldset>
        <Field
          label="Who is it for? (optional)"
          name="note"
          hint={`A reminder for you, e.g. “Dr Patel, nuclear medicine”. The link expires after ${ttlDays} days.`}
          errors={fieldErrors(result && 'errors' in result ? result : undefined, 'note')}
        />
        <SubmitButton name="intent" value="invite" pendingText="Creating…">
          Create invitation link
        </SubmitButton>
      </Form>

      {invitations.length > 0 ? (
        <>
          <h2>Invitations waiting</h2>
          <ul className="plain-list">
            {invitations.map((i) => (
              <li key={i.id}>
                <span>
                  {i.note || 'Invitation'} ({MENTOR_ROLE_LABELS[i.role]}) — created {formatShortDay(i.createdAt)},
                  expires {formatShortDay(i.expiresAt)}
                </span>{' '}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="invitationId" value={i.id} />
                  <SubmitButton name="intent" value="revoke" className="link-button" pendingText="Withdrawing…">
                    Withdraw<span className="visually-hidden"> {i.note || 'invitation'}</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
