import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import { HiddenColumnHeader } from '~/components/table'
import { EndLinkForm } from '~/mentor/end-link-form'
import { DEFAULT_DIRECTION, pagesLabel, SORT_KEYS, sortRows, type SortKey } from '~/mentor/dashboard'
import { coverageReportsFor } from '~/portfolio/coverage.server'
import { endLink, getActiveLink, listTraineesOfMentor } from '~/models/mentor.server'
import { madePreviewPages } from '~/submission/preview.server'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { requireRole } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { formatShortDay } from '~/utils/dates'
import { REVALIDATED } from '~/utils/revalidated'
import { untilNextWrite } from '~/utils/loader-cache.server'

export const meta = pageTitle('Your trainees')

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

const sortSchema = z.object({
  sort: z.enum(SORT_KEYS).catch('evidenced'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
})

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const trainees = untilNextWrite(context.db, `mentor-trainees:${user.id}`, () =>
    listTraineesOfMentor(context.db, user.id),
  )
  const now = context.now()
  // The preview PDF's count where one is made for the portfolio as it stands; the list never renders one
  // (the trainee's own page does), so the others show the estimate, marked as such.
  const measured = new Map<number, number>()
  for (const { traineeId } of trainees) {
    const pages = madePreviewPages(context.db, traineeId, now)
    if (pages !== undefined) measured.set(traineeId, pages)
  }
  const { sort, dir } = sortSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const direction = dir ?? DEFAULT_DIRECTION[sort]
  // Read again only after a write, on another day, or once a trainee's preview has been counted.
  const counted = [...measured].map(([id, pages]) => `${id}=${pages}`).join(',')
  const key = `mentor:${user.id}:${now.toISOString().slice(0, 10)}:${sort}:${direction}:${counted}`
  return untilNextWrite(context.db, key, () => {
    const reports = coverageReportsFor(
      context.db,
      trainees.map((t) => t.traineeId),
      now,
      measured,
    )
    const rows = trainees.map((t) => {
      const coverage = reports.get(t.traineeId)!
      return {
        traineeId: t.traineeId,
        name: t.name,
        specialism: t.specialism ? SPECIALISM_LABELS[t.specialism] : null,
        percentEvidenced: coverage.report.summary.percentEvidenced,
        percentVerified: coverage.report.summary.percentVerified,
        blockers: coverage.report.summary.blockers,
        pages: coverage.report.summary.pages.total,
        pagesMeasured: measured.has(t.traineeId),
        awaitingReview: coverage.awaitingReview,
        lastActivity: coverage.lastActivity,
        targetSubmissionDate: t.targetSubmissionDate,
        domains: coverage.report.domains.map((d) => ({
          key: d.key,
          title: d.title,
          percentEvidenced: d.percentEvidenced,
        })),
      }
    })
    return { trainees: sortRows(rows, sort, direction) as typeof rows, sort, direction }
  })
}

const schema = z.object({ intent: z.literal('end'), traineeId: z.coerce.number().int().positive() })

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireRole(request, context, ['mentor'])
  const parsed = parseForm(await readForm(request), schema)
  if (!parsed.ok) return failure(parsed)
  const { traineeId } = parsed.data
  requirePermission(context.db, user, 'end', { kind: 'mentorLink', traineeId, mentorId: user.id })
  const link = getActiveLink(context.db, traineeId, user.id)
  if (!link) throw notFound()
  endLink(context.db, link.id, user.id, context.now())
  audit(context, user.id, 'mentor.link_ended', { type: 'mentor_link', id: link.id }, { traineeId, mentorId: user.id })
  return { ok: true as const }
}

function SortHeader({
  label,
  column,
  sort,
  direction,
}: {
  label: string
  column: SortKey
  sort: SortKey
  direction: 'asc' | 'desc'
}) {
  const active = sort === column
  const next = active ? (direction === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[column]
  return (
    <th scope="col" aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link to={`?sort=${column}&dir=${next}`} preventScrollReset>
        {label}
        <span aria-hidden="true">{active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </Link>
    </th>
  )
}

export default function MentorHome() {
  const { trainees, sort, direction } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const header = (label: string, column: SortKey) => (
    <SortHeader label={label} column={column} sort={sort} direction={direction} />
  )
  return (
    <div className="page">
      <h1>Your trainees</h1>
      {result && 'ok' in result && result.ok ? (
        <p className="success" role="status">
          The link has ended. That trainee’s portfolio is no longer visible to you.
        </p>
      ) : null}
      {trainees.length === 0 ? (
        <div className="empty-state">
          <h2>No trainees linked to you</h2>
          <p>
            A trainee links you as their mentor by sending you an invitation link from their settings. Open the link
            while signed in to this account to accept it.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="dashboard">
            <caption className="visually-hidden">
              Trainees you mentor, with their coverage. Column headers sort the table.
            </caption>
            <thead>
              <tr>
                {header('Trainee', 'name')}
                {header('Evidenced', 'evidenced')}
                {header('Verified', 'verified')}
                <th scope="col">By domain</th>
                {header('Blockers', 'blockers')}
                <th scope="col">Pages</th>
                {header('Awaiting review', 'awaiting')}
                {header('Last activity', 'activity')}
                {header('Target', 'target')}
                <HiddenColumnHeader>Actions</HiddenColumnHeader>
              </tr>
            </thead>
            <tbody>
              {trainees.map((t) => (
                <tr key={t.traineeId}>
                  <th scope="row">
                    <Link to={`/mentor/trainees/${t.traineeId}`}>{t.name}</Link>
                    {t.specialism ? <span className="muted block">{t.specialism}</span> : null}
                  </th>
                  <td>{t.percentEvidenced}%</td>
                  <td>{t.percentVerified}%</td>
                  <td>
                    <ul className="domain-bars" aria-label={`${t.name} by domain`}>
                      {t.domains.map((d) => (
                        <li key={d.key} title={`${d.title}: ${d.percentEvidenced}% evidenced`}>
                          <span className="code">{d.key}</span> {d.percentEvidenced}%
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{t.blockers}</td>
                  <td>{pagesLabel(t.pages, t.pagesMeasured)}</td>
                  <td>{t.awaitingReview}</td>
                  <td>{t.lastActivity ? formatShortDay(t.lastActivity) : 'None yet'}</td>
                  <td>{t.targetSubmissionDate ? formatShortDay(t.targetSubmissionDate) : 'Not set'}</td>
                  <td>
                    <EndLinkForm
                      question={`Stop mentoring ${t.name}? You will no longer see their portfolio.`}
                      fields={{ traineeId: t.traineeId }}
                      name={t.name}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
