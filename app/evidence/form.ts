import { z } from 'zod'
import { EVIDENCE_TYPE_KEYS } from '../../competences/evidence-types'
import { EVIDENCE_ROLES } from '~/vocabulary'

export const TEXT_LIMIT = 50_000
export const MAX_CLAIMS = 46

const isoDate = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
    .refine(
      (s) => {
        const date = new Date(`${s}T00:00:00Z`)
        return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s)
      },
      { message: 'That date does not exist' },
    )

const markdown = (label: string) =>
  z
    .string()
    .max(
      TEXT_LIMIT,
      `${label} is too long: keep it under ${TEXT_LIMIT.toLocaleString('en-GB')} characters (about 20 pages)`,
    )
    .transform((s) => s.replace(/\r\n/g, '\n'))

export const claimSchema = z.object({
  area: z
    .string()
    .trim()
    .regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)\d{1,2}$/, 'Choose an area of competence from the framework'),
  statement: z
    .string()
    .trim()
    .min(1, 'Say how this item demonstrates this competence: assessors reject bare tags')
    .max(2000, 'Keep this to at most 2,000 characters'),
  competencies: z
    .array(z.string().regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)-SC\d{1,2}$/))
    .max(20)
    .default([]),
})

export const evidenceSchema = z
  .object({
    title: z
      .string({ error: 'Give the item a title' })
      .trim()
      .min(1, 'Give the item a title')
      .max(200, 'Use at most 200 characters'),
    activityStart: isoDate('Enter the date of the activity'),
    activityEnd: z
      .union([z.literal(''), isoDate('')])
      .optional()
      .transform((s) => (s ? s : null)),
    evidenceType: z.enum(EVIDENCE_TYPE_KEYS, { error: 'Choose the type of evidence' }),
    role: z.enum(EVIDENCE_ROLES, { error: 'Say whether you led, contributed to or observed this work' }),
    description: markdown('The description'),
    reflection: markdown('The reflection'),
    claims: z.array(claimSchema).max(MAX_CLAIMS),
  })
  .superRefine((value, ctx) => {
    if (value.activityEnd && value.activityEnd < value.activityStart) {
      ctx.addIssue({ code: 'custom', path: ['activityEnd'], message: 'The end date is before the start date' })
    }
    const seen = new Set<string>()
    value.claims.forEach((claim, i) => {
      if (seen.has(claim.area))
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'area'], message: `${claim.area} is claimed twice` })
      seen.add(claim.area)
      for (const id of claim.competencies) {
        if (!id.startsWith(`${claim.area.replace(/\d+$/, '')}-`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['claims', i, 'competencies'],
            message: `${id} is not in the ${claim.area} domain`,
          })
        }
      }
    })
  })

export type EvidenceInput = z.infer<typeof evidenceSchema>

/**
 * Turns the evidence form's fields into the shape the schema reads. Claims
 * arrive as `claims[3].area`, `claims[3].statement`, `claims[3].competencies`.
 */
export function evidenceFormToObject(formData: FormData): Record<string, unknown> {
  const single = (key: string) => {
    const v = formData.get(key)
    return typeof v === 'string' ? v : undefined
  }
  const claims = new Map<number, { area?: string; statement?: string; competencies: string[] }>()
  for (const [key, value] of formData) {
    const match = /^claims\[(\d{1,3})\]\.(area|statement|competencies)$/.exec(key)
    if (!match || typeof value !== 'string') continue
    const index = Number(match[1])
    const claim = claims.get(index) ?? { competencies: [] }
    if (match[2] === 'competencies') claim.competencies.push(value)
    else claim[match[2] as 'area' | 'statement'] = value
    claims.set(index, claim)
  }
  return {
    title: single('title'),
    activityStart: single('activityStart'),
    activityEnd: single('activityEnd'),
    evidenceType: single('evidenceType'),
    role: single('role'),
    description: single('description') ?? '',
    reflection: single('reflection') ?? '',
    claims: [...claims.entries()].sort(([a], [b]) => a - b).map(([, c]) => c),
  }
}

export function wordCount(text: string): number {
  const words = text.trim().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)
  return words ? words.length : 0
}

/** The evidence form's fields as the editor holds them: strings as typed, before parsing. */
export interface EditorClaim {
  area: string
  statement: string
  competencies: string[]
}

export interface EditorValues {
  title: string
  activityStart: string
  activityEnd: string
  evidenceType: string
  role: string
  description: string
  reflection: string
  claims: EditorClaim[]
}
