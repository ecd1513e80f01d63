import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { Field, FormError, SelectField, SubmitButton, TextareaField, fieldErrors } from '~/components/forms'
import {
  deleteRecordEntry,
  getRecord,
  saveMembershipRow,
  saveQualificationRow,
  type RecordEntryKind,
} from '~/models/record.server'
import { formatFraction, formatYears, summariseExperience } from '~/record/experience'
import { membershipSchema, postSchema, qualificationSchema, recordIntentSchema } from '~/record/form'
import { savePost } from '~/record/record.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'
import { formatDay } from '~/utils/dates'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { requireRole } from '~/utils/session.server'
import { QUALIFICATION_KINDS, QUALIFICATION_KIND_LABELS } from '~/vocabulary'

export const meta = pageTitle('Experience and training')

function requireTrainee(request: Request, context: LoaderFunctionArgs['context'], action: 'view' | 'edit') {
  const { user } = requireRole(request, context, ['trainee'])
  requirePermission(context.db, user, action, { kind: 'portfolio', traineeId: user.id })
  return user
}

const SAVED: Record<string, string> = {
  post: 'Post saved.',
  qualification: 'Qualification saved.',
  membership: 'Registration or membership saved.',
  deleted: 'Deleted.',
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireTrainee(request, context, 'view')
  const today = context.now().toISOString().slice(0, 10)
  const record = getRecord(context.db, user.id)
  const url = new URL(request.url)
  const [editKind, editId] = (url.searchParams.get('edit') ?? '').split('-')
  const saved = url.searchParams.get('saved') ?? ''
  return {
    record,
    today,
    summary: summariseExperience(record.posts, today),
    expectedYears: DEFAULT_COVERAGE_RULES.thresholds.expectedExperienceYears,
    editing: editKind && editId ? { kind: editKind, id: Number(editId) } : null,
    saved: SAVED[saved] ?? null,
  }
}

const KIND_OF_INTENT: Record<string, RecordEntryKind> = {
  'delete-post': 'post',
  'delete-qualification': 'qualification',
  'delete-membership': 'membership',
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireTrainee(request, context, 'edit')
  const formData = await readForm(request)
  const head = parseForm(formData, recordIntentSchema)
  if (!head.ok) return failure(head)
  const { intent, id } = head.data
  const now = context.now()
  const today = now.toISOString().slice(0, 10)
  const notFound = () => invalid(formData, {}, { formError: 'That entry is no longer on your record.', status: 404 })
  const done = (kind: RecordEntryKind, entryId: number, deleted = false) => {
    audit(context, user.id, deleted ? 'record.entry_deleted' : 'record.entry_saved', {
      type: `record_${kind}`,
      id: entryId,
    })
    portfolioChanged(context, user.id, user.id, 'the experience and training record changed')
    return redirect(`/record?saved=${deleted ? 'deleted' : kind}`)
  }

  switch (intent) {
    case 'save-post': {
      const parsed = parseForm(formData, postSchema(today))
      if (!parsed.ok) return failure(parsed)
      const outcome = savePost(context.db, user.id, parsed.data, id, now)
      if (!outcome.ok) return outcome.reason === 'not-found' ? notFound() : invalid(formData, outcome.errors)
      return done('post', outcome.id)
    }
    case 'save-qualification': {
      const parsed = parseForm(formData, qualificationSchema(today))
      if (!parsed.ok) return failure(parsed)
      const saved = saveQualificationRow(context.db, user.id, parsed.data, id, now)
      return saved === null ? notFound() : done('qualification', saved)
    }
    case 'save-membership': {
      const parsed = parseForm(formData, membershipSchema(today))
      if (!parsed.ok) return failure(parsed)
      const saved = saveMembershipRow(context.db, user.id, parsed.data, id, now)
      return saved === null ? notFound() : done('membership', saved)
    }
    default: {
      const kind = KIND_OF_INTENT[intent]!
      if (id === undefined || !deleteRecordEntry(context.db, user.id, kind, id)) return notFound()
      return done(kind, id, true)
    }
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type Result = ReturnType<typeof useActionData<typeof action>>

/** What a form shows: what was typed if this form was just refused, else the entry being edited, else nothing. */
function formState(result: Result, intent: string, entry: Record<string, unknown> | undefined) {
  const refused = result && 'values' in result && result.values?.intent === intent ? result : undefined
  const value = (name: string, fallback = ''): string => {
    if (refused) return refused.values?.[name] ?? ''
    const v = entry?.[name]
    return v === null || v === undefined ? fallback : String(v)
  }
  return { refused, value, errors: (name: string) => fieldErrors(refused, name) }
}

function DeleteButton({ intent, id, what }: { intent: string; id: number; what: string }) {
  return (
    <Form
      method="post"
      className="inline-form"
      onSubmit={(e) => {
        if (!window.confirm(`Delete ${what} from your record?`)) e.preventDefault()
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton name="intent" value={intent} className="link-button" pendingText="Deleting…">
        Delete<span className="visually-hidden"> {what}</span>
      </SubmitButton>
    </Form>
  )
}

function EditLink({ kind, id, what }: { kind: string; id: number; what: string }) {
  return (
    <Link to={`?edit=${kind}-${id}#${kind}-form`} preventScrollReset={false}>
      Edit<span className="visually-hidden"> {what}</span>
    </Link>
  )
}

function dates(start: string | null, end: string | null, open = 'now') {
  if (!start && !end) return ''
  if (!start) return formatDay(end!)
  return `${formatDay(start)} – ${end ? formatDay(end) : open}`
}

function PostForm({ d, result }: { d: Loaded; result: Result }) {
  const editing = d.editing?.kind === 'post' ? d.record.posts.find((p) => p.id === d.editing!.id) : undefined
  const entry = editing
    ? { ...editing, fraction: editing.fractionPercent / 100, supervisedPractice: editing.supervisedPractice }
    : undefined
  const { value, errors, refused } = formState(result, 'save-post', entry)
  const supervised = refused ? refused.values?.supervisedPractice === 'on' : (editing?.supervisedPractice ?? true)
  const id = refused ? refused.values?.id : editing?.id
  return (
    <section aria-labelledby="post-form-title" id="post-form" className="card">
      <h2 id="post-form-title">{id ? 'Edit the post' : 'Add a post'}</h2>
      <Form
        method="post"
        className="stack"
        noValidate
        key={`post-${id ?? 'new'}-${JSON.stringify(refused?.values ?? {})}`}
      >
        {id ? <input type="hidden" name="id" value={id} /> : null}
        <div className="field-row">
          <Field
            label="Employer"
            name="employer"
            id="post-employer"
            defaultValue={value('employer')}
            errors={errors('employer')}
            required
          />
          <Field
            label="Department (optional)"
            name="department"
            id="post-department"
            defaultValue={value('department')}
            errors={errors('department')}
          />
        </div>
        <div className="field-row">
          <Field
            label="Job title"
            name="jobTitle"
            id="post-job-title"
            defaultValue={value('jobTitle')}
            errors={errors('jobTitle')}
            required
          />
          <Field
            label="Band (optional)"
            name="band"
            id="post-band"
            hint="For example Band 6"
            defaultValue={value('band')}
            errors={errors('band')}
          />
        </div>
        <div className="field-row">
          <Field
            label="Start date"
            name="startDate"
            id="post-start"
            type="date"
            max={d.today}
            defaultValue={value('startDate')}
            errors={errors('startDate')}
            required
          />
          <Field
            label="End date"
            name="endDate"
            id="post-end"
            type="date"
            max={d.today}
            hint="Leave empty if you hold the post now"
            defaultValue={value('endDate')}
            errors={errors('endDate')}
          />
          <Field
            label="Fraction of full time"
            name="fraction"
            id="post-fraction"
            inputMode="decimal"
            hint="1 for full time, 0.6 for three days a week"
            defaultValue={value('fraction', '1')}
            errors={errors('fraction')}
          />
        </div>
        <Field
          label="Supervised by (optional)"
          name="supervisorName"
          id="post-supervisor"
          hint="Name and role, for example Dr Daniel Okafor, Consultant Clinical Scientist"
          defaultValue={value('supervisorName')}
          errors={errors('supervisorName')}
        />
        <div className="field">
          <label>
            <input
              type="checkbox"
              name="supervisedPractice"
              value="on"
              defaultChecked={supervised}
              aria-describedby="post-supervised-hint"
            />{' '}
            Supervised practice in a healthcare setting
          </label>
          <p className="field__hint" id="post-supervised-hint">
            Tick if a registered Clinical Scientist supervised your practice in this post, in a hospital or other
            healthcare setting.
          </p>
        </div>
        <TextareaField
          label="What you did (optional)"
          name="description"
          id="post-description"
          rows={3}
          hint="A sentence or two: the work, the equipment, the patients"
          defaultValue={value('description')}
          errors={errors('description')}
        />
        <div className="actions">
          <SubmitButton name="intent" value="save-post">
            {id ? 'Save the post' : 'Add the post'}
          </SubmitButton>
          {id ? <Link to="/record">Cancel</Link> : null}
        </div>
      </Form>
    </section>
  )
}

function QualificationForm({ d, result }: { d: Loaded; result: Result }) {
  const editing =
    d.editing?.kind === 'qualification' ? d.record.qualifications.find((q) => q.id === d.editing!.id) : undefined
  const { value, errors, refused } = formState(result, 'save-qualification', editing)
  const id = refused ? refused.values?.id : editing?.id
  return (
    <section aria-labelledby="qualification-form-title" id="qualification-form" className="card">
      <h2 id="qualification-form-title">{id ? 'Edit the qualification' : 'Add a qualification or course'}</h2>
      <Form
        method="post"
        className="stack"
        noValidate
        key={`qualification-${id ?? 'new'}-${JSON.stringify(refused?.values ?? {})}`}
      >
        {id ? <input type="hidden" name="id" value={id} /> : null}
        <div className="field-row">
          <SelectField
            label="Kind"
            name="kind"
            id="qualification-kind"
            defaultValue={value('kind', 'degree')}
            errors={errors('kind')}
          >
            {QUALIFICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {QUALIFICATION_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          <Field
            label="Title"
            name="title"
            id="qualification-title"
            hint="For example BSc (Hons) Physics, 2:1"
            defaultValue={value('title')}
            errors={errors('title')}
            required
          />
        </div>
        <Field
          label="University or provider (optional)"
          name="institution"
          id="qualification-institution"
          defaultValue={value('institution')}
          errors={errors('institution')}
        />
        <div className="field-row">
          <Field
            label="Started (optional)"
            name="startDate"
            id="qualification-start"
            type="date"
            max={d.today}
            defaultValue={value('startDate')}
            errors={errors('startDate')}
          />
          <Field
            label="Completed"
            name="endDate"
            id="qualification-end"
            type="date"
            max={d.today}
            hint="Leave empty if still under way"
            defaultValue={value('endDate')}
            errors={errors('endDate')}
          />
        </div>
        <div className="actions">
          <SubmitButton name="intent" value="save-qualification">
            {id ? 'Save the qualification' : 'Add the qualification'}
          </SubmitButton>
          {id ? <Link to="/record">Cancel</Link> : null}
        </div>
      </Form>
    </section>
  )
}

function MembershipForm({ d, result }: { d: Loaded; result: Result }) {
  const editing =
    d.editing?.kind === 'membership' ? d.record.memberships.find((m) => m.id === d.editing!.id) : undefined
  const { value, errors, refused } = formState(result, 'save-membership', editing)
  const id = refused ? refused.values?.id : editing?.id
  return (
    <section aria-labelledby="membership-form-title" id="membership-form" className="card">
      <h2 id="membership-form-title">
        {id ? 'Edit the registration or membership' : 'Add a registration or membership'}
      </h2>
      <Form
        method="post"
        className="stack"
        noValidate
        key={`membership-${id ?? 'new'}-${JSON.stringify(refused?.values ?? {})}`}
      >
        {id ? <input type="hidden" name="id" value={id} /> : null}
        <div className="field-row">
          <Field
            label="Body"
            name="body"
            id="membership-body"
            hint="For example IPEM"
            defaultValue={value('body')}
            errors={errors('body')}
            required
          />
          <Field
            label="Grade (optional)"
            name="grade"
            id="membership-grade"
            hint="For example Associate Member"
            defaultValue={value('grade')}
            errors={errors('grade')}
          />
        </div>
        <div className="field-row">
          <Field
            label="Membership number (optional)"
            name="number"
            id="membership-number"
            defaultValue={value('number')}
            errors={errors('number')}
          />
          <Field
            label="Since (optional)"
            name="since"
            id="membership-since"
            type="date"
            max={d.today}
            defaultValue={value('since')}
            errors={errors('since')}
          />
        </div>
        <div className="actions">
          <SubmitButton name="intent" value="save-membership">
            {id ? 'Save the membership' : 'Add the membership'}
          </SubmitButton>
          {id ? <Link to="/record">Cancel</Link> : null}
        </div>
      </Form>
    </section>
  )
}

export default function RecordPage() {
  const d = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { posts, qualifications, memberships } = d.record
  const empty = posts.length === 0 && qualifications.length === 0 && memberships.length === 0
  return (
    <div className="page">
      <h1>Experience and training</h1>
      <p className="lede">
        Your posts, qualifications and memberships. They open your portfolio as a one-page CV, right after the cover, so
        the assessor sees your route to registration before your evidence.
      </p>
      {d.saved ? (
        <p className="success" role="status">
          {d.saved}
        </p>
      ) : null}
      <FormError>{result && 'formError' in result ? result.formError : undefined}</FormError>

      {empty ? (
        <div className="empty-state">
          <h2>Nothing on your record yet</h2>
          <p>
            IPEM expects at least {d.expectedYears} years of relevant postgraduate experience, including supervised
            practice in a healthcare setting. Add each post you have held since graduating (part-time posts count by
            their fraction), your degree, MSc and courses, and your IPEM membership number.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="experience-title" className="note">
        <h2 id="experience-title">Your experience</h2>
        <dl className="facts">
          <dt>Postgraduate experience</dt>
          <dd>
            {formatYears(d.summary.years)} whole-time equivalent
            {d.summary.years < d.expectedYears ? ` (IPEM expects at least ${formatYears(d.expectedYears)})` : ''}
          </dd>
          <dt>Supervised practice in a healthcare setting</dt>
          <dd>{d.summary.supervisedYears > 0 ? formatYears(d.summary.supervisedYears) : 'None recorded'}</dd>
          {d.summary.gaps.length > 0 ? (
            <>
              <dt>Gaps between posts</dt>
              <dd>
                {d.summary.gaps
                  .map((g) => `${formatDay(g.from)} to ${formatDay(g.to)} (${g.days} ${g.days === 1 ? 'day' : 'days'})`)
                  .join('; ')}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="posts-title">
        <h2 id="posts-title">Posts</h2>
        {posts.length === 0 ? (
          <p>No posts yet.</p>
        ) : (
          <ul className="plain-list">
            {posts.map((p) => {
              const what = `${p.jobTitle} at ${p.employer}`
              return (
                <li key={p.id}>
                  <strong>{p.jobTitle}</strong>
                  {p.band ? `, ${p.band}` : ''} — {[p.department, p.employer].filter(Boolean).join(', ')}
                  <br />
                  {dates(p.startDate, p.endDate)} · {formatFraction(p.fractionPercent)}
                  {p.supervisedPractice ? ' · supervised practice' : ''}
                  {p.supervisorName ? ` · supervised by ${p.supervisorName}` : ''}
                  {p.description ? <p>{p.description}</p> : null}
                  <div className="actions">
                    <EditLink kind="post" id={p.id} what={what} />
                    <DeleteButton intent="delete-post" id={p.id} what={what} />
                  </div>
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <PostForm d={d} result={result} />

      <section aria-labelledby="qualifications-title">
        <h2 id="qualifications-title">Qualifications and training</h2>
        {qualifications.length === 0 ? (
          <p>No qualifications yet.</p>
        ) : (
          <ul className="plain-list">
            {qualifications.map((q) => (
              <li key={q.id}>
                <strong>{q.title}</strong> ({QUALIFICATION_KIND_LABELS[q.kind]})
                {q.institution ? ` — ${q.institution}` : ''}
                {q.startDate || q.endDate ? ` · ${dates(q.startDate, q.endDate, 'under way')}` : ''}
                <div className="actions">
                  <EditLink kind="qualification" id={q.id} what={q.title} />
                  <DeleteButton intent="delete-qualification" id={q.id} what={q.title} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <QualificationForm d={d} result={result} />

      <section aria-labelledby="memberships-title">
        <h2 id="memberships-title">Registrations and memberships</h2>
        {memberships.length === 0 ? (
          <p>No registrations or memberships yet.</p>
        ) : (
          <ul className="plain-list">
            {memberships.map((m) => {
              const what = `${m.body} membership`
              return (
                <li key={m.id}>
                  <strong>{m.body}</strong>
                  {m.grade ? `, ${m.grade}` : ''}
                  {m.number ? ` · number ${m.number}` : ''}
                  {m.since ? ` · since ${formatDay(m.since)}` : ''}
                  <div className="actions">
                    <EditLink kind="membership" id={m.id} what={what} />
                    <DeleteButton intent="delete-membership" id={m.id} what={what} />
                  </div>
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <MembershipForm d={d} result={result} />
    </div>
  )
}
