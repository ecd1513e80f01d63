import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { getUserById } from '~/models/user.server'
import { requirePermission } from '~/utils/authorization.server'
import { requireUser } from '~/utils/session.server'
import { requireIdParam } from '~/utils/params'
import { notFound } from '~/utils/responses'

/**
 * The trainee whose preview PDF is asked for, if the user may view their
 * portfolio (the trainee, or a mentor linked to them); 404 otherwise.
 */
export function requirePreviewReader(request: Request, context: AppLoadContext, raw: LoaderFunctionArgs['params']) {
  const { user } = requireUser(request, context)
  const traineeId = requireIdParam(raw.traineeId)
  requirePermission(context.db, user, 'view', { kind: 'portfolio', traineeId })
  const trainee = getUserById(context.db, traineeId)
  if (!trainee || trainee.role !== 'trainee') throw notFound()
  return trainee
}
