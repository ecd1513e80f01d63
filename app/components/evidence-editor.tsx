import { Form } from '@remix-run/react'
import { useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Framework } from '../../competences/schema'
import { thresholds } from '../../competences/coverage-rules.json'
import { EVIDENCE_TYPES } from '../../competences/evidence-types'
import { DEFAULT_THESAURUS } from '../../competences/thesaurus'
import { analyseItem, areaIndex, rankAreas } from '~/coverage/relevance'
import { type EditorClaim, type EditorValues } from '~/evidence/form'
import { DraftNotice, useFormDraft } from '~/components/draft'
import { ErrorList, Field, FormError, SelectField, SubmitButton } from '~/components/forms'
import { MarkdownField } from '~/components/markdown-field'

export interface EditorAttachment {
  id: number
  originalName: string
  label: string
}

export interface StoredFinding {
  id: number
  field: string
  maskedText: string
  reason: string
  status: 'open' | 'acknowledged'
}

type Errors = Record<string, string[] | undefined>

/** What the trainee has written so far, for suggesting areas. */
export interface ItemText {
  title: string
  description: string
  reflection: string
}

/** Areas suggested at most, and no more once an item claims as many areas as assessors accept. */
const MAX_SUGGESTIONS = 5
const MAX_AREAS = thresholds.overTaggingAreas

/**
 * Up to five areas the item may demonstrate, ranked by how well its text fits
 * each (the same ranking the coverage report uses), each with the words that
 * matched. Adding one ticks it and moves to its sentence; nothing is added on
 * the trainee's behalf.
 */
function SuggestedAreas({
  framework,
  text,
  selected,
  onAdd,
}: {
  framework: Framework
  text: ItemText
  selected: ReadonlySet<string>
  onAdd: (code: string) => void
}) {
  const deferred = useDeferredValue(text)
  const index = useMemo(() => areaIndex(framework, DEFAULT_THESAURUS), [framework])
  const areaText = useMemo(
    () => new Map(framework.domains.flatMap((d) => d.areas.map((a) => [a.code, a.text] as const))),
    [framework],
  )
  const full = selected.size >= MAX_AREAS
  const written = `${deferred.title} ${deferred.description}`.trim() !== ''
  const suggestions = useMemo(
    () =>
      full || !written
        ? []
        : rankAreas(index, analyseItem(index, deferred), { limit: MAX_SUGGESTIONS, exclude: selected }),
    [index, deferred, selected, full, written],
  )
  return (
    <section className="suggested-areas" aria-labelledby="suggested-areas-title">
      <h3 id="suggested-areas-title">Suggested areas of competence</h3>
      {full ? (
        <p className="muted">
          This item claims {selected.size} areas. Assessors distrust evidence tagged to everything, so no more are
          suggested: keep the ones it shows best.
        </p>
      ) : !written ? (
        <p className="muted">
          As you write the title and description, the areas this item may show appear here, with the words that matched.
        </p>
      ) : suggestions.length === 0 ? (
        <p className="muted">No area stands out yet. Say more about what you did and what it showed.</p>
      ) : (
        <ol className="plain-list suggested-areas__list">
          {suggestions.map((s) => (
            <li key={s.code} className="suggested-area">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onAdd(s.code)}
                aria-label={`Add ${s.code} to the claims`}
              >
                Add {s.code}
              </button>{' '}
              <span>
                <span className="code">{s.code}</span> {areaText.get(s.code)}
              </span>
              <span className="muted suggested-area__why"> Matched: {s.words.join(', ')}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" aria-live="polite">
        {full || !written ? '' : `${suggestions.length} ${suggestions.length === 1 ? 'area' : 'areas'} suggested`}
      </p>
    </section>
  )
}

const ROLE_LABELS: Record<string, string> = {
  led: 'I led it',
  contributed: 'I contributed',
  observed: 'I observed',
}

function StoredFindings({ findings }: { findings: StoredFinding[] }) {
  const open = findings.filter((f) => f.status === 'open')
  if (open.length === 0) return null
  return (
    <div className="pii-warning">
      <strong>Found when last saved:</strong>
      <ul>
        {open.map((f) => (
          <li key={f.id}>
            <span className="code">{f.maskedText}</span> — {f.reason}
          </li>
        ))}
      </ul>
    </div>
  )
}

function ClaimPicker({
  framework,
  initial,
  errors,
  findings,
  text,
  focusArea,
}: {
  framework: Framework
  initial: EditorClaim[]
  errors: Errors
  findings: StoredFinding[]
  text: ItemText
  /** The area whose sentence takes the focus when the form opens (a claim offered by the coverage report). */
  focusArea?: string | null
}) {
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial.map((c) => c.area)))
  const [focus, setFocus] = useState<string | null>(focusArea ?? null)
  const statementIds = useMemo(
    () => new Map(framework.domains.flatMap((d) => d.areas).map((a, i) => [a.code, `claim-${i}-statement`])),
    [framework],
  )
  useEffect(() => {
    if (focus === null) return
    const field = document.getElementById(statementIds.get(focus) ?? '')
    if (field) {
      field.focus()
      field.scrollIntoView({ block: 'center' })
    }
    setFocus(null)
  }, [focus, statementIds])
  const byArea = new Map(initial.map((c) => [c.area, c]))
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  const matches = (text: string) => terms.every((t) => text.toLowerCase().includes(t))
  let index = 0

  return (
    <fieldset className="claims" aria-describedby="claims-hint">
      <legend>Competences this item demonstrates</legend>
      <p className="field__hint" id="claims-hint">
        Tick each area of competence the item shows and say, in a sentence or two, how it shows it. Claim only what the
        item really demonstrates: assessors distrust items tagged to everything.
      </p>
      <ErrorList errors={errors.claims} />
      <SuggestedAreas
        framework={framework}
        text={text}
        selected={selected}
        onAdd={(code) => {
          setSelected(new Set(selected).add(code))
          setFocus(code)
        }}
      />
      <div className="field">
        <label htmlFor="claim-search">Find an area by code or words</label>
        <input
          id="claim-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          placeholder="e.g. Tech4, uncertainty, audit"
        />
      </div>
      <p className="muted" aria-live="polite">
        {selected.size} {selected.size === 1 ? 'area' : 'areas'} claimed
      </p>
      {framework.domains.map((domain) => {
        const areas = domain.areas.map((area) => ({ area, i: index++ }))
        const visible = areas.filter(
          ({ area }) =>
            selected.has(area.code) || terms.length === 0 || matches(`${area.code} ${area.text} ${domain.title}`),
        )
        return (
          <div key={domain.key} className="claims__domain" hidden={visible.length === 0}>
            <h3>
              {domain.title} <span className="code">({domain.key})</span>
            </h3>
            <ul className="claims__areas">
              {areas.map(({ area, i }) => {
                const claimed = selected.has(area.code)
                const existing = byArea.get(area.code)
                const errorKey = `claims.${initial.findIndex((c) => c.area === area.code)}`
                const statementErrors = errors[`${errorKey}.statement`] ?? errors[`claims.${i}.statement`]
                const fieldFindings = findings.filter((f) => f.field === `claim:${area.code}`)
                return (
                  <li
                    key={area.code}
                    className="claim"
                    data-claimed={claimed}
                    hidden={!visible.some((v) => v.area.code === area.code)}
                  >
                    <label className="claim__choice">
                      <input
                        type="checkbox"
                        name={`claims[${i}].area`}
                        value={area.code}
                        checked={claimed}
                        onChange={(e) => {
                          const next = new Set(selected)
                          if (e.currentTarget.checked) next.add(area.code)
                          else next.delete(area.code)
                          setSelected(next)
                        }}
                      />
                      <span className="code">{area.code}</span> <span>{area.text}</span>
                    </label>
                    <div className="claim__detail">
                      <label htmlFor={`claim-${i}-statement`}>How does this item demonstrate {area.code}?</label>
                      <textarea
                        id={`claim-${i}-statement`}
                        name={`claims[${i}].statement`}
                        rows={3}
                        defaultValue={existing?.statement ?? ''}
                        aria-invalid={statementErrors?.length ? true : undefined}
                      />
                      <ErrorList errors={statementErrors} />
                      <StoredFindings findings={fieldFindings} />
                      <details>
                        <summary>Specific competencies of the {domain.title} domain (optional)</summary>
                        <ul className="plain-list">
                          {domain.specificCompetencies.map((c) => (
                            <li key={c.id}>
                              <label>
                                <input
                                  type="checkbox"
                                  name={`claims[${i}].competencies`}
                                  value={c.id}
                                  defaultChecked={existing?.competencies.includes(c.id)}
                                />{' '}
                                {c.text}
                              </label>
                            </li>
                          ))}
                        </ul>
                      </details>
                    </div>
                  </li>
                )
              })}
            </ul>
          </div>
        )
      })}
    </fieldset>
  )
}

export function EvidenceEditor({
  framework,
  values,
  errors = {},
  formError,
  attachments = [],
  findings = [],
  maxUploadMb,
  draftKey,
  saved,
  submitLabel,
  cancelHref,
  focusArea,
}: {
  focusArea?: string | null
  framework: Framework
  values: EditorValues
  errors?: Errors
  formError?: string
  attachments?: EditorAttachment[]
  findings?: StoredFinding[]
  maxUploadMb: number
  draftKey: string
  saved: boolean
  submitLabel: string
  cancelHref: string
}) {
  const formRef = useRef<HTMLFormElement>(null)
  const draft = useFormDraft(formRef, draftKey, { saved })
  const at = (field: string) => findings.filter((f) => f.field === field)
  const itemText = (name: 'description' | 'reflection', label: string, hint: string) => (
    <MarkdownField
      id={`evidence-${name}`}
      name={name}
      label={label}
      hint={hint}
      rows={10}
      defaultValue={values[name]}
      errors={errors[name]}
    >
      <StoredFindings findings={at(name)} />
    </MarkdownField>
  )
  const [text, setText] = useState<ItemText>({
    title: values.title,
    description: values.description,
    reflection: values.reflection,
  })
  // The title, description and reflection as they are typed, for the suggested areas.
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    const field = e.target as HTMLInputElement | HTMLTextAreaElement
    if (field.name === 'title' || field.name === 'description' || field.name === 'reflection') {
      const { name, value } = field
      setText((t) => ({ ...t, [name]: value }))
    }
  }
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="stack evidence-form"
      ref={formRef}
      noValidate
      onInput={onInput}
    >
      <DraftNotice restored={draft.restored} onDiscard={draft.discard} />
      <FormError>{formError}</FormError>
      <Field
        label="Title"
        name="title"
        defaultValue={values.title}
        errors={errors.title}
        hint="What the work was, e.g. “Annual QA of linac 3: output and energy checks”."
      />
      <StoredFindings findings={at('title')} />
      <div className="field-row">
        <Field
          label="Date of the activity"
          name="activityStart"
          type="date"
          defaultValue={values.activityStart}
          errors={errors.activityStart}
        />
        <Field
          label="End date (if it ran over several days)"
          name="activityEnd"
          type="date"
          defaultValue={values.activityEnd}
          errors={errors.activityEnd}
        />
      </div>
      <SelectField
        label="Type of evidence"
        name="evidenceType"
        defaultValue={values.evidenceType}
        errors={errors.evidenceType}
      >
        <option value="" disabled>
          Choose a type
        </option>
        {EVIDENCE_TYPES.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
      </SelectField>
      <fieldset aria-describedby={errors.role?.length ? 'role-error' : undefined}>
        <legend>Your role</legend>
        <div className="radio-row">
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="role" value={value} defaultChecked={values.role === value} /> {label}
            </label>
          ))}
        </div>
        <ErrorList id="role-error" errors={errors.role} />
      </fieldset>
      {itemText(
        'description',
        'Description',
        'What you did and why, with enough context for an assessor. Markdown: **bold**, lists, tables.',
      )}
      {itemText(
        'reflection',
        'Reflection',
        'What went well, what did not, what you learned and what you will do differently.',
      )}
      <ClaimPicker
        framework={framework}
        initial={values.claims}
        errors={errors}
        findings={findings}
        text={text}
        focusArea={focusArea}
      />
      <fieldset>
        <legend>Attachments</legend>
        {attachments.length > 0 ? (
          <ul className="plain-list">
            {attachments.map((a) => (
              <li key={a.id}>
                <label>
                  <input type="checkbox" name="removeAttachment" value={a.id} /> Remove {a.originalName}{' '}
                  <span className="muted">({a.label})</span>
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        <Field
          label="Add files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.txt,.csv"
          hint={`PDF, PNG, JPEG, DOCX, XLSX, PPTX, TXT or CSV, up to ${maxUploadMb} MB each. Remove names and identifiers from documents and image metadata first.`}
          errors={errors.files}
        />
      </fieldset>
      <div className="actions">
        <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
        <a href={cancelHref} className="button button--secondary">
          Cancel
        </a>
      </div>
    </Form>
  )
}
