/**
 * The experience and training record's forms: what a post, a qualification and a membership must be, checked
 * field by field with messages a trainee can act on. Dates may not lie in the future and an end may not come
 * before its start; the check that posts together stay within full time needs the other posts, and is made when
 * a post is saved (`record.server.ts`).
 */
import { z } from 'zod'
import { QUALIFICATION_KINDS } from '~/vocabulary'
import { dayNumber } from '~/record/experience'

const text = (label: string, max: number) =>
  z
    .string({ message: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `Use at most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => v ?? '')

const day = (what: string) =>
  z
    .string({ message: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .refine((v) => Number.isFinite(dayNumber(v)), 'Enter a real date, for example 2021-09-01')
const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || Number.isFinite(dayNumber(v)), 'Enter a real date, for example 2021-09-01')

const id = z.coerce.number().int().positive()

/** Whole-time fraction as typed ("1", "0.6", "0.5") → hundredths. */
const fraction = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? '1' : v))
  .refine((v) => /^(?:0?\.\d{1,2}|1(?:\.0{0,2})?|0)$/.test(v), 'Enter the fraction of full time, from 0.05 to 1')
  .transform((v) => Math.round(Number(v) * 100))
  .refine((v) => v >= 5 && v <= 100, 'Enter the fraction of full time, from 0.05 to 1')

function checkDates(
  value: { startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
  today: string,
  { endField = 'endDate', startLabel = 'start', endLabel = 'end' } = {},
) {
  const t = dayNumber(today)
  const start = value.startDate ? dayNumber(value.startDate) : Number.NaN
  const end = value.endDate ? dayNumber(value.endDate) : Number.NaN
  if (Number.isFinite(start) && start > t)
    ctx.addIssue({ code: 'custom', path: ['startDate'], message: `The ${startLabel} date is in the future` })
  if (Number.isFinite(end) && end > t)
    ctx.addIssue({
      code: 'custom',
      path: [endField],
      message: `The ${endLabel} date is in the future: leave it empty if this is still under way`,
    })
  if (Number.isFinite(start) && Number.isFinite(end) && end < start)
    ctx.addIssue({ code: 'custom', path: [endField], message: `The ${endLabel} date is before the ${startLabel} date` })
}

export function postSchema(today: string) {
  return z
    .object({
      employer: text('employer', 200),
      department: optionalText(200),
      jobTitle: text('job title', 200),
      band: optionalText(40),
      startDate: day('start date'),
      endDate: optionalDay,
      fraction,
      supervisorName: optionalText(200),
      supervisedPractice: z
        .string()
        .optional()
        .transform((v) => v === 'on' || v === 'true' || v === 'yes'),
      description: optionalText(2000),
    })
    .superRefine((value, ctx) => checkDates(value, ctx, today))
}

export function qualificationSchema(today: string) {
  return z
    .object({
      kind: z.enum(QUALIFICATION_KINDS, { message: 'Choose what kind of qualification this is' }),
      title: text('title', 200),
      institution: optionalText(200),
      startDate: optionalDay,
      endDate: optionalDay,
    })
    .superRefine((value, ctx) => checkDates(value, ctx, today, { endLabel: 'completion' }))
}

export function membershipSchema(today: string) {
  return z
    .object({
      body: text('body (for example IPEM)', 200),
      grade: optionalText(100),
      number: optionalText(60),
      since: optionalDay,
    })
    .superRefine((value, ctx) => {
      if (value.since && dayNumber(value.since) > dayNumber(today))
        ctx.addIssue({ code: 'custom', path: ['since'], message: 'The date is in the future' })
    })
}

/** What each form of the /record page does; the fields are then read with the schema of what it saves. */
export const RECORD_INTENTS = [
  'save-post',
  'delete-post',
  'save-qualification',
  'delete-qualification',
  'save-membership',
  'delete-membership',
] as const
export const recordIntentSchema = z.object({
  intent: z.enum(RECORD_INTENTS, { message: 'Choose what to do' }),
  id: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
})

export type PostInput = z.output<ReturnType<typeof postSchema>>
export type QualificationInput = z.output<ReturnType<typeof qualificationSchema>>
export type MembershipInput = z.output<ReturnType<typeof membershipSchema>>
