/** Mentors' roles on their links and their specialisms: who is who around a trainee. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { mentorLinks, traineeProfiles, users } from '../../db/schema'
import type { ClaimVerification } from '~/coverage/verifier-specialism'
import { standingVerifications } from '~/models/review.server'
import type { MentorRole, Specialism } from '~/vocabulary'

/** The trainee's current mentors with the part each plays, supervisors first. */
export function mentorsWithRoles(db: Db, traineeId: number) {
  return db
    .select({ mentorId: users.id, name: users.name, role: mentorLinks.role, specialism: users.specialism })
    .from(mentorLinks)
    .innerJoin(users, eq(users.id, mentorLinks.mentorId))
    .where(and(eq(mentorLinks.traineeId, traineeId), isNull(mentorLinks.endedAt), isNull(users.disabledAt)))
    .orderBy(asc(mentorLinks.role), asc(mentorLinks.createdAt))
    .all()
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'supervisor' ? -1 : 1))
}

/** The role of each of these mentors' current links to the trainee (a mentor ended or never linked is absent). */
export function linkRoleOf(db: Db, traineeId: number, mentorId: number): MentorRole | undefined {
  return db
    .select({ role: mentorLinks.role })
    .from(mentorLinks)
    .where(and(eq(mentorLinks.traineeId, traineeId), eq(mentorLinks.mentorId, mentorId), isNull(mentorLinks.endedAt)))
    .get()?.role
}

export function getSpecialism(db: Db, userId: number): Specialism | null {
  return db.select({ s: users.specialism }).from(users).where(eq(users.id, userId)).get()?.s ?? null
}

export function setSpecialism(db: Db, userId: number, specialism: Specialism | null, now = new Date()): void {
  db.update(users).set({ specialism, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
}

/**
 * For each trainee: their specialism and every standing verification of their items' current revisions, with the
 * verifier's name and recorded specialism. Two queries whatever the number of trainees or items.
 */
export function verificationsOf(
  db: Db,
  traineeIds: readonly number[],
): Map<number, { specialism: Specialism | null; verifications: ClaimVerification[] }> {
  const result = new Map<number, { specialism: Specialism | null; verifications: ClaimVerification[] }>()
  for (const id of traineeIds) result.set(id, { specialism: null, verifications: [] })
  if (traineeIds.length === 0) return result
  const ids = [...traineeIds]
  for (const p of db
    .select({ userId: traineeProfiles.userId, specialism: traineeProfiles.specialism })
    .from(traineeProfiles)
    .where(inArray(traineeProfiles.userId, ids))
    .all())
    result.get(p.userId)!.specialism = p.specialism
  for (const v of standingVerifications(db, ids))
    result.get(v.traineeId)!.verifications.push({
      evidenceId: v.evidenceId,
      areaCode: v.areaCode,
      verifierName: v.mentorName,
      verifierSpecialism: v.mentorSpecialism,
    })
  return result
}
