/**
 * An assessor's judgements on a submitted portfolio, as plain data: the form
 * they fill in, the words shown for each choice, the areas worth probing at
 * interview, and the CSV they (and, once released, the trainee) download.
 */
import { z } from 'zod'
import { AREA_JUDGEMENTS, ASSESSMENT_OUTCOMES, type AreaJudgement, type AssessmentOutcome } from '~/vocabulary'
import type { AreaCoverage } from '~/coverage/types'
import type { PortfolioSnapshot, SnapshotItem } from '~/submission/snapshot'

export const AREA_COMMENT_MAX = 2_000
export const OVERALL_COMMENT_MAX = 5_000
export const MAX_INTERVIEW_TOPICS = 8

export const JUDGEMENT_LABELS: Record<AreaJudgement, string> = {
  met: 'Met',
  'partly-met': 'Partly met',
  'not-met': 'Not met',
  'not-assessed': 'Not assessed',
}

export const OUTCOME_LABELS: Record<AssessmentOutcome, string> = {
  'proceed-to-interview': 'Proceed to interview',
  'not-yet': 'Not yet ready for interview',
}

export interface JudgementInput {
  areaCode: string
  judgement: AreaJudgement
  comment: string
}

/** What the assessor entered: a draft may leave the outcome and any judgement empty. */
export interface AssessmentInput {
  intent: 'save' | 'release'
  /** The release confirmation was ticked. */
  confirmed: boolean
  outcome: AssessmentOutcome | null
  comment: string
  judgements: JudgementInput[]
}

/** A form field's name for one area: `judgement:Sci1`, `comment:Sci1`. */
export const judgementField = (areaCode: string) => `judgement:${areaCode}`
export const areaCommentField = (areaCode: string) => `comment:${areaCode}`

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value)

const judgementSchema = z.preprocess(
  blankToUndefined,
  z.enum(AREA_JUDGEMENTS, { error: 'Choose met, partly met, not met or not assessed' }).optional(),
)
const areaCommentSchema = z
  .string({ error: 'Write the comment as text' })
  .trim()
  .max(AREA_COMMENT_MAX, `Use at most ${AREA_COMMENT_MAX.toLocaleString('en-GB')} characters`)
  .default('')
const outcomeSchema = z.preprocess(
  blankToUndefined,
  z.enum(ASSESSMENT_OUTCOMES, { error: 'Choose proceed to interview or not yet' }).optional(),
)
const overallCommentSchema = z
  .string({ error: 'Write the comment as text' })
  .trim()
  .max(OVERALL_COMMENT_MAX, `Use at most ${OVERALL_COMMENT_MAX.toLocaleString('en-GB')} characters`)
  .default('')

/**
 * The assessment form for a snapshot's areas. A comment needs a judgement
 * beside it to be kept (a draft's judgements can still change until release).
 */
export function assessmentFormSchema(areaCodes: readonly string[]) {
  const shape: Record<string, z.ZodType> = {
    intent: z.enum(['save', 'release'], { error: 'Choose save or release' }),
    confirm: z.literal('on', { error: 'Tick the box to confirm' }).optional(),
    outcome: outcomeSchema,
    comment: overallCommentSchema,
  }
  for (const code of areaCodes) {
    shape[judgementField(code)] = judgementSchema
    shape[areaCommentField(code)] = areaCommentSchema
  }
  return z
    .object(shape)
    .superRefine(
      (form, ctx) => {
        for (const code of areaCodes) {
          if (form[judgementField(code)] === undefined && form[areaCommentField(code)]) {
            ctx.addIssue({
              code: 'custom',
              path: [judgementField(code)],
              message: `Choose a judgement for ${code} to keep your comment (you can change it until you release)`,
            })
          }
        }
      },
      // Also when other fields are wrong, so every problem is shown at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform((form): AssessmentInput => ({
      intent: form.intent as AssessmentInput['intent'],
      confirmed: form.confirm === 'on',
      outcome: (form.outcome as AssessmentOutcome | undefined) ?? null,
      comment: form.comment as string,
      judgements: areaCodes.flatMap((areaCode) => {
        const judgement = form[judgementField(areaCode)] as AreaJudgement | undefined
        return judgement ? [{ areaCode, judgement, comment: form[areaCommentField(areaCode)] as string }] : []
      }),
    }))
}

/** A fragment id for an area code that is safe in a URL and a CSS selector: "R&D3" becomes `RandD3`. */
export function areaSlug(code: string): string {
  return code.replace(/&/g, 'and').replace(/[^A-Za-z0-9_-]/g, '-')
}

/** Every area code of the snapshot's framework, in framework order. */
export function snapshotAreaCodes(snapshot: { framework: Pick<PortfolioSnapshot['framework'], 'domains'> }): string[] {
  return snapshot.framework.domains.flatMap((d) => d.areas.map((a) => a.code))
}

export interface ReleaseProblems {
  missingOutcome: boolean
  /** Areas with no judgement yet, in framework order. */
  missingAreas: string[]
}

/** What still stops an assessment being released: an outcome and a judgement for every area are needed. */
export function releaseProblems(
  areaCodes: readonly string[],
  assessment: { outcome: AssessmentOutcome | null; judgements: readonly { areaCode: string }[] },
): ReleaseProblems | null {
  const judged = new Set(assessment.judgements.map((j) => j.areaCode))
  const missingAreas = areaCodes.filter((code) => !judged.has(code))
  const missingOutcome = assessment.outcome === null
  return missingOutcome || missingAreas.length > 0 ? { missingOutcome, missingAreas } : null
}

/** One sentence saying what is missing before release. */
export function describeReleaseProblems({ missingOutcome, missingAreas }: ReleaseProblems): string {
  const parts: string[] = []
  if (missingOutcome) parts.push('the overall outcome')
  if (missingAreas.length > 0) {
    parts.push(
      `a judgement for ${missingAreas.length === 1 ? 'area' : `${missingAreas.length} areas`} ${missingAreas.join(', ')}`,
    )
  }
  return `Before releasing, choose ${parts.join(' and ')}.`
}

export interface AreaEvidence {
  ref: string
  title: string
  role: SnapshotItem['role']
  statement: string
  verification: { mentorName: string; verifiedAt: string } | null
}

export interface AssessedDomain {
  key: string
  number: number
  title: string
  areas: { code: string; text: string; evidence: AreaEvidence[] }[]
}

/** The snapshot's framework with, under each area, the items claiming it and their claim sentences. */
export function areasWithEvidence(snapshot: {
  framework: Pick<PortfolioSnapshot['framework'], 'domains'>
  items: readonly Pick<SnapshotItem, 'ref' | 'title' | 'role' | 'claims'>[]
}): AssessedDomain[] {
  const evidenceOf = new Map<string, AreaEvidence[]>()
  for (const item of snapshot.items) {
    for (const claim of item.claims) {
      const entry = {
        ref: item.ref,
        title: item.title,
        role: item.role,
        statement: claim.statement,
        verification: claim.verification,
      }
      evidenceOf.set(claim.areaCode, [...(evidenceOf.get(claim.areaCode) ?? []), entry])
    }
  }
  return snapshot.framework.domains.map((d) => ({
    key: d.key,
    number: d.number,
    title: d.title,
    areas: d.areas.map((a) => ({ code: a.code, text: a.text, evidence: evidenceOf.get(a.code) ?? [] })),
  }))
}

type CoverageArea = Pick<AreaCoverage, 'code' | 'status' | 'itemCount'>

/** The parts of a snapshot the interview topics and the CSV read. */
export interface SnapshotForAssessment {
  framework: Pick<PortfolioSnapshot['framework'], 'domains'>
  items: readonly Pick<SnapshotItem, 'ref' | 'role' | 'claims'>[]
  coverage: { areas: readonly CoverageArea[] }
}

export interface InterviewTopic {
  areaCode: string
  areaText: string
  domainTitle: string
  judgement: AreaJudgement | null
  /** The items claiming the area, E1… in item order. */
  refs: string[]
  reason: string
}

/** " (E1, E4)" after a sentence's words, or nothing when no item is known. */
const refsNote = (refs: readonly string[]) => (refs.length > 0 ? ` (${refs.join(', ')})` : '')

/**
 * The weakest areas to probe at interview, weakest first: those judged not
 * met, then partly met, then those whose evidence is thin — claimed by one
 * item only, never verified by a mentor, or only ever observed. Within a
 * tier, areas with more weaknesses come first, then framework order.
 */
export function interviewTopics(
  snapshot: SnapshotForAssessment,
  judgements: readonly { areaCode: string; judgement: AreaJudgement }[],
  limit = MAX_INTERVIEW_TOPICS,
): InterviewTopic[] {
  const judgementOf = new Map(judgements.map((j) => [j.areaCode, j.judgement]))
  const coverageOf = new Map(snapshot.coverage.areas.map((a) => [a.code, a]))
  const claimsOf = new Map<string, { ref: string; role: SnapshotItem['role']; verified: boolean }[]>()
  for (const item of snapshot.items) {
    for (const claim of item.claims) {
      const list = claimsOf.get(claim.areaCode) ?? []
      list.push({ ref: item.ref, role: item.role, verified: claim.verification !== null })
      claimsOf.set(claim.areaCode, list)
    }
  }

  const candidates: (InterviewTopic & { tier: number; weaknesses: number; position: number })[] = []
  let position = 0
  for (const domain of snapshot.framework.domains) {
    for (const area of domain.areas) {
      position += 1
      const claims = claimsOf.get(area.code) ?? []
      const refs = claims.map((c) => c.ref)
      const coverage = coverageOf.get(area.code)
      const itemCount = coverage?.itemCount ?? new Set(refs).size
      const verified = coverage ? coverage.status === 'verified' : claims.some((c) => c.verified)

      const weak: string[] = []
      if (itemCount === 0) weak.push('No item claims it.')
      else {
        if (itemCount === 1) weak.push(`Only one item claims it${refsNote(refs)}.`)
        if (!verified) weak.push(`No mentor verified a claim of it${refsNote(refs)}.`)
        if (claims.length > 0 && claims.every((c) => c.role === 'observed')) {
          weak.push(`The trainee only observed in the evidence for it${refsNote(refs)}.`)
        }
      }

      const judgement = judgementOf.get(area.code) ?? null
      const tier = judgement === 'not-met' ? 0 : judgement === 'partly-met' ? 1 : weak.length > 0 ? 2 : -1
      if (tier < 0) continue
      const judged =
        judgement === 'not-met' || judgement === 'partly-met'
          ? [`Judged ${JUDGEMENT_LABELS[judgement].toLowerCase()}.`]
          : []
      candidates.push({
        areaCode: area.code,
        areaText: area.text,
        domainTitle: domain.title,
        judgement,
        refs,
        reason: [...judged, ...weak].join(' '),
        tier,
        // No evidence at all is as weak as an area can be: one item, unverified and observed at once.
        weaknesses: itemCount === 0 ? 3 : weak.length,
        position,
      })
    }
  }
  return candidates
    .sort((a, b) => a.tier - b.tier || b.weaknesses - a.weaknesses || a.position - b.position)
    .slice(0, limit)
    .map(({ tier: _tier, weaknesses: _weaknesses, position: _position, ...topic }) => topic)
}

export interface AssessmentForCsv {
  outcome: AssessmentOutcome | null
  comment: string
  releasedAt: string | null
  judgements: readonly JudgementInput[]
  /** Named in a final row when given. */
  assessorName?: string
}

/**
 * A cell as text a spreadsheet shows as typed: one that would start a formula
 * (=, +, -, @, or a tab or carriage return before one) gets a leading quote.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  const safe = neutraliseCell(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export const CSV_HEADER = ['Domain', 'Area', 'Area text', 'Judgement', 'Comment', 'Evidence'] as const

/**
 * The judgements as CSV: a header, one row per area of the snapshot's
 * framework, then the outcome, the overall comment, the snapshot hash and
 * when the judgements were released.
 */
export function assessmentCsv(snapshot: SnapshotForAssessment, hash: string, assessment: AssessmentForCsv): string {
  const judgementOf = new Map(assessment.judgements.map((j) => [j.areaCode, j]))
  const refsOf = new Map<string, string[]>()
  for (const item of snapshot.items) {
    for (const claim of item.claims) refsOf.set(claim.areaCode, [...(refsOf.get(claim.areaCode) ?? []), item.ref])
  }
  const width = CSV_HEADER.length
  const pad = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')]
  const rows: string[][] = [[...CSV_HEADER]]
  for (const domain of snapshot.framework.domains) {
    for (const area of domain.areas) {
      const judged = judgementOf.get(area.code)
      rows.push([
        domain.title,
        area.code,
        area.text,
        judged ? JUDGEMENT_LABELS[judged.judgement] : '',
        judged?.comment ?? '',
        (refsOf.get(area.code) ?? []).join(' '),
      ])
    }
  }
  if (assessment.assessorName !== undefined) rows.push(pad(['Assessor', assessment.assessorName]))
  rows.push(pad(['Outcome', assessment.outcome ? OUTCOME_LABELS[assessment.outcome] : '']))
  rows.push(pad(['Overall comment', assessment.comment]))
  rows.push(pad(['Snapshot SHA-256', hash]))
  rows.push(pad(['Released at', assessment.releasedAt ?? 'Not released (draft)']))
  return csvRows(rows)
}

/** A download name such as `assessment-submission-3-Alex-Morgan.csv`: ASCII letters, digits and dashes only. */
export function assessmentCsvFilename(traineeName: string, submissionNumber: number): string {
  const name = traineeName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `assessment-submission-${submissionNumber}${name ? `-${name}` : ''}.csv`
}
