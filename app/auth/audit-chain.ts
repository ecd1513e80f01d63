import { createHash } from 'node:crypto'
import { canonicalJson } from '~/utils/canonical-json'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditFields {
  id: number
  at: string
  actorId: number | null
  action: string
  subjectType: string | null
  subjectId: string | null
  ipAddress: string | null
  detail: Record<string, unknown>
}

/** The hash a row must carry: of the previous row's hash and this row's own fields. */
export function auditHash(prevHash: string, fields: AuditFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex')
}

export type ChainResult = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: string }

/** Walks the rows in id order and reports the first one whose link does not hold. */
export function verifyChain(rows: Iterable<AuditFields & { prevHash: string; hash: string }>): ChainResult {
  let prev = GENESIS_HASH
  let count = 0
  let lastId = 0
  for (const row of rows) {
    count++
    const { prevHash, hash, ...fields } = row
    if (row.id !== lastId + 1) return { ok: false, count, brokenAt: row.id, reason: `row ${lastId + 1} is missing` }
    if (prevHash !== prev) return { ok: false, count, brokenAt: row.id, reason: 'does not follow the row before it' }
    if (auditHash(prevHash, fields) !== hash)
      return { ok: false, count, brokenAt: row.id, reason: 'its content was altered' }
    prev = hash
    lastId = row.id
  }
  return { ok: true, count }
}
