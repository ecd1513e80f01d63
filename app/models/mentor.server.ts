import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { type Db, asDb } from '../../db/client'
import { mentorInvitations, mentorLinks, traineeProfiles, users } from '../../db/schema'
import { prepared } from '~/models/prepared.server'
import { hashToken, randomToken } from '~/utils/tokens.server'
import type { MentorRole } from '~/vocabulary'

export function createInvitation(
  db: Db,
  {
    traineeId,
    note,
    ttlMs,
    role = 'supervisor',
  }: { traineeId: number; note: string; ttlMs: number; role?: MentorRole },
  now = new Date(),
): { id: number; token: string; expiresAt: string } {
  const token = randomToken()
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString()
  const { id } = db
    .insert(mentorInvitations)
    .values({ traineeId, note, role, tokenHash: hashToken(token), createdAt: now.toISOString(), expiresAt })
    .returning({ id: mentorInvitations.id })
    .get()
  return { id, token, expiresAt }
}

/** Invitations still waiting to be used. */
export function listOpenInvitations(db: Db, traineeId: number, now = new Date()) {
  return db
    .select({
      id: mentorInvitations.id,
      note: mentorInvitations.note,
      role: mentorInvitations.role,
      createdAt: mentorInvitations.createdAt,
      expiresAt: mentorInvitations.expiresAt,
    })
    .from(mentorInvitations)
    .where(
      and(
        eq(mentorInvitations.traineeId, traineeId),
        isNull(mentorInvitations.acceptedAt),
        isNull(mentorInvitations.revokedAt),
        gt(mentorInvitations.expiresAt, now.toISOString()),
      ),
    )
    .orderBy(desc(mentorInvitations.createdAt))
    .all()
}

/** Revokes one of this trainee's open invitations; false if there is none by that id. */
export function revokeInvitation(db: Db, traineeId: number, invitationId: number, now = new Date()): boolean {
  return (
    db
      .update(mentorInvitations)
      .set({ revokedAt: now.toISOString() })
      .where(
        and(
          eq(mentorInvitations.id, invitationId),
          eq(mentorInvitations.traineeId, traineeId),
          isNull(mentorInvitations.acceptedAt),
          isNull(mentorInvitations.revokedAt),
        ),
      )
      .run().changes === 1
  )
}

/** An invitation that can still be accepted, with the inviting trainee's name; undefined otherwise. */
export function findUsableInvitation(db: Db, token: string, now = new Date()) {
  return db
    .select({
      id: mentorInvitations.id,
      traineeId: mentorInvitations.traineeId,
      traineeName: users.name,
      role: mentorInvitations.role,
      specialism: traineeProfiles.specialism,
      employer: traineeProfiles.employer,
      expiresAt: mentorInvitations.expiresAt,
    })
    .from(mentorInvitations)
    .innerJoin(users, eq(users.id, mentorInvitations.traineeId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(
      and(
        eq(mentorInvitations.tokenHash, hashToken(token)),
        isNull(mentorInvitations.acceptedAt),
        isNull(mentorInvitations.revokedAt),
        gt(mentorInvitations.expiresAt, now.toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .get()
}

export type AcceptOutcome = { ok: true; traineeId: number; linkId: number } | { ok: false; reason: 'unusable' | 'self' }

/**
 * Uses an invitation: single use, so of two simultaneous accepts one wins.
 * The mentor becomes linked to the trainee (if not already).
 */
export function acceptInvitation(db: Db, token: string, mentorId: number, now = new Date()): AcceptOutcome {
  return db.transaction((tx) => {
    const invitation = findUsableInvitation(asDb(tx), token, now)
    if (!invitation) return { ok: false, reason: 'unusable' } as const
    if (invitation.traineeId === mentorId) return { ok: false, reason: 'self' } as const
    const claimed = tx
      .update(mentorInvitations)
      .set({ acceptedAt: now.toISOString(), acceptedBy: mentorId })
      .where(and(eq(mentorInvitations.id, invitation.id), isNull(mentorInvitations.acceptedAt)))
      .run().changes
    if (claimed !== 1) return { ok: false, reason: 'unusable' } as const
    const existing = tx
      .select({ id: mentorLinks.id })
      .from(mentorLinks)
      .where(
        and(
          eq(mentorLinks.traineeId, invitation.traineeId),
          eq(mentorLinks.mentorId, mentorId),
          isNull(mentorLinks.endedAt),
        ),
      )
      .get()
    // Already linked: the link takes the role of the newer invitation.
    if (existing) tx.update(mentorLinks).set({ role: invitation.role }).where(eq(mentorLinks.id, existing.id)).run()
    const linkId =
      existing?.id ??
      tx
        .insert(mentorLinks)
        .values({ traineeId: invitation.traineeId, mentorId, role: invitation.role, createdAt: now.toISOString() })
        .returning({ id: mentorLinks.id })
        .get().id
    return { ok: true, traineeId: invitation.traineeId, linkId } as const
  })
}

export function getActiveLink(db: Db, traineeId: number, mentorId: number) {
  return db
    .select({ id: mentorLinks.id, createdAt: mentorLinks.createdAt })
    .from(mentorLinks)
    .where(and(eq(mentorLinks.traineeId, traineeId), eq(mentorLinks.mentorId, mentorId), isNull(mentorLinks.endedAt)))
    .get()
}

export function endLink(db: Db, linkId: number, endedBy: number, now = new Date()): boolean {
  return (
    db
      .update(mentorLinks)
      .set({ endedAt: now.toISOString(), endedBy })
      .where(and(eq(mentorLinks.id, linkId), isNull(mentorLinks.endedAt)))
      .run().changes === 1
  )
}

/** Ends every active link a user is part of, as trainee or mentor. Returns how many ended. */
export function endAllLinksOf(db: Db, userId: number, endedBy: number, now = new Date()): number {
  const set = { endedAt: now.toISOString(), endedBy }
  return db.transaction(
    (tx) =>
      tx
        .update(mentorLinks)
        .set(set)
        .where(and(eq(mentorLinks.traineeId, userId), isNull(mentorLinks.endedAt)))
        .run().changes +
      tx
        .update(mentorLinks)
        .set(set)
        .where(and(eq(mentorLinks.mentorId, userId), isNull(mentorLinks.endedAt)))
        .run().changes,
  )
}

// On the trainee's dashboard and in permission checks: prepared once per connection.
const mentorsOf = (db: Db) =>
  db
    .select({
      linkId: mentorLinks.id,
      mentorId: users.id,
      name: users.name,
      email: users.email,
      role: mentorLinks.role,
      since: mentorLinks.createdAt,
    })
    .from(mentorLinks)
    .innerJoin(users, eq(users.id, mentorLinks.mentorId))
    .where(
      and(
        eq(mentorLinks.traineeId, sql.placeholder('traineeId')),
        isNull(mentorLinks.endedAt),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(mentorLinks.createdAt))
    .prepare()

export function listMentorsOfTrainee(db: Db, traineeId: number) {
  return prepared(db, mentorsOf).all({ traineeId })
}

/** The trainees linked to a mentor now: the only ones the mentor may see. */
export function listTraineesOfMentor(db: Db, mentorId: number) {
  return db
    .select({
      linkId: mentorLinks.id,
      traineeId: users.id,
      name: users.name,
      email: users.email,
      role: mentorLinks.role,
      since: mentorLinks.createdAt,
      specialism: traineeProfiles.specialism,
      employer: traineeProfiles.employer,
      targetSubmissionDate: traineeProfiles.targetSubmissionDate,
    })
    .from(mentorLinks)
    .innerJoin(users, eq(users.id, mentorLinks.traineeId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(and(eq(mentorLinks.mentorId, mentorId), isNull(mentorLinks.endedAt), isNull(users.disabledAt)))
    .orderBy(asc(users.name))
    .all()
}
