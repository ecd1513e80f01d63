import { z } from 'zod'
import data from './thesaurus.json'
import { formatPath } from './schema'

/**
 * The words used to match evidence to areas of competence: stop words, groups
 * of words that name the same kind of work, and the words an area's evidence
 * usually contains where the area's own text is too short to match anything.
 */
const word = z
  .string()
  .min(1, { message: 'must not be empty' })
  .refine((s) => s === s.trim(), { message: 'must not have leading or trailing white space' })

export const thesaurusSchema = z.strictObject({
  about: z.string(),
  stopWords: z.array(word.refine((s) => s === s.toLowerCase(), { message: 'must be lower case' })),
  groups: z.array(z.array(word).min(2, { message: 'a group must hold at least two words' })),
  areaCues: z.record(
    z.string().regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)[1-9]\d*$/, { message: 'must be an area code' }),
    z.array(word).min(1),
  ),
})

export type Thesaurus = z.output<typeof thesaurusSchema>

export function parseThesaurus(input: unknown): Thesaurus {
  const result = thesaurusSchema.safeParse(input)
  if (!result.success) {
    throw new Error(
      `Thesaurus is invalid:\n  ${result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n  ')}`,
    )
  }
  return result.data
}

/** The thesaurus shipped with the IPEM Medical Physics & Clinical Engineering framework. */
export const DEFAULT_THESAURUS: Thesaurus = parseThesaurus(data)
