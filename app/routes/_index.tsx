import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireCurrentFramework } from '~/models/framework.server'

export function loader({ context }: LoaderFunctionArgs) {
  const framework = requireCurrentFramework(context.db)
  return {
    modality: framework.modality,
    version: framework.version,
    domains: framework.domains.map((d) => ({ key: d.key, title: d.title, number: d.number, areas: d.areas.length })),
  }
}

export default function Index() {
  const { domains, modality, version } = useLoaderData<typeof loader>()
  const areaCount = domains.reduce((n, d) => n + d.areas, 0)
  return (
    <div className="page landing">
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">For the IPEM route to registration as a Clinical Scientist</p>
        <h1 id="hero-title">Build a portfolio an ACS assessor can follow</h1>
        <p className="lede">
          Attain keeps the evidence of your {modality} training mapped to every area of competence in the framework — so
          before you submit you know what is covered, what is weak, and what your mentor has signed off.
        </p>
        <p className="actions">
          <Link to="/framework" className="button button--primary">
            Explore the framework
          </Link>
        </p>
      </section>

      <section aria-labelledby="who-title" className="cards">
        <h2 id="who-title" className="visually-hidden">
          Who Attain is for
        </h2>
        <article className="card">
          <h3>Trainees</h3>
          <p>
            Log calibration reports, audits, case studies and reflections as you do the work, and say for each area of
            competence how the item demonstrates it. Assessors reject bare tags; Attain asks for the sentence that
            explains.
          </p>
        </article>
        <article className="card">
          <h3>Mentors</h3>
          <p>
            Supervisors and external advisers see their trainees’ evidence and coverage, comment, and verify claims
            against the exact version of the evidence that will be submitted.
          </p>
        </article>
        <article className="card">
          <h3>Assessors</h3>
          <p>
            A frozen portfolio summary cross-references every competence to the evidence that substantiates it, within
            the ACS limit of about 120 pages (161 or more is rejected on receipt).
          </p>
        </article>
      </section>

      <section aria-labelledby="framework-title" className="framework-summary">
        <h2 id="framework-title">
          The framework: {domains.length} domains, {areaCount} areas of competence
        </h2>
        <p className="muted">
          {modality}, version {version}. Every area has its own page with its domain’s guidance on good evidence.
        </p>
        <ul className="domain-tiles">
          {domains.map((d) => (
            <li key={d.key}>
              <Link to={`/framework#domain-${d.number}`}>
                <span className="code">{d.key}</span>
                <span className="domain-tiles__title">{d.title}</span>
                <span className="muted">{d.areas} areas</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-title" className="note">
        <h2 id="privacy-title">No patient-identifiable information</h2>
        <p>
          Evidence from clinical work often sits close to patients. A portfolio must never contain names, NHS numbers,
          dates of birth or hospital numbers — anonymise before you upload, and keep identifiers out of file metadata
          too.
        </p>
      </section>
    </div>
  )
}
