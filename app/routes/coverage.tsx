import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { defaultFramework } from '../../competences/index'
import { PageHead } from '~/components/page-head'
import { CoverageView } from '~/components/coverage-view'
import { toViewModel } from '~/coverage/view-model'
import { coverageReportFor } from '~/portfolio/coverage.server'
import { knownPages, previewView } from '~/submission/preview.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { mentorsWithRoles } from '~/models/roles.server'
import { declarationSignersText, mentorWithRole } from '~/review/roles'
import { DEFAULT_ROLES_RULES } from '../../competences/roles'
import { pageTitle } from '~/utils/meta'
import { REVALIDATED } from '~/utils/revalidated'
import { untilNextWrite } from '~/utils/loader-cache.server'

export const meta = pageTitle('Coverage')

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'view')
  const now = context.now()
  // The preview first: its page count, once made, is the budget's figure in the report.
  const preview = previewView(context.db, context.env.dataDir, user.id, now)
  const pages = knownPages(preview.status)
  // The report and the mentors, read again only after a write, on another day, or once the preview's count arrives.
  const kept = untilNextWrite(
    context.db,
    `coverage:${user.id}:${now.toISOString().slice(0, 10)}:${pages ?? 'estimated'}`,
    () => {
      const mentors = mentorsWithRoles(context.db, user.id)
      return {
        report: toViewModel(coverageReportFor(context.db, user.id, now, pages)),
        domainAnchors: Object.fromEntries(defaultFramework.domains.map((d) => [d.key, d.number])),
        mentors: mentors.map((m) => mentorWithRole(m.name, m.role)),
        signers: declarationSignersText(
          mentors.map((m) => m.role),
          DEFAULT_ROLES_RULES.declaration,
        ),
      }
    },
  )
  return { preview, ...kept }
}

export default function CoveragePage() {
  const { report, domainAnchors, preview, mentors, signers } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <PageHead title="Coverage" action={{ to: '/evidence/new', label: 'Log evidence' }} />
      <p className="lede">
        What an ACS assessor would find missing or weak in your portfolio today, and what to do about it.
      </p>
      <p data-testid="mentor-roles">
        {mentors.length > 0 ? (
          <>
            Your mentors: {mentors.join('; ')}. The declaration is signed by {signers}.
          </>
        ) : (
          <>
            No mentor yet: <Link to="/settings/mentors">invite your supervisor and your External Adviser</Link>.
          </>
        )}
      </p>
      <CoverageView report={report} domainAnchors={domainAnchors} preview={preview} />
    </div>
  )
}
