import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { FEEDBACK_QUESTIONS } from '../../competences/feedback'
import { TableHead } from '~/components/table'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FeedbackResultsView } from '~/components/feedback-results'
import { FormError, SubmitButton } from '~/components/forms'
import { getRound, releaseRound, remindRaters, roundOwner } from '~/models/feedback.server'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import { notifyUsers } from '~/review/notify.server'
import { formatDay } from '~/utils/dates'
import { audit } from '~/utils/audit.server'
import { can, requirePermission } from '~/utils/authorization.server'
import { invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { requireIdParam } from '~/utils/params'
import { notFound } from '~/utils/responses'
import { requireUser } from '~/utils/session.server'
import { FEEDBACK_RELATIONSHIP_LABELS } from '~/vocabulary'

export const meta = pageTitle('Feedback round')

function requireRound({ request, context, params }: Pick<LoaderFunctionArgs, 'request' | 'context' | 'params'>) {
  const { user } = requireUser(request, context)
  const id = requireIdParam(params.id)
  const traineeId = roundOwner(context.db, id)
  if (traineeId === undefined) throw notFound()
  requirePermission(context.db, user, 'view', { kind: 'portfolio', traineeId })
  const round = getRound(context.db, traineeId, id)
  if (!round) throw notFound()
  return { user, round, owner: can(context.db, user, 'edit', { kind: 'portfolio', traineeId }) }
}

export function loader(args: LoaderFunctionArgs) {
  const { round, owner } = requireRound(args)
  const now = args.context.now()
  return {
    owner,
    round: {
      id: round.id,
      createdAt: round.createdAt,
      releasedAt: round.releasedAt,
      areaCodes: round.areaCodes,
      evidenceId: round.evidenceId,
      invited: round.invited,
      answered: round.answered,
      declined: round.declined,
      lastRemindedAt: round.lastRemindedAt,
      // Who was asked is the trainee's own list; mentors see the counts and the results.
      raters: owner ? round.raters : [],
      results: round.results,
    },
    canRemindFrom: new Date(now.getTime() - FEEDBACK_QUESTIONS.reminderIntervalDays * 86_400_000).toISOString(),
  }
}

const schema = z.object({ intent: z.enum(['remind', 'release'], { error: 'Choose what to do.' }) })

export async function action(args: ActionFunctionArgs) {
  const { user, round, owner } = requireRound(args)
  const { context } = args
  if (!owner) throw notFound()
  const formData = await readForm(args.request)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(formData, parsed.errors, { formError: 'Choose what to do.' })
  const now = context.now()
  if (parsed.data.intent === 'remind') {
    const result = remindRaters(context.db, { traineeId: user.id, traineeName: user.name, roundId: round.id }, now, {
      publicUrl: context.env.publicUrl,
    })
    if (!result.ok) {
      const formError =
        result.reason === 'too-soon'
          ? `Colleagues get at most one e-mail a week about a round. The next reminder can go on ${formatDay(result.nextAt ?? now.toISOString())}.`
          : result.reason === 'released'
            ? 'The results are released: the round is closed, so there is no one to remind.'
            : 'Everyone you asked has answered or declined: there is no one to remind.'
      return invalid(formData, {}, { formError, status: 409 })
    }
    audit(
      context,
      user.id,
      'feedback.reminders_sent',
      { type: 'feedback_round', id: round.id },
      {
        reminded: result.reminded,
      },
    )
    return {
      ok: true as const,
      message: `Reminder sent to ${result.reminded} colleague${result.reminded === 1 ? '' : 's'}.`,
    }
  }
  const released = releaseRound(context.db, user.id, round.id, now)
  if (!released.ok) {
    const formError =
      released.reason === 'too-few'
        ? `The results open once ${released.needed} colleagues have answered; ${released.responses} have so far. This keeps each colleague’s answers anonymous.`
        : 'The results are already released.'
    return invalid(formData, {}, { formError, status: 409 })
  }
  audit(
    context,
    user.id,
    'feedback.released',
    { type: 'feedback_round', id: round.id },
    {
      responses: released.results.responses,
    },
  )
  notifyUsers(context, {
    userIds: listMentorsOfTrainee(context.db, user.id).map((m) => m.mentorId),
    kind: 'feedback_released',
    title: `${user.name}’s multi-source feedback is released`,
    body: `${released.results.responses} colleagues answered. The results are combined and anonymous.`,
    link: `/feedback/${round.id}`,
  })
  return { ok: true as const, message: 'The results are released. Read them, then write your reflection.' }
}

export default function FeedbackRound() {
  const { owner, round, canRemindFrom } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const enough = round.answered >= FEEDBACK_QUESTIONS.minimumResponses
  const waiting = round.invited - round.answered - round.declined
  const lastMail = round.lastRemindedAt ?? round.createdAt
  return (
    <div className="page">
      <Breadcrumb
        trail={owner ? [{ to: '/feedback', label: 'Feedback' }] : []}
        current={`Round started ${formatDay(round.createdAt)}`}
      />
      <h1>Multi-source feedback, started {formatDay(round.createdAt)}</h1>
      {params.get('started') && !result ? (
        <p className="success" role="status">
          Requests sent to {round.invited} colleagues.
        </p>
      ) : null}
      {result && 'message' in result ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormError>{result && 'formError' in result ? result.formError : undefined}</FormError>
      <p className="lede">
        Addresses {round.areaCodes.join(', ')}. {round.invited} colleagues asked:{' '}
        <strong>{round.answered} answered</strong>, {round.declined} declined, {waiting} not yet.
      </p>

      {round.results ? (
        <section aria-labelledby="results-title" className="stack">
          <h2 id="results-title">Results</h2>
          <p className="muted">
            Released {formatDay(round.releasedAt ?? round.createdAt)}. Answers are combined; comments carry no names and
            are in a random order.
          </p>
          <FeedbackResultsView results={round.results} headingLevel={3} />
          {owner ? (
            round.evidenceId ? (
              <p>
                <Link to={`/evidence/${round.evidenceId}`}>Your reflection on this feedback</Link>
              </p>
            ) : (
              <p>
                <Link to={`/evidence/new?feedback=${round.id}`} className="button button--primary">
                  Write your reflection
                </Link>
              </p>
            )
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="status-title" className="stack">
          <h2 id="status-title">Waiting for answers</h2>
          <p>
            {enough
              ? `${round.answered} colleagues have answered: enough to release the results. Releasing closes the round; links not yet used stop working.`
              : `The results open once ${FEEDBACK_QUESTIONS.minimumResponses} colleagues have answered (${FEEDBACK_QUESTIONS.minimumResponses - round.answered} more), so that no answer can be told from the others.`}
          </p>
          {owner ? (
            <div className="actions">
              {enough ? (
                <Form method="post">
                  <SubmitButton name="intent" value="release" pendingText="Releasing…">
                    Close the round and release the results
                  </SubmitButton>
                </Form>
              ) : null}
              {waiting > 0 ? (
                <Form method="post">
                  <SubmitButton
                    name="intent"
                    value="remind"
                    className={enough ? 'secondary' : undefined}
                    pendingText="Sending reminders…"
                  >
                    Remind colleagues who have not answered
                  </SubmitButton>
                </Form>
              ) : null}
            </div>
          ) : null}
          {owner && waiting > 0 ? (
            <p className="muted">
              A reminder goes to everyone who has neither answered nor declined, at most once a week each, with a new
              link.{' '}
              {lastMail > canRemindFrom ? `The last e-mails went on ${formatDay(lastMail)}.` : 'A reminder can go now.'}
            </p>
          ) : null}
        </section>
      )}

      {owner ? (
        <section aria-labelledby="asked-title">
          <h2 id="asked-title">Who you asked</h2>
          <p className="muted">You see who was asked and how many answered, never who said what or who declined.</p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Colleagues asked</caption>
              <TableHead columns={['E-mail', 'Works with you as', 'Asked']} />
              <tbody>
                {round.raters.map((r) => (
                  <tr key={r.email}>
                    <td>{r.email}</td>
                    <td>{FEEDBACK_RELATIONSHIP_LABELS[r.relationship]}</td>
                    <td>{formatDay(r.invitedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
