import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FEEDBACK_QUESTIONS } from '../../competences/feedback'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, FormError, SubmitButton } from '~/components/forms'
import { answersSchema, FREE_TEXT_LIMIT, ratingField } from '~/feedback/results'
import { answerFeedback, declineFeedback, linkState, type LinkState } from '~/models/feedback.server'
import { formatDay } from '~/utils/dates'
import { invalid, parseForm, readForm } from '~/utils/forms.server'

// The page names the trainee and nothing else: no title, employer or e-mail in it or its title.
export const meta: MetaFunction = () => [
  { title: 'Feedback for a colleague · Attain' },
  { name: 'robots', content: 'noindex' },
]

const CLOSED: Record<Exclude<LinkState['state'], 'open'>, { status: number; title: string; message: string }> = {
  unknown: {
    status: 404,
    title: 'This feedback link is not valid',
    message:
      'Check that you opened the whole link from the e-mail. If it still does not work, the link may have been replaced by a newer one: look for a later e-mail.',
  },
  answered: {
    status: 410,
    title: 'Your feedback has been received',
    message: 'Thank you. Each link can be used once, so there is nothing more to do.',
  },
  declined: {
    status: 410,
    title: 'You declined to give feedback',
    message: 'Nothing more is needed, and the trainee has not been told who declined.',
  },
  expired: {
    status: 410,
    title: 'This feedback link has expired',
    message:
      'If you would still like to give feedback, ask the trainee to send you a reminder: it comes with a new link.',
  },
  closed: {
    status: 410,
    title: 'This feedback round has closed',
    message: 'The trainee has already received their results, so no more answers can be added. Thank you all the same.',
  },
}

export function loader({ params, context }: LoaderFunctionArgs) {
  const link = linkState(context.db, params.token ?? '', context.now())
  if (link.state === 'open')
    return {
      state: 'open' as const,
      traineeName: link.traineeName,
      lastDay: formatDay(new Date(Date.parse(link.expiresAt) - 1).toISOString()),
    }
  return data({ state: link.state, traineeName: null, lastDay: null }, { status: CLOSED[link.state].status })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const token = params.token ?? ''
  const now = context.now()
  const refused = (state: Exclude<LinkState['state'], 'open'>) =>
    invalid(
      formData,
      {},
      { formError: `${CLOSED[state].title}. ${CLOSED[state].message}`, status: CLOSED[state].status },
    )

  if (formData.get('intent') === 'decline') {
    const state = declineFeedback(context.db, token, now)
    if (state !== 'open') return refused(state)
    return { ok: true as const, done: 'declined' as const }
  }
  const parsed = parseForm(formData, answersSchema(FEEDBACK_QUESTIONS))
  if (!parsed.ok) {
    // A closed link says so before the fields do: correcting a rating would not help.
    const state = linkState(context.db, token, now).state
    if (state !== 'open') return refused(state)
    return invalid(formData, parsed.errors, {
      formError: 'Some answers need your attention: each is marked below. Nothing you wrote has been lost.',
    })
  }
  const state = answerFeedback(context.db, token, parsed.data, now)
  if (state !== 'open') return refused(state)
  return { ok: true as const, done: 'answered' as const }
}

export default function FeedbackForm() {
  const link = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (result && 'done' in result) {
    return (
      <div className="page narrow" role="status">
        <h1>{result.done === 'answered' ? 'Thank you for your feedback' : 'You declined to give feedback'}</h1>
        <p className="lede">
          {result.done === 'answered'
            ? 'Your answers have been recorded. The trainee will see them only combined with other colleagues’ answers, never on their own or with your name.'
            : 'Nothing more is needed. The link no longer works.'}
        </p>
      </div>
    )
  }
  const failed = result && 'values' in result ? result : undefined
  // A link that closed while the form was being filled in keeps the form on screen, so nothing typed is lost.
  if (link.state !== 'open' && !failed) {
    const closed = CLOSED[link.state]
    return (
      <div className="page narrow">
        <h1>{closed.title}</h1>
        <p className="lede">{closed.message}</p>
      </div>
    )
  }
  const value = (name: string) => failed?.values[name] ?? ''
  const errors = (name: string) => failed?.errors[name]
  return (
    <div className="page narrow">
      <h1>Feedback for {link.traineeName ?? 'a trainee clinical scientist'}</h1>
      <p className="lede">{FEEDBACK_QUESTIONS.intro}</p>
      <p>
        Your answers are anonymous: the trainee sees them only combined with at least{' '}
        {FEEDBACK_QUESTIONS.minimumResponses - 1} other colleagues’ answers, and comments without names in a random
        order. {link.lastDay ? `This link works once, until ${link.lastDay}.` : null}
      </p>
      <FormError>{failed?.formError}</FormError>
      <Form method="post" className="stack" noValidate>
        {FEEDBACK_QUESTIONS.questions.map((q, i) => {
          const name = ratingField(q.id)
          const fieldErrors = errors(name)
          return (
            <fieldset key={q.id} aria-describedby={fieldErrors ? `${name}-error` : undefined}>
              <legend>
                {i + 1}. {q.text}
              </legend>
              <div className="radio-row radio-row--scale">
                {[
                  ...FEEDBACK_QUESTIONS.scale.map((p) => ({
                    value: String(p.value),
                    label: `${p.value} — ${p.label}`,
                  })),
                  { value: 'na', label: FEEDBACK_QUESTIONS.notAbleToComment },
                ].map((option) => (
                  <label key={option.value}>
                    {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- screen readers announce an invalid radio group through its radios; the fieldset has no role to carry aria-invalid */}
                    <input
                      type="radio"
                      name={name}
                      value={option.value}
                      defaultChecked={value(name) === option.value}
                      aria-invalid={fieldErrors ? true : undefined}
                    />{' '}
                    {option.label}
                  </label>
                ))}
              </div>
              <ErrorList id={`${name}-error`} errors={fieldErrors} />
            </fieldset>
          )
        })}
        {FEEDBACK_QUESTIONS.freeText.map((t) => (
          <div key={t.id} className="field">
            <label htmlFor={`text-${t.id}`}>{t.label} (optional)</label>
            <p className="field__hint" id={`text-${t.id}-hint`}>
              {t.hint} Please do not name patients, or yourself.
            </p>
            <textarea
              id={`text-${t.id}`}
              name={t.id}
              rows={5}
              maxLength={FREE_TEXT_LIMIT}
              defaultValue={value(t.id)}
              aria-invalid={errors(t.id) ? true : undefined}
              aria-describedby={[`text-${t.id}-hint`, errors(t.id) ? `text-${t.id}-error` : ''].join(' ').trim()}
            />
            <ErrorList id={`text-${t.id}-error`} errors={errors(t.id)} />
          </div>
        ))}
        <div className="actions">
          <SubmitButton name="intent" value="answer" pendingText="Sending…">
            Send feedback
          </SubmitButton>
        </div>
      </Form>
      <h2>Would you rather not?</h2>
      <Form method="post">
        <p>You can decline; the trainee sees only how many colleagues declined, not who.</p>
        <SubmitButton name="intent" value="decline" className="secondary" pendingText="Declining…">
          Decline to give feedback
        </SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
