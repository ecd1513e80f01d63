import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { EVIDENCE_TYPES, evidenceTypeLabel } from '../../competences/evidence-types'
import { EVIDENCE_STATUSES } from '~/vocabulary'
import { PageHead } from '~/components/page-head'
import { CodeChips } from '~/components/code-chips'
import { Pagination, showingText } from '~/components/pagination'
import { FormError, SelectField, SubmitButton } from '~/components/forms'
import { sendForReview } from '~/models/review.server'
import { afterSending } from '~/review/send.server'
import { countEvidence, listEvidencePage } from '~/models/evidence.server'
import { requireCurrentFramework } from '~/models/framework.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { pageTitle } from '~/utils/meta'
import { readForm } from '~/utils/forms.server'
import { formatShortDay } from '~/utils/dates'
import { pageRequestFrom } from '~/utils/pagination'
import { REVALIDATED } from '~/utils/revalidated'
import { untilNextWrite } from '~/utils/loader-cache.server'

export const meta = pageTitle('Evidence')

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

const STATUS_LABELS: Record<(typeof EVIDENCE_STATUSES)[number], string> = {
  draft: 'Draft',
  awaiting_review: 'Awaiting review',
  changes_requested: 'Changes requested',
  partly_verified: 'Partly verified',
  verified: 'Verified',
}

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)
const filtersSchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  domain: z.preprocess(emptyToUndefined, z.enum(['Sci', 'Clin', 'Tech', 'R&D', 'Com', 'PS', 'Prof']).optional()),
  area: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)\d{1,2}$/)
      .optional(),
  ),
  type: z.preprocess(emptyToUndefined, z.enum(EVIDENCE_TYPES.map((t) => t.key) as [string, ...string[]]).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(EVIDENCE_STATUSES).optional()),
})

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'view')
  const search = new URL(request.url).searchParams
  const parsed = filtersSchema.safeParse(Object.fromEntries(search))
  // A hand-edited address with a nonsense filter shows everything rather than an error; a bad cursor, the first page.
  const filters = parsed.success ? parsed.data : {}
  // Read again only after a write: a person paging back and forth, or reloading, costs a lookup.
  return untilNextWrite(context.db, `evidence:${user.id}:${search}`, () => {
    const framework = requireCurrentFramework(context.db)
    const { items, page } = listEvidencePage(context.db, user.id, filters, pageRequestFrom(search))
    return {
      items,
      page,
      total: countEvidence(context.db, user.id),
      filtering: Object.values(filters).some(Boolean),
      domains: framework.domains.map((d) => ({ key: d.key, title: d.title, areas: d.areas.map((a) => a.code) })),
    }
  })
}

/** Sends the ticked items for review in one go. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const formData = await readForm(request)
  const ids = formData
    .getAll('send')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .slice(0, 500)
  if (ids.length === 0) return { sent: 0, refused: [] as string[], formError: 'Tick the items to send for review.' }
  const outcome = sendForReview(context.db, user.id, ids, context.now())
  afterSending(context, user, outcome.sent)
  return {
    sent: outcome.sent.length,
    refused: outcome.refused.map((r) => r.reason),
    formError: undefined,
  }
}

/** One filter of the list: a choice of values, or any, starting from what the address asks for. */
function FilterSelect({
  label,
  name,
  any,
  options,
}: {
  label: string
  name: string
  /** What the empty choice, no filter, is called. */
  any: string
  /** Each choice's value and label. */
  options: [string, string][]
}) {
  const [params] = useSearchParams()
  return (
    <SelectField label={label} name={name} defaultValue={params.get(name) ?? ''}>
      <option value="">{any}</option>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </SelectField>
  )
}

export default function EvidenceList() {
  const { items, page, total, filtering, domains } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const sendable = items.filter(
    (i) => ['draft', 'changes_requested', 'partly_verified'].includes(i.status) && i.codes.length > 0,
  )
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/evidence'
  return (
    <div className="page">
      <PageHead title="Evidence" action={{ to: '/evidence/new', label: 'Log evidence' }} />
      {params.get('deleted') ? (
        <p className="success" role="status">
          The item was deleted.
        </p>
      ) : null}
      {total === 0 ? (
        <div className="empty-state">
          <h2>No evidence yet</h2>
          <p>
            Start with something you did recently: a QA check you analysed, an audit, a teaching session, an incident
            you helped investigate. Describe it, reflect on it, and claim the areas of competence it shows — with a
            sentence each on how.
          </p>
          <p>
            <Link to="/evidence/new" className="button button--primary">
              Log your first item
            </Link>{' '}
            <Link to="/framework">Read what each domain asks for</Link>
          </p>
        </div>
      ) : (
        <>
          {/* Keyed by the query so the fields show the filters in force after "Clear filters" or going back. */}
          <Form method="get" className="filters" role="search" aria-label="Filter evidence" key={params.toString()}>
            <div className="field">
              <label htmlFor="filter-q">Search</label>
              <input
                id="filter-q"
                type="search"
                name="q"
                defaultValue={params.get('q') ?? ''}
                placeholder="Words in the text"
              />
            </div>
            <FilterSelect
              label="Domain"
              name="domain"
              any="All domains"
              options={domains.map((d) => [d.key, d.title])}
            />
            <FilterSelect
              label="Competence"
              name="area"
              any="Any"
              options={domains.flatMap((d) => d.areas).map((code) => [code, code])}
            />
            <FilterSelect
              label="Type"
              name="type"
              any="All types"
              options={EVIDENCE_TYPES.map((t) => [t.key, t.label])}
            />
            <FilterSelect
              label="Status"
              name="status"
              any="Any status"
              options={EVIDENCE_STATUSES.map((st) => [st, STATUS_LABELS[st]])}
            />
            <button type="submit">{searching ? 'Filtering…' : 'Filter'}</button>
            {filtering ? <Link to="/evidence">Clear filters</Link> : null}
          </Form>
          <p className="muted" role="status" aria-live="polite">
            {filtering
              ? `${page.total} of ${total} items match.${page.pages > 1 ? ` Showing ${page.start}–${page.end}.` : ''}`
              : `${showingText(page, ['item', 'items'])}.`}
          </p>
          {result && result.sent > 0 ? (
            <p className="success" role="status">
              {result.sent} {result.sent === 1 ? 'item' : 'items'} sent for review. Your mentors have been told.
              {result.refused.length > 0
                ? ` ${result.refused.length} could not be sent: ${[...new Set(result.refused)].join(' ')}`
                : ''}
            </p>
          ) : null}
          <FormError>
            {result?.formError ??
              (result && result.sent === 0 && result.refused.length > 0
                ? [...new Set(result.refused)].join(' ')
                : undefined)}
          </FormError>
          {items.length === 0 ? (
            <div className="empty-state">
              <h2>Nothing matches</h2>
              <p>
                Try fewer words or another filter, or <Link to="/evidence">show all your evidence</Link>.
              </p>
            </div>
          ) : (
            <Form method="post" id="send-for-review" className="send-bar">
              {sendable.length > 0 ? (
                <SubmitButton pendingText="Sending…">Send ticked items for review</SubmitButton>
              ) : null}
            </Form>
          )}
          {items.length === 0 ? null : (
            <ul className="evidence-list" aria-busy={searching}>
              {items.map((item) => (
                <li key={item.id} className="evidence-card">
                  <h2>
                    {sendable.includes(item) ? (
                      <input
                        type="checkbox"
                        name="send"
                        value={item.id}
                        form="send-for-review"
                        aria-label={`Send “${item.title}” for review`}
                        className="send-box"
                      />
                    ) : null}
                    <Link to={`/evidence/${item.id}`}>{item.title}</Link>
                  </h2>
                  <p className="evidence-card__meta">
                    {formatShortDay(item.activityStart)} · {evidenceTypeLabel(item.evidenceType)} ·{' '}
                    {STATUS_LABELS[item.status]}
                    {item.attachmentCount > 0
                      ? ` · ${item.attachmentCount} ${item.attachmentCount === 1 ? 'file' : 'files'}`
                      : ''}
                    {item.openPiiCount > 0 ? (
                      <>
                        {' '}
                        ·{' '}
                        <strong className="warning-text">
                          {item.openPiiCount} possible patient identifier{item.openPiiCount === 1 ? '' : 's'}
                        </strong>
                      </>
                    ) : null}
                  </p>
                  {item.codes.length > 0 ? (
                    <CodeChips codes={item.codes} />
                  ) : (
                    <p className="muted">No competences claimed yet.</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} label="Evidence pages" />
        </>
      )}
    </div>
  )
}
