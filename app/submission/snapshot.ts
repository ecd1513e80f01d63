/**
 * The submitted portfolio: what the assessor receives, frozen. Plain data,
 * validated by `portfolioSnapshotSchema`, which is also the documented schema
 * of `portfolio.json` in a submission's export. The SHA-256 of its canonical
 * JSON identifies it: equal content, equal hash.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { canonicalJson } from '~/utils/canonical-json'
import type { CoverageReport } from '~/coverage/types'
import { feedbackResultsSchema } from '~/feedback/results'

export const SNAPSHOT_FORMAT = 'attain.portfolio-snapshot/1'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

const verificationSchema = z
  .strictObject({
    mentorName: z.string().describe('The mentor who verified the claim.'),
    verifiedAt: isoDateTime.describe('When they verified it, on the revision submitted.'),
  })
  .describe('Present when a mentor verified this claim on the revision submitted.')

const claimSchema = z.strictObject({
  areaCode: z.string().describe('Area of competence, e.g. "Sci3".'),
  statement: z.string().describe("The trainee's sentence saying how the item demonstrates the area."),
  competencies: z.array(z.string()).describe('Specific competency ids also named, e.g. "Sci-SC4".'),
  verification: verificationSchema.nullable(),
})

const attachmentSchema = z.strictObject({
  sha256: sha256.describe("SHA-256 of the file: its name in the export's files/ folder follows the item ref."),
  originalName: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative().describe('Bytes.'),
  pageCount: z.number().int().nonnegative(),
  converted: z
    .strictObject({
      sha256: sha256.describe(
        'SHA-256 of the PDF LibreOffice made of the document: the export holds it beside the original.',
      ),
      pageCount: z.number().int().positive(),
    })
    .optional()
    .describe('A Word, Excel or PowerPoint document converted to PDF before submission; absent when it was not.'),
})

const assessorCommentSchema = z.strictObject({
  authorName: z.string(),
  areaCode: z.string().nullable().describe('The claim the comment is about, or null for the whole item.'),
  body: z.string().describe('Markdown.'),
  createdAt: isoDateTime,
})

export const snapshotItemSchema = z.strictObject({
  ref: z
    .string()
    .regex(/^E\d+$/)
    .describe("The item's reference in this submission: E1, E2… in order of activity date."),
  evidenceId: z.number().int().positive(),
  revision: z.number().int().nonnegative().describe('The revision submitted; 0 for an item never sent for review.'),
  title: z.string(),
  activityStart: isoDate,
  activityEnd: isoDate.nullable(),
  evidenceType: z.string(),
  evidenceTypeLabel: z.string(),
  role: z.enum(['led', 'contributed', 'observed']),
  description: z.string().describe('Markdown.'),
  reflection: z.string().describe('Markdown.'),
  claims: z.array(claimSchema),
  attachments: z.array(attachmentSchema),
  assessorComments: z.array(assessorCommentSchema).describe('Comments a mentor marked for the assessor.'),
  feedback: feedbackResultsSchema.optional(),
})

const recordSchema = z
  .strictObject({
    experience: z
      .strictObject({
        years: z
          .number()
          .nonnegative()
          .describe('Whole-time-equivalent years in post, part-time posts by their fraction.'),
        supervisedYears: z
          .number()
          .nonnegative()
          .describe('Whole-time-equivalent years of supervised practice in a healthcare setting.'),
        gaps: z.array(z.strictObject({ from: isoDate, to: isoDate, days: z.number().int().positive() })),
      })
      .describe('Worked out from the posts on the day of submission.'),
    posts: z.array(
      z.strictObject({
        employer: z.string(),
        department: z.string(),
        jobTitle: z.string(),
        band: z.string(),
        startDate: isoDate,
        endDate: isoDate.nullable().describe('Null: the post held at submission.'),
        fractionPercent: z.number().int().min(1).max(100).describe('Whole-time equivalent in hundredths.'),
        supervisorName: z.string(),
        supervisedPractice: z.boolean().describe('Supervised practice in a healthcare setting.'),
        description: z.string(),
      }),
    ),
    qualifications: z.array(
      z.strictObject({
        kind: z.string(),
        kindLabel: z.string(),
        title: z.string(),
        institution: z.string(),
        startDate: isoDate.nullable(),
        endDate: isoDate.nullable().describe('Null: under way at submission.'),
      }),
    ),
    memberships: z.array(
      z.strictObject({ body: z.string(), grade: z.string(), number: z.string(), since: isoDate.nullable() }),
    ),
  })
  .describe("The trainee's experience and training record: the portfolio's one-page CV.")

const areaSchema = z.strictObject({ code: z.string(), text: z.string() })
const domainSchema = z.strictObject({
  key: z.string(),
  number: z.number().int(),
  title: z.string(),
  areas: z.array(areaSchema),
})

export const portfolioSnapshotSchema = z
  .strictObject({
    format: z.literal(SNAPSHOT_FORMAT),
    number: z.number().int().positive().describe("The trainee's 1st, 2nd… submission."),
    submittedAt: isoDateTime,
    trainee: z.strictObject({
      name: z.string(),
      specialism: z.string(),
      employer: z.string(),
    }),
    mentors: z
      .array(z.strictObject({ name: z.string() }))
      .describe('Mentors linked to the trainee when they submitted.'),
    framework: z.strictObject({
      id: z.string(),
      version: z.string(),
      title: z.string(),
      domains: z
        .array(domainSchema)
        .describe("The framework's domains and areas, copied so the snapshot reads on its own."),
    }),
    summaryStatement: z.string().describe("The trainee's summary statement (Markdown)."),
    record: recordSchema.optional().describe('Absent from submissions made before the record existed.'),
    items: z.array(snapshotItemSchema),
    declaration: z.strictObject({
      mentorName: z.string(),
      text: z.string(),
      signedAt: isoDateTime,
    }),
    coverage: z
      .looseObject({
        summary: z.looseObject({ areasTotal: z.number(), areasEvidenced: z.number(), areasVerified: z.number() }),
        domains: z.array(z.looseObject({ key: z.string() })),
        areas: z.array(z.looseObject({ code: z.string(), status: z.string() })),
        findings: z.array(z.looseObject({ ruleId: z.string(), severity: z.string(), message: z.string() })),
      })
      .describe('The coverage report at submission, as /coverage showed it.'),
  })
  .describe('A submitted Attain portfolio (portfolio.json).')

export type PortfolioSnapshot = Omit<z.infer<typeof portfolioSnapshotSchema>, 'coverage'> & { coverage: CoverageReport }
export type SnapshotItem = z.infer<typeof snapshotItemSchema>
export type SnapshotRecord = z.infer<typeof recordSchema>
export type SnapshotClaim = SnapshotItem['claims'][number]
export type SnapshotAttachment = SnapshotItem['attachments'][number]

/** Items numbered E1, E2… by activity date, then by id: the order the summary lists them in. */
export function numberItems<T extends { evidenceId: number; activityStart: string }>(
  items: readonly T[],
): (T & { ref: string })[] {
  return [...items]
    .sort((a, b) =>
      a.activityStart < b.activityStart ? -1 : a.activityStart > b.activityStart ? 1 : a.evidenceId - b.evidenceId,
    )
    .map((item, i) => ({ ...item, ref: `E${i + 1}` }))
}

/** The snapshot's bytes: canonical JSON, so equal content always hashes the same. */
export function serializeSnapshot(snapshot: PortfolioSnapshot): string {
  return canonicalJson(snapshot)
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}

export function snapshotHash(snapshot: PortfolioSnapshot): string {
  return sha256Hex(serializeSnapshot(snapshot))
}

/** Reads stored snapshot bytes back, checking their shape. */
export function parseSnapshot(json: string): PortfolioSnapshot {
  return portfolioSnapshotSchema.parse(JSON.parse(json)) as unknown as PortfolioSnapshot
}

/** The snapshot's JSON Schema, shipped in the export beside portfolio.json. */
export function snapshotJsonSchema(): unknown {
  return z.toJSONSchema(portfolioSnapshotSchema, { target: 'draft-2020-12' })
}

/** Where each area of competence is evidenced: area code → the items (refs) claiming it, in item order. */
export function itemsByArea(
  snapshot: Pick<PortfolioSnapshot, 'items'>,
): Map<string, { ref: string; claim: SnapshotClaim; item: SnapshotItem }[]> {
  const byArea = new Map<string, { ref: string; claim: SnapshotClaim; item: SnapshotItem }[]>()
  for (const item of snapshot.items) {
    for (const claim of item.claims) {
      const list = byArea.get(claim.areaCode) ?? []
      list.push({ ref: item.ref, claim, item })
      byArea.set(claim.areaCode, list)
    }
  }
  return byArea
}

/** Words in Markdown text, as the summary statement shows them. */
export { wordCount } from '~/evidence/form'
