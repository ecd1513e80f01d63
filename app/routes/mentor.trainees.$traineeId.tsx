import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { Breadcrumb } from '~/components/breadcrumb'
import { FormError, SubmitButton } from '~/components/forms'
import { currentDeclaration, lastVoidedDeclaration, signDeclaration } from '~/models/review.server'
import { audit } from '~/utils/audit.server'
import { notifyUsers } from '~/review/notify.server'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import { CodeChips } from '~/components/code-chips'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { listEvidence } from '~/models/evidence.server'
import { coverageReportFor } from '~/portfolio/coverage.server'
import { CoverageView } from '~/components/coverage-view'
import { toViewModel } from '~/coverage/view-model'
import { defaultFramework } from '../../competences/index'
import { listSubmissions } from '~/models/submission.server'
import { evidenceTypeLabel } from '../../competences/evidence-types'
import { getTraineeProfile, getUserById } from '~/models/user.server'
import { knownPages, previewStatus, previewView } from '~/submission/preview.server'
import { can, requirePermission } from '~/utils/authorization.server'
import { mentorsWithRoles } from '~/models/roles.server'
import { declarationSignersText, mentorWithRole } from '~/review/roles'
import { DEFAULT_ROLES_RULES } from '../../competences/roles'
import { requireRole } from '~/utils/session.server'
import { requireIdParam } from '~/utils/params'
import { notFound } from '~/utils/responses'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.trainee.name} · Attain` : 'Not found · Attain' },
]

export function loader({ request, context, params: raw }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const traineeId = requireIdParam(raw.traineeId)
  requirePermission(context.db, user, 'view', { kind: 'portfolio', traineeId })
  const trainee = getUserById(context.db, traineeId)
  if (!trainee || trainee.role !== 'trainee') throw notFound()
  const profile = getTraineeProfile(context.db, traineeId)
  // The same page count the trainee sees: the preview PDF's.
  const preview = previewView(context.db, context.env.dataDir, traineeId, context.now())
  return {
    trainee: { id: trainee.id, name: trainee.name, email: trainee.email },
    profile: profile ? { ...profile, specialism: SPECIALISM_LABELS[profile.specialism] } : null,
    // "Dr X (you), supervisor": who is who around the trainee.
    mentors: mentorsWithRoles(context.db, traineeId).map((m) =>
      mentorWithRole(m.mentorId === user.id ? `${m.name} (you)` : m.name, m.role),
    ),
    mayDeclare: can(context.db, user, 'declare', { kind: 'portfolio', traineeId }),
    signers: declarationSignersText(
      mentorsWithRoles(context.db, traineeId).map((m) => m.role),
      DEFAULT_ROLES_RULES.declaration,
    ),
    preview,
    report: toViewModel(coverageReportFor(context.db, traineeId, context.now(), knownPages(preview.status))),
    declaration: currentDeclaration(context.db, traineeId) ?? null,
    voided: lastVoidedDeclaration(context.db, traineeId) ?? null,
    declarationText: MENTOR_DECLARATION.text,
    submissions: listSubmissions(context.db, traineeId),
    domainAnchors: Object.fromEntries(defaultFramework.domains.map((d) => [d.key, d.number])),
    evidence: listEvidence(context.db, traineeId).map((e) => ({
      id: e.id,
      title: e.title,
      activityStart: e.activityStart,
      type: evidenceTypeLabel(e.evidenceType),
      codes: e.codes,
    })),
  }
}

export function action({ request, context, params: raw }: ActionFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const traineeId = requireIdParam(raw.traineeId)
  requirePermission(context.db, user, 'review', { kind: 'portfolio', traineeId })
  if (!can(context.db, user, 'declare', { kind: 'portfolio', traineeId })) {
    const roles = mentorsWithRoles(context.db, traineeId).map((m) => m.role)
    return {
      ok: false as const,
      formError: `The declaration is signed by ${declarationSignersText(roles, DEFAULT_ROLES_RULES.declaration).replace(/\byour\b/g, 'the trainee’s')}, not by you.`,
    }
  }
  const pages = knownPages(previewStatus(context.db, context.env.dataDir, traineeId, context.now()))
  const report = coverageReportFor(context.db, traineeId, context.now(), pages)
  if (report.summary.blockers > 0) {
    return {
      ok: false as const,
      formError: `The coverage report still has ${report.summary.blockers} blockers: a declaration can be signed once there are none.`,
    }
  }
  const id = signDeclaration(context.db, user.id, traineeId, MENTOR_DECLARATION.text, context.now())
  audit(
    context,
    user.id,
    'declaration.signed',
    { type: 'mentor_declaration', id },
    { traineeId, version: MENTOR_DECLARATION.version },
  )
  notifyUsers(context, {
    userIds: [traineeId],
    kind: 'declaration_signed',
    title: `${user.name} signed the mentor declaration for your portfolio`,
    body: 'Any change to the portfolio from now on voids it.',
    link: '/coverage',
  })
  return { ok: true as const, formError: undefined }
}

export default function MentorTraineePage() {
  const {
    trainee,
    profile,
    mentors,
    evidence,
    report,
    domainAnchors,
    declaration,
    voided,
    declarationText,
    submissions,
    preview,
    mayDeclare,
    signers,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page">
      <Breadcrumb trail={[{ to: '/mentor', label: 'Your trainees' }]} current={trainee.name} />
      <p className="eyebrow">Trainee portfolio · read only</p>
      <h1>{trainee.name}</h1>
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd>{trainee.email}</dd>
        </div>
        <div>
          <dt>Specialism</dt>
          <dd>{profile?.specialism ?? '—'}</dd>
        </div>
        <div>
          <dt>Employer</dt>
          <dd>{profile?.employer || '—'}</dd>
        </div>
        <div>
          <dt>Target submission</dt>
          <dd>{profile?.targetSubmissionDate ?? 'Not set'}</dd>
        </div>
        <div>
          <dt>Mentors</dt>
          <dd>{mentors.join('; ')}</dd>
        </div>
      </dl>
      <section aria-labelledby="declaration-title" className="declaration">
        <h2 id="declaration-title">Mentor declaration</h2>
        {declaration ? (
          <p className="success" role="status">
            Signed by{' '}
            {declaration.mentorRole
              ? mentorWithRole(declaration.mentorName, declaration.mentorRole)
              : declaration.mentorName}{' '}
            on {declaration.signedAt.slice(0, 10)}. Any change to the portfolio voids it.
          </p>
        ) : (
          <>
            {voided ? (
              <p className="notice">
                The declaration {voided.mentorName} signed on {voided.signedAt.slice(0, 10)} was voided:{' '}
                {voided.voidReason}.
              </p>
            ) : null}
            <blockquote>{declarationText}</blockquote>
            <FormError>{result?.formError}</FormError>
            {!mayDeclare ? (
              <p className="muted">
                The declaration is signed by {signers.replace(/\byour\b/g, `${trainee.name}’s`)}, not by you.
              </p>
            ) : report.summary.blockers > 0 ? (
              <p className="muted">
                It can be signed once the coverage report below has no blockers ({report.summary.blockers} now).
              </p>
            ) : (
              <Form method="post">
                <SubmitButton pendingText="Signing…">Sign the declaration</SubmitButton>
              </Form>
            )}
          </>
        )}
      </section>
      {submissions.length > 0 ? (
        <section aria-labelledby="submissions-title">
          <h2 id="submissions-title">Submissions</h2>
          <ul>
            {submissions.map((s) => (
              <li key={s.id}>
                <Link to={`/submissions/${s.id}`}>Submission {s.number}</Link>, {s.createdAt.slice(0, 10)}
                {s.pdfPages === null ? null : `, ${s.pdfPages} pages`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>Coverage</h2>
      <CoverageView report={report} readOnly domainAnchors={domainAnchors} preview={preview} />
      <h2>Evidence</h2>
      {evidence.length === 0 ? (
        <div className="empty-state">
          <p>{trainee.name} has not logged any evidence yet. Items appear here as they are logged.</p>
        </div>
      ) : (
        <ul className="evidence-list">
          {evidence.map((e) => (
            <li key={e.id} className="evidence-card">
              <h3>
                <Link to={`/evidence/${e.id}`}>{e.title}</Link>
              </h3>
              <p className="evidence-card__meta">
                {e.activityStart} · {e.type}
              </p>
              <CodeChips codes={e.codes} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
