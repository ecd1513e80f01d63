import type { AppLoadContext } from '@remix-run/node'
import { getEvidenceOwner } from '~/models/evidence.server'
import type { User } from '~/models/user.server'
import { requirePermission, type Action } from '~/utils/authorization.server'

/** Parses an item id from the URL and checks the user may act on it; 404 otherwise. Returns the id and owner. */
export function requireEvidence(context: AppLoadContext, user: User, rawId: string | undefined, action: Action) {
  const id = Number(rawId)
  if (!rawId || !/^\d{1,12}$/.test(rawId) || !Number.isSafeInteger(id)) throw new Response('Not found', { status: 404 })
  const traineeId = getEvidenceOwner(context.db, id)
  if (traineeId === undefined) throw new Response('Not found', { status: 404 })
  requirePermission(context.db, user, action, { kind: 'evidence', traineeId })
  return { id, traineeId }
}
