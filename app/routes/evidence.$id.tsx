import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from '@remix-run/react'
import { useEffect } from 'react'
import { z } from 'zod'
import { evidenceTypeLabel } from '../../competences/evidence-types'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, SubmitButton, fieldErrors } from '~/components/forms'
import { Markdown } from '~/components/markdown'
import { requireEvidence } from '~/evidence/access.server'
import { fieldLabel } from '~/evidence/scan'
import { wordCount } from '~/evidence/form'
import { describeMediaType, isAcceptedMediaType } from '~/files/sniff'
import { getAttachment, getEvidence } from '~/models/evidence.server'
import { feedbackForEvidence } from '~/models/feedback.server'
import { FeedbackResultsView } from '~/components/feedback-results'
import { retryConversion } from '~/models/conversions.server'
import { conversionViews } from '~/conversion/views.server'
import { ConversionStatus } from '~/components/conversion-status'
import { acknowledgeFinding, listPiiFindings } from '~/models/pii.server'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import { addComment, getReviewState, listComments, sendForReview } from '~/models/review.server'
import { ClaimDecisionBadge, CommentThread } from '~/components/review'
import { afterSending } from '~/review/send.server'
import { notifyUsers } from '~/review/notify.server'
import { audit } from '~/utils/audit.server'
import { can } from '~/utils/authorization.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'
import { areaPath } from '~/framework/filter'
import { notFound } from '~/utils/responses'
import { formatBytes } from '~/utils/bytes'
import { formatDay } from '~/utils/dates'
import { REVALIDATED } from '~/utils/revalidated'
import { untilNextWrite } from '~/utils/loader-cache.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.item.title} · Attain` : 'Not found · Attain' },
]

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

const ROLE_TEXT = {
  led: 'Led by the trainee',
  contributed: 'The trainee contributed',
  observed: 'The trainee observed',
} as const
const STATUS_TEXT = {
  draft: 'Draft',
  awaiting_review: 'Awaiting review',
  changes_requested: 'Changes requested',
  partly_verified: 'Partly verified',
  verified: 'Verified',
} as const

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id, traineeId } = requireEvidence(context, user, params.id, 'view')
  // Read again only after a write; a conversion's progress (and the time it names) is read every time.
  const kept = untilNextWrite(context.db, `evidence-item:${user.id}:${id}`, () => {
    const item = getEvidence(context.db, traineeId, id)
    if (!item) throw notFound()
    return {
      item,
      findings: listPiiFindings(context.db, id),
      canEdit: can(context.db, user, 'edit', { kind: 'evidence', traineeId }),
      canComment: can(context.db, user, 'comment', { kind: 'evidence', traineeId }),
      canReview: can(context.db, user, 'review', { kind: 'evidence', traineeId }),
      isMentor: user.role === 'mentor',
      review: getReviewState(context.db, id)!,
      comments: listComments(context.db, id),
      feedback: feedbackForEvidence(context.db, [id]).get(id) ?? null,
    }
  })
  return { ...kept, conversions: conversionViews(context, kept.item.attachments) }
}

const retryConversionSchema = z.object({
  intent: z.literal('retry-conversion'),
  attachmentId: z.coerce.number().int().positive(),
})

const acknowledgeSchema = z.object({
  intent: z.literal('acknowledge'),
  findingId: z.coerce.number().int().positive(),
  reason: z
    .string({ error: 'Say why this is not patient data' })
    .trim()
    .min(3, 'Say why this is not patient data, e.g. “a test phantom’s ID” or “my supervisor’s name”')
    .max(500, 'Use at most 500 characters'),
})

const commentSchema = z.object({
  intent: z.literal('comment'),
  body: z
    .string({ error: 'Write a comment' })
    .trim()
    .min(1, 'Write a comment')
    .max(10_000, 'Keep a comment under 10,000 characters'),
  parentId: z.coerce.number().int().positive().optional(),
  forAssessor: z.literal('on').optional(),
})

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'comment') {
    const { id, traineeId } = requireEvidence(context, user, params.id, 'comment')
    const parsed = parseForm(formData, commentSchema)
    if (!parsed.ok) return failure(parsed)
    const commentId = addComment(
      context.db,
      {
        evidenceId: id,
        authorId: user.id,
        parentId: parsed.data.parentId,
        body: parsed.data.body,
        forAssessor: user.role === 'mentor' && parsed.data.forAssessor === 'on',
      },
      context.now(),
    )
    audit(context, user.id, 'review.comment_added', { type: 'evidence', id }, { commentId })
    const item = getEvidence(context.db, traineeId, id)
    notifyUsers(context, {
      userIds: [traineeId, ...listMentorsOfTrainee(context.db, traineeId).map((m) => m.mentorId)].filter(
        (u) => u !== user.id,
      ),
      kind: 'comment',
      title: `${user.name} commented on “${item?.title ?? 'an item'}”`,
      body: parsed.data.body.slice(0, 280),
      link: `/evidence/${id}#comments-title`,
    })
    return { ok: true as const, intent: 'comment' as const }
  }
  if (intent === 'retry-conversion') {
    const { id, traineeId } = requireEvidence(context, user, params.id, 'edit')
    const parsed = parseForm(formData, retryConversionSchema)
    if (!parsed.ok) return failure(parsed)
    const attachment = getAttachment(context.db, traineeId, id, parsed.data.attachmentId)
    if (!attachment) throw notFound()
    retryConversion(context.db, attachment.sha256, context.now())
    return { ok: true as const, intent: 'retry-conversion' as const }
  }
  if (intent === 'send') {
    const { id, traineeId } = requireEvidence(context, user, params.id, 'edit')
    const outcome = sendForReview(context.db, traineeId, [id], context.now())
    if (outcome.refused.length > 0) return invalid(formData, {}, { formError: outcome.refused[0]!.reason })
    afterSending(context, user, outcome.sent)
    return { ok: true as const, intent: 'send' as const }
  }
  const { id } = requireEvidence(context, user, params.id, 'edit')
  const parsed = parseForm(formData, acknowledgeSchema)
  if (!parsed.ok) return failure(parsed)
  const finding = acknowledgeFinding(context.db, user.id, id, parsed.data.findingId, parsed.data.reason, context.now())
  if (!finding)
    return invalid(formData, {}, { formError: 'That finding is no longer there: the text may have changed.' })
  audit(
    context,
    user.id,
    'privacy.finding_acknowledged',
    { type: 'evidence', id },
    {
      findingId: parsed.data.findingId,
      kind: finding.kind,
      field: finding.field,
      reason: parsed.data.reason,
    },
  )
  return { ok: true as const, findingId: parsed.data.findingId }
}

export default function EvidencePage() {
  const { item, findings, canEdit, canComment, canReview, isMentor, review, comments, conversions, feedback } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  // While a file is converting, the page asks again every two seconds; the state is announced as it changes.
  const revalidator = useRevalidator()
  const converting = Object.values(conversions).some((c) => c.kind === 'queued' || c.kind === 'converting')
  useEffect(() => {
    if (!converting) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle' && document.visibilityState === 'visible') revalidator.revalidate()
    }, 2000)
    return () => clearInterval(timer)
  }, [converting, revalidator])
  const [searchParams] = useSearchParams()
  const open = findings.filter((f) => f.status === 'open')
  const pages = item.attachments.reduce((n, a) => n + a.pageCount, 0)
  return (
    <div className="page">
      <Breadcrumb
        trail={[canEdit ? { to: '/evidence', label: 'Evidence' } : { to: '/mentor', label: 'Your trainees' }]}
        current={item.title}
      />
      {searchParams.get('saved') && open.length === 0 ? (
        <p className="success" role="status">
          Saved.
        </p>
      ) : null}
      <p className="eyebrow">
        {evidenceTypeLabel(item.evidenceType)} · {STATUS_TEXT[item.status]}
      </p>
      <h1>{item.title}</h1>
      <p className="muted">
        {formatDay(item.activityStart)}
        {item.activityEnd ? ` to ${formatDay(item.activityEnd)}` : ''} · {ROLE_TEXT[item.role]}
      </p>
      <div className="status-line">
        {review.currentRevision > 0 ? (
          <span className="muted">
            Revision {review.currentRevision}
            {review.currentRevision > 1 ? (
              <>
                {' '}
                · <Link to={`/evidence/${item.id}/revisions`}>history</Link>
              </>
            ) : null}
          </span>
        ) : null}
        {canReview && item.status === 'awaiting_review' ? (
          <Link to={`/mentor/reviews/${item.id}`} className="button button--primary">
            Review this item
          </Link>
        ) : null}
      </div>
      {result && 'intent' in result && result.intent === 'send' ? (
        <p className="success" role="status">
          Sent for review. Your mentors have been told.
        </p>
      ) : null}
      {canEdit ? (
        <div className="actions">
          {['draft', 'changes_requested', 'partly_verified'].includes(item.status) ? (
            <Form method="post">
              <SubmitButton name="intent" value="send" pendingText="Sending…">
                Send for review
              </SubmitButton>
            </Form>
          ) : null}
          <Link to={`/evidence/${item.id}/edit`} className="button button--secondary">
            Edit
          </Link>
          <Link to={`/evidence/${item.id}/delete`} className="button button--secondary">
            Delete
          </Link>
        </div>
      ) : null}

      {open.length > 0 ? (
        <section className="pii-panel" aria-labelledby="pii-title" role="alert">
          <h2 id="pii-title">Possible patient-identifiable information</h2>
          <p>
            Fix the text (edit the item) or, if it is not patient data, say why. Unresolved findings are listed in your
            coverage report and must be cleared before you submit.
          </p>
          <FormError>{result && 'formError' in result ? result.formError : undefined}</FormError>
          <ul className="plain-list">
            {open.map((f) => (
              <li key={f.id}>
                <p>
                  <strong>{fieldLabel(f.field)}:</strong> <span className="code">{f.maskedText}</span> — {f.reason}
                </p>
                {canEdit ? (
                  <Form method="post" className="acknowledge">
                    <input type="hidden" name="findingId" value={f.id} />
                    <Field
                      label="Not patient data because…"
                      name="reason"
                      errors={
                        result && 'errors' in result && result.values?.findingId === String(f.id)
                          ? fieldErrors(result, 'reason')
                          : undefined
                      }
                    />
                    <SubmitButton name="intent" value="acknowledge" className="secondary" pendingText="Saving…">
                      It is not patient data
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="description-title">
        <h2 id="description-title">
          Description <span className="muted word-count">{wordCount(item.description)} words</span>
        </h2>
        {item.description.trim() ? (
          <Markdown>{item.description}</Markdown>
        ) : (
          <p className="muted">No description yet.</p>
        )}
      </section>
      <section aria-labelledby="reflection-title">
        <h2 id="reflection-title">
          Reflection <span className="muted word-count">{wordCount(item.reflection)} words</span>
        </h2>
        {item.reflection.trim() ? <Markdown>{item.reflection}</Markdown> : <p className="muted">No reflection yet.</p>}
      </section>

      {feedback ? (
        <section aria-labelledby="feedback-title">
          <h2 id="feedback-title">Multi-source feedback reflected on</h2>
          <FeedbackResultsView results={feedback} headingLevel={3} />
        </section>
      ) : null}
      <section aria-labelledby="claims-title">
        <h2 id="claims-title">Competences claimed</h2>
        {item.claims.length === 0 ? (
          <p className="muted">This item claims no area of competence yet.</p>
        ) : (
          <ul className="plain-list">
            {item.claims.map((c) => (
              <li key={c.id}>
                <p>
                  <Link to={areaPath(c.code)} className="code">
                    {c.code}
                  </Link>{' '}
                  <span className="muted">{c.areaText}</span>
                </p>
                <p>{c.statement}</p>
                <ClaimDecisionBadge
                  decision={review.latest[c.code]}
                  changedSinceVerification={review.changedSinceVerification.includes(c.code)}
                />
                {c.competencies.length > 0 ? (
                  <ul className="competencies">
                    {c.competencies.map((x) => (
                      <li key={x.slug}>{x.text}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="files-title">
        <h2 id="files-title">Attachments</h2>
        {item.attachments.length === 0 ? (
          <p className="muted">No files attached.</p>
        ) : (
          <>
            <ul className="plain-list">
              {item.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/evidence/${item.id}/files/${a.id}`} download>
                    {a.originalName}
                  </a>{' '}
                  <span className="muted">
                    {isAcceptedMediaType(a.mediaType) ? describeMediaType(a.mediaType) : a.mediaType} ·{' '}
                    {formatBytes(a.size)} · {a.pageCount} {a.pageCount === 1 ? 'page' : 'pages'}
                    {a.pagesExact ? '' : ' (estimated)'}
                  </span>
                  {a.mediaType === 'application/pdf' ||
                  a.mediaType.startsWith('image/') ||
                  conversions[a.id]?.kind === 'ready' ? (
                    <>
                      {' '}
                      ·{' '}
                      <a href={`/evidence/${item.id}/files/${a.id}?inline=1`}>
                        Preview
                        {conversions[a.id] ? <span className="visually-hidden"> {a.originalName} as PDF</span> : null}
                      </a>
                    </>
                  ) : null}
                  {conversions[a.id] ? (
                    <ConversionStatus view={conversions[a.id]!} attachmentId={a.id} canRetry={canEdit} />
                  ) : null}
                </li>
              ))}
            </ul>
            <p className="muted">
              {pages} {pages === 1 ? 'page' : 'pages'} of attachments count towards the portfolio’s page limit.
            </p>
          </>
        )}
      </section>
      <CommentThread comments={comments} canComment={canComment} isMentor={isMentor} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
