import type { AppLoadContext } from '@remix-run/node'
import { getEvidenceOwner } from '~/models/evidence.server'
import type { User } from '~/models/user.server'
import { requirePermission, type Action } from '~/utils/authorization.server'
import { requireIdParam } from '~/utils/params'
import { notFound } from '~/utils/responses'

/** Parses an item id from the URL and checks the user may act on it; 404 otherwise. Returns the id and owner. */
export function requireEvidence(context: AppLoadContext, user: User, rawId: string | undefined, action: Action) {
  const id = requireIdParam(rawId)
  const traineeId = getEvidenceOwner(context.db, id)
  if (traineeId === undefined) throw notFound()
  requirePermission(context.db, user, action, { kind: 'evidence', traineeId })
  return { id, traineeId }
}
