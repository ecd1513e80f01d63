import { data } from '@remix-run/node'
import type { z } from 'zod'
import { describeWait } from '~/auth/throttle'

export type FieldErrors = Record<string, string[]>

export interface FormFailure {
  ok: false
  errors: FieldErrors
  formError?: string
  /** What was submitted (never passwords), so the form shows it again. */
  values: Record<string, string>
}

/** A refusal of the request body itself, with a message a person can act on. */
function bodyRefusal(status: 400 | 415, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

const URLENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i
const MULTIPART = /^multipart\/form-data\s*(;|$)/i
const BOUNDARY = /;\s*boundary=("[^"]+"|[^;\s]+)/i

/**
 * Throws a 415 Response unless the body is a form (`application/x-www-form-urlencoded`,
 * or `multipart/form-data` where `multipart` allows it), and a 400 for multipart
 * without its boundary. Every action reads its body through this or `readForm`.
 */
export function requireFormBody(request: Request, { multipart = true }: { multipart?: boolean } = {}): void {
  const type = request.headers.get('Content-Type') ?? ''
  if (URLENCODED.test(type)) return
  if (MULTIPART.test(type)) {
    if (!multipart) throw bodyRefusal(415, 'This form must be sent as application/x-www-form-urlencoded.')
    if (!BOUNDARY.test(type))
      throw bodyRefusal(400, 'The form could not be read: multipart/form-data without a boundary.')
    return
  }
  throw bodyRefusal(
    415,
    multipart
      ? 'This address accepts a form (application/x-www-form-urlencoded or multipart/form-data), nothing else.'
      : 'This address accepts a form (application/x-www-form-urlencoded), nothing else.',
  )
}

/**
 * The request's form. Throws a 415 Response for a body that is not a form
 * (JSON, plain text, none) and a 400 for one that cannot be read, never an
 * error that would become a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  requireFormBody(request)
  try {
    return await request.formData()
  } catch {
    throw bodyRefusal(400, 'The form could not be read. Reload the page and try again.')
  }
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

/** A 429 answer for a form sent while its attempts are held back, saying how long to wait. */
export function tooManyAttempts(formData: FormData, waitSeconds: number) {
  return invalid(
    formData,
    {},
    {
      status: 429,
      formError: `Too many unsuccessful attempts. For your security, wait ${describeWait(waitSeconds)} before trying again.`,
    },
  )
}

export function failure(result: FormFailure, status = 400) {
  return data(result, { status })
}
