import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from '~/auth/password-policy'
import { normaliseRecoveryCode, normaliseTotpCode } from '~/auth/totp'

const ENTER_CODE = 'Enter the 6-digit code from your app'

/** A code from an authenticator app: six digits, spaces and dashes allowed. Parses to the six digits. */
export const totpCodeField = z
  .string({ error: ENTER_CODE })
  .max(50, 'The code is 6 digits, such as 123456')
  .trim()
  .min(1, ENTER_CODE)
  .refine((v) => normaliseTotpCode(v) !== null, 'The code is 6 digits, such as 123456')
  .transform((v) => normaliseTotpCode(v)!)

const ENTER_RECOVERY_CODE = 'Enter one of your recovery codes'

/** A recovery code such as `k7dq-2vxm-p9tz`, in any case, with or without dashes. Parses to its stored form. */
export const recoveryCodeField = z
  .string({ error: ENTER_RECOVERY_CODE })
  .max(100, 'A recovery code has 12 letters and digits, such as k7dq-2vxm-p9tz')
  .trim()
  .min(1, ENTER_RECOVERY_CODE)
  .refine((v) => normaliseRecoveryCode(v) !== null, 'A recovery code has 12 letters and digits, such as k7dq-2vxm-p9tz')
  .transform((v) => normaliseRecoveryCode(v)!)

export const currentPasswordField = z
  .string({ error: 'Enter your password' })
  .min(1, 'Enter your password')
  .max(PASSWORD_MAX_LENGTH * 4, 'That is not your password')
