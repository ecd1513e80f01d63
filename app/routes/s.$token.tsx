import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SubmitButton } from '~/components/forms'
import { PrerenderedSummary, SummaryDownloads } from '~/components/portfolio-summary'
import summaryStyles from '~/styles/summary.css?url'
import { assignAssessor } from '~/models/assessor-link.server'
import { LINK_HEADERS, openLinkedSubmission, requireLinkedSubmission } from '~/submission/link-access.server'
import { summaryPageData } from '~/submission/summary-markup.server'
import { audit } from '~/utils/audit.server'
import { isAssignedAssessor } from '~/models/access.server'
import { pageTitle } from '~/utils/meta'
import { getAuth, requireUser } from '~/utils/session.server'
import { readForm } from '~/utils/forms.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: summaryStyles }]

export const meta: MetaFunction = (args) => [
  ...pageTitle('Submitted portfolio')(args),
  { name: 'robots', content: 'noindex, nofollow' },
]

export const headers: HeadersFunction = () => LINK_HEADERS

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const submission = openLinkedSubmission(context, request, params.token, 'summary')
  const auth = getAuth(request, context)
  const assessor = auth?.session.verified && auth.user.role === 'assessor' ? auth.user : null
  return data(
    {
      summary: summaryPageData(submission),
      assessing: assessor
        ? isAssignedAssessor(context.db, assessor.id, submission.id)
          ? { assigned: true as const, href: `/assessor/submissions/${submission.id}` }
          : { assigned: false as const }
        : null,
    },
    { headers: LINK_HEADERS },
  )
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { submission } = requireLinkedSubmission(context, params.token)
  const formData = await readForm(request)
  if (formData.get('intent') !== 'assign') {
    return data({ formError: 'That action is not available here.' }, { status: 400, headers: LINK_HEADERS })
  }
  const auth = getAuth(request, context)
  if (auth?.user.role !== 'assessor') {
    return data(
      { formError: 'Only a signed-in assessor account can take on a submission to assess.' },
      { status: 403, headers: LINK_HEADERS },
    )
  }
  // Signs in again, or sets up two-factor sign-in, first if the session needs it.
  const { user } = requireUser(request, context)
  if (assignAssessor(context.db, submission.id, user.id, user.id, context.now())) {
    audit(
      context,
      user.id,
      'submission.assessor_assigned',
      { type: 'submission', id: submission.id },
      { assessorId: user.id, via: 'link' },
    )
  }
  return redirect(`/assessor/submissions/${submission.id}`, { headers: LINK_HEADERS })
}

function AssessBar({
  assessing,
}: {
  assessing: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['assessing']>
}) {
  const result = useActionData<typeof action>()
  if (assessing.assigned) {
    return (
      <p className="notice">
        You are assessing this submission. <Link to={assessing.href}>Record your judgements</Link>.
      </p>
    )
  }
  return (
    <Form method="post" className="notice stack">
      <p>You are signed in as an assessor. Take this submission on to record your judgements on it.</p>
      <FormError>{result?.formError}</FormError>
      <SubmitButton name="intent" value="assign" pendingText="Assigning…">
        Assess this submission
      </SubmitButton>
    </Form>
  )
}

export default function SharedSubmission() {
  const { summary, assessing } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { token } = useParams()
  const base = `/s/${token ?? ''}`
  return (
    <div className="page">
      <p className="muted">Shared with you for assessment: the portfolio exactly as it was submitted, read only.</p>
      {assessing ? <AssessBar assessing={assessing} /> : <FormError>{result?.formError}</FormError>}
      <PrerenderedSummary
        summary={summary}
        actions={
          <div className="summary-actions" role="group" aria-label="Downloads">
            <SummaryDownloads base={base} />
          </div>
        }
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
