import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  areaJudgements,
  assessments,
  submissionAssignments,
  submissions,
  users,
  type AreaJudgement,
  type AssessmentOutcome,
} from '../../db/schema'
import {
  assessmentCsv,
  assessmentCsvFilename,
  describeReleaseProblems,
  releaseProblems,
  type AssessmentForCsv,
  type JudgementInput,
  type ReleaseProblems,
} from '~/submission/assessment'
import type { Submission } from '~/models/submission.server'

export type AssessmentStatus = 'not-started' | 'draft' | 'released'

export interface AssignedSubmission {
  submissionId: number
  number: number
  /** As frozen in the snapshot. */
  traineeName: string
  specialism: string
  submittedAt: string
  snapshotSha256: string
  assignedAt: string
  status: AssessmentStatus
  /** When this assessor last saved, or released. */
  updatedAt: string | null
  releasedAt: string | null
}

/** The submissions assigned to this assessor, newest submission first, with how far their assessment has got. */
export function listAssignedSubmissions(db: Db, assessorId: number): AssignedSubmission[] {
  const rows = db
    .select({
      submissionId: submissions.id,
      number: submissions.number,
      traineeName: sql<string | null>`json_extract(${submissions.snapshot}, '$.trainee.name')`,
      specialism: sql<string | null>`json_extract(${submissions.snapshot}, '$.trainee.specialism')`,
      submittedAt: submissions.createdAt,
      snapshotSha256: submissions.snapshotSha256,
      assignedAt: submissionAssignments.createdAt,
      assessmentId: assessments.id,
      updatedAt: assessments.updatedAt,
      releasedAt: assessments.releasedAt,
    })
    .from(submissionAssignments)
    .innerJoin(submissions, eq(submissions.id, submissionAssignments.submissionId))
    .leftJoin(assessments, and(eq(assessments.submissionId, submissions.id), eq(assessments.assessorId, assessorId)))
    .where(eq(submissionAssignments.assessorId, assessorId))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .all()
  return rows.map(({ assessmentId, traineeName, specialism, ...row }) => ({
    ...row,
    traineeName: traineeName ?? '',
    specialism: specialism ?? '',
    status: row.releasedAt ? 'released' : assessmentId !== null ? 'draft' : 'not-started',
  }))
}

export interface Assessment {
  id: number
  submissionId: number
  assessorId: number
  snapshotSha256: string
  outcome: AssessmentOutcome | null
  comment: string
  releasedAt: string | null
  createdAt: string
  updatedAt: string
  judgements: JudgementInput[]
}

const assessmentColumns = {
  id: assessments.id,
  submissionId: assessments.submissionId,
  assessorId: assessments.assessorId,
  snapshotSha256: assessments.snapshotSha256,
  outcome: assessments.outcome,
  comment: assessments.comment,
  releasedAt: assessments.releasedAt,
  createdAt: assessments.createdAt,
  updatedAt: assessments.updatedAt,
}

function judgementsOf(db: Db, assessmentIds: number[]): Map<number, JudgementInput[]> {
  const byAssessment = new Map<number, JudgementInput[]>()
  if (assessmentIds.length === 0) return byAssessment
  const rows = db
    .select({
      assessmentId: areaJudgements.assessmentId,
      areaCode: areaJudgements.areaCode,
      judgement: areaJudgements.judgement,
      comment: areaJudgements.comment,
    })
    .from(areaJudgements)
    .where(inArray(areaJudgements.assessmentId, assessmentIds))
    .orderBy(asc(areaJudgements.assessmentId), asc(areaJudgements.areaCode))
    .all()
  for (const { assessmentId, ...judgement } of rows) {
    byAssessment.set(assessmentId, [...(byAssessment.get(assessmentId) ?? []), judgement])
  }
  return byAssessment
}

/** This assessor's assessment of the submission (draft or released), or undefined if they have not started. */
export function getAssessment(db: Db, submissionId: number, assessorId: number): Assessment | undefined {
  const row = db
    .select(assessmentColumns)
    .from(assessments)
    .where(and(eq(assessments.submissionId, submissionId), eq(assessments.assessorId, assessorId)))
    .get()
  if (!row) return undefined
  return { ...row, judgements: judgementsOf(db, [row.id]).get(row.id) ?? [] }
}

/** The submission's frozen hash and the area codes of its framework, read without parsing the whole snapshot. */
function submissionFrame(db: Db, submissionId: number): { snapshotSha256: string; areaCodes: string[] } | undefined {
  const row = db
    .select({
      snapshotSha256: submissions.snapshotSha256,
      domains: sql<string>`json_extract(${submissions.snapshot}, '$.framework.domains')`,
    })
    .from(submissions)
    .where(eq(submissions.id, submissionId))
    .get()
  if (!row) return undefined
  const domains = JSON.parse(row.domains) as { areas: { code: string }[] }[]
  return { snapshotSha256: row.snapshotSha256, areaCodes: domains.flatMap((d) => d.areas.map((a) => a.code)) }
}

export interface SaveAssessmentInput {
  submissionId: number
  assessorId: number
  /** The hash of the snapshot the assessor was looking at: it must be the submission's. */
  snapshotSha256: string
  outcome: AssessmentOutcome | null
  comment: string
  /** The judgements as they now stand: areas left out have none. */
  judgements: readonly { areaCode: string; judgement: AreaJudgement; comment: string }[]
}

export type SaveAssessmentResult =
  | { ok: true; assessmentId: number; created: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'snapshot-mismatch' }
  | { ok: false; reason: 'released'; releasedAt: string }

/**
 * Creates or replaces this assessor's draft assessment of a submission,
 * bound to the submission's snapshot hash. Refused once released.
 */
export function saveAssessment(db: Db, input: SaveAssessmentInput, now = new Date()): SaveAssessmentResult {
  return db.transaction(
    (): SaveAssessmentResult => {
      const frame = submissionFrame(db, input.submissionId)
      if (!frame) return { ok: false, reason: 'not-found' }
      if (frame.snapshotSha256 !== input.snapshotSha256) return { ok: false, reason: 'snapshot-mismatch' }
      const known = new Set(frame.areaCodes)
      const unknown = input.judgements.filter((j) => !known.has(j.areaCode)).map((j) => j.areaCode)
      if (unknown.length > 0) throw new Error(`Not areas of this submission's framework: ${unknown.join(', ')}`)

      const stamp = now.toISOString()
      const existing = db
        .select({ id: assessments.id, releasedAt: assessments.releasedAt })
        .from(assessments)
        .where(and(eq(assessments.submissionId, input.submissionId), eq(assessments.assessorId, input.assessorId)))
        .get()
      if (existing?.releasedAt) return { ok: false, reason: 'released', releasedAt: existing.releasedAt }

      const fields = {
        snapshotSha256: input.snapshotSha256,
        outcome: input.outcome,
        comment: input.comment,
        updatedAt: stamp,
      }
      const assessmentId = existing
        ? existing.id
        : db
            .insert(assessments)
            .values({ submissionId: input.submissionId, assessorId: input.assessorId, createdAt: stamp, ...fields })
            .returning({ id: assessments.id })
            .get().id
      if (existing) {
        db.update(assessments)
          .set(fields)
          .where(and(eq(assessments.id, existing.id), isNull(assessments.releasedAt)))
          .run()
      }
      db.delete(areaJudgements).where(eq(areaJudgements.assessmentId, assessmentId)).run()
      // The last judgement given for an area stands.
      const byArea = new Map(input.judgements.map((j) => [j.areaCode, j]))
      if (byArea.size > 0) {
        db.insert(areaJudgements)
          .values(
            [...byArea.values()].map((j) => ({
              assessmentId,
              areaCode: j.areaCode,
              judgement: j.judgement,
              comment: j.comment,
            })),
          )
          .run()
      }
      return { ok: true, assessmentId, created: !existing }
    },
    { behavior: 'immediate' },
  )
}

export type ReleaseAssessmentResult =
  | { ok: true; assessmentId: number; releasedAt: string }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'released'; releasedAt: string }
  | ({ ok: false; reason: 'incomplete'; message: string } & ReleaseProblems)

/**
 * Releases this assessor's assessment to the trainee: it needs an overall
 * outcome and a judgement for every area of the submission's framework.
 * After this nothing in it changes.
 */
export function releaseAssessment(
  db: Db,
  submissionId: number,
  assessorId: number,
  now = new Date(),
): ReleaseAssessmentResult {
  return db.transaction(
    (): ReleaseAssessmentResult => {
      const frame = submissionFrame(db, submissionId)
      if (!frame) return { ok: false, reason: 'not-found' }
      const assessment = getAssessment(db, submissionId, assessorId)
      if (assessment?.releasedAt) return { ok: false, reason: 'released', releasedAt: assessment.releasedAt }
      const problems = releaseProblems(frame.areaCodes, assessment ?? { outcome: null, judgements: [] })
      if (problems || !assessment) {
        const all = problems ?? { missingOutcome: true, missingAreas: frame.areaCodes }
        return { ok: false, reason: 'incomplete', message: describeReleaseProblems(all), ...all }
      }
      const releasedAt = now.toISOString()
      db.update(assessments)
        .set({ releasedAt, updatedAt: releasedAt })
        .where(and(eq(assessments.id, assessment.id), isNull(assessments.releasedAt)))
        .run()
      return { ok: true, assessmentId: assessment.id, releasedAt }
    },
    { behavior: 'immediate' },
  )
}

export interface ReleasedAssessment {
  id: number
  assessorName: string
  outcome: AssessmentOutcome | null
  comment: string
  releasedAt: string
  snapshotSha256: string
  judgements: JudgementInput[]
}

/** The assessments of a submission its assessors have released, first released first. Drafts are never included. */
export function releasedAssessments(db: Db, submissionId: number): ReleasedAssessment[] {
  const rows = db
    .select({
      id: assessments.id,
      assessorName: users.name,
      outcome: assessments.outcome,
      comment: assessments.comment,
      releasedAt: assessments.releasedAt,
      snapshotSha256: assessments.snapshotSha256,
    })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.assessorId))
    .where(and(eq(assessments.submissionId, submissionId), isNotNull(assessments.releasedAt)))
    .orderBy(asc(assessments.releasedAt), asc(assessments.id))
    .all()
  const judgements = judgementsOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.flatMap((row) =>
    row.releasedAt ? [{ ...row, releasedAt: row.releasedAt, judgements: judgements.get(row.id) ?? [] }] : [],
  )
}

/**
 * The judgements as a CSV download. A byte order mark first, so spreadsheet
 * programs read the text as UTF-8; never cached, since it is personal.
 */
export function assessmentCsvResponse(submission: Submission, assessment: AssessmentForCsv): Response {
  const csv = assessmentCsv(submission.snapshot, submission.snapshotSha256, assessment)
  const filename = assessmentCsvFilename(submission.snapshot.trainee.name, submission.number)
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
