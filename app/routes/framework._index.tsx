import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { GuidanceSections } from '~/components/guidance'
import { Highlight } from '~/components/highlight'
import { areaPath, filterFramework } from '~/framework/filter'
import { requireCurrentFramework } from '~/models/framework.server'
import { pageTitle } from '~/utils/meta'
import { REVALIDATED, sameDataOnOwnQuery } from '~/utils/revalidated'

export const meta = pageTitle('Competence framework')

// Tagged from its data: a browser holding the page as it stands gets 304 and nothing is rendered.
export const handle = REVALIDATED

export function loader({ context }: LoaderFunctionArgs) {
  return { framework: requireCurrentFramework(context.db) }
}

// Filtering happens in the browser: typing changes only ?q=, which needs no new data.
export const shouldRevalidate = sameDataOnOwnQuery

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`
}

export default function FrameworkPage() {
  const { framework } = useLoaderData<typeof loader>()
  const [searchParams, setSearchParams] = useSearchParams()
  const urlQuery = searchParams.get('q') ?? ''
  const [query, setQuery] = useState(urlQuery)
  // Follow the address only when it changed from elsewhere (back, a link), not as an echo of typing.
  const lastWritten = useRef(urlQuery)
  useEffect(() => {
    if (urlQuery !== lastWritten.current) {
      lastWritten.current = urlQuery
      setQuery(urlQuery)
    }
  }, [urlQuery])
  const filterId = useId()

  const result = filterFramework(framework, query)
  const totalAreas = framework.domains.reduce((n, d) => n + d.areas.length, 0)
  const filtering = result.terms.length > 0

  return (
    <div className="page">
      <p className="eyebrow">
        {framework.modality} · version {framework.version}
      </p>
      <h1>The competence framework</h1>
      <p className="lede">
        {framework.title}. Seven domains and {totalAreas} areas of competence: an ACS assessor looks for evidence
        against every one of them. Each domain also lists the modality-specific competencies and guidance on what good
        evidence looks like.
      </p>

      <Form method="get" role="search" className="filter" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={filterId}>Filter by code or words</label>
        <div className="filter__row">
          <input
            id={filterId}
            type="search"
            name="q"
            value={query}
            placeholder="e.g. Sci3, audit, uncertainties"
            autoComplete="off"
            onChange={(event) => {
              const value = event.currentTarget.value
              setQuery(value)
              lastWritten.current = value
              setSearchParams(value ? { q: value } : {}, { replace: true, preventScrollReset: true })
            }}
          />
          <noscript>
            <button type="submit">Filter</button>
          </noscript>
        </div>
        <p className="filter__status" role="status" aria-live="polite">
          {filtering
            ? result.domains.length === 0
              ? `Nothing matches “${query.trim()}”.`
              : `${plural(result.domains.length, 'domain', 'domains')}, ${plural(result.areaCount, 'area', 'areas')} of competence and ${plural(result.competencyCount, 'specific competency', 'specific competencies')} match “${query.trim()}”.`
            : `${framework.domains.length} domains, ${totalAreas} areas of competence.`}
        </p>
      </Form>

      {filtering ? null : (
        <nav aria-label="Domains" className="domain-index">
          <ul>
            {framework.domains.map((d) => (
              <li key={d.key}>
                <a href={`#domain-${d.number}`}>
                  <span className="code">{d.key}</span> {d.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {result.domains.map(({ domain, areas, specificCompetencies, guidance, whole }) => (
        <section
          key={domain.key}
          id={`domain-${domain.number}`}
          className="domain"
          aria-labelledby={`domain-${domain.number}-title`}
        >
          <h2 id={`domain-${domain.number}-title`}>
            <span className="domain__number">{domain.number}</span> {domain.title}{' '}
            <span className="code">
              ({domain.key}
              {domain.areas[0] ? `1–${domain.areas.length}` : ''})
            </span>
          </h2>
          {areas.length > 0 ? (
            <>
              <h3>Areas of competence</h3>
              <ol className="areas" aria-label={`${domain.title} areas of competence`}>
                {areas.map((area) => (
                  <li key={area.code} className="area">
                    <Link to={areaPath(area.code)} className="code area__code">
                      {area.code}
                    </Link>
                    <span>
                      <Highlight text={area.text} terms={result.terms} />
                    </span>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {specificCompetencies.length > 0 ? (
            <>
              <h3>Specific competencies</h3>
              <ul className="competencies">
                {specificCompetencies.map((c) => (
                  <li key={c.id} id={c.id}>
                    <Highlight text={c.text} terms={result.terms} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details className="domain__guidance" open={filtering && guidance && !whole}>
            <summary>Guidance for the {domain.title} domain</summary>
            <GuidanceSections guidance={domain.guidance} terms={result.terms} headingLevel={4} />
          </details>
        </section>
      ))}
    </div>
  )
}
