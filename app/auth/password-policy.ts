import common from '~/auth/common-passwords.json'

export const PASSWORD_MIN_LENGTH = 15
export const PASSWORD_MAX_LENGTH = 256

const COMMON = new Set(common.passwords.map((p) => p.toLowerCase()))

/** True when the text is one short unit said again and again: "aaaa…", "abcabcabc…", "passwordpassword". */
function repeatedUnit(text: string): string | null {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size !== 0) continue
    const unit = text.slice(0, size)
    if (unit.repeat(text.length / size) === text) return unit
  }
  return null
}

/** Runs like "123456789012345" or "abcdefghijklmno": each character one step from the last. */
function isSequence(text: string): boolean {
  if (text.length < 4) return false
  const step = text.charCodeAt(1) - text.charCodeAt(0)
  if (Math.abs(step) !== 1) return false
  for (let i = 2; i < text.length; i++) {
    const d = text.charCodeAt(i) - text.charCodeAt(i - 1)
    // Digits wrap from 9 to 0 (1234567890123).
    if (d !== step && !(step === 1 && text[i - 1] === '9' && text[i] === '0')) return false
  }
  return true
}

export interface PasswordContext {
  email?: string
  name?: string
}

/**
 * Why a password may not be used, or null if it may. Follows NIST SP 800-63B
 * rev. 4: length is what matters (at least 15 characters for a password that
 * is the only factor), no composition rules, but no common, repetitive or
 * context-specific choices.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A passphrase of three or four unrelated words is easy to remember and hard to guess.`
  }
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  const lower = password.toLowerCase()
  const unit = repeatedUnit(lower)
  if (COMMON.has(lower) || (unit && (unit.length <= 4 || COMMON.has(unit)))) {
    return 'This password is one of the most commonly used, so it is among the first an attacker tries. Use a passphrase of unrelated words.'
  }
  if (isSequence(lower)) return 'A run of consecutive characters is easy to guess. Use a passphrase of unrelated words.'
  // What is left once the service's name, the user's name or email is taken out must stand on its own.
  const isWeak = (rest: string) => rest.length < 8 || isSequence(rest) || COMMON.has(rest)
  const without = (words: string[]) => words.reduce((text, word) => text.split(word).join(''), lower)
  if (lower.includes('attain') && isWeak(without(['attain']))) {
    return 'Do not build your password around the name of this service.'
  }
  const localPart = context.email?.split('@')[0]?.toLowerCase() ?? ''
  const personal = [localPart, ...(context.name ?? '').toLowerCase().split(/\s+/)].filter((w) => w.length >= 4)
  const rest = without(personal)
  if (rest !== lower && isWeak(rest)) return 'Do not build your password around your name or email address.'
  return null
}
