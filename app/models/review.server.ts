import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { type Db, asDb } from '../../db/client'
import {
  claimReviews,
  competenceAreas,
  evidenceAttachments,
  evidenceClaims,
  evidenceComments,
  evidenceItems,
  evidenceRevisions,
  mentorDeclarations,
  mentorLinks,
  users,
  type ClaimDecision,
  type RevisionSnapshot,
} from '../../db/schema'
import { canonicalJson } from '~/utils/canonical-json'
import { changedSinceVerification, reviewStatus, standingDecisions } from '~/review/status'
import type { Specialism } from '~/vocabulary'
import { claimCodesOf, claimsOfItems, currentPortfolio } from '~/models/evidence.server'
import { notFound } from '~/utils/responses'

/** Rows grouped by a key, each group in the rows' order. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/** The item as it stands now, in the shape revisions keep. */
export function snapshotOf(db: Db, evidenceId: number): RevisionSnapshot {
  const snapshot = snapshotsOf(db, [evidenceId]).get(evidenceId)
  if (!snapshot) throw new Error(`No evidence item ${evidenceId}`)
  return snapshot
}

/** These items as they stand now, in the shape revisions keep: four queries however many items. */
export function snapshotsOf(db: Db, evidenceIds: readonly number[]): Map<number, RevisionSnapshot> {
  const result = new Map<number, RevisionSnapshot>()
  if (evidenceIds.length === 0) return result
  const ids = [...evidenceIds]
  const items = db
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      activityStart: evidenceItems.activityStart,
      activityEnd: evidenceItems.activityEnd,
      evidenceType: evidenceItems.evidenceType,
      role: evidenceItems.role,
      description: evidenceItems.description,
      reflection: evidenceItems.reflection,
    })
    .from(evidenceItems)
    .where(inArray(evidenceItems.id, ids))
    .all()
  const claimsOf = claimsOfItems(db, ids)
  const attachments = db
    .select({
      evidenceId: evidenceAttachments.evidenceId,
      sha256: evidenceAttachments.fileSha256,
      originalName: evidenceAttachments.originalName,
    })
    .from(evidenceAttachments)
    .where(inArray(evidenceAttachments.evidenceId, ids))
    .orderBy(asc(evidenceAttachments.id))
    .all()
  const attachmentsOf = groupBy(attachments, (a) => a.evidenceId)
  for (const { id, ...item } of items) {
    result.set(id, {
      ...item,
      claims: (claimsOf.get(id) ?? []).map((c) => ({
        areaCode: c.code,
        statement: c.statement,
        competencies: c.competencies.map((x) => x.slug),
      })),
      attachments: (attachmentsOf.get(id) ?? []).map(({ sha256, originalName }) => ({ sha256, originalName })),
    })
  }
  return result
}

function addRevision(db: Db, evidenceId: number, number: number, now: Date) {
  db.insert(evidenceRevisions)
    .values({ evidenceId, number, snapshot: snapshotOf(db, evidenceId), createdAt: now.toISOString() })
    .run()
}

export type SendOutcome = { sent: number[]; refused: { id: number; reason: string }[] }

/**
 * Sends the trainee's items for review. An item needs at least one claim;
 * its first sending freezes revision 1. It then waits in each linked
 * mentor's queue.
 */
export function sendForReview(
  db: Db,
  traineeId: number,
  evidenceIds: readonly number[],
  now = new Date(),
): SendOutcome {
  return db.transaction((tx) => {
    const t = asDb(tx)
    const outcome: SendOutcome = { sent: [], refused: [] }
    for (const id of new Set(evidenceIds)) {
      const item = tx
        .select({ id: evidenceItems.id, status: evidenceItems.status, currentRevision: evidenceItems.currentRevision })
        .from(evidenceItems)
        .where(and(eq(evidenceItems.id, id), eq(evidenceItems.traineeId, traineeId)))
        .get()
      if (!item) {
        outcome.refused.push({ id, reason: 'not found' })
        continue
      }
      const claims = tx
        .select({ id: evidenceClaims.id })
        .from(evidenceClaims)
        .where(eq(evidenceClaims.evidenceId, id))
        .all()
      if (claims.length === 0) {
        outcome.refused.push({ id, reason: 'Claim at least one area of competence before sending it for review.' })
        continue
      }
      if (item.status === 'awaiting_review' || item.status === 'verified') {
        outcome.refused.push({
          id,
          reason: item.status === 'verified' ? 'It is already verified.' : 'It is already waiting for review.',
        })
        continue
      }
      let revision = item.currentRevision
      if (revision === 0) {
        revision = 1
        addRevision(t, id, revision, now)
      }
      tx.update(evidenceItems)
        .set({ status: 'awaiting_review', currentRevision: revision, reviewRequestedAt: now.toISOString() })
        .where(eq(evidenceItems.id, id))
        .run()
      outcome.sent.push(id)
    }
    return outcome
  })
}

/**
 * After an item was saved: if it has been reviewed before, the save becomes a
 * new revision, earlier verifications stop counting ("changed since
 * verification") and the item goes back into the queue.
 */
export function recordRevisionAfterSave(db: Db, evidenceId: number, now = new Date()): { revision: number } | null {
  return db.transaction((tx) => {
    const item = tx
      .select({ currentRevision: evidenceItems.currentRevision })
      .from(evidenceItems)
      .where(eq(evidenceItems.id, evidenceId))
      .get()
    if (!item || item.currentRevision === 0) return null
    // A save that changed nothing is not a new version: verifications still stand.
    const latest = tx
      .select({ snapshot: evidenceRevisions.snapshot })
      .from(evidenceRevisions)
      .where(and(eq(evidenceRevisions.evidenceId, evidenceId), eq(evidenceRevisions.number, item.currentRevision)))
      .get()
    if (latest && canonicalJson(latest.snapshot) === canonicalJson(snapshotOf(asDb(tx), evidenceId))) return null
    const revision = item.currentRevision + 1
    addRevision(asDb(tx), evidenceId, revision, now)
    tx.update(evidenceItems)
      .set({ currentRevision: revision, status: 'awaiting_review', reviewRequestedAt: now.toISOString() })
      .where(eq(evidenceItems.id, evidenceId))
      .run()
    return { revision }
  })
}

export function listRevisions(db: Db, evidenceId: number) {
  return db
    .select({
      number: evidenceRevisions.number,
      createdAt: evidenceRevisions.createdAt,
      snapshot: evidenceRevisions.snapshot,
    })
    .from(evidenceRevisions)
    .where(eq(evidenceRevisions.evidenceId, evidenceId))
    .orderBy(asc(evidenceRevisions.number))
    .all()
}

function decisionsOf(db: Db, evidenceId: number) {
  return db
    .select({
      id: claimReviews.id,
      areaCode: claimReviews.areaCode,
      revision: claimReviews.revision,
      decision: claimReviews.decision,
      comment: claimReviews.comment,
      createdAt: claimReviews.createdAt,
      mentorId: claimReviews.mentorId,
      mentorName: users.name,
    })
    .from(claimReviews)
    .innerJoin(users, eq(users.id, claimReviews.mentorId))
    .where(eq(claimReviews.evidenceId, evidenceId))
    .orderBy(asc(claimReviews.id))
    .all()
}

/** Everything about an item's review: its revision, the standing decision per claim, the history. */
export function getReviewState(db: Db, evidenceId: number) {
  const item = db
    .select({
      currentRevision: evidenceItems.currentRevision,
      status: evidenceItems.status,
      reviewRequestedAt: evidenceItems.reviewRequestedAt,
    })
    .from(evidenceItems)
    .where(eq(evidenceItems.id, evidenceId))
    .get()
  if (!item) return null
  const decisions = decisionsOf(db, evidenceId)
  const standing = standingDecisions(decisions, item.currentRevision)
  const latestByArea = new Map<string, (typeof decisions)[number]>()
  for (const d of decisions) if (d.revision === item.currentRevision) latestByArea.set(d.areaCode, d)
  return {
    ...item,
    decisions,
    standing: Object.fromEntries(standing) as Record<string, ClaimDecision>,
    latest: Object.fromEntries(
      [...latestByArea].map(([code, d]) => [
        code,
        {
          decision: d.decision,
          comment: d.comment,
          mentorName: d.mentorName,
          createdAt: d.createdAt,
          revision: d.revision,
        },
      ]),
    ),
    changedSinceVerification: changedSinceVerification(decisions, item.currentRevision),
  }
}

export class StaleRevisionError extends Error {
  constructor(readonly current: number) {
    super(`The item has changed since you opened it: it is now revision ${current}.`)
  }
}

/**
 * Records a mentor's decisions on the claims of one revision. Refused when
 * that revision is no longer the current one: a verification must be of the
 * exact version that will be submitted.
 */
export function decideClaims(
  db: Db,
  mentorId: number,
  evidenceId: number,
  revision: number,
  decisions: { areaCode: string; decision: ClaimDecision; comment: string }[],
  now = new Date(),
) {
  return db.transaction((tx) => {
    const item = tx
      .select({ currentRevision: evidenceItems.currentRevision })
      .from(evidenceItems)
      .where(eq(evidenceItems.id, evidenceId))
      .get()
    if (!item) throw notFound()
    if (item.currentRevision !== revision || revision === 0) throw new StaleRevisionError(item.currentRevision)
    const codes = new Set(
      tx
        .select({ code: competenceAreas.code })
        .from(evidenceClaims)
        .innerJoin(competenceAreas, eq(competenceAreas.id, evidenceClaims.areaId))
        .where(eq(evidenceClaims.evidenceId, evidenceId))
        .all()
        .map((c) => c.code),
    )
    for (const d of decisions) {
      if (!codes.has(d.areaCode)) continue
      tx.insert(claimReviews)
        .values({
          evidenceId,
          revision,
          areaCode: d.areaCode,
          mentorId,
          decision: d.decision,
          comment: d.comment,
          createdAt: now.toISOString(),
        })
        .run()
    }
    const standing = standingDecisions(decisionsOf(asDb(tx), evidenceId), revision)
    const status = reviewStatus([...codes], standing)
    tx.update(evidenceItems).set({ status }).where(eq(evidenceItems.id, evidenceId)).run()
    return { status }
  })
}

/** A claim whose standing decision on its item's current revision is "verified": who verified it, and when. */
export interface StandingVerification {
  traineeId: number
  evidenceId: number
  areaCode: string
  mentorName: string
  /** The verifier's recorded specialism, if any. */
  mentorSpecialism: Specialism | null
  verifiedAt: string
}

/**
 * Every claim of these trainees' items verified on the item's current revision: the latest decision on that
 * revision stands, and it is "verified". In order of item, then of each claim's first decision. One query
 * whatever the number of trainees or items.
 */
export function standingVerifications(db: Db, traineeIds: readonly number[]): StandingVerification[] {
  if (traineeIds.length === 0) return []
  const rows = db
    .select({
      traineeId: evidenceItems.traineeId,
      evidenceId: claimReviews.evidenceId,
      areaCode: claimReviews.areaCode,
      decision: claimReviews.decision,
      createdAt: claimReviews.createdAt,
      mentorName: users.name,
      mentorSpecialism: users.specialism,
    })
    .from(claimReviews)
    .innerJoin(
      evidenceItems,
      and(eq(evidenceItems.id, claimReviews.evidenceId), eq(evidenceItems.currentRevision, claimReviews.revision)),
    )
    .innerJoin(users, eq(users.id, claimReviews.mentorId))
    .where(inArray(evidenceItems.traineeId, [...traineeIds]))
    .orderBy(asc(claimReviews.createdAt), asc(claimReviews.id))
    .all()
  // The latest decision on the current revision stands (rows are in time order).
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) latest.set(`${row.evidenceId}:${row.areaCode}`, row)
  return [...latest.values()]
    .filter((row) => row.decision === 'verified')
    .sort((a, b) => a.evidenceId - b.evidenceId)
    .map(({ decision: _decision, createdAt, ...row }) => ({ ...row, verifiedAt: createdAt }))
}

/** Claims verified on their item's current revision, for these trainees' items: `evidenceId:areaCode` keys. */
export function verifiedClaimKeys(db: Db, traineeIds: readonly number[]): Set<string> {
  return new Set(standingVerifications(db, traineeIds).map((v) => `${v.evidenceId}:${v.areaCode}`))
}

/** The review queue of a mentor: linked trainees' items waiting, oldest first. */
export function reviewQueue(db: Db, mentorId: number) {
  const rows = db
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      traineeId: evidenceItems.traineeId,
      traineeName: users.name,
      currentRevision: evidenceItems.currentRevision,
      reviewRequestedAt: evidenceItems.reviewRequestedAt,
    })
    .from(evidenceItems)
    .innerJoin(
      mentorLinks,
      and(
        eq(mentorLinks.traineeId, evidenceItems.traineeId),
        eq(mentorLinks.mentorId, mentorId),
        isNull(mentorLinks.endedAt),
      ),
    )
    .innerJoin(users, eq(users.id, evidenceItems.traineeId))
    .where(and(eq(evidenceItems.status, 'awaiting_review'), isNull(users.disabledAt)))
    .orderBy(asc(evidenceItems.reviewRequestedAt), asc(evidenceItems.id))
    .all()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const codes = claimCodesOf(db, ids)
  const reviewedBefore = new Set(
    db
      .select({ evidenceId: claimReviews.evidenceId })
      .from(claimReviews)
      .innerJoin(evidenceItems, eq(evidenceItems.id, claimReviews.evidenceId))
      .where(
        and(
          inArray(claimReviews.evidenceId, ids),
          eq(claimReviews.mentorId, mentorId),
          sql`${claimReviews.revision} < ${evidenceItems.currentRevision}`,
        ),
      )
      .all()
      .map((r) => r.evidenceId),
  )
  return rows.map((r) => ({
    ...r,
    codes: codes.get(r.id) ?? [],
    changedSinceReview: reviewedBefore.has(r.id),
  }))
}

export function addComment(
  db: Db,
  input: {
    evidenceId: number
    authorId: number
    parentId?: number | null
    areaCode?: string | null
    body: string
    forAssessor?: boolean
  },
  now = new Date(),
): number {
  return db.transaction((tx) => {
    const item = tx
      .select({ currentRevision: evidenceItems.currentRevision })
      .from(evidenceItems)
      .where(eq(evidenceItems.id, input.evidenceId))
      .get()
    if (!item) throw notFound()
    let parentId: number | null = null
    if (input.parentId) {
      // Replies thread under a comment of the same item only.
      const parent = tx
        .select({ id: evidenceComments.id })
        .from(evidenceComments)
        .where(and(eq(evidenceComments.id, input.parentId), eq(evidenceComments.evidenceId, input.evidenceId)))
        .get()
      parentId = parent?.id ?? null
    }
    return tx
      .insert(evidenceComments)
      .values({
        evidenceId: input.evidenceId,
        authorId: input.authorId,
        parentId,
        areaCode: input.areaCode ?? null,
        revision: item.currentRevision,
        body: input.body,
        forAssessor: input.forAssessor ?? false,
        createdAt: now.toISOString(),
      })
      .returning({ id: evidenceComments.id })
      .get().id
  })
}

export function listComments(db: Db, evidenceId: number) {
  return db
    .select({
      id: evidenceComments.id,
      parentId: evidenceComments.parentId,
      authorId: evidenceComments.authorId,
      authorName: users.name,
      authorRole: users.role,
      areaCode: evidenceComments.areaCode,
      revision: evidenceComments.revision,
      body: evidenceComments.body,
      forAssessor: evidenceComments.forAssessor,
      createdAt: evidenceComments.createdAt,
    })
    .from(evidenceComments)
    .innerJoin(users, eq(users.id, evidenceComments.authorId))
    .where(eq(evidenceComments.evidenceId, evidenceId))
    .orderBy(asc(evidenceComments.id))
    .all()
}

/** The declaration standing for a trainee's current portfolio, if any. */
export function currentDeclaration(db: Db, traineeId: number) {
  return db
    .select({
      id: mentorDeclarations.id,
      mentorId: mentorDeclarations.mentorId,
      mentorName: users.name,
      /** The signer's role on their link now; null once the link has ended. */
      mentorRole: mentorLinks.role,
      text: mentorDeclarations.text,
      signedAt: mentorDeclarations.signedAt,
    })
    .from(mentorDeclarations)
    .innerJoin(users, eq(users.id, mentorDeclarations.mentorId))
    .leftJoin(
      mentorLinks,
      and(
        eq(mentorLinks.traineeId, mentorDeclarations.traineeId),
        eq(mentorLinks.mentorId, mentorDeclarations.mentorId),
        isNull(mentorLinks.endedAt),
      ),
    )
    .where(and(eq(mentorDeclarations.traineeId, traineeId), isNull(mentorDeclarations.voidedAt)))
    .orderBy(desc(mentorDeclarations.id))
    .get()
}

export function lastVoidedDeclaration(db: Db, traineeId: number) {
  return db
    .select({
      mentorName: users.name,
      signedAt: mentorDeclarations.signedAt,
      voidedAt: mentorDeclarations.voidedAt,
      voidReason: mentorDeclarations.voidReason,
    })
    .from(mentorDeclarations)
    .innerJoin(users, eq(users.id, mentorDeclarations.mentorId))
    .where(and(eq(mentorDeclarations.traineeId, traineeId), sql`${mentorDeclarations.voidedAt} IS NOT NULL`))
    .orderBy(desc(mentorDeclarations.id))
    .get()
}

export function signDeclaration(db: Db, mentorId: number, traineeId: number, text: string, now = new Date()): number {
  return db.transaction((tx) => {
    const t = asDb(tx)
    const portfolio = currentPortfolio(t, traineeId, now)
    // A newer signature replaces the mentor's own earlier one.
    tx.update(mentorDeclarations)
      .set({ voidedAt: now.toISOString(), voidReason: 'Signed again' })
      .where(
        and(
          eq(mentorDeclarations.traineeId, traineeId),
          eq(mentorDeclarations.mentorId, mentorId),
          isNull(mentorDeclarations.voidedAt),
        ),
      )
      .run()
    return tx
      .insert(mentorDeclarations)
      .values({ portfolioId: portfolio.id, traineeId, mentorId, text, signedAt: now.toISOString() })
      .returning({ id: mentorDeclarations.id })
      .get().id
  })
}

/** Voids every standing declaration for the trainee; returns the mentors whose declaration it was. */
export function voidDeclarations(
  db: Db,
  traineeId: number,
  reason: string,
  now = new Date(),
): { id: number; mentorId: number }[] {
  return db
    .update(mentorDeclarations)
    .set({ voidedAt: now.toISOString(), voidReason: reason })
    .where(and(eq(mentorDeclarations.traineeId, traineeId), isNull(mentorDeclarations.voidedAt)))
    .returning({ id: mentorDeclarations.id, mentorId: mentorDeclarations.mentorId })
    .all()
}
