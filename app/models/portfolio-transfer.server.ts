import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { evidenceAttachments, evidenceItems } from '../../db/schema'
import type { EvidenceInput } from '~/evidence/form'
import { scanEvidence } from '~/evidence/scan'
import type { PiiFinding } from '~/privacy/pii'
import { isConvertible } from '~/conversion/convertible'
import { enqueueConversion } from '~/models/conversions.server'
import {
  countEvidence,
  createEvidence,
  currentPortfolio,
  listAttachmentFiles,
  UnknownCompetenceError,
  type NewAttachment,
} from '~/models/evidence.server'
import { recordPiiFindings } from '~/models/pii.server'
import { getSummaryStatement, setSummaryStatement } from '~/models/submission.server'

/** The ids of the items in the trainee's current portfolio, in order of activity date. */
export function portfolioItemIds(db: Db, traineeId: number, now: Date): number[] {
  const portfolio = currentPortfolio(db, traineeId, now)
  return db
    .select({ id: evidenceItems.id })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.traineeId, traineeId), eq(evidenceItems.portfolioId, portfolio.id)))
    .orderBy(asc(evidenceItems.activityStart), asc(evidenceItems.id))
    .all()
    .map((r) => r.id)
}

/** What the trainee's portfolio holds, for the page that exports and imports it. */
export function portfolioContents(db: Db, traineeId: number, now = new Date()) {
  const portfolio = currentPortfolio(db, traineeId, now)
  const row = db
    .select({
      items: sql<number>`count(distinct ${evidenceItems.id})`,
      attachments: sql<number>`count(${evidenceAttachments.id})`,
    })
    .from(evidenceItems)
    .leftJoin(evidenceAttachments, eq(evidenceAttachments.evidenceId, evidenceItems.id))
    .where(and(eq(evidenceItems.traineeId, traineeId), eq(evidenceItems.portfolioId, portfolio.id)))
    .get()
  return {
    items: row?.items ?? 0,
    attachments: row?.attachments ?? 0,
    hasSummaryStatement: getSummaryStatement(db, traineeId, now).trim() !== '',
    empty: portfolioIsEmpty(db, traineeId, now),
  }
}

/** Nothing to overwrite: no evidence and no summary statement yet. */
export function portfolioIsEmpty(db: Db, traineeId: number, now: Date): boolean {
  return countEvidence(db, traineeId) === 0 && getSummaryStatement(db, traineeId, now).trim() === ''
}

/** An item of an imported file, its attached files checked and stored, and what their scan found. */
export interface ImportedItem {
  input: EvidenceInput
  files: NewAttachment[]
  /** The findings of each attached file, in the order of `files`. */
  fileFindings: PiiFinding[][]
}

export type SaveImportOutcome =
  | { ok: true; attachments: number; claims: number; summaryStatement: boolean }
  | { ok: false; reason: 'not-empty' }
  /** `problems` name where in the file each was found (`items.2.claims.0.area …`). */
  | { ok: false; reason: 'invalid'; problems: string[] }

class ImportRefused extends Error {
  constructor(readonly outcome: Extract<SaveImportOutcome, { ok: false }>) {
    super(outcome.reason)
  }
}

/**
 * Saves the items of an imported file into the trainee's portfolio in one transaction, if it is still empty:
 * their claims, files (queued for conversion where they need it) and findings of patient-identifiable
 * information, and the summary statement. Nothing is saved when any item is refused.
 */
export function saveImportedPortfolio(
  db: Db,
  traineeId: number,
  items: readonly ImportedItem[],
  summaryStatement: string,
  now: Date,
): SaveImportOutcome {
  try {
    return db.transaction(
      () => {
        if (!portfolioIsEmpty(db, traineeId, now)) throw new ImportRefused({ ok: false, reason: 'not-empty' })
        let attachments = 0
        let claims = 0
        items.forEach((item, i) => {
          let id: number
          try {
            id = createEvidence(db, traineeId, item.input, item.files, now)
          } catch (error) {
            if (error instanceof UnknownCompetenceError) {
              throw new ImportRefused({
                ok: false,
                reason: 'invalid',
                problems: [`items.${i}.claims.${error.claimIndex}.${error.field}: ${error.message}`],
              })
            }
            throw error
          }
          for (const file of item.files) if (isConvertible(file.mediaType)) enqueueConversion(db, file.sha256, now)
          const rows = listAttachmentFiles(db, traineeId, id).sort((a, b) => a.id - b.id)
          const scanned = scanEvidence(item.input)
          rows.forEach((row, j) =>
            scanned.push({ field: `attachment:${row.id}`, findings: item.fileFindings[j] ?? [] }),
          )
          recordPiiFindings(db, id, scanned, now)
          attachments += item.files.length
          claims += item.input.claims.length
        })
        if (summaryStatement.trim()) setSummaryStatement(db, traineeId, summaryStatement, now)
        return { ok: true as const, attachments, claims, summaryStatement: summaryStatement.trim() !== '' }
      },
      { behavior: 'immediate' },
    )
  } catch (error) {
    if (error instanceof ImportRefused) return error.outcome
    throw error
  }
}
