import { convertedPdfs } from '~/models/conversions.server'
import { feedbackForEvidence } from '~/models/feedback.server'
import { and, asc, desc, eq, getTableColumns, inArray, max, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  evidenceAttachments,
  evidenceComments,
  evidenceItems,
  portfolios,
  storedFiles,
  submissions,
  users,
} from '../../db/schema'
import { defaultFramework } from '../../competences/index'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { evidenceTypeLabel } from '../../competences/evidence-types'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import type { CoverageReport } from '~/coverage/types'
import {
  numberItems,
  parseSnapshot,
  serializeSnapshot,
  sha256Hex,
  SNAPSHOT_FORMAT,
  type PortfolioSnapshot,
  type SnapshotItem,
} from '~/submission/snapshot'
import { prepared } from '~/models/prepared.server'
import { LruCache } from '~/utils/lru'
import { currentPortfolio } from '~/models/evidence.server'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import { currentDeclaration, snapshotsOf, standingVerifications } from '~/models/review.server'
import { getTraineeProfile, getUserById } from '~/models/user.server'
import { getRecord, type ExperienceRecord } from '~/models/record.server'
import { summariseExperience } from '~/record/experience'
import { QUALIFICATION_KIND_LABELS } from '~/vocabulary'

/** The experience and training record as a submission freezes it, with its figures on the day. */
function recordSnapshot(record: ExperienceRecord, now: Date): NonNullable<PortfolioSnapshot['record']> {
  const { years, supervisedYears, gaps } = summariseExperience(record.posts, now.toISOString().slice(0, 10))
  return {
    experience: { years, supervisedYears, gaps },
    posts: record.posts.map((p) => ({
      employer: p.employer,
      department: p.department,
      jobTitle: p.jobTitle,
      band: p.band,
      startDate: p.startDate,
      endDate: p.endDate,
      fractionPercent: p.fractionPercent,
      supervisorName: p.supervisorName,
      supervisedPractice: p.supervisedPractice,
      description: p.description,
    })),
    qualifications: record.qualifications.map((q) => ({
      kind: q.kind,
      kindLabel: QUALIFICATION_KIND_LABELS[q.kind],
      title: q.title,
      institution: q.institution,
      startDate: q.startDate,
      endDate: q.endDate,
    })),
    memberships: record.memberships.map((m) => ({ body: m.body, grade: m.grade, number: m.number, since: m.since })),
  }
}

export function getSummaryStatement(db: Db, traineeId: number, now = new Date()): string {
  const portfolio = currentPortfolio(db, traineeId, now)
  return (
    db.select({ text: portfolios.summaryStatement }).from(portfolios).where(eq(portfolios.id, portfolio.id)).get()
      ?.text ?? ''
  )
}

export function setSummaryStatement(db: Db, traineeId: number, text: string, now = new Date()): void {
  const portfolio = currentPortfolio(db, traineeId, now)
  db.update(portfolios)
    .set({ summaryStatement: text })
    .where(and(eq(portfolios.id, portfolio.id), eq(portfolios.traineeId, traineeId)))
    .run()
}

/**
 * The trainee's portfolio as it stands, in the shape a submission freezes, with its coverage report. `preview`:
 * without a standing declaration, the declaration's text stands in, marked unsigned, so the pages are laid out
 * as they will be.
 */
export function assembleSnapshot(
  db: Db,
  traineeId: number,
  number: number,
  now: Date,
  coverage: CoverageReport,
  options: { preview?: boolean } = {},
): PortfolioSnapshot {
  const trainee = getUserById(db, traineeId)
  if (!trainee) throw new Error(`No user ${traineeId}`)
  const profile = getTraineeProfile(db, traineeId)
  const portfolio = currentPortfolio(db, traineeId, now)
  const declaration =
    currentDeclaration(db, traineeId) ??
    (options.preview
      ? { mentorName: 'no one yet (not signed)', text: MENTOR_DECLARATION.text, signedAt: now.toISOString() }
      : undefined)
  if (!declaration) throw new Error('No mentor declaration stands')

  const itemRows = db
    .select({
      id: evidenceItems.id,
      activityStart: evidenceItems.activityStart,
      revision: evidenceItems.currentRevision,
    })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.traineeId, traineeId), eq(evidenceItems.portfolioId, portfolio.id)))
    .orderBy(asc(evidenceItems.id))
    .all()
  const ids = itemRows.map((r) => r.id)
  const files = ids.length
    ? db
        .select({
          evidenceId: evidenceAttachments.evidenceId,
          sha256: storedFiles.sha256,
          mediaType: storedFiles.mediaType,
          size: storedFiles.size,
          pageCount: storedFiles.pageCount,
        })
        .from(evidenceAttachments)
        .innerJoin(storedFiles, eq(storedFiles.sha256, evidenceAttachments.fileSha256))
        .where(inArray(evidenceAttachments.evidenceId, ids))
        .all()
    : []
  const fileOf = new Map(files.map((f) => [f.sha256, f]))
  const converted = convertedPdfs(
    db,
    files.map((f) => f.sha256),
  )
  const comments = ids.length
    ? db
        .select({
          evidenceId: evidenceComments.evidenceId,
          authorName: users.name,
          areaCode: evidenceComments.areaCode,
          body: evidenceComments.body,
          createdAt: evidenceComments.createdAt,
        })
        .from(evidenceComments)
        .innerJoin(users, eq(users.id, evidenceComments.authorId))
        .where(and(inArray(evidenceComments.evidenceId, ids), eq(evidenceComments.forAssessor, true)))
        .orderBy(asc(evidenceComments.id))
        .all()
    : []
  const verifications = new Map(
    standingVerifications(db, [traineeId]).map((v) => [
      `${v.evidenceId}:${v.areaCode}`,
      { mentorName: v.mentorName, verifiedAt: v.verifiedAt },
    ]),
  )
  const liveItems = snapshotsOf(db, ids)
  const feedback = feedbackForEvidence(db, ids)

  const items = numberItems(
    itemRows.map((row) => {
      const live = liveItems.get(row.id)!
      const item: Omit<SnapshotItem, 'ref'> = {
        evidenceId: row.id,
        revision: row.revision,
        title: live.title,
        activityStart: live.activityStart,
        activityEnd: live.activityEnd,
        evidenceType: live.evidenceType,
        evidenceTypeLabel: evidenceTypeLabel(live.evidenceType),
        role: live.role,
        description: live.description,
        reflection: live.reflection,
        claims: live.claims.map((c) => ({ ...c, verification: verifications.get(`${row.id}:${c.areaCode}`) ?? null })),
        attachments: live.attachments.map((a) => {
          const file = fileOf.get(a.sha256)!
          const pdf = converted.get(a.sha256)
          return {
            sha256: a.sha256,
            originalName: a.originalName,
            mediaType: file.mediaType,
            size: file.size,
            pageCount: pdf?.pageCount ?? file.pageCount,
            ...(pdf ? { converted: { sha256: pdf.sha256, pageCount: pdf.pageCount } } : {}),
          }
        }),
        assessorComments: comments
          .filter((c) => c.evidenceId === row.id)
          .map(({ authorName, areaCode, body, createdAt }) => ({ authorName, areaCode, body, createdAt })),
      }
      // Only an item reflecting on feedback carries it, so every other item's bytes (and hash) are as before.
      const results = feedback.get(row.id)
      if (results) item.feedback = results
      return item
    }),
  )

  return {
    format: SNAPSHOT_FORMAT,
    number,
    submittedAt: now.toISOString(),
    trainee: {
      name: trainee.name,
      specialism: profile ? SPECIALISM_LABELS[profile.specialism] : '',
      employer: profile?.employer ?? '',
    },
    mentors: listMentorsOfTrainee(db, traineeId).map((m) => ({ name: m.name })),
    framework: {
      id: defaultFramework.id,
      version: defaultFramework.version,
      title: defaultFramework.title,
      domains: defaultFramework.domains.map((d) => ({
        key: d.key,
        number: d.number,
        title: d.title,
        areas: d.areas.map((a) => ({ code: a.code, text: a.text })),
      })),
    },
    summaryStatement: getSummaryStatement(db, traineeId, now),
    record: recordSnapshot(getRecord(db, traineeId), now),
    items,
    declaration: { mentorName: declaration.mentorName, text: declaration.text, signedAt: declaration.signedAt },
    coverage,
  }
}

/** Stores the frozen snapshot as the trainee's submission `number`. */
export function insertSubmission(
  db: Db,
  traineeId: number,
  number: number,
  snapshot: PortfolioSnapshot,
  now: Date,
): { id: number; snapshotSha256: string } {
  const json = serializeSnapshot(snapshot)
  const snapshotSha256 = sha256Hex(json)
  const id = db
    .insert(submissions)
    .values({
      traineeId,
      portfolioId: currentPortfolio(db, traineeId, now).id,
      number,
      snapshot: json,
      snapshotSha256,
      createdAt: now.toISOString(),
    })
    .returning({ id: submissions.id })
    .get().id
  return { id, snapshotSha256 }
}

/** The number the trainee's next submission will get. */
export function nextSubmissionNumber(db: Db, traineeId: number): number {
  const last = db
    .select({ n: max(submissions.number) })
    .from(submissions)
    .where(eq(submissions.traineeId, traineeId))
    .get()
  return (last?.n ?? 0) + 1
}

/** A trainee's submissions, newest first (without their snapshots). */
const submissionsOf = (db: Db) =>
  db
    .select({
      id: submissions.id,
      number: submissions.number,
      snapshotSha256: submissions.snapshotSha256,
      pdfPages: submissions.pdfPages,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .where(eq(submissions.traineeId, sql.placeholder('traineeId')))
    .orderBy(desc(submissions.number))
    .prepare()

export function listSubmissions(db: Db, traineeId: number) {
  return prepared(db, submissionsOf).all({ traineeId })
}

/** Who owns a submission, for authorization before anything else is read. */
export function getSubmissionOwner(db: Db, submissionId: number): number | undefined {
  return db.select({ traineeId: submissions.traineeId }).from(submissions).where(eq(submissions.id, submissionId)).get()
    ?.traineeId
}

/** Snapshots read back, by hash: one never changes (the database refuses to), so it is checked and parsed once. */
const parsedSnapshots = new LruCache<string, PortfolioSnapshot>(64)

/** Every column of a submission but its snapshot's text, which can run to megabytes and never changes. */
const { snapshot: _snapshotText, ...submissionColumns } = getTableColumns(submissions)

/**
 * A submission with its snapshot read back; the caller has checked the reader may see it. The snapshot's text is
 * read from the database only the first time its hash is seen: a page about a submission costs a small row.
 */
export function getSubmission(db: Db, submissionId: number) {
  const row = db
    // octet_length, not length: SQLite knows a text's size in bytes without reading it, but counts its characters.
    .select({ ...submissionColumns, snapshotLength: sql<number>`octet_length(${submissions.snapshot})` })
    .from(submissions)
    .where(eq(submissions.id, submissionId))
    .get()
  if (!row) return undefined
  const { snapshotLength, ...columns } = row
  const snapshot = parsedSnapshots.getOrSet(`${row.snapshotSha256}:${snapshotLength}`, () =>
    parseSnapshot(getSnapshotJson(db, submissionId)),
  )
  return { ...columns, snapshot }
}

/** A submission's snapshot as stored: the canonical JSON its hash is taken over. */
export function getSnapshotJson(db: Db, submissionId: number): string {
  const row = db
    .select({ snapshot: submissions.snapshot })
    .from(submissions)
    .where(eq(submissions.id, submissionId))
    .get()
  if (!row) throw new Error(`Submission ${submissionId} has no snapshot`)
  return row.snapshot
}

export type Submission = NonNullable<ReturnType<typeof getSubmission>>

/**
 * Records the summary PDF made for a submission. The PDF is derived from the
 * frozen snapshot, not part of it: made again (its stored file lost), it replaces the record.
 */
export function recordSubmissionPdf(db: Db, submissionId: number, pdfSha256: string, pdfPages: number): void {
  db.update(submissions).set({ pdfSha256, pdfPages }).where(eq(submissions.id, submissionId)).run()
}
