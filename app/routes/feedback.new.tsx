import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FEEDBACK_QUESTIONS } from '../../competences/feedback'
import { Breadcrumb } from '~/components/breadcrumb'
import { ErrorList, Field, FormError, SelectField, SubmitButton, fieldErrors } from '~/components/forms'
import { raterEmailField, raterRelationshipField, roundSchema } from '~/feedback/round-form'
import { createRound } from '~/models/feedback.server'
import { requireCurrentFramework } from '~/models/framework.server'
import { audit } from '~/utils/audit.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { FEEDBACK_RELATIONSHIPS, FEEDBACK_RELATIONSHIP_LABELS } from '~/vocabulary'

export const meta = pageTitle('Ask colleagues for feedback')

/** The domains a round usually addresses come first; the others are one click away. */
const MAIN_DOMAINS = ['Com', 'Prof']

function domainsOf(context: LoaderFunctionArgs['context']) {
  return requireCurrentFramework(context.db).domains.map((d) => ({
    key: d.key,
    title: d.title,
    areas: d.areas.map((a) => ({ code: a.code, text: a.text })),
  }))
}

export function loader({ request, context }: LoaderFunctionArgs) {
  requireOwnPortfolio(request, context, 'edit')
  return { domains: domainsOf(context) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const formData = await readForm(request)
  const areaCodes = domainsOf(context).flatMap((d) => d.areas.map((a) => a.code))
  const parsed = parseForm(formData, roundSchema(FEEDBACK_QUESTIONS, { areaCodes, ownEmail: user.email }))
  // Every ticked area is sent back, not only the last, so the form shows them all again.
  if (!parsed.ok)
    return failure({ ...parsed, values: { ...parsed.values, areaList: formData.getAll('area').map(String).join(',') } })
  const roundId = createRound(
    context.db,
    { traineeId: user.id, traineeName: user.name, areaCodes: parsed.data.areaCodes, raters: parsed.data.raters },
    context.now(),
    { publicUrl: context.env.publicUrl },
  )
  audit(
    context,
    user.id,
    'feedback.round_started',
    { type: 'feedback_round', id: roundId },
    { invited: parsed.data.raters.length, areas: parsed.data.areaCodes },
  )
  return redirect(`/feedback/${roundId}?started=1`)
}

export default function NewFeedbackRound() {
  const { domains } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const values = result?.values
  // After an error, the areas as sent; the first time, the question set's defaults.
  const chosenAreas = new Set(values ? (values.areaList ?? '').split(',') : FEEDBACK_QUESTIONS.defaultAreas)
  const main = domains.filter((d) => MAIN_DOMAINS.includes(d.key))
  const others = domains.filter((d) => !MAIN_DOMAINS.includes(d.key))
  const rows = Array.from({ length: FEEDBACK_QUESTIONS.maximumInvited }, (_, i) => i + 1)
  const areaBoxes = (domain: (typeof domains)[number]) => (
    <fieldset key={domain.key}>
      <legend>{domain.title}</legend>
      {domain.areas.map((a) => (
        <label key={a.code} className="check-row">
          <input type="checkbox" name="area" value={a.code} defaultChecked={chosenAreas.has(a.code)} />{' '}
          <span className="code">{a.code}</span> {a.text}
        </label>
      ))}
    </fieldset>
  )
  return (
    <div className="page">
      <Breadcrumb trail={[{ to: '/feedback', label: 'Feedback' }]} current="New round" />
      <h1>Ask colleagues for feedback</h1>
      <p className="lede">
        Each colleague gets an e-mail with their own link to a short form ({FEEDBACK_QUESTIONS.questions.length}{' '}
        questions on a scale, and what you do well and could develop). The link works once, for{' '}
        {FEEDBACK_QUESTIONS.linkValidDays} days, and needs no account. You will see who you asked and how many have
        answered, never who said what; the results open once {FEEDBACK_QUESTIONS.minimumResponses} have answered.
      </p>
      <FormError>{result?.errors ? 'Some fields need your attention: each is marked below.' : undefined}</FormError>
      <Form method="post" className="stack" noValidate>
        <h2>Areas the feedback addresses</h2>
        <p className="muted">Your reflection on the results will claim these, like any other evidence.</p>
        <ErrorList id="area-error" errors={fieldErrors(result, 'area')} />
        {main.map(areaBoxes)}
        <details>
          <summary>Areas in other domains</summary>
          {others.map(areaBoxes)}
        </details>

        <h2 id="raters-title">Colleagues to ask</h2>
        <p className="muted" id="raters-hint">
          Between {FEEDBACK_QUESTIONS.minimumInvited} and {FEEDBACK_QUESTIONS.maximumInvited}, from a range of the
          people you work with. Leave rows you do not need empty.
        </p>
        <ErrorList id="raters-error" errors={fieldErrors(result, 'raters')} />
        {rows.map((n) => (
          <fieldset key={n} className="rater-row">
            <legend>Colleague {n}</legend>
            <Field
              label="E-mail address"
              name={raterEmailField(n)}
              type="email"
              autoComplete="off"
              defaultValue={values?.[raterEmailField(n)] ?? ''}
              errors={fieldErrors(result, raterEmailField(n))}
            />
            <SelectField
              label="How they work with you"
              name={raterRelationshipField(n)}
              defaultValue={values?.[raterRelationshipField(n)] ?? ''}
              errors={fieldErrors(result, raterRelationshipField(n))}
            >
              <option value="">Choose…</option>
              {FEEDBACK_RELATIONSHIPS.map((r) => (
                <option key={r} value={r}>
                  {FEEDBACK_RELATIONSHIP_LABELS[r]}
                </option>
              ))}
            </SelectField>
          </fieldset>
        ))}
        <div className="actions">
          <SubmitButton pendingText="Sending requests…">Send the requests</SubmitButton>
          <Link to="/feedback">Cancel</Link>
        </div>
      </Form>
    </div>
  )
}
