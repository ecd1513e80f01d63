import { Link } from '@remix-run/react'

export interface GuideDomain {
  key: string
  number: number
  title: string
  areaCount: number
  goodEvidence: string[]
}

/** What makes an ACS portfolio work, for a trainee starting one. */
export function PortfolioGuide({ domains, headingLevel = 2 }: { domains: GuideDomain[]; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as 'h2' | 'h3'
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4'
  return (
    <div className="guide">
      <H>How an ACS assessor reads your portfolio</H>
      <ol className="guide__steps">
        <li>
          <strong>Every area of competence needs evidence.</strong> The framework has{' '}
          {domains.reduce((n, d) => n + d.areaCount, 0)} areas in {domains.length} domains. For each, the assessor looks
          for the items that show it — Attain keeps that cross-reference for you, which is the first thing ACS lists
          among common errors when it is missing.
        </li>
        <li>
          <strong>Say how, not just what.</strong> Each claim needs your sentence on how the item demonstrates the
          competence. Bare tags are rejected, and an item claimed against everything convinces no one.
        </li>
        <li>
          <strong>Show your own part and reflect.</strong> Summaries of your contribution beat full project reports;
          reflection on what went well and what you would change is what distinguishes a scientist from a technician.
        </li>
        <li>
          <strong>Keep it short.</strong> ACS expects about 120 pages; a portfolio of 161 pages or more is rejected on
          receipt. Attain counts text and attachment pages as you go.
        </li>
        <li>
          <strong>No patient-identifiable information.</strong> No names, NHS numbers, dates of birth or hospital
          numbers — in the text or in a file’s metadata. Attain checks as you type and when you save.
        </li>
        <li>
          <strong>Get it verified.</strong> Send items to your mentor for review; only claims verified on the version
          you submit count, and your mentor signs a declaration once nothing blocks submission.
        </li>
      </ol>
      <Sub>What counts as good evidence, by domain</Sub>
      <div className="guide__domains">
        {domains.map((d) => (
          <details key={d.key}>
            <summary>
              {d.title} <span className="code">({d.key})</span>
            </summary>
            <ul>
              {d.goodEvidence.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            <p>
              <Link to={`/framework#domain-${d.number}`}>Read the {d.title} domain</Link>
            </p>
          </details>
        ))}
      </div>
    </div>
  )
}
