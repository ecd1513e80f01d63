import { data } from '@remix-run/node'
import type { z } from 'zod'

export type FieldErrors = Record<string, string[]>

export interface FormFailure {
  ok: false
  errors: FieldErrors
  formError?: string
  /** What was submitted (never passwords), so the form shows it again. */
  values: Record<string, string>
}

const NEVER_ECHOED = /password|code|token/i

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !NEVER_ECHOED.test(key)) values[key] = value.slice(0, 100_000)
  }
  return values
}

/** Parses a form with its zod schema: the data, or field errors keyed by field name. */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): { ok: true; data: z.infer<S> } | FormFailure {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key)
    raw[key] = all.length > 1 ? all : all[0]
  }
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_form'
    ;(errors[field] ??= []).push(issue.message)
  }
  return { ok: false, errors, values: echoValues(formData) }
}

/** A 400 (or other) answer that puts messages at the fields and keeps what was typed. */
export function invalid(
  formData: FormData,
  errors: FieldErrors,
  { formError, status = 400 }: { formError?: string; status?: number } = {},
) {
  return data({ ok: false, errors, formError, values: echoValues(formData) } satisfies FormFailure, { status })
}

export function failure(result: FormFailure, status = 400) {
  return data(result, { status })
}
