import { asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { auditEvents } from '../../db/schema'
import { auditHash, GENESIS_HASH, verifyChain, type ChainResult } from '../auth/audit-chain'

export interface AuditInput {
  actorId: number | null
  action: string
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
    tx.insert(auditEvents).values({ ...fields, prevHash, hash: auditHash(prevHash, fields) }).run()
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
