import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { auditEvents, users } from '../../db/schema'
import type { AuditAction } from '~/utils/audit-actions'
import { auditHash, GENESIS_HASH, verifyChain, type ChainResult } from '~/auth/audit-chain'
import { keysetPage } from '~/models/pagination.server'
import { PAGE_SIZE, type PageRequest } from '~/utils/pagination'

export interface AuditInput {
  actorId: number | null
  action: AuditAction
  subjectType?: string
  subjectId?: string | number
  ipAddress?: string | null
  detail?: Record<string, unknown>
  at?: Date
}

/**
 * Appends an event, chained to the one before. Synchronous and inside a
 * transaction of its own (or the caller's), so two events never share a predecessor.
 */
export function recordAudit(db: Db, input: AuditInput): void {
  db.transaction((tx) => {
    const last = tx
      .select({ id: auditEvents.id, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.id))
      .limit(1)
      .get()
    const fields = {
      id: (last?.id ?? 0) + 1,
      at: (input.at ?? new Date()).toISOString(),
      actorId: input.actorId,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId == null ? null : String(input.subjectId),
      ipAddress: input.ipAddress ?? null,
      detail: input.detail ?? {},
    }
    const prevHash = last?.hash ?? GENESIS_HASH
    tx.insert(auditEvents)
      .values({ ...fields, prevHash, hash: auditHash(prevHash, fields) })
      .run()
  })
}

export function verifyAuditTrail(db: Db): ChainResult {
  return verifyChain(db.select().from(auditEvents).orderBy(asc(auditEvents.id)).all())
}

export function listAuditEvents(db: Db, { actorId, limit = 100 }: { actorId?: number; limit?: number } = {}) {
  const query = db.select().from(auditEvents)
  return (actorId == null ? query : query.where(eq(auditEvents.actorId, actorId)))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all()
}

const actor = alias(users, 'actor')
const subjectUser = alias(users, 'subject_user')

/**
 * The latest events, newest first, with the email address of whoever acted
 * (null for the system) and, when the subject is an account, of that account.
 */
function auditEventsWithEmails(db: Db) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      actorEmail: actor.email,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      subjectEmail: subjectUser.email,
      ipAddress: auditEvents.ipAddress,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(
      subjectUser,
      and(eq(auditEvents.subjectType, 'user'), eq(auditEvents.subjectId, sql`CAST(${subjectUser.id} AS TEXT)`)),
    )
}

export function listRecentAuditEvents(db: Db, limit = 50) {
  return auditEventsWithEmails(db).orderBy(desc(auditEvents.id)).limit(limit).all()
}

/** One page of the audit trail, newest first, by keyset on the event's id (the chain's order). */
export function listAuditEventsPage(db: Db, request: PageRequest, size = PAGE_SIZE) {
  return keysetPage<ReturnType<typeof listRecentAuditEvents>[number]>(
    {
      id: auditEvents.id,
      order: 'desc',
      cursorOf: (row) => ({ key: '', id: row.id }),
      rows: (extra, direction, limit) =>
        auditEventsWithEmails(db)
          .where(extra)
          .orderBy(direction === 'desc' ? desc(auditEvents.id) : asc(auditEvents.id))
          .limit(limit)
          .all(),
      count: (extra) => db.select({ n: count() }).from(auditEvents).where(extra).get()!.n,
    },
    request,
    size,
  )
}
