import { z } from 'zod'

import { notFound } from '~/utils/responses'

/** A row id in a URL (`/evidence/:id`): digits only, at most 12 of them, so it is always a safe integer. */
export const idParam = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number)

/** The id a route param names, or a thrown 404 for anything that is not one (missing, signed, decimal, huge). */
export function requireIdParam(raw: string | undefined): number {
  const parsed = idParam.safeParse(raw)
  if (!parsed.success) throw notFound()
  return parsed.data
}
