import { getTOTPAuthUri, verifyTOTP } from '@epic-web/totp'

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them:
 * HMAC-SHA-1, six digits, a new code every 30 seconds. A code from the step
 * before or after the current one is accepted too, for clocks a little apart.
 */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
export const TOTP_ALGORITHM = 'SHA-1'
export const TOTP_WINDOW = 1
export const TOTP_ISSUER = 'Attain'

export const RECOVERY_CODE_COUNT = 10

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length))
}

/** RFC 4648 base32, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/** A new shared secret: 160 random bits (the size RFC 4226 recommends), as 32 base32 characters. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20))
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountEmail: string): string {
  return getTOTPAuthUri({
    secret,
    accountName: accountEmail,
    issuer: TOTP_ISSUER,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  })
}

/** Groups a secret in fours, as it is easier to copy by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

/** The six digits of a code as typed, without spaces or dashes; null if it is not six digits. */
export function normaliseTotpCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(digits) ? digits : null
}

/** The time step (30-second interval since 1970) an instant falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / (TOTP_PERIOD_SECONDS * 1000))
}

/**
 * The time step a code was made for, if it is right for the secret and newer
 * than `lastStep` (a code once accepted is never accepted again); else null.
 *
 * The library checks against the system clock, so `nowMs` should be
 * `Date.now()`: it only tells which step the accepted code belongs to. Should
 * a 30-second boundary pass while the code is checked, the later step is taken
 * as the base, so a code is never recorded under a step before its own (which
 * would let it be used a second time).
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  nowMs: number = Date.now(),
): Promise<number | null> {
  const otp = normaliseTotpCode(code)
  if (!otp || !secret) return null
  const result = await verifyTOTP({
    otp,
    secret,
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: TOTP_ALGORITHM,
    window: TOTP_WINDOW,
  })
  if (!result) return null
  const step = Math.max(totpStep(nowMs), totpStep(Date.now())) + result.delta
  if (lastStep !== null && step <= lastStep) return null
  return step
}

/** Letters and digits that cannot be mistaken for one another: no 0/o, 1/l/i. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const RECOVERY_LENGTH = 12

function randomRecoveryCharacters(count: number): string {
  let out = ''
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      // Only the bottom five bits, and only below the alphabet's size, so every character is equally likely.
      const index = byte & 31
      if (index < RECOVERY_ALPHABET.length) out += RECOVERY_ALPHABET[index]
      if (out.length === count) break
    }
  }
  return out
}

function groupRecoveryCode(chars: string): string {
  return chars.match(/.{4}/g)!.join('-')
}

/** Ten one-time recovery codes such as `k7dq-2vxm-p9tz`, all different. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>()
  while (codes.size < count) codes.add(groupRecoveryCode(randomRecoveryCharacters(RECOVERY_LENGTH)))
  return [...codes]
}

/**
 * A recovery code as typed, in the one form it is stored in (`k7dq-2vxm-p9tz`):
 * case, spaces and dashes do not matter. Null if it cannot be a recovery code.
 */
export function normaliseRecoveryCode(code: string): string | null {
  const chars = code.toLowerCase().replace(/[\s-]/g, '')
  if (chars.length !== RECOVERY_LENGTH) return null
  for (const c of chars) if (!RECOVERY_ALPHABET.includes(c)) return null
  return groupRecoveryCode(chars)
}
