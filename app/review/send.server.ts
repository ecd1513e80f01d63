import type { AppLoadContext } from '@remix-run/node'
import { getEvidence } from '~/models/evidence.server'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import type { User } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import { notifyUsers } from '~/review/notify.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'

/** Items just sent for review: audited, mentors told, standing declarations voided. */
export function afterSending(context: AppLoadContext, trainee: User, evidenceIds: number[]): void {
  if (evidenceIds.length === 0) return
  for (const id of evidenceIds) audit(context, trainee.id, 'review.requested', { type: 'evidence', id })
  const titles = evidenceIds.map((id) => getEvidence(context.db, trainee.id, id)?.title ?? 'an item')
  notifyUsers(context, {
    userIds: listMentorsOfTrainee(context.db, trainee.id).map((m) => m.mentorId),
    kind: 'review_requested',
    title:
      evidenceIds.length === 1
        ? `${trainee.name} sent “${titles[0]}” for review`
        : `${trainee.name} sent ${evidenceIds.length} items for review`,
    body: titles.join('\n'),
    link: evidenceIds.length === 1 ? `/mentor/reviews/${evidenceIds[0]}` : '/mentor/reviews',
  })
  portfolioChanged(context, trainee.id, trainee.id, 'evidence was sent for review')
}
