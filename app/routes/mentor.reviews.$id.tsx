import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { evidenceTypeLabel } from '../../competences/evidence-types'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SubmitButton } from '~/components/forms'
import { Markdown } from '~/components/markdown'
import { ClaimDecisionBadge } from '~/components/review'
import { RevisionDiff } from '~/components/revision-diff'
import { requireEvidence } from '~/evidence/access.server'
import { diffRevisions } from '~/review/diff'
import { getEvidence } from '~/models/evidence.server'
import { addComment, decideClaims, getReviewState, listRevisions, StaleRevisionError } from '~/models/review.server'
import { notifyUsers } from '~/review/notify.server'
import { audit } from '~/utils/audit.server'
import { pageTitle } from '~/utils/meta'
import { requireRole } from '~/utils/session.server'
import { readForm } from '~/utils/forms.server'
import { notFound } from '~/utils/responses'
import { formatDay } from '~/utils/dates'

export const meta = pageTitle('Review')

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const { id, traineeId } = requireEvidence(context, user, params.id, 'review')
  const item = getEvidence(context.db, traineeId, id)
  const review = getReviewState(context.db, id)
  if (!item || !review) throw notFound()
  const revisions = listRevisions(context.db, id)
  // Show what changed since the revision this mentor last decided on, if any.
  const lastDecided = Math.max(
    0,
    ...review.decisions
      .filter((d) => d.mentorId === user.id && d.revision < review.currentRevision)
      .map((d) => d.revision),
  )
  const before = revisions.find((r) => r.number === lastDecided)
  const after = revisions.find((r) => r.number === review.currentRevision)
  return {
    item,
    review,
    diff:
      before && after
        ? { from: before.number, to: after.number, diff: diffRevisions(before.snapshot, after.snapshot) }
        : null,
  }
}

const decisionSchema = z.enum(['verified', 'changes_requested', 'skip'])

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const { id, traineeId } = requireEvidence(context, user, params.id, 'review')
  const formData = await readForm(request)
  const revision = Number(formData.get('revision'))
  const item = getEvidence(context.db, traineeId, id)
  if (!item) throw notFound()
  const errors: Record<string, string[]> = {}
  const decisions: { areaCode: string; decision: 'verified' | 'changes_requested'; comment: string }[] = []
  for (const claim of item.claims) {
    const parsed = decisionSchema.safeParse(formData.get(`decision:${claim.code}`) ?? 'skip')
    const comment = String(formData.get(`comment:${claim.code}`) ?? '')
      .trim()
      .slice(0, 5000)
    if (!parsed.success) {
      errors[`decision:${claim.code}`] = ['Choose verify or request changes']
      continue
    }
    if (parsed.data === 'changes_requested' && comment === '') {
      errors[`comment:${claim.code}`] = ['Say what needs to change']
      continue
    }
    if (parsed.data !== 'skip') decisions.push({ areaCode: claim.code, decision: parsed.data, comment })
  }
  const general = String(formData.get('comment') ?? '')
    .trim()
    .slice(0, 10_000)
  if (Object.keys(errors).length > 0) return { ok: false as const, errors, formError: 'Some decisions need attention.' }
  if (decisions.length === 0 && general === '')
    return { ok: false as const, errors, formError: 'Decide on at least one claim, or write a comment.' }
  let status: string | undefined
  try {
    if (decisions.length > 0) status = decideClaims(context.db, user.id, id, revision, decisions, context.now()).status
  } catch (error) {
    if (error instanceof StaleRevisionError) {
      return {
        ok: false as const,
        errors,
        formError: `${error.message} Nothing was recorded: look at the changes and decide again.`,
      }
    }
    throw error
  }
  for (const d of decisions) {
    audit(
      context,
      user.id,
      d.decision === 'verified' ? 'review.claim_verified' : 'review.changes_requested',
      { type: 'evidence', id },
      {
        revision,
        areaCode: d.areaCode,
        comment: d.comment,
      },
    )
  }
  if (general) {
    const commentId = addComment(
      context.db,
      { evidenceId: id, authorId: user.id, body: general, forAssessor: formData.get('forAssessor') === 'on' },
      context.now(),
    )
    audit(context, user.id, 'review.comment_added', { type: 'evidence', id }, { commentId })
  }
  const verified = decisions.filter((d) => d.decision === 'verified').map((d) => d.areaCode)
  const changes = decisions.filter((d) => d.decision === 'changes_requested').map((d) => d.areaCode)
  if (changes.length > 0) {
    notifyUsers(context, {
      userIds: [traineeId],
      kind: 'changes_requested',
      title: `${user.name} asked for changes to “${item.title}”`,
      body: decisions
        .filter((d) => d.decision === 'changes_requested')
        .map((d) => `${d.areaCode}: ${d.comment}`)
        .join('\n'),
      link: `/evidence/${id}`,
    })
  }
  if (verified.length > 0) {
    notifyUsers(context, {
      userIds: [traineeId],
      kind: 'claim_verified',
      title: `${user.name} verified ${verified.join(', ')} on “${item.title}”`,
      link: `/evidence/${id}`,
    })
  }
  if (general && decisions.length === 0) {
    notifyUsers(context, {
      userIds: [traineeId],
      kind: 'comment',
      title: `${user.name} commented on “${item.title}”`,
      body: general.slice(0, 280),
      link: `/evidence/${id}`,
    })
  }
  return redirect(`/mentor/reviews?done=${encodeURIComponent(status ?? 'commented')}`)
}

export default function ReviewItem() {
  const { item, review, diff } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = (result && 'errors' in result ? result.errors : {}) as Record<string, string[] | undefined>
  return (
    <div className="page">
      <Breadcrumb trail={[{ to: '/mentor/reviews', label: 'Reviews' }]} current={item.title} />
      <p className="eyebrow">
        {evidenceTypeLabel(item.evidenceType)} · revision {review.currentRevision}
      </p>
      <h1>{item.title}</h1>
      <p className="muted">
        {formatDay(item.activityStart)}
        {item.activityEnd ? ` to ${formatDay(item.activityEnd)}` : ''} ·{' '}
        <Link to={`/evidence/${item.id}`}>Open the item with its files and discussion</Link>
      </p>
      {diff ? (
        <section aria-labelledby="diff-title" className="notice">
          <h2 id="diff-title">Changed since revision {diff.from}, which you reviewed</h2>
          <RevisionDiff diff={diff.diff} beforeLabel={`Revision ${diff.from}`} afterLabel={`Revision ${diff.to}`} />
        </section>
      ) : null}
      <section aria-labelledby="description-title">
        <h2 id="description-title">Description</h2>
        {item.description.trim() ? <Markdown>{item.description}</Markdown> : <p className="muted">No description.</p>}
        <h2>Reflection</h2>
        {item.reflection.trim() ? <Markdown>{item.reflection}</Markdown> : <p className="muted">No reflection.</p>}
      </section>
      <Form method="post" className="stack">
        <input type="hidden" name="revision" value={review.currentRevision} />
        <h2>Claims</h2>
        <FormError>{result && 'formError' in result ? result.formError : undefined}</FormError>
        {item.claims.map((claim) => (
          <fieldset key={claim.code} className="review-claim">
            <legend>
              <span className="code">{claim.code}</span> {claim.areaText}
            </legend>
            <p>
              <strong>The trainee’s claim:</strong> {claim.statement}
            </p>
            <ClaimDecisionBadge
              decision={review.latest[claim.code]}
              changedSinceVerification={review.changedSinceVerification.includes(claim.code)}
            />
            <div className="radio-row">
              <label>
                <input type="radio" name={`decision:${claim.code}`} value="verified" /> Verify
              </label>
              <label>
                <input type="radio" name={`decision:${claim.code}`} value="changes_requested" /> Request changes
              </label>
              <label>
                <input type="radio" name={`decision:${claim.code}`} value="skip" defaultChecked /> Decide later
              </label>
            </div>
            <label htmlFor={`comment-${claim.code}`}>Comment on {claim.code}</label>
            <textarea
              id={`comment-${claim.code}`}
              name={`comment:${claim.code}`}
              rows={2}
              aria-invalid={errors[`comment:${claim.code}`] ? true : undefined}
            />
            {errors[`comment:${claim.code}`] ? (
              <p className="field__errors">{errors[`comment:${claim.code}`]![0]}</p>
            ) : null}
          </fieldset>
        ))}
        <label htmlFor="general-comment">Comment on the item as a whole (optional)</label>
        <textarea id="general-comment" name="comment" rows={4} />
        <label>
          <input type="checkbox" name="forAssessor" value="on" /> Include this comment for the assessor with the
          submission
        </label>
        <SubmitButton pendingText="Recording…">Record decisions</SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
