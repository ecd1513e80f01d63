import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AREA_JUDGEMENTS, ASSESSMENT_OUTCOMES } from '~/vocabulary'
import { Breadcrumb } from '~/components/breadcrumb'
import { AssessmentJudgements, OutcomeFact, OverallComment } from '~/components/assessment-view'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, FormError, SubmitButton } from '~/components/forms'
import { getAssessment, releaseAssessment, saveAssessment } from '~/models/assessment.server'
import { notifyUsers } from '~/review/notify.server'
import { requireSubmission, submissionHeading } from '~/submission/access.server'
import {
  AREA_COMMENT_MAX,
  areaCommentField,
  areasWithEvidence,
  areaSlug,
  assessmentFormSchema,
  interviewTopics,
  JUDGEMENT_LABELS,
  judgementField,
  OUTCOME_LABELS,
  OVERALL_COMMENT_MAX,
  snapshotAreaCodes,
  type AreaEvidence,
} from '~/submission/assessment'
import { audit } from '~/utils/audit.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { requireRole } from '~/utils/session.server'
import { notFound } from '~/utils/responses'
import { formatDateTime } from '~/utils/dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Assess ${data.submission.traineeName}, submission ${data.submission.number} · Attain`
      : 'Page not found · Attain',
  },
]

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['assessor'])
  const submission = requireSubmission(context, user, params.id, 'assess')
  const { snapshot } = submission
  const assessment = getAssessment(context.db, submission.id, user.id) ?? null
  return {
    submission: {
      ...submissionHeading(submission),
      traineeName: snapshot.trainee.name,
      specialism: snapshot.trainee.specialism,
      employer: snapshot.trainee.employer,
    },
    domains: areasWithEvidence(snapshot),
    assessment,
    topics: interviewTopics(snapshot, assessment?.judgements ?? []),
  }
}

/** A 409 answer: released judgements are final. */
function alreadyReleased(formData: FormData, releasedAt: string) {
  return invalid(
    formData,
    {},
    {
      formError: `You released these judgements on ${formatDateTime(releasedAt)}: they can no longer change.`,
      status: 409,
    },
  )
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireRole(request, context, ['assessor'])
  const submission = requireSubmission(context, user, params.id, 'assess')
  const formData = await readForm(request)
  const parsed = parseForm(formData, assessmentFormSchema(snapshotAreaCodes(submission.snapshot)))
  if (!parsed.ok) return failure({ ...parsed, formError: 'Some answers need attention. Nothing was saved.' })
  const input = parsed.data
  const now = context.now()

  const saved = saveAssessment(
    context.db,
    {
      submissionId: submission.id,
      assessorId: user.id,
      snapshotSha256: submission.snapshotSha256,
      outcome: input.outcome,
      comment: input.comment,
      judgements: input.judgements,
    },
    now,
  )
  if (!saved.ok) {
    if (saved.reason === 'released') {
      return alreadyReleased(formData, saved.releasedAt)
    }
    throw notFound()
  }
  audit(
    context,
    user.id,
    'assessment.saved',
    { type: 'submission', id: submission.id },
    {
      assessmentId: saved.assessmentId,
      snapshotSha256: submission.snapshotSha256,
      judgements: input.judgements.length,
      outcome: input.outcome,
    },
  )
  if (input.intent === 'save') return { ok: true as const, intent: 'save' as const, savedAt: now.toISOString() }

  if (!input.confirmed) {
    return invalid(
      formData,
      { confirm: ['Tick the box to confirm you want to release your judgements to the trainee'] },
      { formError: 'Your judgements are saved as a draft. To release them, tick the confirmation first.' },
    )
  }
  const released = releaseAssessment(context.db, submission.id, user.id, now)
  if (!released.ok) {
    if (released.reason === 'incomplete') {
      const errors: Record<string, string[]> = {}
      if (released.missingOutcome) errors.outcome = ['Choose the overall outcome before releasing']
      for (const code of released.missingAreas)
        errors[judgementField(code)] = [`Choose a judgement for ${code} before releasing`]
      return invalid(formData, errors, {
        formError: `Your judgements are saved as a draft, but not released. ${released.message}`,
      })
    }
    if (released.reason === 'released') {
      return alreadyReleased(formData, released.releasedAt)
    }
    throw notFound()
  }
  audit(
    context,
    user.id,
    'assessment.released',
    { type: 'submission', id: submission.id },
    {
      assessmentId: released.assessmentId,
      snapshotSha256: submission.snapshotSha256,
      outcome: input.outcome,
    },
  )
  notifyUsers(context, {
    userIds: [submission.traineeId],
    kind: 'assessment_released',
    title: `${user.name} released their judgements on your submission ${submission.number}`,
    body: 'Read the overall outcome and the judgement on each area of competence in Attain.',
    link: `/submissions/${submission.id}/assessment`,
  })
  return { ok: true as const, intent: 'release' as const, releasedAt: released.releasedAt }
}

const ROLE_TEXT = { led: 'led', contributed: 'contributed', observed: 'observed' } as const

function EvidenceList({ submissionId, evidence }: { submissionId: number; evidence: AreaEvidence[] }) {
  if (evidence.length === 0) return <p className="muted">No item claims this area.</p>
  return (
    <ul className="plain-list">
      {evidence.map((e) => (
        <li key={e.ref}>
          <Link to={`/submissions/${submissionId}#item-${e.ref}`}>
            <span className="code">{e.ref}</span> {e.title}
          </Link>{' '}
          <span className="muted">· the trainee {ROLE_TEXT[e.role]}</span>
          <p className={e.verification ? 'decision decision--verified' : 'decision'}>
            “{e.statement}”{' '}
            {e.verification ? (
              <span className="muted">
                · <span aria-hidden="true">✓ </span>verified by {e.verification.mentorName}
              </span>
            ) : (
              <span className="muted">· not verified by a mentor</span>
            )}
          </p>
        </li>
      ))}
    </ul>
  )
}

export default function AssessSubmission() {
  const { submission, domains, assessment, topics } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failed = result && !result.ok ? result : undefined
  const errors = (failed && 'errors' in failed ? failed.errors : {}) as Record<string, string[] | undefined>
  const values = failed && 'values' in failed ? (failed.values as Record<string, string | undefined>) : undefined
  const saved = new Map((assessment?.judgements ?? []).map((j) => [j.areaCode, j]))
  const valueOf = (name: string, fallback: string) => (values ? (values[name] ?? '') : fallback)
  const released = assessment?.releasedAt ?? null
  const csvHref = `/assessor/submissions/${submission.id}/assessment.csv`

  return (
    <div className="page">
      <Breadcrumb
        trail={[{ to: '/assessor', label: 'Portfolios to assess' }]}
        current={`${submission.traineeName}, submission ${submission.number}`}
      />
      <p className="eyebrow">Assessment · {released ? 'released' : assessment ? 'draft' : 'not started'}</p>
      <h1>
        {submission.traineeName}: submission {submission.number}
      </h1>
      <dl className="facts">
        <div>
          <dt>Specialism</dt>
          <dd>{submission.specialism || '—'}</dd>
        </div>
        <div>
          <dt>Employer</dt>
          <dd>{submission.employer || '—'}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{formatDateTime(submission.submittedAt)}</dd>
        </div>
        <div>
          <dt>Snapshot SHA-256</dt>
          <dd>
            <span className="secret" data-testid="snapshot-hash">
              {submission.snapshotSha256}
            </span>
          </dd>
        </div>
      </dl>
      <p className="muted">
        Your judgements are bound to this snapshot: the hash above identifies exactly the portfolio you are judging, and
        is recorded with them.
      </p>
      <p className="actions">
        <Link to={`/submissions/${submission.id}`}>Open the full portfolio summary</Link>
        <a href={csvHref} download>
          Download your judgements (CSV)
        </a>
      </p>

      {result?.ok && result.intent === 'save' ? (
        <p className="success" role="status">
          Draft saved at {formatDateTime(result.savedAt)}. Only you can see it until you release it.
        </p>
      ) : null}
      {result?.ok && result.intent === 'release' ? (
        <p className="success" role="status">
          Released to {submission.traineeName} on {formatDateTime(result.releasedAt)}. They have been notified.
        </p>
      ) : null}

      <section aria-labelledby="topics-title" className="note">
        <h2 id="topics-title">Interview topics</h2>
        {topics.length === 0 ? (
          <p>
            No area stands out as weak: every area has more than one item, a verified claim and more than observation
            behind it.
          </p>
        ) : (
          <>
            <p className="muted">
              The weakest areas to probe at interview: those you judged not met, then partly met, then those with thin
              evidence.
            </p>
            <ol>
              {topics.map((topic) => (
                <li key={topic.areaCode}>
                  <a href={released ? `#judgement-${areaSlug(topic.areaCode)}` : `#area-${areaSlug(topic.areaCode)}`}>
                    <span className="code">{topic.areaCode}</span>
                  </a>{' '}
                  {topic.areaText} <span className="muted">{topic.reason}</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      {released && assessment ? (
        <section aria-labelledby="released-title">
          <h2 id="released-title">Your released judgements</h2>
          <p className="success">
            Released to the trainee on {formatDateTime(released)}, made on snapshot{' '}
            <span className="code code--long">{assessment.snapshotSha256}</span>. They can no longer change.
          </p>
          <FormError>{failed?.formError}</FormError>
          <dl className="facts">
            <OutcomeFact outcome={assessment.outcome} />
          </dl>
          <OverallComment comment={assessment.comment} />
          <AssessmentJudgements domains={domains} judgements={assessment.judgements} />
        </section>
      ) : (
        <Form method="post" className="stack" noValidate aria-labelledby="judgements-title">
          <h2 id="judgements-title">Your judgements</h2>
          <p className="muted">
            Judge each area of competence on the evidence claiming it. Save a draft as often as you like; nothing is
            seen by the trainee until you release it.
          </p>
          <FormError>{failed?.formError}</FormError>
          {domains.map((domain) => (
            <section key={domain.key} aria-labelledby={`domain-${domain.number}-title`} className="stack">
              <h3 id={`domain-${domain.number}-title`}>
                Domain {domain.number}: {domain.title}
              </h3>
              {domain.areas.map((area) => {
                const slug = areaSlug(area.code)
                const jName = judgementField(area.code)
                const cName = areaCommentField(area.code)
                const chosen = valueOf(jName, saved.get(area.code)?.judgement ?? '')
                const judgementErrors = errors[jName]
                const commentErrors = errors[cName]
                return (
                  <div key={area.code} id={`area-${slug}`} className="review-claim">
                    <h4>
                      <span className="code">{area.code}</span> {area.text}
                    </h4>
                    <EvidenceList submissionId={submission.id} evidence={area.evidence} />
                    <fieldset aria-describedby={judgementErrors ? `judgement-${slug}-error` : undefined}>
                      <legend>Judgement on {area.code}</legend>
                      <div className="radio-row">
                        {AREA_JUDGEMENTS.map((j) => (
                          <label key={j}>
                            {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- screen readers announce an invalid radio group through its radios; the fieldset has no role to carry aria-invalid */}
                            <input
                              type="radio"
                              name={jName}
                              value={j}
                              defaultChecked={chosen === j}
                              aria-invalid={judgementErrors ? true : undefined}
                            />{' '}
                            {JUDGEMENT_LABELS[j]}
                          </label>
                        ))}
                      </div>
                      <ErrorList id={`judgement-${slug}-error`} errors={judgementErrors} />
                    </fieldset>
                    <div className="field">
                      <label htmlFor={`comment-${slug}`}>Comment on {area.code} (optional)</label>
                      <textarea
                        id={`comment-${slug}`}
                        name={cName}
                        rows={2}
                        maxLength={AREA_COMMENT_MAX}
                        defaultValue={valueOf(cName, saved.get(area.code)?.comment ?? '')}
                        aria-invalid={commentErrors ? true : undefined}
                        aria-describedby={commentErrors ? `comment-${slug}-error` : undefined}
                      />
                      <ErrorList id={`comment-${slug}-error`} errors={commentErrors} />
                    </div>
                  </div>
                )
              })}
            </section>
          ))}

          <h3>Overall</h3>
          <fieldset aria-describedby={errors.outcome ? 'outcome-error' : undefined}>
            <legend>Overall outcome</legend>
            <div className="radio-row">
              {ASSESSMENT_OUTCOMES.map((o) => (
                <label key={o}>
                  {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- screen readers announce an invalid radio group through its radios; the fieldset has no role to carry aria-invalid */}
                  <input
                    type="radio"
                    name="outcome"
                    value={o}
                    defaultChecked={valueOf('outcome', assessment?.outcome ?? '') === o}
                    aria-invalid={errors.outcome ? true : undefined}
                  />{' '}
                  {OUTCOME_LABELS[o]}
                </label>
              ))}
            </div>
            <ErrorList id="outcome-error" errors={errors.outcome} />
          </fieldset>
          <div className="field">
            <label htmlFor="overall-comment">Overall comment (optional)</label>
            <p className="field__hint" id="overall-comment-hint">
              What the trainee should know about the portfolio as a whole. Up to{' '}
              {OVERALL_COMMENT_MAX.toLocaleString('en-GB')} characters.
            </p>
            <textarea
              id="overall-comment"
              name="comment"
              rows={6}
              maxLength={OVERALL_COMMENT_MAX}
              defaultValue={valueOf('comment', assessment?.comment ?? '')}
              aria-invalid={errors.comment ? true : undefined}
              aria-describedby={['overall-comment-hint', errors.comment ? 'overall-comment-error' : '']
                .filter(Boolean)
                .join(' ')}
            />
            <ErrorList id="overall-comment-error" errors={errors.comment} />
          </div>

          <div className="actions">
            <SubmitButton name="intent" value="save" className="secondary" pendingText="Saving…">
              Save draft
            </SubmitButton>
          </div>

          <fieldset aria-describedby={errors.confirm ? 'confirm-error' : 'confirm-hint'}>
            <legend>Release to the trainee</legend>
            <p className="field__hint" id="confirm-hint">
              Releasing needs the overall outcome and a judgement on every area. The trainee is notified and sees your
              judgements and comments; after that they cannot change.
            </p>
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  name="confirm"
                  value="on"
                  defaultChecked={values?.confirm === 'on'}
                  aria-invalid={errors.confirm ? true : undefined}
                />{' '}
                I have finished: release these judgements to {submission.traineeName}
              </label>
              <ErrorList id="confirm-error" errors={errors.confirm} />
            </div>
            <SubmitButton name="intent" value="release" pendingText="Releasing…">
              Release judgements
            </SubmitButton>
          </fieldset>
        </Form>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
