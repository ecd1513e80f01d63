import { Form, useNavigation } from '@remix-run/react'
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'

export interface ActionResult {
  ok?: boolean
  errors?: Record<string, string[] | undefined>
  formError?: string
  values?: Record<string, string | undefined>
}

/** Errors for a field from an action's answer. */
export function fieldErrors(result: ActionResult | undefined, name: string): string[] | undefined {
  return result?.errors?.[name]
}

/** A control's name, with what was typed in it and its errors when the action refused the form. */
export function echoField(result: ActionResult | undefined, name: string) {
  return { name, defaultValue: result?.values?.[name], errors: fieldErrors(result, name) }
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors || errors.length === 0) return null
  return (
    <ul id={id} className="field__errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

type FieldProps = {
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  className?: string
}

/** Label, hint and errors around one control, tied to it for screen readers. */
function FieldShell({
  id: givenId,
  label,
  hint,
  errors,
  className,
  control,
}: FieldProps & {
  id?: string
  control: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}) {
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {control({
        id,
        'aria-invalid': errorId ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function Field({
  label,
  hint,
  errors,
  className,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell
      id={input.id}
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      control={(a11y) => <input {...a11y} {...input} id={a11y.id} />}
    />
  )
}

export function SelectField({
  label,
  hint,
  errors,
  className,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell
      id={select.id}
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      control={(a11y) => (
        <select {...a11y} {...select} id={a11y.id}>
          {children}
        </select>
      )}
    />
  )
}

export function TextareaField({
  label,
  hint,
  errors,
  className,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell
      id={textarea.id}
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      control={(a11y) => <textarea {...a11y} {...textarea} id={a11y.id} />}
    />
  )
}

/** A message about the form as a whole, announced when it appears. */
export function FormError({ children }: { children?: ReactNode }) {
  if (!children) return null
  return (
    <div className="form-error" role="alert">
      {children}
    </div>
  )
}

/** A submit button that says it is working while its form is being sent. */
export function SubmitButton({
  children,
  pendingText,
  name,
  value,
  className,
}: {
  children: ReactNode
  pendingText?: ReactNode
  name?: string
  value?: string
  className?: string
}) {
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting' && (name === undefined || navigation.formData?.get(name) === value)
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={className}
      disabled={pending}
      aria-busy={pending || undefined}
    >
      {pending ? (pendingText ?? 'Saving…') : children}
    </button>
  )
}

/** A form of one button that asks `question` before it is sent; `fields` go with it as hidden inputs. */
export function ConfirmForm({
  question,
  fields,
  intent,
  className,
  buttonClassName,
  pendingText,
  children,
}: {
  question: string
  fields: Record<string, string | number>
  intent: string
  className?: string
  buttonClassName: string
  pendingText: string
  children: ReactNode
}) {
  return (
    <Form
      method="post"
      className={className}
      onSubmit={(e) => {
        if (!window.confirm(question)) e.preventDefault()
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton name="intent" value={intent} className={buttonClassName} pendingText={pendingText}>
        {children}
      </SubmitButton>
    </Form>
  )
}

/** A checkbox sent as `on` when ticked, its label beside it and a hint below that describes it. */
export function CheckboxField({
  name,
  label,
  hintId,
  hint,
  defaultChecked,
}: {
  name: string
  label: ReactNode
  hintId: string
  hint: ReactNode
  defaultChecked: boolean
}) {
  return (
    <div className="field">
      <label>
        <input type="checkbox" name={name} value="on" defaultChecked={defaultChecked} aria-describedby={hintId} />{' '}
        {label}
      </label>
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
    </div>
  )
}
