import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TableHead } from '~/components/table'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ConfirmForm, ErrorList, SubmitButton } from '~/components/forms'
import {
  assignAssessor,
  isActiveAssessor,
  listActiveAssessors,
  listSubmissionsForAdminPage,
  unassignAssessor,
} from '~/models/assessor-link.server'
import { formatShortDay } from '~/utils/dates'
import { requireSubmission } from '~/submission/access.server'
import { notifyUsers } from '~/review/notify.server'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { requireRole } from '~/utils/session.server'
import { pageRequestFrom } from '~/utils/pagination'
import { Pagination, showingText } from '~/components/pagination'

export const meta = pageTitle('Submissions')

function requireAdmin(request: Request, context: LoaderFunctionArgs['context']) {
  const { user } = requireRole(request, context, ['admin'])
  requirePermission(context.db, user, 'view', { kind: 'accounts' })
  return user
}

export function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(request, context)
  return {
    ...listSubmissionsForAdminPage(context.db, pageRequestFrom(new URL(request.url).searchParams), context.now()),
    assessors: listActiveAssessors(context.db),
  }
}

const assignmentFields = {
  submissionId: z.string().regex(/^\d{1,12}$/, 'That submission was not found.'),
  assessorId: z.coerce.number({ error: 'Choose an assessor' }).int('Choose an assessor').positive('Choose an assessor'),
}

const schema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('assign'), ...assignmentFields }),
    z.object({ intent: z.literal('unassign'), ...assignmentFields }),
  ],
  { error: 'That action is not available here.' },
)

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireAdmin(request, context)
  const formData = await readForm(request)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(formData, parsed.errors)
  const submission = requireSubmission(context, admin, parsed.data.submissionId, 'share')
  const { assessorId } = parsed.data
  if (parsed.data.intent === 'unassign') {
    const removed = unassignAssessor(context.db, submission.id, assessorId)
    if (removed)
      audit(
        context,
        admin.id,
        'submission.assessor_unassigned',
        { type: 'submission', id: submission.id },
        { assessorId },
      )
    return { ok: true as const, intent: 'unassign' as const, submissionId: submission.id, assessorId, removed }
  }
  if (!isActiveAssessor(context.db, assessorId)) {
    return invalid(formData, { assessorId: ['That account is not an active assessor. Choose another.'] })
  }
  const added = assignAssessor(context.db, submission.id, assessorId, admin.id, context.now())
  if (added) {
    audit(
      context,
      admin.id,
      'submission.assessor_assigned',
      { type: 'submission', id: submission.id },
      { assessorId, via: 'admin' },
    )
    notifyUsers(context, {
      userIds: [assessorId],
      kind: 'submission_assigned',
      title: `A portfolio to assess: ${submission.snapshot.trainee.name}, submission ${submission.number}`,
      link: `/assessor/submissions/${submission.id}`,
    })
  }
  return { ok: true as const, intent: 'assign' as const, submissionId: submission.id, assessorId, added }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>

function AssignForm({ row, assessors }: { row: Loaded['submissions'][number]; assessors: Loaded['assessors'] }) {
  const result = useActionData<typeof action>()
  const mine =
    result && (result.ok ? result.submissionId === row.id : result.values.submissionId === String(row.id))
      ? result
      : undefined
  const failed = mine && !mine.ok ? mine : undefined
  const errors = failed ? Object.values(failed.errors).flat() : undefined
  const selectId = `assessor-${row.id}`
  const errorId = errors?.length ? `${selectId}-error` : undefined
  const available = assessors.filter((a) => !row.assessors.some((assigned) => assigned.id === a.id))
  if (assessors.length === 0) return <span className="muted">No assessor accounts</span>
  if (available.length === 0) return <span className="muted">Every assessor is assigned.</span>
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="submissionId" value={row.id} />
      <label htmlFor={selectId} className="visually-hidden">
        Assessor for {row.traineeName}’s submission {row.number}
      </label>
      <select
        id={selectId}
        name="assessorId"
        defaultValue={failed?.values.assessorId ?? ''}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      >
        <option value="">Choose an assessor</option>
        {available.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.email})
          </option>
        ))}
      </select>{' '}
      <SubmitButton name="intent" value="assign" className="secondary" pendingText="Assigning…">
        Assign
        <span className="visually-hidden">
          {' '}
          to {row.traineeName}’s submission {row.number}
        </span>
      </SubmitButton>
      <ErrorList id={errorId} errors={errors} />
    </Form>
  )
}

export default function AdminSubmissions() {
  const { submissions, page, assessors } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const done = result?.ok ? result : undefined
  const doneRow = done ? submissions.find((s) => s.id === done.submissionId) : undefined
  const doneName = done ? (assessors.find((a) => a.id === done.assessorId)?.name ?? 'The assessor') : undefined
  return (
    <div className="page">
      <Breadcrumb trail={[{ to: '/admin', label: 'Accounts' }]} current="Submissions" />
      <h1>Submissions</h1>
      <p className="lede">
        Every portfolio trainees have submitted. Assign an assessor account to a submission, or share it by link from
        its sharing page.
      </p>
      {done && doneRow ? (
        <p className="success" role="status">
          {done.intent === 'unassign'
            ? done.removed
              ? `${doneName} no longer assesses ${doneRow.traineeName}’s submission ${doneRow.number}. Any judgements they made stay on record.`
              : `${doneName} was not assigned to ${doneRow.traineeName}’s submission ${doneRow.number}.`
            : done.added
              ? `${doneName} can now assess ${doneRow.traineeName}’s submission ${doneRow.number}.`
              : `${doneName} was already assigned to ${doneRow.traineeName}’s submission ${doneRow.number}.`}
        </p>
      ) : null}
      {assessors.length === 0 ? (
        <p className="notice">
          There are no active assessor accounts to assign. <Link to="/admin">Create one on the Accounts page</Link>.
        </p>
      ) : null}
      {submissions.length === 0 ? (
        <div className="empty-state">
          <h2>No submissions yet</h2>
          <p>When a trainee submits their portfolio, it appears here, frozen as it was submitted.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <p className="muted">{showingText(page, ['submission', 'submissions'])}, newest first.</p>
          <table>
            <caption className="visually-hidden">Every submission, newest first, with its assessors and links</caption>
            <TableHead
              columns={[
                'Trainee',
                'Number',
                'Submitted',
                'Fingerprint',
                'Assessors',
                'Active links',
                'Assign an assessor',
              ]}
            />
            <tbody>
              {submissions.map((row) => (
                <tr key={row.id}>
                  <td>
                    {row.traineeName}
                    <br />
                    <span className="muted">{row.traineeEmail}</span>
                  </td>
                  <td>
                    <Link to={`/submissions/${row.id}`}>
                      Submission {row.number}
                      <span className="visually-hidden"> of {row.traineeName}</span>
                    </Link>
                  </td>
                  <td>
                    <time dateTime={row.createdAt}>{formatShortDay(row.createdAt)}</time>
                  </td>
                  <td>
                    <span className="code" title={row.snapshotSha256}>
                      {row.snapshotSha256.slice(0, 12)}
                    </span>
                  </td>
                  <td>
                    {row.assessors.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="plain-list">
                        {row.assessors.map((a) => (
                          <li key={a.id}>
                            {a.name}{' '}
                            <ConfirmForm
                              question={`Stop ${a.name} assessing ${row.traineeName}’s submission ${row.number}?`}
                              fields={{ submissionId: row.id, assessorId: a.id }}
                              intent="unassign"
                              className="inline-form"
                              buttonClassName="link-button"
                              pendingText="Removing…"
                            >
                              Remove
                              <span className="visually-hidden">
                                {' '}
                                {a.name} from {row.traineeName}’s submission {row.number}
                              </span>
                            </ConfirmForm>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {row.activeLinks}{' '}
                    <Link to={`/submissions/${row.id}/sharing`}>
                      Sharing
                      <span className="visually-hidden">
                        {' '}
                        for {row.traineeName}’s submission {row.number}
                      </span>
                    </Link>
                  </td>
                  <td>
                    <AssignForm row={row} assessors={assessors} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} label="Submission pages" />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
