/**
 * Multi-source feedback, the pure part: reading a rater's form, and turning the answers of a round into the
 * results a trainee reads. No I/O, no clock, no randomness of its own (the caller hands in the random source).
 */
import { z } from 'zod'
import type { FeedbackQuestionSet } from '../../competences/feedback'

export const FREE_TEXT_LIMIT = 5_000

export interface FeedbackAnswers {
  /** Question id → a point on the scale, or null for "not able to comment". */
  ratings: Record<string, number | null>
  strengths: string
  development: string
}

/** The form field of a question's rating. */
export const ratingField = (questionId: string) => `rating-${questionId}`

/**
 * The rater's form as a zod schema built from the question set: every question needs a point on the scale or
 * "not able to comment" (`na`); anything else is refused at its field.
 */
export function answersSchema(set: FeedbackQuestionSet) {
  const points = set.scale.map((p) => String(p.value))
  const rating = z
    .string({ error: 'Choose a rating, or “Not able to comment”.' })
    .refine((v) => v === 'na' || points.includes(v), {
      message: `Choose one of the points on the scale (1 to ${set.scale.length}), or “Not able to comment”.`,
    })
    .transform((v) => (v === 'na' ? null : Number(v)))
  const text = z
    .string()
    .trim()
    .max(FREE_TEXT_LIMIT, `Use at most ${FREE_TEXT_LIMIT.toLocaleString('en-GB')} characters.`)
    .default('')
  const shape: Record<string, z.ZodType> = { strengths: text, development: text }
  for (const q of set.questions) shape[ratingField(q.id)] = rating
  return z.object(shape).transform((values): FeedbackAnswers => {
    const ratings: Record<string, number | null> = {}
    for (const q of set.questions) ratings[q.id] = values[ratingField(q.id)] as number | null
    return { ratings, strengths: values.strengths as string, development: values.development as string }
  })
}

export interface QuestionResult {
  id: string
  short: string
  text: string
  /** How many raters chose each point: `counts[0]` is point 1. */
  counts: number[]
  notAbleToComment: number
  /** Mean of the ratings given, to one decimal place; null when nobody rated it. */
  mean: number | null
}

/** A round's results as released: counts and comments only, nothing that names or orders the raters. */
export interface FeedbackResults {
  questionSet: string
  scale: { value: number; label: string }[]
  invited: number
  responses: number
  questions: QuestionResult[]
  /** Comments in the order they were shuffled into at release. */
  strengths: string[]
  development: string[]
}

/** Fisher–Yates with the caller's source of random integers in [0, n). */
export function shuffle<T>(items: readonly T[], randomInt: (n: number) => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

export function aggregateFeedback(
  set: FeedbackQuestionSet,
  answers: readonly FeedbackAnswers[],
  { invited, randomInt }: { invited: number; randomInt: (n: number) => number },
): FeedbackResults {
  const questions = set.questions.map((q): QuestionResult => {
    const counts = set.scale.map(() => 0)
    let notAbleToComment = 0
    let sum = 0
    let rated = 0
    for (const a of answers) {
      const value = a.ratings[q.id]
      if (typeof value === 'number' && value >= 1 && value <= counts.length) {
        counts[value - 1]! += 1
        sum += value
        rated += 1
      } else notAbleToComment += 1
    }
    return {
      id: q.id,
      short: q.short,
      text: q.text,
      counts,
      notAbleToComment,
      mean: rated ? Math.round((sum / rated) * 10) / 10 : null,
    }
  })
  const comments = (key: 'strengths' | 'development') =>
    shuffle(
      answers.map((a) => a[key].trim()).filter((t) => t !== ''),
      randomInt,
    )
  return {
    questionSet: `${set.id}@${set.version}`,
    scale: set.scale.map((p) => ({ ...p })),
    invited,
    responses: answers.length,
    questions,
    strengths: comments('strengths'),
    development: comments('development'),
  }
}

const resultsSchema = z.strictObject({
  questionSet: z.string(),
  scale: z.array(z.strictObject({ value: z.number().int(), label: z.string() })),
  invited: z.number().int().nonnegative(),
  responses: z.number().int().nonnegative(),
  questions: z.array(
    z.strictObject({
      id: z.string(),
      short: z.string(),
      text: z.string(),
      counts: z.array(z.number().int().nonnegative()),
      notAbleToComment: z.number().int().nonnegative(),
      mean: z.number().nullable(),
    }),
  ),
  strengths: z.array(z.string()),
  development: z.array(z.string()),
})

/** The results' shape, also the `feedback` of a snapshot item. */
export const feedbackResultsSchema = resultsSchema.describe(
  'Multi-source feedback results this reflection is on: counts per point of the scale for each question, and the raters’ comments without names in a random order fixed at release.',
)

export function parseFeedbackResults(value: unknown): FeedbackResults | null {
  const parsed = resultsSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}
