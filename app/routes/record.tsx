import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { CheckboxField, Field, FormError, SelectField, TextareaField } from '~/components/forms'
import {
  deleteRecordEntry,
  getRecord,
  saveMembershipRow,
  saveQualificationRow,
  type RecordEntryKind,
} from '~/models/record.server'
import { formatFraction, formatYears, summariseExperience } from '~/record/experience'
import { EntryForm, EntryList, editedEntry, formState } from '~/record/entry-sections'
import { membershipSchema, postSchema, qualificationSchema, recordIntentSchema } from '~/record/form'
import { savePost } from '~/record/record.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'
import { formatDay } from '~/utils/dates'
import { audit } from '~/utils/audit.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { QUALIFICATION_KINDS, QUALIFICATION_KIND_LABELS } from '~/vocabulary'

export const meta = pageTitle('Experience and training')

const SAVED: Record<string, string> = {
  post: 'Post saved.',
  qualification: 'Qualification saved.',
  membership: 'Registration or membership saved.',
  deleted: 'Deleted.',
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'view')
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
  const user = requireOwnPortfolio(request, context, 'edit')
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

function dates(start: string | null, end: string | null, open = 'now') {
  if (!start && !end) return ''
  if (!start) return formatDay(end!)
  return `${formatDay(start)} – ${end ? formatDay(end) : open}`
}

function PostForm({ d, result }: { d: Loaded; result: Result }) {
  const editing = editedEntry(d.editing, 'post', d.record.posts)
  const entry = editing
    ? { ...editing, fraction: editing.fractionPercent / 100, supervisedPractice: editing.supervisedPractice }
    : undefined
  const state = formState(result, 'post', entry)
  const { field, refused, id } = state
  const supervised = refused ? refused.values?.supervisedPractice === 'on' : (editing?.supervisedPractice ?? true)
  return (
    <EntryForm state={state} title={id ? 'Edit the post' : 'Add a post'} submit={id ? 'Save the post' : 'Add the post'}>
      <div className="field-row">
        <Field label="Employer" id="post-employer" {...field('employer')} required />
        <Field label="Department (optional)" id="post-department" {...field('department')} />
      </div>
      <div className="field-row">
        <Field label="Job title" id="post-job-title" {...field('jobTitle')} required />
        <Field label="Band (optional)" id="post-band" hint="For example Band 6" {...field('band')} />
      </div>
      <div className="field-row">
        <Field label="Start date" id="post-start" type="date" max={d.today} {...field('startDate')} required />
        <Field
          label="End date"
          id="post-end"
          type="date"
          max={d.today}
          hint="Leave empty if you hold the post now"
          {...field('endDate')}
        />
        <Field
          label="Fraction of full time"
          id="post-fraction"
          inputMode="decimal"
          hint="1 for full time, 0.6 for three days a week"
          {...field('fraction', '1')}
        />
      </div>
      <Field
        label="Supervised by (optional)"
        id="post-supervisor"
        hint="Name and role, for example Dr Daniel Okafor, Consultant Clinical Scientist"
        {...field('supervisorName')}
      />
      <CheckboxField
        name="supervisedPractice"
        label="Supervised practice in a healthcare setting"
        defaultChecked={supervised}
        hintId="post-supervised-hint"
        hint={
          <>
            Tick if a registered Clinical Scientist supervised your practice in this post, in a hospital or other
            healthcare setting.
          </>
        }
      />
      <TextareaField
        label="What you did (optional)"
        id="post-description"
        rows={3}
        hint="A sentence or two: the work, the equipment, the patients"
        {...field('description')}
      />
    </EntryForm>
  )
}

function QualificationForm({ d, result }: { d: Loaded; result: Result }) {
  const state = formState(result, 'qualification', editedEntry(d.editing, 'qualification', d.record.qualifications))
  const { field, id } = state
  return (
    <EntryForm
      state={state}
      title={id ? 'Edit the qualification' : 'Add a qualification or course'}
      submit={id ? 'Save the qualification' : 'Add the qualification'}
    >
      <div className="field-row">
        <SelectField label="Kind" id="qualification-kind" {...field('kind', 'degree')}>
          {QUALIFICATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {QUALIFICATION_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <Field
          label="Title"
          id="qualification-title"
          hint="For example BSc (Hons) Physics, 2:1"
          {...field('title')}
          required
        />
      </div>
      <Field label="University or provider (optional)" id="qualification-institution" {...field('institution')} />
      <div className="field-row">
        <Field label="Started (optional)" id="qualification-start" type="date" max={d.today} {...field('startDate')} />
        <Field
          label="Completed"
          id="qualification-end"
          type="date"
          max={d.today}
          hint="Leave empty if still under way"
          {...field('endDate')}
        />
      </div>
    </EntryForm>
  )
}

function MembershipForm({ d, result }: { d: Loaded; result: Result }) {
  const state = formState(result, 'membership', editedEntry(d.editing, 'membership', d.record.memberships))
  const { field, id } = state
  return (
    <EntryForm
      state={state}
      title={id ? 'Edit the registration or membership' : 'Add a registration or membership'}
      submit={id ? 'Save the membership' : 'Add the membership'}
    >
      <div className="field-row">
        <Field label="Body" id="membership-body" hint="For example IPEM" {...field('body')} required />
        <Field label="Grade (optional)" id="membership-grade" hint="For example Associate Member" {...field('grade')} />
      </div>
      <div className="field-row">
        <Field label="Membership number (optional)" id="membership-number" {...field('number')} />
        <Field label="Since (optional)" id="membership-since" type="date" max={d.today} {...field('since')} />
      </div>
    </EntryForm>
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

      <EntryList
        kind="post"
        title="Posts"
        empty="No posts yet."
        entries={posts}
        what={(p) => `${p.jobTitle} at ${p.employer}`}
      >
        {(p) => (
          <>
            <strong>{p.jobTitle}</strong>
            {p.band ? `, ${p.band}` : ''} — {[p.department, p.employer].filter(Boolean).join(', ')}
            <br />
            {dates(p.startDate, p.endDate)} · {formatFraction(p.fractionPercent)}
            {p.supervisedPractice ? ' · supervised practice' : ''}
            {p.supervisorName ? ` · supervised by ${p.supervisorName}` : ''}
            {p.description ? <p>{p.description}</p> : null}
          </>
        )}
      </EntryList>
      <PostForm d={d} result={result} />

      <EntryList
        kind="qualification"
        title="Qualifications and training"
        empty="No qualifications yet."
        entries={qualifications}
        what={(q) => q.title}
      >
        {(q) => (
          <>
            <strong>{q.title}</strong> ({QUALIFICATION_KIND_LABELS[q.kind]}){q.institution ? ` — ${q.institution}` : ''}
            {q.startDate || q.endDate ? ` · ${dates(q.startDate, q.endDate, 'under way')}` : ''}
          </>
        )}
      </EntryList>
      <QualificationForm d={d} result={result} />

      <EntryList
        kind="membership"
        title="Registrations and memberships"
        empty="No registrations or memberships yet."
        entries={memberships}
        what={(m) => `${m.body} membership`}
      >
        {(m) => (
          <>
            <strong>{m.body}</strong>
            {m.grade ? `, ${m.grade}` : ''}
            {m.number ? ` · number ${m.number}` : ''}
            {m.since ? ` · since ${formatDay(m.since)}` : ''}
          </>
        )}
      </EntryList>
      <MembershipForm d={d} result={result} />
    </div>
  )
}
