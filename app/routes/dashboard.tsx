import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import { PortfolioGuide } from '~/components/portfolio-guide'
import { requireCurrentFramework } from '~/models/framework.server'
import { countEvidence } from '~/models/evidence.server'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import { getRecord } from '~/models/record.server'
import { formatYears, summariseExperience } from '~/record/experience'
import { listSubmissions } from '~/models/submission.server'
import { getTraineeProfile } from '~/models/user.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { pageTitle } from '~/utils/meta'
import { REVALIDATED } from '~/utils/revalidated'
import { untilNextWrite } from '~/utils/loader-cache.server'

export const meta = pageTitle('Your portfolio')

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'view')
  const now = context.now()
  // Read again only after a write or on another day (the days to the target date count from today).
  return untilNextWrite(context.db, `dashboard:${user.id}:${now.toISOString().slice(0, 10)}`, () => {
    const framework = requireCurrentFramework(context.db)
    const profile = getTraineeProfile(context.db, user.id)
    const daysToTarget = profile?.targetSubmissionDate
      ? Math.ceil((Date.parse(`${profile.targetSubmissionDate}T00:00:00Z`) - now.getTime()) / 86_400_000)
      : null
    const record = getRecord(context.db, user.id)
    return {
      experience: {
        posts: record.posts.length,
        ...summariseExperience(record.posts, now.toISOString().slice(0, 10)),
      },
      name: user.name,
      specialism: profile ? SPECIALISM_LABELS[profile.specialism] : null,
      employer: profile?.employer ?? '',
      targetSubmissionDate: profile?.targetSubmissionDate ?? null,
      daysToTarget,
      mentors: listMentorsOfTrainee(context.db, user.id).map((m) => m.name),
      evidenceCount: countEvidence(context.db, user.id),
      lastSubmission: listSubmissions(context.db, user.id)[0] ?? null,
      guide: framework.domains.map((d) => ({
        key: d.key,
        number: d.number,
        title: d.title,
        areaCount: d.areas.length,
        goodEvidence: d.guidance.goodEvidence.items,
      })),
      framework: {
        modality: framework.modality,
        version: framework.version,
        areas: framework.domains.reduce((n, d) => n + d.areas.length, 0),
      },
    }
  })
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <p className="eyebrow">{[d.specialism, d.employer].filter(Boolean).join(' · ')}</p>
      <h1>Your portfolio</h1>
      <p className="lede">
        Welcome, {d.name}. Your portfolio is built against the {d.framework.modality} framework, version{' '}
        {d.framework.version}: {d.framework.areas} areas of competence to evidence.
      </p>
      {d.evidenceCount === 0 ? (
        <section className="first-steps" aria-labelledby="first-steps-title">
          <h2 id="first-steps-title">Your first item</h2>
          <p>
            Pick something you did in the last few weeks that you could explain to an assessor: a QA check you analysed,
            an audit, an incident you helped investigate, a teaching session. Describe it, reflect on it, and claim the
            two or three areas of competence it shows best.
          </p>
          <p>
            <Link to="/evidence/new" className="button button--primary">
              Log your first item
            </Link>
          </p>
        </section>
      ) : null}
      <div className="cards">
        <article className="card">
          <h2 className="card__title">Evidence</h2>
          {d.evidenceCount > 0 ? (
            <p>
              <Link to="/evidence">
                {d.evidenceCount} {d.evidenceCount === 1 ? 'item' : 'items'} logged
              </Link>
              . <Link to="/evidence/new">Log another</Link>.
            </p>
          ) : (
            <p>
              Nothing logged yet. <Link to="/evidence/new">Log your first item</Link>: a QA check you analysed, an
              audit, a teaching session.
            </p>
          )}
        </article>
        <article className="card">
          <h2 className="card__title">Experience and training</h2>
          {d.experience.posts > 0 ? (
            <p>
              {formatYears(d.experience.years)} of postgraduate experience,{' '}
              {d.experience.supervisedYears > 0
                ? `${formatYears(d.experience.supervisedYears)} of it supervised practice`
                : 'none of it marked as supervised practice'}
              . <Link to="/record">Your record</Link>.
            </p>
          ) : (
            <p>
              Nothing recorded yet. <Link to="/record">Add your posts and qualifications</Link>: IPEM expects at least
              four years of postgraduate experience, including supervised practice.
            </p>
          )}
        </article>
        <article className="card">
          <h2 className="card__title">Target submission</h2>
          {d.lastSubmission ? (
            <p>
              You submitted on {d.lastSubmission.createdAt.slice(0, 10)}:{' '}
              <Link to={`/submissions/${d.lastSubmission.id}`}>submission {d.lastSubmission.number}</Link>.
            </p>
          ) : null}
          {d.targetSubmissionDate ? (
            <p>
              {d.targetSubmissionDate}
              {d.daysToTarget !== null
                ? ` — ${d.daysToTarget >= 0 ? `${d.daysToTarget} days to go` : `${-d.daysToTarget} days ago`}`
                : ''}
            </p>
          ) : (
            <p>
              Not set. <Link to="/settings">Set a target date</Link> to plan your evidence.
            </p>
          )}
          <p>
            <Link to="/submission">{d.lastSubmission ? 'Submit a newer version' : 'Check whether you can submit'}</Link>
          </p>
        </article>
        <article className="card">
          <h2 className="card__title">Mentors</h2>
          {d.mentors.length > 0 ? (
            <p>{d.mentors.join(', ')}</p>
          ) : (
            <p>
              No mentor yet. <Link to="/settings/mentors">Invite your supervisor</Link> so they can follow and verify
              your work.
            </p>
          )}
        </article>
        <article className="card">
          <h2 className="card__title">The framework</h2>
          <p>
            Read what each domain asks for and what good evidence looks like.{' '}
            <Link to="/framework">Open the framework</Link>.
          </p>
        </article>
      </div>
      {d.evidenceCount === 0 ? (
        <section className="note" aria-label="Guide">
          <PortfolioGuide domains={d.guide} />
        </section>
      ) : (
        <details className="note">
          <summary>How an ACS assessor reads your portfolio</summary>
          <PortfolioGuide domains={d.guide} headingLevel={3} />
        </details>
      )}
    </div>
  )
}
