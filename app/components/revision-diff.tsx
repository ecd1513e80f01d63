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

/** Content marked as added or removed, in words (`label`) as well as by underline or strike-through and colour. */
function Marked({
  type,
  className,
  label = `${type}: `,
  children,
}: {
  type: 'added' | 'removed'
  className?: string
  label?: string
  children: ReactNode
}) {
  const classes = className ? `diff-${type} ${className}` : `diff-${type}`
  const content = (
    <>
      <span className="visually-hidden">{label}</span>
      {children}
    </>
  )
  return type === 'removed' ? <del className={classes}>{content}</del> : <ins className={classes}>{content}</ins>
}

/** A stretch of text marked as removed or added; a change of only whitespace is named, as it would be invisible. */
function Change({ type, children }: { type: 'added' | 'removed'; children: string }) {
  const ws = whitespaceName(children)
  return (
    <Marked
      type={type}
      className={ws ? `diff-whitespace diff-whitespace--${ws.kind}` : undefined}
      label={ws ? `${type}: ${ws.name}` : undefined}
    >
      {children}
    </Marked>
  )
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

/** One list of added, removed or changed claims or files under its own heading; nothing if the list is empty. */
function DiffGroup<T>({
  title,
  level,
  type,
  items,
  itemKey,
  children: render,
}: {
  title: string
  level: number
  type: 'added' | 'removed' | 'changed'
  items: T[]
  itemKey: (item: T, index: number) => string
  children: (item: T) => ReactNode
}) {
  if (items.length === 0) return null
  return (
    <>
      <Heading level={level} className="diff-subheading">
        {title}
      </Heading>
      <ul className="diff-list">
        {items.map((item, i) => (
          <li key={itemKey(item, i)} className={`diff-item diff-item--${type}`}>
            {type === 'changed' ? render(item) : <Marked type={type}>{render(item)}</Marked>}
          </li>
        ))}
      </ul>
    </>
  )
}

/** The competencies added to or removed from a claim, as chips. */
function CompetencyChanges({ type, codes }: { type: 'added' | 'removed'; codes: string[] }) {
  if (codes.length === 0) return null
  return (
    <p className="diff-competencies">
      {`Competencies ${type}:`}{' '}
      <span className="diff-chips">
        {codes.map((code) => (
          <Marked key={code} type={type} className="diff-chip">
            {code}
          </Marked>
        ))}
      </span>
    </p>
  )
}

function Claims({ claims, level }: { claims: RevisionDiffData['claims']; level: number }) {
  if (claims.added.length + claims.removed.length + claims.changed.length === 0) return null
  const byArea = (c: { areaCode: string }) => c.areaCode
  const claim = (c: { areaCode: string; statement: string }) => (
    <>
      <Code>{c.areaCode}</Code> {c.statement}
    </>
  )
  return (
    <section className="diff-claims">
      <Heading level={level} className="diff-heading">
        Claims
      </Heading>
      <DiffGroup title="Claims added" level={level + 1} type="added" items={claims.added} itemKey={byArea}>
        {claim}
      </DiffGroup>
      <DiffGroup title="Claims removed" level={level + 1} type="removed" items={claims.removed} itemKey={byArea}>
        {claim}
      </DiffGroup>
      <DiffGroup title="Claims changed" level={level + 1} type="changed" items={claims.changed} itemKey={byArea}>
        {(c) => (
          <>
            <p className="diff-claim-statement">
              <Code>{c.areaCode}</Code> <DiffText parts={c.statementParts} />
            </p>
            <CompetencyChanges type="added" codes={c.competenciesAdded} />
            <CompetencyChanges type="removed" codes={c.competenciesRemoved} />
          </>
        )}
      </DiffGroup>
    </section>
  )
}

function Attachments({ attachments, level }: { attachments: RevisionDiffData['attachments']; level: number }) {
  if (attachments.added.length + attachments.removed.length === 0) return null
  const byName = (f: { originalName: string }, i: number) => `${i}-${f.originalName}`
  const name = (f: { originalName: string }) => f.originalName
  return (
    <section className="diff-attachments">
      <Heading level={level} className="diff-heading">
        Attachments
      </Heading>
      <DiffGroup title="Files added" level={level + 1} type="added" items={attachments.added} itemKey={byName}>
        {name}
      </DiffGroup>
      <DiffGroup title="Files removed" level={level + 1} type="removed" items={attachments.removed} itemKey={byName}>
        {name}
      </DiffGroup>
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
