import { and, asc, count, desc, eq, gt, inArray, isNull, max } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { assessorLinkOpenings, assessorLinks, submissionAssignments, submissions, users } from '../../db/schema'
import { linkStatus, shortUserAgent, type LinkOpening } from '~/submission/assessor-links'
import { hashToken, randomToken } from '~/utils/tokens.server'
import { keysetPage } from '~/models/pagination.server'
import { PAGE_SIZE, type PageRequest } from '~/utils/pagination'

/** A link token as `randomToken` makes them: 32 bytes, base64url. Anything else is not worth a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/
const USER_AGENT_MAX = 500

export function createAssessorLink(
  db: Db,
  {
    submissionId,
    recipient,
    expiresAt,
    createdBy,
  }: { submissionId: number; recipient: string; expiresAt: Date; createdBy: number },
  now = new Date(),
): { id: number; token: string } {
  const token = randomToken()
  const { id } = db
    .insert(assessorLinks)
    .values({
      submissionId,
      tokenHash: hashToken(token),
      recipient,
      createdBy,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    })
    .returning({ id: assessorLinks.id })
    .get()
  return { id, token }
}

/** A submission's links, newest first, each with its status and how often it has been opened. */
export function listAssessorLinks(db: Db, submissionId: number, now = new Date()) {
  const rows = db
    .select({
      id: assessorLinks.id,
      recipient: assessorLinks.recipient,
      createdAt: assessorLinks.createdAt,
      expiresAt: assessorLinks.expiresAt,
      revokedAt: assessorLinks.revokedAt,
      createdByName: users.name,
      openings: count(assessorLinkOpenings.id),
      lastOpenedAt: max(assessorLinkOpenings.openedAt),
    })
    .from(assessorLinks)
    .innerJoin(users, eq(users.id, assessorLinks.createdBy))
    .leftJoin(assessorLinkOpenings, eq(assessorLinkOpenings.linkId, assessorLinks.id))
    .where(eq(assessorLinks.submissionId, submissionId))
    .groupBy(assessorLinks.id)
    .orderBy(desc(assessorLinks.createdAt), desc(assessorLinks.id))
    .all()
  return rows.map((row) => ({ ...row, status: linkStatus(row, now) }))
}

export type AssessorLinkRow = ReturnType<typeof listAssessorLinks>[number]

/** Revokes one of this submission's links; false if it is not one of them or was already revoked. */
export function revokeAssessorLink(db: Db, submissionId: number, linkId: number, now = new Date()): boolean {
  return (
    db
      .update(assessorLinks)
      .set({ revokedAt: now.toISOString() })
      .where(
        and(
          eq(assessorLinks.id, linkId),
          eq(assessorLinks.submissionId, submissionId),
          isNull(assessorLinks.revokedAt),
        ),
      )
      .run().changes === 1
  )
}

/** The link behind a token if it still works: not revoked, not expired. */
export function findUsableLink(
  db: Db,
  token: string,
  now = new Date(),
): { linkId: number; submissionId: number } | undefined {
  if (!TOKEN_SHAPE.test(token)) return undefined
  return db
    .select({ linkId: assessorLinks.id, submissionId: assessorLinks.submissionId })
    .from(assessorLinks)
    .where(
      and(
        eq(assessorLinks.tokenHash, hashToken(token)),
        isNull(assessorLinks.revokedAt),
        gt(assessorLinks.expiresAt, now.toISOString()),
      ),
    )
    .get()
}

export function recordLinkOpening(
  db: Db,
  linkId: number,
  { ipAddress, userAgent, what }: { ipAddress: string; userAgent: string; what: LinkOpening },
  now = new Date(),
): void {
  db.insert(assessorLinkOpenings)
    .values({ linkId, openedAt: now.toISOString(), ipAddress, userAgent: userAgent.slice(0, USER_AGENT_MAX), what })
    .run()
}

const OPENINGS_SHOWN = 500

/** Every opening of a submission's links, newest first (the latest 500). */
export function listLinkOpenings(db: Db, submissionId: number) {
  return db
    .select({
      id: assessorLinkOpenings.id,
      linkId: assessorLinks.id,
      recipient: assessorLinks.recipient,
      openedAt: assessorLinkOpenings.openedAt,
      ipAddress: assessorLinkOpenings.ipAddress,
      userAgent: assessorLinkOpenings.userAgent,
      what: assessorLinkOpenings.what,
    })
    .from(assessorLinkOpenings)
    .innerJoin(assessorLinks, eq(assessorLinks.id, assessorLinkOpenings.linkId))
    .where(eq(assessorLinks.submissionId, submissionId))
    .orderBy(desc(assessorLinkOpenings.openedAt), desc(assessorLinkOpenings.id))
    .limit(OPENINGS_SHOWN)
    .all()
    .map((row) => ({ ...row, userAgentShort: shortUserAgent(row.userAgent), what: row.what as LinkOpening }))
}

/** Assessor accounts that can take on a submission now, by name. */
export function listActiveAssessors(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, 'assessor'), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.id))
    .all()
}

export function isActiveAssessor(db: Db, userId: number): boolean {
  return (
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, 'assessor'), isNull(users.disabledAt)))
      .get() !== undefined
  )
}

/**
 * Assigns an assessor to a submission; assigning twice changes nothing.
 * True if this call made the assignment. The caller has checked the account
 * is an active assessor.
 */
export function assignAssessor(
  db: Db,
  submissionId: number,
  assessorId: number,
  assignedBy: number,
  now = new Date(),
): boolean {
  return (
    db
      .insert(submissionAssignments)
      .values({ submissionId, assessorId, assignedBy, createdAt: now.toISOString() })
      .onConflictDoNothing({ target: [submissionAssignments.submissionId, submissionAssignments.assessorId] })
      .run().changes === 1
  )
}

/**
 * Ends an assessor's assignment to a submission: they can no longer open or
 * judge it. Any assessment they made stays on record. False if they were not assigned.
 */
export function unassignAssessor(db: Db, submissionId: number, assessorId: number): boolean {
  return (
    db
      .delete(submissionAssignments)
      .where(
        and(eq(submissionAssignments.submissionId, submissionId), eq(submissionAssignments.assessorId, assessorId)),
      )
      .run().changes === 1
  )
}

function submissionRows(db: Db) {
  return db
    .select({
      id: submissions.id,
      number: submissions.number,
      snapshotSha256: submissions.snapshotSha256,
      createdAt: submissions.createdAt,
      traineeId: submissions.traineeId,
      traineeName: users.name,
      traineeEmail: users.email,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.traineeId))
}

/** Every submission, newest first, with its trainee, assessors and how many of its links still work. */
export function listSubmissionsForAdmin(db: Db, now = new Date()) {
  const rows = submissionRows(db).orderBy(desc(submissions.createdAt), desc(submissions.id)).all()
  return withAssignments(db, rows, now)
}

/** One page of `listSubmissionsForAdmin`, by keyset on (submitted at, id). */
export function listSubmissionsForAdminPage(db: Db, request: PageRequest, now = new Date(), size = PAGE_SIZE) {
  const { rows, page } = keysetPage<ReturnType<typeof listSubmissionsForAdmin>[number]>(
    {
      key: submissions.createdAt,
      id: submissions.id,
      order: 'desc',
      cursorOf: (row) => ({ key: row.createdAt, id: row.id }),
      rows: (extra, direction, limit) =>
        withAssignments(
          db,
          submissionRows(db)
            .where(extra)
            .orderBy(
              direction === 'desc' ? desc(submissions.createdAt) : asc(submissions.createdAt),
              direction === 'desc' ? desc(submissions.id) : asc(submissions.id),
            )
            .limit(limit)
            .all(),
          now,
        ),
      count: (extra) => db.select({ n: count() }).from(submissions).where(extra).get()!.n,
    },
    request,
    size,
  )
  return { submissions: rows, page }
}

function withAssignments<T extends { id: number }>(db: Db, rows: T[], now: Date) {
  const ids = rows.map((r) => r.id)
  if (ids.length === 0) return []
  const assigned = db
    .select({ submissionId: submissionAssignments.submissionId, assessorId: users.id, name: users.name })
    .from(submissionAssignments)
    .innerJoin(users, eq(users.id, submissionAssignments.assessorId))
    .where(inArray(submissionAssignments.submissionId, ids))
    .orderBy(asc(users.name))
    .all()
  const active = db
    .select({ submissionId: assessorLinks.submissionId, n: count() })
    .from(assessorLinks)
    .where(
      and(
        inArray(assessorLinks.submissionId, ids),
        isNull(assessorLinks.revokedAt),
        gt(assessorLinks.expiresAt, now.toISOString()),
      ),
    )
    .groupBy(assessorLinks.submissionId)
    .all()
  const activeBy = new Map(active.map((a) => [a.submissionId, a.n]))
  const assessorsBy = new Map<number, { id: number; name: string }[]>()
  for (const a of assigned) {
    const list = assessorsBy.get(a.submissionId) ?? []
    list.push({ id: a.assessorId, name: a.name })
    assessorsBy.set(a.submissionId, list)
  }
  return rows.map((row) => ({
    ...row,
    assessors: assessorsBy.get(row.id) ?? [],
    activeLinks: activeBy.get(row.id) ?? 0,
  }))
}
