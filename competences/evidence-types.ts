import { z } from 'zod'
import data from './evidence-types.json'

const evidenceTypesSchema = z
  .strictObject({
    evidenceTypes: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-z]+(-[a-z]+)*$/, { message: 'must be lower-case words joined by hyphens' }),
          label: z.string().min(1),
          hint: z.string().min(1),
        }),
      )
      .min(1),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>()
    value.evidenceTypes.forEach((type, i) => {
      if (seen.has(type.key))
        ctx.addIssue({ code: 'custom', path: ['evidenceTypes', i, 'key'], message: `duplicate key "${type.key}"` })
      seen.add(type.key)
    })
  })

export type EvidenceType = z.infer<typeof evidenceTypesSchema>['evidenceTypes'][number]

export function parseEvidenceTypes(input: unknown): EvidenceType[] {
  return evidenceTypesSchema.parse(input).evidenceTypes
}

/** The kinds of evidence a trainee can log, drawn from the framework's "good pieces of evidence". */
export const EVIDENCE_TYPES: readonly EvidenceType[] = parseEvidenceTypes(data)
export const EVIDENCE_TYPE_KEYS = EVIDENCE_TYPES.map((t) => t.key) as [string, ...string[]]
export const evidenceTypeLabel = (key: string) => EVIDENCE_TYPES.find((t) => t.key === key)?.label ?? key
