import type { AppLoadContext } from '@remix-run/node'
import type { Db } from '../../db/client'
import { DEFAULT_ROLES_RULES } from '../../competences/roles'
import { hasActiveMentorLink, isAssignedAssessor, mentorLinkRoles } from '~/models/access.server'
import { maySignDeclaration } from '~/review/roles'
import type { User } from '~/models/user.server'
import { notFound } from '~/utils/responses'
import { requireRole } from '~/utils/session.server'

/**
 * Everything a user may try to reach. New features add a kind here and a rule
 * below, so every decision about access lives in this one function.
 */
export type Resource =
  /** A trainee's portfolio: profile, evidence, coverage. */
  | { kind: 'portfolio'; traineeId: number }
  /** One evidence item; `traineeId` is its owner. */
  | { kind: 'evidence'; traineeId: number }
  /** A trainee's mentor invitations. */
  | { kind: 'invitations'; traineeId: number }
  /** The link between a trainee and a mentor. */
  | { kind: 'mentorLink'; traineeId: number; mentorId: number }
  /** Accounts: the admin console. */
  | { kind: 'accounts' }
  /** A submitted portfolio's frozen snapshot, its summary, exports, assessor links and assessment. */
  | { kind: 'submission'; traineeId: number; submissionId: number }

/**
 * view: read; edit: change (the owner only); comment: take part in an item's
 * discussion; review: verify claims or request changes, and sign a
 * portfolio's declaration (a linked mentor only, never the trainee); end: end a link;
 * share: create and revoke a submission's assessor links and see their openings;
 * assess: record judgements on a submission (an assessor assigned to it).
 */
export type Action = 'view' | 'edit' | 'comment' | 'review' | 'declare' | 'end' | 'share' | 'assess'

export function can(db: Db, user: User, action: Action, resource: Resource): boolean {
  if (user.disabledAt) return false
  switch (resource.kind) {
    case 'portfolio':
    case 'evidence':
      if (user.role === 'trainee')
        return user.id === resource.traineeId && (action === 'view' || action === 'edit' || action === 'comment')
      if (user.role === 'mentor') {
        if (action === 'declare') {
          if (resource.kind !== 'portfolio') return false
          const roles = mentorLinkRoles(db, user.id, resource.traineeId)
          return roles.own !== undefined && maySignDeclaration(roles.own, roles.all, DEFAULT_ROLES_RULES.declaration)
        }
        return (
          (action === 'view' || action === 'comment' || action === 'review') &&
          hasActiveMentorLink(db, user.id, resource.traineeId)
        )
      }
      return false
    case 'invitations':
      return user.role === 'trainee' && user.id === resource.traineeId
    case 'mentorLink':
      if (action === 'view' || action === 'end') {
        if (user.role === 'admin') return true
        if (user.role === 'trainee') return user.id === resource.traineeId
        if (user.role === 'mentor')
          return user.id === resource.mentorId && hasActiveMentorLink(db, user.id, resource.traineeId)
      }
      return false
    case 'accounts':
      return user.role === 'admin'
    case 'submission':
      switch (user.role) {
        case 'trainee':
          return user.id === resource.traineeId && (action === 'view' || action === 'share')
        case 'admin':
          return action === 'view' || action === 'share'
        case 'mentor':
          return action === 'view' && hasActiveMentorLink(db, user.id, resource.traineeId)
        case 'assessor':
          return (action === 'view' || action === 'assess') && isAssignedAssessor(db, user.id, resource.submissionId)
      }
      return false
  }
}

/** Throws a 404 — never a 403, which would confirm the thing exists — unless the user may. */
export function requirePermission(db: Db, user: User, action: Action, resource: Resource): void {
  if (!can(db, user, action, resource)) throw notFound()
}

/** The signed-in trainee, allowed to `action` their own portfolio; anyone else is turned away. */
export function requireOwnPortfolio(request: Request, context: AppLoadContext, action: 'view' | 'edit'): User {
  const { user } = requireRole(request, context, ['trainee'])
  requirePermission(context.db, user, action, { kind: 'portfolio', traineeId: user.id })
  return user
}
