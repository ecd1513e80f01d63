import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getUserById } from '~/models/user.server'
import { requirePermission } from '~/utils/authorization.server'
import { requireUser } from '~/utils/session.server'

const params = z.object({ traineeId: z.coerce.number().int().positive() })

/**
 * The trainee whose preview PDF is asked for, if the user may view their
 * portfolio (the trainee, or a mentor linked to them); 404 otherwise.
 */
export function requirePreviewReader(request: Request, context: AppLoadContext, raw: LoaderFunctionArgs['params']) {
  const { user } = requireUser(request, context)
  const parsed = params.safeParse(raw)
  if (!parsed.success) throw new Response('Not found', { status: 404 })
  const { traineeId } = parsed.data
  requirePermission(context.db, user, 'view', { kind: 'portfolio', traineeId })
  const trainee = getUserById(context.db, traineeId)
  if (!trainee || trainee.role !== 'trainee') throw new Response('Not found', { status: 404 })
  return trainee
}
