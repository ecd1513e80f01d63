import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { GuidanceSections } from '~/components/guidance'
import { areaPath, findArea, neighbours } from '~/framework/filter'
import { requireCurrentFramework } from '~/models/framework.server'
import { REVALIDATED } from '~/utils/revalidated'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.area.code}: ${data.domain.title} · Attain` : 'Area not found · Attain' },
]

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

export function loader({ context, params }: LoaderFunctionArgs) {
  const framework = requireCurrentFramework(context.db)
  const found = findArea(framework, params.code ?? '')
  if (!found) throw new Response(`There is no area of competence “${params.code ?? ''}”.`, { status: 404 })
  if (found.area.code !== params.code) throw redirect(areaPath(found.area.code), 301)
  const { domain, area } = found
  return {
    framework: { title: framework.title, version: framework.version, modality: framework.modality },
    domain: {
      number: domain.number,
      key: domain.key,
      title: domain.title,
      areaCount: domain.areas.length,
      specificCompetencies: domain.specificCompetencies,
      guidance: domain.guidance,
    },
    area,
    ...neighbours(framework, area.code),
  }
}

export default function AreaPage() {
  const { domain, area, previous, next, framework } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <Breadcrumb
        trail={[
          { to: '/framework', label: 'Framework' },
          {
            to: `/framework#domain-${domain.number}`,
            label: (
              <>
                {domain.number} · {domain.title}
              </>
            ),
          },
        ]}
        current={area.code}
      />
      <p className="eyebrow">
        Area of competence · {domain.title} domain · {framework.modality} {framework.version}
      </p>
      <h1>
        <span className="code">{area.code}</span>
      </h1>
      <p className="area-statement">{area.text}</p>

      <section aria-labelledby="specific-title">
        <h2 id="specific-title">Specific competencies of the {domain.title} domain</h2>
        <p className="muted">
          The framework lists these for the domain as a whole, not one per area: choose the ones your evidence shows.
        </p>
        <ul className="competencies">
          {domain.specificCompetencies.map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="guidance-title">
        <h2 id="guidance-title">Guidance for the {domain.title} domain</h2>
        <GuidanceSections guidance={domain.guidance} />
      </section>

      <nav aria-label="Other areas" className="pager">
        {previous ? (
          <Link to={areaPath(previous.code)} rel="prev">
            ← {previous.code}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={areaPath(next.code)} rel="next">
            {next.code} →
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
