import { z } from 'zod'
import data from './feedback-questions.json'

/**
 * The multi-source feedback question set: the questions raters answer on a scale, the free-text prompts, the
 * areas a round addresses unless the trainee chooses others, and the round's limits. Data, so a programme can
 * change its questions without touching code; checked here when the app loads.
 */
const id = z.string().regex(/^[a-z]+(-[a-z]+)*$/, { message: 'must be lower-case words joined by hyphens' })
const sentence = z.string().refine((s) => /^[A-Z“]/.test(s) && /[.?]$/.test(s), {
  message: 'must be a whole sentence: start with a capital letter and end with a full stop or question mark',
})
const areaCode = z.string().regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)[1-9]\d*$/, {
  message: 'must be an area code such as Com2 or Prof7',
})

const feedbackQuestionSetSchema = z
  .strictObject({
    id,
    version: z.string().min(1),
    title: z.string().min(1),
    intro: sentence,
    scale: z
      .array(z.strictObject({ value: z.number().int().positive(), label: z.string().min(1) }))
      .min(3, { message: 'must have at least three points' }),
    notAbleToComment: z.string().min(1),
    defaultAreas: z.array(areaCode).min(1),
    minimumInvited: z.number().int().positive(),
    maximumInvited: z.number().int().positive(),
    minimumResponses: z.number().int().positive(),
    linkValidDays: z.number().int().positive(),
    reminderIntervalDays: z.number().int().positive(),
    questions: z.array(z.strictObject({ id, short: z.string().min(1), text: sentence })).min(1),
    freeText: z.array(z.strictObject({ id, label: sentence, hint: sentence })).min(1),
  })
  .superRefine((set, ctx) => {
    set.scale.forEach((point, i) => {
      if (point.value !== i + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['scale', i, 'value'],
          message: `must be ${i + 1}: the scale counts 1, 2, 3…`,
        })
    })
    const seen = new Set<string>()
    ;[...set.questions, ...set.freeText].forEach((q) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions'], message: `duplicate id "${q.id}"` })
      seen.add(q.id)
    })
    if (set.minimumInvited > set.maximumInvited)
      ctx.addIssue({ code: 'custom', path: ['minimumInvited'], message: 'must not be above maximumInvited' })
    if (set.minimumResponses > set.minimumInvited)
      ctx.addIssue({ code: 'custom', path: ['minimumResponses'], message: 'must not be above minimumInvited' })
  })

export type FeedbackQuestionSet = z.infer<typeof feedbackQuestionSetSchema>

export function parseFeedbackQuestionSet(input: unknown): FeedbackQuestionSet {
  return feedbackQuestionSetSchema.parse(input)
}

/** The question set new rounds use. */
export const FEEDBACK_QUESTIONS: FeedbackQuestionSet = parseFeedbackQuestionSet(data)
