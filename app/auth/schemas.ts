import { z } from 'zod'
import { SPECIALISMS } from '~/vocabulary'
import { PASSWORD_MAX_LENGTH, passwordProblem } from '~/auth/password-policy'

export const SPECIALISM_LABELS: Record<(typeof SPECIALISMS)[number], string> = {
  'radiotherapy-physics': 'Radiotherapy physics',
  'nuclear-medicine': 'Nuclear medicine',
  'diagnostic-radiology': 'Diagnostic radiology',
  'radiation-protection': 'Radiation protection',
  mri: 'Magnetic resonance imaging',
  ultrasound: 'Ultrasound',
  'clinical-engineering': 'Clinical engineering',
  renal: 'Renal technology',
  vascular: 'Vascular science',
  other: 'Other',
}

export const emailField = z
  .string({ error: 'Enter your email address' })
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'That email address is too long')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address like name@nhs.net')
  .transform((e) => e.toLowerCase())

export const nameField = z
  .string({ error: 'Enter your name' })
  .trim()
  .min(1, 'Enter your name')
  .max(100, 'Use at most 100 characters')

export const newPasswordField = z
  .string({ error: 'Choose a password' })
  .min(1, 'Choose a password')
  .max(PASSWORD_MAX_LENGTH * 4, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)

/**
 * Checks the field named `password` (or `field`) against the password policy,
 * with the form's email and name as context: a password built on them is refused.
 */
export function passwordPolicyCheck(field = 'password') {
  return (values: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const password = values[field]
    if (typeof password !== 'string') return
    const problem = passwordProblem(password, {
      email: typeof values.email === 'string' ? values.email : undefined,
      name: typeof values.name === 'string' ? values.name : undefined,
    })
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem })
  }
}

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'That date does not exist',
    },
  )

export const traineeProfileFields = {
  specialism: z.enum(SPECIALISMS, { error: 'Choose your specialism' }),
  employer: z.string().trim().max(200, 'Use at most 200 characters').default(''),
  targetSubmissionDate: z
    .union([z.literal(''), isoDate])
    .optional()
    .transform((s) => (s ? s : null)),
}

export const loginSchema = z.object({
  email: emailField,
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(PASSWORD_MAX_LENGTH * 4),
  redirectTo: z.string().optional(),
})

export const signupSchema = z
  .object({
    name: nameField,
    email: emailField,
    password: newPasswordField,
    ...traineeProfileFields,
  })
  .superRefine(passwordPolicyCheck())

/** Signing up through a mentor invitation: an account, no trainee profile. */
export const mentorSignupSchema = z
  .object({ name: nameField, email: emailField, password: newPasswordField })
  .superRefine(passwordPolicyCheck())
