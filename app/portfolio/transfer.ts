/**
 * The live portfolio as a file the trainee keeps: everything they wrote and
 * attached, in a documented format they can read back into Attain (on this
 * server or another). Review history, verifications and comments are the
 * mentors' records, not the trainee's content, so they are not in it. Pure.
 */
import { z } from 'zod'
import { EVIDENCE_ROLES, SPECIALISMS } from '~/vocabulary'
import { evidenceSchema, TEXT_LIMIT, type EvidenceInput } from '~/evidence/form'

export const PORTFOLIO_EXPORT_FORMAT = 'attain.portfolio-export/1'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'Expected a UTC date and time (ISO 8601)')

export const transferAttachmentSchema = z
  .strictObject({
    originalName: z.string().min(1).max(400).describe('The file name as the trainee uploaded it.'),
    mediaType: z
      .string()
      .describe('The type detected from the content when it was uploaded; detected again on import.'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'Expected 64 lower-case hex digits')
      .describe('SHA-256 of the file: checked against the content on import.'),
    size: z.number().int().positive().describe('Bytes.'),
    contentBase64: z.string().describe('The file itself, base64-encoded.'),
  })
  .describe('A file attached to the item.')

export const transferClaimSchema = z
  .strictObject({
    area: z.string().describe('Area of competence, e.g. "Sci3".'),
    statement: z.string().describe('How the item demonstrates the area.'),
    competencies: z.array(z.string()).describe('Specific competency ids also named, e.g. "Sci-SC4".'),
  })
  .describe('A claim that the item demonstrates an area of competence.')

export const transferItemSchema = z
  .strictObject({
    title: z.string(),
    activityStart: isoDate.describe('When the activity started (or took place).'),
    activityEnd: isoDate.nullable().describe('When it ended, if it ran over several days.'),
    evidenceType: z.string().describe('The evidence type key, e.g. "case-study".'),
    role: z.enum(EVIDENCE_ROLES).describe("The trainee's part in the work."),
    description: z.string().describe('Markdown.'),
    reflection: z.string().describe('Markdown.'),
    claims: z.array(transferClaimSchema),
    attachments: z.array(transferAttachmentSchema),
  })
  .describe('One evidence item as the trainee last saved it.')

export const portfolioExportSchema = z
  .strictObject({
    format: z.literal(PORTFOLIO_EXPORT_FORMAT).describe('Names this format and its version.'),
    exportedAt: isoDateTime.describe('When the file was made.'),
    trainee: z
      .strictObject({
        name: z.string(),
        specialism: z.enum(SPECIALISMS).describe('The specialism key, e.g. "radiotherapy-physics".'),
        employer: z.string(),
        targetSubmissionDate: isoDate.nullable(),
      })
      .describe('Who the portfolio belongs to, for reference: importing does not change the account it is read into.'),
    framework: z.strictObject({ id: z.string(), version: z.string() }).describe('The framework the claims refer to.'),
    summaryStatement: z.string().max(TEXT_LIMIT).describe("The trainee's summary statement (Markdown)."),
    items: z.array(transferItemSchema).describe('Evidence items in order of activity date.'),
  })
  .describe("An Attain trainee's portfolio: their evidence, claims, files and summary statement.")

export type PortfolioExport = z.infer<typeof portfolioExportSchema>
export type TransferItem = PortfolioExport['items'][number]
export type TransferAttachment = TransferItem['attachments'][number]

export interface ImportableItem {
  input: EvidenceInput
  attachments: TransferAttachment[]
}

export interface ImportablePortfolio {
  export: PortfolioExport
  items: ImportableItem[]
}

/** `items.3.claims.0.area: Choose an area…`: where in the file, then what is wrong. */
function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
}

/** At most this many problems are listed; a file that is wrong everywhere says so once. */
const MAX_ISSUES = 20

/**
 * Reads an export file's parsed JSON: the portfolio, each item checked with
 * the same rules as the evidence form, or the problems found, each with the
 * path in the file where it was found.
 */
export function readPortfolioExport(
  json: unknown,
): { ok: true; portfolio: ImportablePortfolio } | { ok: false; problems: string[] } {
  const parsed = portfolioExportSchema.safeParse(json)
  if (!parsed.success) return { ok: false, problems: limit(describeIssues(parsed.error.issues)) }
  const problems: string[] = []
  const items: ImportableItem[] = []
  parsed.data.items.forEach((item, i) => {
    const { attachments, ...fields } = item
    // The form's schema reads an empty end date as "none"; the file says null.
    const checked = evidenceSchema.safeParse({ ...fields, activityEnd: fields.activityEnd ?? undefined })
    if (checked.success) items.push({ input: checked.data, attachments })
    else problems.push(...describeIssues(checked.error.issues, ['items', i]))
  })
  if (problems.length > 0) return { ok: false, problems: limit(problems) }
  return { ok: true, portfolio: { export: parsed.data, items } }
}

function limit(problems: string[]): string[] {
  if (problems.length <= MAX_ISSUES) return problems
  return [...problems.slice(0, MAX_ISSUES), `…and ${problems.length - MAX_ISSUES} more problems.`]
}

/** The file's JSON Schema, for anyone reading the format outside Attain. */
export function portfolioExportJsonSchema(): unknown {
  return z.toJSONSchema(portfolioExportSchema, { target: 'draft-2020-12' })
}
