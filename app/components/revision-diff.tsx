import { Fragment, type ReactNode } from 'react'
import type { DiffPart, FieldDiff, RevisionDiff as RevisionDiffData } from '~/review/diff'

type HeadingLevel = 2 | 3 | 4

function Heading({ level, className, children }: { level: number; className?: string; children: ReactNode }) {
  const Tag = `h${Math.min(level, 6)}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6'
  return <Tag className={className}>{children}</Tag>
}

/** Spoken (and otherwise hidden) description of a change whose text is only whitespace, which would be invisible. */
function whitespaceName(text: string): { name: string; kind: 'space' | 'break' } | null {
  if (/\S/u.test(text)) return null
  const breaks = text.split('\n').length - 1
  if (breaks === 0) return { name: 'space', kind: 'space' }
  return { name: breaks === 1 ? 'line break' : `${breaks} line breaks`, kind: 'break' }
}

/** A stretch of text marked as removed or added, in words as well as by strike-through or underline and colour. */
function Change({ type, children }: { type: 'added' | 'removed'; children: string }) {
  const ws = whitespaceName(children)
  const label = ws ? `${type}: ${ws.name}` : `${type}: `
  const className = ws ? `diff-${type} diff-whitespace diff-whitespace--${ws.kind}` : `diff-${type}`
  const content = (
    <>
      <span className="visually-hidden">{label}</span>
      {children}
    </>
  )
  return type === 'removed' ? <del className={className}>{content}</del> : <ins className={className}>{content}</ins>
}

export function DiffText({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.type === 'same' ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          <Change key={i} type={part.type}>
            {part.text}
          </Change>
        ),
      )}
    </>
  )
}

const MULTILINE_FIELDS = new Set<FieldDiff['field']>(['description', 'reflection'])

function FieldChange({ field, level }: { field: FieldDiff; level: number }) {
  return (
    <section className="diff-field">
      <Heading level={level} className="diff-heading">
        {field.label}
      </Heading>
      {MULTILINE_FIELDS.has(field.field) ? (
        <div className="diff-text diff-text--markdown">
          <DiffText parts={field.parts} />
        </div>
      ) : (
        <p className="diff-text">
          <DiffText parts={field.parts} />
        </p>
      )}
    </section>
  )
}

function Code({ children }: { children: string }) {
  return <span className="code diff-code">{children}</span>
}

function Claims({ claims, level }: { claims: RevisionDiffData['claims']; level: number }) {
  if (claims.added.length + claims.removed.length + claims.changed.length === 0) return null
  return (
    <section className="diff-claims">
      <Heading level={level} className="diff-heading">
        Claims
      </Heading>
      {claims.added.length > 0 && (
        <>
          <Heading level={level + 1} className="diff-subheading">
            Claims added
          </Heading>
          <ul className="diff-list">
            {claims.added.map((c) => (
              <li key={c.areaCode} className="diff-item diff-item--added">
                <ins className="diff-added">
                  <span className="visually-hidden">added: </span>
                  <Code>{c.areaCode}</Code> {c.statement}
                </ins>
              </li>
            ))}
          </ul>
        </>
      )}
      {claims.removed.length > 0 && (
        <>
          <Heading level={level + 1} className="diff-subheading">
            Claims removed
          </Heading>
          <ul className="diff-list">
            {claims.removed.map((c) => (
              <li key={c.areaCode} className="diff-item diff-item--removed">
                <del className="diff-removed">
                  <span className="visually-hidden">removed: </span>
                  <Code>{c.areaCode}</Code> {c.statement}
                </del>
              </li>
            ))}
          </ul>
        </>
      )}
      {claims.changed.length > 0 && (
        <>
          <Heading level={level + 1} className="diff-subheading">
            Claims changed
          </Heading>
          <ul className="diff-list">
            {claims.changed.map((c) => (
              <li key={c.areaCode} className="diff-item diff-item--changed">
                <p className="diff-claim-statement">
                  <Code>{c.areaCode}</Code> <DiffText parts={c.statementParts} />
                </p>
                {c.competenciesAdded.length > 0 && (
                  <p className="diff-competencies">
                    Competencies added:{' '}
                    <span className="diff-chips">
                      {c.competenciesAdded.map((code) => (
                        <ins key={code} className="diff-added diff-chip">
                          <span className="visually-hidden">added: </span>
                          {code}
                        </ins>
                      ))}
                    </span>
                  </p>
                )}
                {c.competenciesRemoved.length > 0 && (
                  <p className="diff-competencies">
                    Competencies removed:{' '}
                    <span className="diff-chips">
                      {c.competenciesRemoved.map((code) => (
                        <del key={code} className="diff-removed diff-chip">
                          <span className="visually-hidden">removed: </span>
                          {code}
                        </del>
                      ))}
                    </span>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function Attachments({ attachments, level }: { attachments: RevisionDiffData['attachments']; level: number }) {
  if (attachments.added.length + attachments.removed.length === 0) return null
  return (
    <section className="diff-attachments">
      <Heading level={level} className="diff-heading">
        Attachments
      </Heading>
      {attachments.added.length > 0 && (
        <>
          <Heading level={level + 1} className="diff-subheading">
            Files added
          </Heading>
          <ul className="diff-list">
            {attachments.added.map((f, i) => (
              <li key={`${i}-${f.originalName}`} className="diff-item diff-item--added">
                <ins className="diff-added">
                  <span className="visually-hidden">added: </span>
                  {f.originalName}
                </ins>
              </li>
            ))}
          </ul>
        </>
      )}
      {attachments.removed.length > 0 && (
        <>
          <Heading level={level + 1} className="diff-subheading">
            Files removed
          </Heading>
          <ul className="diff-list">
            {attachments.removed.map((f, i) => (
              <li key={`${i}-${f.originalName}`} className="diff-item diff-item--removed">
                <del className="diff-removed">
                  <span className="visually-hidden">removed: </span>
                  {f.originalName}
                </del>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

/**
 * What changed between two revisions of an evidence item: only the fields, claims and files that differ, with
 * removed text struck through and added text underlined (and announced as such to screen readers).
 * Description and reflection are compared as their Markdown source.
 */
export function RevisionDiff({
  diff,
  beforeLabel,
  afterLabel,
  headingLevel = 3,
}: {
  diff: RevisionDiffData
  beforeLabel: string
  afterLabel: string
  /** Level of the heading above each changed part; the page's own heading for the comparison should be above it. */
  headingLevel?: HeadingLevel
}) {
  return (
    <div className="diff">
      <p className="diff-intro">
        Changes from <strong>{beforeLabel}</strong> to <strong>{afterLabel}</strong>.
      </p>
      {diff.changed ? (
        <>
          {diff.fields
            .filter((f) => f.changed)
            .map((f) => (
              <FieldChange key={f.field} field={f} level={headingLevel} />
            ))}
          <Claims claims={diff.claims} level={headingLevel} />
          <Attachments attachments={diff.attachments} level={headingLevel} />
        </>
      ) : (
        <p className="diff-none">No changes.</p>
      )}
    </div>
  )
}
