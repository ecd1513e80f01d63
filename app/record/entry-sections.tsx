import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ConfirmForm, SubmitButton, fieldErrors, type ActionResult } from '~/components/forms'

/** The kinds of entry on the record; each has a list, a form, an `id` and `save-…`/`delete-…` intents. */
export type EntryKind = 'post' | 'qualification' | 'membership'

/**
 * What a form shows: what was typed if this form was just refused, else the entry being edited, else nothing.
 * `field(name)` gives a control its name, starting value and errors.
 */
export function formState(
  result: ActionResult | undefined,
  kind: EntryKind,
  entry: Record<string, unknown> | undefined,
) {
  const refused = result?.values?.intent === `save-${kind}` ? result : undefined
  const value = (name: string, fallback = ''): string => {
    if (refused) return refused.values?.[name] ?? ''
    const v = entry?.[name]
    return v === null || v === undefined ? fallback : String(v)
  }
  const field = (name: string, fallback = '') => ({
    name,
    defaultValue: value(name, fallback),
    errors: fieldErrors(refused, name),
  })
  const id = refused ? refused.values?.id : (entry?.id as number | undefined)
  return { kind, refused, field, id }
}

/** The entry of this kind the page was asked to edit (`?edit=kind-id`), if it is among `entries`. */
export function editedEntry<T extends { id: number }>(
  editing: { kind: string; id: number } | null,
  kind: EntryKind,
  entries: T[],
): T | undefined {
  return editing?.kind === kind ? entries.find((e) => e.id === editing.id) : undefined
}

function DeleteButton({ kind, id, what }: { kind: EntryKind; id: number; what: string }) {
  return (
    <ConfirmForm
      question={`Delete ${what} from your record?`}
      fields={{ id }}
      intent={`delete-${kind}`}
      className="inline-form"
      buttonClassName="link-button"
      pendingText="Deleting…"
    >
      Delete<span className="visually-hidden"> {what}</span>
    </ConfirmForm>
  )
}

function EditLink({ kind, id, what }: { kind: EntryKind; id: number; what: string }) {
  return (
    <Link to={`?edit=${kind}-${id}#${kind}-form`} preventScrollReset={false}>
      Edit<span className="visually-hidden"> {what}</span>
    </Link>
  )
}

/** One kind's entries, each with its edit link and delete button, or a line saying there are none. */
export function EntryList<T extends { id: number }>({
  kind,
  title,
  empty,
  entries,
  what,
  children,
}: {
  kind: EntryKind
  title: string
  empty: string
  entries: T[]
  /** How the edit and delete controls name the entry to a screen reader. */
  what: (entry: T) => string
  children: (entry: T) => ReactNode
}) {
  return (
    <section aria-labelledby={`${kind}s-title`}>
      <h2 id={`${kind}s-title`}>{title}</h2>
      {entries.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="plain-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              {children(entry)}
              <div className="actions">
                <EditLink kind={kind} id={entry.id} what={what(entry)} />
                <DeleteButton kind={kind} id={entry.id} what={what(entry)} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The form that adds an entry of one kind, or edits the one given by `id`. */
export function EntryForm({
  state: { kind, id, refused },
  title,
  submit,
  children,
}: {
  state: ReturnType<typeof formState>
  title: string
  submit: string
  children: ReactNode
}) {
  return (
    <section aria-labelledby={`${kind}-form-title`} id={`${kind}-form`} className="card">
      <h2 id={`${kind}-form-title`}>{title}</h2>
      <Form
        method="post"
        className="stack"
        noValidate
        key={`${kind}-${id ?? 'new'}-${JSON.stringify(refused?.values ?? {})}`}
      >
        {id ? <input type="hidden" name="id" value={id} /> : null}
        {children}
        <div className="actions">
          <SubmitButton name="intent" value={`save-${kind}`}>
            {submit}
          </SubmitButton>
          {id ? <Link to="/record">Cancel</Link> : null}
        </div>
      </Form>
    </section>
  )
}
