import type { Guidance } from '../../competences/schema'
import { Highlight } from '~/components/highlight'

/** A domain's guidance: what is to be achieved, how, good evidence, notes, who assesses it. */
export function GuidanceSections({
  guidance,
  terms = [],
  headingLevel = 3,
}: {
  guidance: Guidance
  terms?: string[]
  headingLevel?: 3 | 4
}) {
  const H = `h${headingLevel}` as 'h3' | 'h4'
  return (
    <div className="guidance">
      <H>Achievement of</H>
      {guidance.achievementOf.map((p, i) => (
        <p key={i}>
          <Highlight text={p} terms={terms} />
        </p>
      ))}
      <H>Achieved through</H>
      {guidance.achievedThrough.map((p, i) => (
        <p key={i}>
          <Highlight text={p} terms={terms} />
        </p>
      ))}
      <H>Good pieces of evidence</H>
      <p>
        <Highlight text={guidance.goodEvidence.intro} terms={terms} />
      </p>
      <ul>
        {guidance.goodEvidence.items.map((item, i) => (
          <li key={i}>
            <Highlight text={item} terms={terms} />
          </li>
        ))}
      </ul>
      {guidance.notes.length > 0 ? (
        <>
          <H>Notes</H>
          <ul>
            {guidance.notes.map((note, i) => (
              <li key={i}>
                <Highlight text={note} terms={terms} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <H>Assessed by</H>
      <p>{guidance.assessedBy}</p>
    </div>
  )
}
