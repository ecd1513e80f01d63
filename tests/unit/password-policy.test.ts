import { describe, expect, it } from 'vitest'
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../app/auth/password-policy'
import common from '../../app/auth/common-passwords.json'

describe('the password policy', () => {
  it('ships the list of the 10,000 most common passwords', () => {
    expect(common.passwords).toHaveLength(10_000)
    expect(common.passwords).toContain('password')
    expect(common.license).toMatch(/MIT/)
  })

  it('asks for at least 15 characters and suggests a passphrase', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(15)
    expect(passwordProblem('short pass 13c')).toMatch(/at least 15 characters.*passphrase/i)
    expect(passwordProblem('linac output drift')).toBeNull()
  })

  it('counts characters, not bytes', () => {
    expect(passwordProblem('ñandú pájaro ág')).toBeNull()
    expect(passwordProblem('ñandú pájaro á')).not.toBeNull()
  })

  it('accepts up to 256 characters and refuses more', () => {
    const words = 'phantom dosimetry calibration ionisation chamber '
    expect(passwordProblem(words.repeat(5).slice(0, 256))).toBeNull()
    expect(passwordProblem(words.repeat(6).slice(0, 257))).toMatch(/at most 256/)
  })

  it('refuses common passwords, whatever their case, even when long enough', () => {
    const longCommon = common.passwords.find((p) => [...p].length >= 15)
    expect(longCommon).toBeDefined()
    expect(passwordProblem(longCommon!)).toMatch(/most commonly used/)
    expect(passwordProblem(longCommon!.toUpperCase())).toMatch(/most commonly used/)
  })

  it('refuses a common password or a short unit said again and again', () => {
    expect(passwordProblem('passwordpassword')).toMatch(/most commonly used/)
    expect(passwordProblem('qwertyqwertyqwerty')).toMatch(/most commonly used/)
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/most commonly used/)
    expect(passwordProblem('abcabcabcabcabc')).toMatch(/most commonly used/)
  })

  it('refuses runs of consecutive characters', () => {
    expect(passwordProblem('123456789012345')).toMatch(/consecutive/)
    expect(passwordProblem('abcdefghijklmnop')).toMatch(/consecutive/)
    expect(passwordProblem('zyxwvutsrqponmlk')).toMatch(/consecutive/)
  })

  it('refuses passwords built on the account’s email or name, or on the service', () => {
    expect(passwordProblem('priya.sharma2024!', { email: 'priya.sharma@nhs.net' })).toMatch(/name or email/)
    expect(passwordProblem('Sharmasharma1', { name: 'Priya Sharma' })).not.toBeNull()
    expect(passwordProblem('sharma123456789', { name: 'Priya Sharma' })).toMatch(/name or email/)
    expect(passwordProblem('attain-attain-12')).toMatch(/this service/)
    expect(
      passwordProblem('wobbly kettle on the linac', { email: 'priya.sharma@nhs.net', name: 'Priya Sharma' }),
    ).toBeNull()
  })
})
