import { SPECIALISM_LABELS } from '~/auth/schemas'
import { SPECIALISMS } from '~/vocabulary'
import { Field, echoField, fieldErrors, type ActionResult } from '~/components/forms'

/** A new account holder's full name, showing again what was typed. */
export function NameField({ result, autoComplete }: { result: ActionResult | undefined; autoComplete: string }) {
  return <Field label="Full name" autoComplete={autoComplete} {...echoField(result, 'name')} required />
}

/** The e-mail address an account signs in with, showing again what was typed. */
export function EmailField({ result, autoComplete }: { result: ActionResult | undefined; autoComplete: string }) {
  return (
    <Field label="Email address" type="email" autoComplete={autoComplete} {...echoField(result, 'email')} required />
  )
}

/** A password box, never filled in again; `fresh` for one being chosen, so password managers offer a new one. */
export function PasswordField({
  result,
  label,
  name = 'password',
  fresh = false,
  hint,
  required,
  minLength,
}: {
  result: ActionResult | undefined
  label: string
  name?: string
  fresh?: boolean
  hint?: string
  required?: boolean
  minLength?: number
}) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete={fresh ? 'new-password' : 'current-password'}
      hint={hint}
      errors={fieldErrors(result, name)}
      required={required}
      minLength={minLength}
    />
  )
}

/** The password chosen for a new account or a reset, with the passphrase policy the server holds it to. */
export function NewPasswordField({ result, label }: { result: ActionResult | undefined; label: string }) {
  return (
    <PasswordField
      result={result}
      label={label}
      fresh
      hint="Use a passphrase: at least 15 characters, for example four unrelated words. No other rules."
      required
      minLength={15}
    />
  )
}

/** The specialisms to choose from, by their labels. */
export function SpecialismOptions() {
  return SPECIALISMS.map((s) => (
    <option key={s} value={s}>
      {SPECIALISM_LABELS[s]}
    </option>
  ))
}

/** The code an authenticator app shows, for signing in or for changing two-factor sign-in. */
export function TotpCodeField({ label, errors }: { label: string; errors?: string[] }) {
  return (
    <Field
      label={label}
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={20}
      errors={errors}
      required
    />
  )
}
