import { describe, expect, it } from 'vitest'
import data from '../../competences/feedback-questions.json'
import { FEEDBACK_QUESTIONS, parseFeedbackQuestionSet } from '../../competences/feedback'
import {
  aggregateFeedback,
  answersSchema,
  ratingField,
  shuffle,
  type FeedbackAnswers,
} from '../../app/feedback/results'
import { roundSchema } from '../../app/feedback/round-form'

const set = FEEDBACK_QUESTIONS

function answer(value: number | null, strengths = '', development = ''): FeedbackAnswers {
  return { ratings: Object.fromEntries(set.questions.map((q) => [q.id, value])), strengths, development }
}

describe('the question set (competences/feedback-questions.json)', () => {
  it('loads, with questions on communication, team working, professionalism and responsiveness', () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(6)
    expect(set.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(['explains-clearly', 'responsive', 'team-working', 'knows-limits']),
    )
    expect(set.scale.map((p) => p.value)).toEqual([1, 2, 3, 4, 5])
    expect(set).toMatchObject({ minimumInvited: 6, maximumInvited: 15, minimumResponses: 5, linkValidDays: 21 })
  })

  it('refuses a set with a gap in its scale, a repeated question or a minimum above what is asked', () => {
    expect(() => parseFeedbackQuestionSet({ ...data, scale: [data.scale[0], data.scale[2], data.scale[3]] })).toThrow(
      /must be 2/,
    )
    expect(() => parseFeedbackQuestionSet({ ...data, questions: [data.questions[0], data.questions[0]] })).toThrow(
      /duplicate id/,
    )
    expect(() => parseFeedbackQuestionSet({ ...data, minimumResponses: 7 })).toThrow(/minimumInvited/)
    expect(() => parseFeedbackQuestionSet({ ...data, defaultAreas: ['Communication'] })).toThrow(/area code/)
  })
})

describe('a rater’s answers', () => {
  const form = (overrides: Record<string, string> = {}) => ({
    ...Object.fromEntries(set.questions.map((q) => [ratingField(q.id), '4'])),
    ...overrides,
  })

  it('takes a point of the scale or “not able to comment” for every question', () => {
    const parsed = answersSchema(set).parse(form({ [ratingField('listens')]: 'na', strengths: '  Clear.  ' }))
    expect(parsed.ratings.listens).toBeNull()
    expect(parsed.ratings.responsive).toBe(4)
    expect(parsed.strengths).toBe('Clear.')
    expect(parsed.development).toBe('')
  })

  it.each(['0', '6', '-1', '3.5', '', 'four', '1e0'])('refuses %j at the question', (bad) => {
    const result = answersSchema(set).safeParse(form({ [ratingField('safety')]: bad }))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([ratingField('safety')])
  })
})

describe('the combined results', () => {
  const identity = (n: number) => n - 1

  it('counts each point per question, counts “not able to comment” apart and leaves it out of the mean', () => {
    const results = aggregateFeedback(set, [answer(5), answer(4), answer(4), answer(null), answer(2)], {
      invited: 8,
      randomInt: identity,
    })
    expect(results).toMatchObject({ invited: 8, responses: 5, questionSet: 'attain-msf@1' })
    expect(results.questions[0]).toMatchObject({ counts: [0, 1, 0, 2, 1], notAbleToComment: 1, mean: 3.8 })
  })

  it('keeps comments without names, drops empty ones, and orders them by the random source alone', () => {
    const answers = [answer(3, 'A'), answer(3, ''), answer(3, 'B'), answer(3, '  C ')]
    expect(aggregateFeedback(set, answers, { invited: 6, randomInt: () => 0 }).strengths).toEqual(['B', 'C', 'A'])
    expect(aggregateFeedback(set, answers, { invited: 6, randomInt: identity }).strengths).toEqual(['A', 'B', 'C'])
  })

  it('shuffles into a permutation of what it was given', () => {
    let seed = 7
    const random = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n
    const items = Array.from({ length: 20 }, (_, i) => i)
    const shuffled = shuffle(items, random)
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items)
    expect(shuffled).not.toEqual(items)
  })
})

describe('the form that starts a round', () => {
  const schema = roundSchema(set, { areaCodes: ['Com2', 'Prof7'], ownEmail: 'Me@Trust.nhs.uk' })
  const rows = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        [`rater-${i + 1}-email`, `Colleague${i + 1}@trust.nhs.uk`],
        [`rater-${i + 1}-relationship`, 'engineer'],
      ]).flat(),
    )

  it('takes 6 to 15 colleagues, in lower case, ignoring empty rows', () => {
    const parsed = schema.parse({
      area: ['Com2', 'Prof7'],
      ...rows(6),
      'rater-9-email': '',
      'rater-9-relationship': '',
    })
    expect(parsed.raters).toHaveLength(6)
    expect(parsed.raters[0]).toEqual({ email: 'colleague1@trust.nhs.uk', relationship: 'engineer' })
    expect(parsed.areaCodes).toEqual(['Com2', 'Prof7'])
    expect(schema.safeParse({ area: 'Com2', ...rows(15) }).success).toBe(true)
  })

  it('refuses too few, an area not offered, the trainee’s own address and a relationship not in the list', () => {
    const paths = (input: Record<string, unknown>) =>
      schema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? []
    expect(paths({ area: 'Com2', ...rows(5) })).toEqual(['raters'])
    expect(paths({ area: 'Sci1', ...rows(6) })).toEqual(['area'])
    expect(paths({ ...rows(6) })).toEqual(['area'])
    expect(paths({ area: 'Com2', ...rows(6), 'rater-2-email': 'me@trust.nhs.uk' })).toEqual(['rater-2-email'])
    expect(paths({ area: 'Com2', ...rows(6), 'rater-4-relationship': 'friend' })).toEqual(['rater-4-relationship'])
  })
})
