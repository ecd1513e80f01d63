/** The form that starts a feedback round: the areas it addresses and the colleagues asked. Pure. */
import { z } from 'zod'
import type { FeedbackQuestionSet } from '../../competences/feedback'
import { FEEDBACK_RELATIONSHIPS, type FeedbackRelationship } from '~/vocabulary'

export const raterEmailField = (n: number) => `rater-${n}-email`
export const raterRelationshipField = (n: number) => `rater-${n}-relationship`

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface RoundInput {
  areaCodes: string[]
  raters: { email: string; relationship: FeedbackRelationship }[]
}

/**
 * Rows left empty are ignored; a half-filled row, a mistyped or repeated address, or the trainee's own address
 * is refused at its field; too few or too many colleagues at the list.
 */
export function roundSchema(
  set: FeedbackQuestionSet,
  { areaCodes, ownEmail }: { areaCodes: string[]; ownEmail: string },
) {
  const rows = Array.from({ length: set.maximumInvited }, (_, i) => i + 1)
  const shape: Record<string, z.ZodType> = {
    area: z
      .union([z.string(), z.array(z.string())], { error: 'Choose at least one area the feedback addresses.' })
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .refine((codes) => codes.every((c) => areaCodes.includes(c)), 'Choose areas from the list.'),
  }
  for (const n of rows) {
    shape[raterEmailField(n)] = z.string().trim().max(254, 'That e-mail address is too long.').default('')
    shape[raterRelationshipField(n)] = z.string().default('')
  }
  return z
    .object(shape)
    .superRefine((values, ctx) => {
      const seen = new Map<string, number>()
      let filled = 0
      for (const n of rows) {
        const email = (values[raterEmailField(n)] as string).toLowerCase()
        const relationship = values[raterRelationshipField(n)] as string
        if (email === '' && relationship === '') continue
        filled += 1
        if (email === '')
          ctx.addIssue({ code: 'custom', path: [raterEmailField(n)], message: 'Enter their e-mail address.' })
        else if (!EMAIL.test(email))
          ctx.addIssue({
            code: 'custom',
            path: [raterEmailField(n)],
            message: 'Enter an e-mail address like name@nhs.net.',
          })
        else if (email === ownEmail.toLowerCase())
          ctx.addIssue({
            code: 'custom',
            path: [raterEmailField(n)],
            message: 'This is your own address: ask a colleague instead.',
          })
        else if (seen.has(email))
          ctx.addIssue({
            code: 'custom',
            path: [raterEmailField(n)],
            message: `Already asked in colleague ${seen.get(email)}.`,
          })
        else seen.set(email, n)
        if (!(FEEDBACK_RELATIONSHIPS as readonly string[]).includes(relationship))
          ctx.addIssue({
            code: 'custom',
            path: [raterRelationshipField(n)],
            message: 'Choose how they work with you.',
          })
      }
      if (filled < set.minimumInvited || filled > set.maximumInvited)
        ctx.addIssue({
          code: 'custom',
          path: ['raters'],
          message: `Ask between ${set.minimumInvited} and ${set.maximumInvited} colleagues (you listed ${filled}): with fewer, too few may answer for the results to be released.`,
        })
    })
    .transform((values): RoundInput => ({
      areaCodes: values.area as string[],
      raters: rows
        .filter((n) => values[raterEmailField(n)] !== '')
        .map((n) => ({
          email: (values[raterEmailField(n)] as string).toLowerCase(),
          relationship: values[raterRelationshipField(n)] as FeedbackRelationship,
        })),
    }))
}
