import { and, asc, eq, inArray, notInArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { evidenceItems, piiFindings } from '../../db/schema'
import type { PiiFinding } from '~/privacy/pii'
import { fingerprintHash } from '~/models/evidence.server'

/** Enough of an identifier to recognise it, not enough to use it: `943•••••19`, `Mrs J•• S••••`. */
export function maskIdentifier(text: string): string {
  if (/\s/.test(text) && /[A-Za-z]/.test(text)) {
    return text.replace(
      /([A-Za-z])([A-Za-z'’-]+)/g,
      (_m, first: string, rest: string) => first + '•'.repeat(rest.length),
    )
  }
  const chars = [...text]
  if (chars.length <= 4) return '•'.repeat(chars.length)
  return chars.map((c, i) => (i < 3 || i >= chars.length - 2 || !/[\p{L}\p{N}]/u.test(c) ? c : '•')).join('')
}

export interface FieldFindings {
  field: string
  findings: PiiFinding[]
}

/**
 * Stores what a scan of the item's fields found. A finding already
 * acknowledged as not patient data stays acknowledged while the same
 * identifier remains; findings no longer present (the text was fixed) go.
 */
export function recordPiiFindings(db: Db, evidenceId: number, scanned: FieldFindings[], now = new Date()): void {
  db.transaction((tx) => {
    for (const { field, findings } of scanned) {
      const hashes = findings.map((f) => fingerprintHash(f.fingerprint))
      tx.delete(piiFindings)
        .where(
          and(
            eq(piiFindings.evidenceId, evidenceId),
            eq(piiFindings.field, field),
            ...(hashes.length ? [notInArray(piiFindings.fingerprint, hashes)] : []),
          ),
        )
        .run()
      findings.forEach((finding, i) => {
        tx.insert(piiFindings)
          .values({
            evidenceId,
            field,
            kind: finding.kind,
            fingerprint: hashes[i]!,
            maskedText: maskIdentifier(finding.text),
            reason: finding.reason,
            createdAt: now.toISOString(),
          })
          .onConflictDoUpdate({
            target: [piiFindings.evidenceId, piiFindings.field, piiFindings.fingerprint],
            set: { maskedText: maskIdentifier(finding.text), reason: finding.reason, kind: finding.kind },
          })
          .run()
      })
    }
  })
}

/** Removes findings for fields that no longer exist (a claim taken off, an attachment removed). */
export function keepOnlyFields(db: Db, evidenceId: number, fields: string[]): void {
  db.delete(piiFindings)
    .where(
      and(eq(piiFindings.evidenceId, evidenceId), ...(fields.length ? [notInArray(piiFindings.field, fields)] : [])),
    )
    .run()
}

export function listPiiFindings(db: Db, evidenceId: number) {
  return db
    .select({
      id: piiFindings.id,
      field: piiFindings.field,
      kind: piiFindings.kind,
      maskedText: piiFindings.maskedText,
      reason: piiFindings.reason,
      status: piiFindings.status,
      acknowledgedReason: piiFindings.acknowledgedReason,
    })
    .from(piiFindings)
    .where(eq(piiFindings.evidenceId, evidenceId))
    .orderBy(asc(piiFindings.id))
    .all()
}

/** Open findings for several items at once (for lists and the coverage report). */
export function countOpenFindings(db: Db, evidenceIds: number[]): Map<number, number> {
  if (evidenceIds.length === 0) return new Map()
  const rows = db
    .select({ evidenceId: piiFindings.evidenceId })
    .from(piiFindings)
    .where(and(inArray(piiFindings.evidenceId, evidenceIds), eq(piiFindings.status, 'open')))
    .all()
  const counts = new Map<number, number>()
  for (const r of rows) counts.set(r.evidenceId, (counts.get(r.evidenceId) ?? 0) + 1)
  return counts
}

/** The trainee says a finding is not patient data, and why. Scoped by the item's owner. */
export function acknowledgeFinding(
  db: Db,
  traineeId: number,
  evidenceId: number,
  findingId: number,
  reason: string,
  now = new Date(),
) {
  const owned = db
    .select({ id: piiFindings.id, kind: piiFindings.kind, field: piiFindings.field })
    .from(piiFindings)
    .innerJoin(evidenceItems, eq(evidenceItems.id, piiFindings.evidenceId))
    .where(
      and(
        eq(piiFindings.id, findingId),
        eq(piiFindings.evidenceId, evidenceId),
        eq(evidenceItems.traineeId, traineeId),
      ),
    )
    .get()
  if (!owned) return null
  db.update(piiFindings)
    .set({ status: 'acknowledged', acknowledgedReason: reason, acknowledgedAt: now.toISOString() })
    .where(eq(piiFindings.id, findingId))
    .run()
  return owned
}
