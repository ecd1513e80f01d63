/** The facts `can()` reads from the database: a live mentor link and its role, and an assessor's assignment. */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { mentorLinks, submissionAssignments, users } from '../../db/schema'
import type { MentorRole } from '~/vocabulary'

/** The mentor is linked to the trainee now: the link has not ended and the trainee's account is not disabled. */
export function hasActiveMentorLink(db: Db, mentorId: number, traineeId: number): boolean {
  return (
    db
      .select({ id: mentorLinks.id })
      .from(mentorLinks)
      .innerJoin(users, eq(users.id, mentorLinks.traineeId))
      .where(
        and(
          eq(mentorLinks.mentorId, mentorId),
          eq(mentorLinks.traineeId, traineeId),
          isNull(mentorLinks.endedAt),
          isNull(users.disabledAt),
        ),
      )
      .get() !== undefined
  )
}

/** The roles of the trainee's current mentor links, and the role of this mentor's link if they have one. */
export function mentorLinkRoles(
  db: Db,
  mentorId: number,
  traineeId: number,
): { own: MentorRole | undefined; all: MentorRole[] } {
  const rows = db
    .select({ mentorId: mentorLinks.mentorId, role: mentorLinks.role })
    .from(mentorLinks)
    .innerJoin(users, eq(users.id, mentorLinks.traineeId))
    .where(and(eq(mentorLinks.traineeId, traineeId), isNull(mentorLinks.endedAt), isNull(users.disabledAt)))
    .all()
  return { own: rows.find((r) => r.mentorId === mentorId)?.role, all: rows.map((r) => r.role) }
}

export function isAssignedAssessor(db: Db, assessorId: number, submissionId: number): boolean {
  return (
    db
      .select({ id: submissionAssignments.id })
      .from(submissionAssignments)
      .where(
        and(eq(submissionAssignments.assessorId, assessorId), eq(submissionAssignments.submissionId, submissionId)),
      )
      .get() !== undefined
  )
}
