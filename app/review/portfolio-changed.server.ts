import type { AppLoadContext } from '@remix-run/node'
import { voidDeclarations } from '~/models/review.server'
import { audit } from '~/utils/audit.server'
import { notifyUsers } from '~/review/notify.server'

/**
 * Any change to a trainee's portfolio voids the mentor declarations standing
 * for it: a declaration vouches for the portfolio as it was when signed.
 */
export function portfolioChanged(context: AppLoadContext, traineeId: number, actorId: number, reason: string): void {
  const voided = voidDeclarations(context.db, traineeId, reason, context.now())
  if (voided.length === 0) return
  for (const declaration of voided) {
    audit(
      context,
      actorId,
      'declaration.voided',
      { type: 'mentor_declaration', id: declaration.id },
      { traineeId, reason },
    )
  }
  notifyUsers(context, {
    userIds: [traineeId, ...voided.map((d) => d.mentorId)],
    kind: 'declaration_voided',
    title: 'A mentor declaration was voided',
    body: `The portfolio changed (${reason}), so the declaration no longer stands. A mentor can sign again once the coverage report has no blockers.`,
    link: '/coverage',
  })
}
