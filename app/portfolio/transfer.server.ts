/**
 * Moving a portfolio between Attain servers: the export file made from the live portfolio with its stored
 * files, and its import into an empty portfolio. The queries and the one transaction that saves an import are
 * app/models/portfolio-transfer.server.ts.
 */
import fsp from 'node:fs/promises'
import type { Db } from '../../db/client'
import { defaultFramework } from '../../competences/index'
import { scanAttachment } from '~/evidence/save.server'
import { FileRefusal } from '~/files/errors'
import { SNIFF_HEAD_BYTES, type AcceptedMediaType } from '~/files/sniff'
import { inspectFile, type ScannableContent } from '~/files/inspect.server'
import { placeInStore, readStoredFile, writeTempFile } from '~/files/store.server'
import {
  PORTFOLIO_EXPORT_FORMAT,
  readPortfolioExport,
  type PortfolioExport,
  type TransferAttachment,
} from '~/portfolio/transfer'
import { sha256Hex } from '~/submission/snapshot'
import { getEvidence } from '~/models/evidence.server'
import { portfolioIsEmpty, portfolioItemIds, saveImportedPortfolio } from '~/models/portfolio-transfer.server'
import { getSummaryStatement } from '~/models/submission.server'
import { getTraineeProfile, getUserById } from '~/models/user.server'

/** Files of the portfolio that are not in the store, so the export cannot be made complete. */
export class MissingStoredFilesError extends Error {
  constructor(readonly files: { item: string; originalName: string }[]) {
    super(`${files.length} attached file(s) are missing from the file store`)
  }
}

/**
 * The trainee's current portfolio as an `attain.portfolio-export/1` file:
 * every item with its claims and attached files (base64), in order of
 * activity date, and the summary statement. Throws MissingStoredFilesError
 * rather than leave a file out without saying so.
 */
export async function exportPortfolio(
  db: Db,
  dataDir: string,
  traineeId: number,
  now = new Date(),
): Promise<PortfolioExport> {
  const trainee = getUserById(db, traineeId)
  if (!trainee) throw new Error(`No user ${traineeId}`)
  const profile = getTraineeProfile(db, traineeId)
  const ids = portfolioItemIds(db, traineeId, now)

  const missing: { item: string; originalName: string }[] = []
  const items: PortfolioExport['items'] = []
  for (const id of ids) {
    const item = getEvidence(db, traineeId, id)
    if (!item) continue
    const attachments: TransferAttachment[] = []
    for (const a of item.attachments) {
      const bytes = await readStoredFile(dataDir, a.sha256)
      if (!bytes) {
        missing.push({ item: item.title, originalName: a.originalName })
        continue
      }
      attachments.push({
        originalName: a.originalName,
        mediaType: a.mediaType,
        sha256: a.sha256,
        size: a.size,
        contentBase64: bytes.toString('base64'),
      })
    }
    items.push({
      title: item.title,
      activityStart: item.activityStart,
      activityEnd: item.activityEnd,
      evidenceType: item.evidenceType,
      role: item.role,
      description: item.description,
      reflection: item.reflection,
      claims: item.claims.map((c) => ({
        area: c.code,
        statement: c.statement,
        competencies: c.competencies.map((s) => s.slug),
      })),
      attachments,
    })
  }
  if (missing.length > 0) throw new MissingStoredFilesError(missing)

  return {
    format: PORTFOLIO_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    trainee: {
      name: trainee.name,
      specialism: profile?.specialism ?? 'other',
      employer: profile?.employer ?? '',
      targetSubmissionDate: profile?.targetSubmissionDate ?? null,
    },
    framework: { id: defaultFramework.id, version: defaultFramework.version },
    summaryStatement: getSummaryStatement(db, traineeId, now),
    items,
  }
}

export type ImportOutcome =
  | { ok: true; items: number; attachments: number; claims: number; summaryStatement: boolean }
  /** `problems` name where in the file each was found (`items.2.attachments.0 …`). */
  | { ok: false; reason: 'invalid' | 'not-empty' | 'file'; problems: string[] }

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The attachment's bytes, if they are what the file says they are. */
function decodeAttachment(attachment: TransferAttachment): { bytes: Buffer } | { problem: string } {
  const text = attachment.contentBase64.replace(/\s+/g, '')
  if (text.length % 4 !== 0 || !BASE64.test(text)) return { problem: 'its content is not valid base64' }
  const bytes = Buffer.from(text, 'base64')
  if (bytes.length !== attachment.size)
    return { problem: `its content is ${bytes.length} bytes, but the file says ${attachment.size}` }
  if (sha256Hex(bytes) !== attachment.sha256)
    return { problem: 'its content does not match its SHA-256: the file has been changed or damaged' }
  return { bytes }
}

interface CheckedFile {
  sha256: string
  tmpPath: string
  size: number
  mediaType: AcceptedMediaType
  pageCount: number
  pagesExact: boolean
  /** Its text and metadata, read while it was checked: scanned without reading the file again. */
  content: ScannableContent | null
}

/** Writes the bytes to a temporary file in the store and checks them as an upload is checked. Throws FileRefusal. */
async function checkFile(dataDir: string, bytes: Buffer, sha256: string): Promise<CheckedFile> {
  const tmpPath = await writeTempFile(dataDir, bytes)
  try {
    const checked = await inspectFile(tmpPath, bytes.subarray(0, SNIFF_HEAD_BYTES))
    return { sha256, tmpPath, size: bytes.length, ...checked }
  } catch (error) {
    await fsp.rm(tmpPath, { force: true })
    throw error
  }
}

export const NOT_EMPTY_MESSAGE =
  'Your portfolio already has evidence or a summary statement. A portfolio file can only be imported into an empty portfolio, so nothing is overwritten or mixed up.'

/**
 * Reads an export file (its parsed JSON) into the trainee's portfolio, which
 * must be empty. Every attachment is checked against its SHA-256 and checked
 * as an upload would be before anything is saved; then all items, their
 * claims, files and findings of patient-identifiable information are saved in
 * one transaction, with the summary statement. Items arrive as drafts: review
 * history, verifications and comments are not part of the file.
 */
export async function importPortfolio(
  db: Db,
  dataDir: string,
  traineeId: number,
  data: unknown,
  now = new Date(),
): Promise<ImportOutcome> {
  const read = readPortfolioExport(data)
  if (!read.ok) return { ok: false, reason: 'invalid', problems: read.problems }
  const { export: file, items } = read.portfolio
  if (file.framework.id !== defaultFramework.id) {
    return {
      ok: false,
      reason: 'invalid',
      problems: [
        `framework.id: this file's claims refer to the framework "${file.framework.id}"; this Attain uses "${defaultFramework.id}".`,
      ],
    }
  }
  if (!portfolioIsEmpty(db, traineeId, now)) return { ok: false, reason: 'not-empty', problems: [NOT_EMPTY_MESSAGE] }

  // Every attachment is decoded and checked before anything is written.
  const problems: string[] = []
  const bytesBySha = new Map<string, Buffer>()
  items.forEach((item, i) =>
    item.attachments.forEach((attachment, j) => {
      const decoded = decodeAttachment(attachment)
      if ('problem' in decoded)
        problems.push(`items.${i}.attachments.${j} (${attachment.originalName}): ${decoded.problem}.`)
      else bytesBySha.set(attachment.sha256, decoded.bytes)
    }),
  )
  if (problems.length > 0) return { ok: false, reason: 'file', problems }

  const checked = new Map<string, CheckedFile>()
  try {
    for (const [sha256, bytes] of bytesBySha) {
      try {
        checked.set(sha256, await checkFile(dataDir, bytes, sha256))
      } catch (error) {
        if (!(error instanceof FileRefusal)) throw error
        items.forEach((item, i) =>
          item.attachments.forEach((attachment, j) => {
            if (attachment.sha256 === sha256)
              problems.push(`items.${i}.attachments.${j} (${attachment.originalName}): ${error.message}`)
          }),
        )
      }
    }
    if (problems.length > 0) return { ok: false, reason: 'file', problems }
    for (const file of checked.values()) await placeInStore(dataDir, file.tmpPath, file.sha256)
  } finally {
    // Whatever was not moved into the store (a refusal, a failure) is not left behind.
    for (const file of checked.values()) await fsp.rm(file.tmpPath, { force: true })
  }
  bytesBySha.clear()

  // Attached files are scanned before the transaction, which must stay synchronous.
  const attachmentFindings = await Promise.all(
    items.map((item) =>
      Promise.all(
        item.attachments.map((a) =>
          scanAttachment(
            dataDir,
            { sha256: a.sha256, mediaType: checked.get(a.sha256)!.mediaType, originalName: a.originalName },
            checked.get(a.sha256)!.content,
          ),
        ),
      ),
    ),
  )

  const outcome = saveImportedPortfolio(
    db,
    traineeId,
    items.map((item, i) => ({
      input: item.input,
      files: item.attachments.map((a) => {
        const stored = checked.get(a.sha256)!
        return {
          sha256: a.sha256,
          size: stored.size,
          mediaType: stored.mediaType,
          pageCount: stored.pageCount,
          pagesExact: stored.pagesExact,
          originalName: a.originalName,
        }
      }),
      fileFindings: attachmentFindings[i] ?? [],
    })),
    file.summaryStatement.replace(/\r\n/g, '\n'),
    now,
  )
  if (outcome.ok) return { ...outcome, items: items.length }
  if (outcome.reason === 'not-empty') return { ok: false, reason: 'not-empty', problems: [NOT_EMPTY_MESSAGE] }
  return outcome
}
