import { generateTOTP } from '@epic-web/totp'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  base32Encode,
  checkTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  normaliseTotpCode,
  totpUri,
} from '../../app/auth/totp'

/** The code an authenticator app shows now for this secret. */
async function currentCode(secret: string) {
  return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: 'SHA-1' })).otp
}

/** A six-digit code that is not right for the secret at any step checkTotp looks at. */
async function wrongCode(secret: string) {
  const right = await currentCode(secret)
  return String((Number(right) + 500_000) % 1_000_000).padStart(6, '0')
}

describe('newTotpSecret', () => {
  it('is 160 random bits as 32 unpadded RFC 4648 base32 characters', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(newTotpSecret()).not.toBe(secret)
  })

  it('encodes base32 as RFC 4648 does', () => {
    const bytes = (s: string) => new TextEncoder().encode(s)
    // RFC 4648 section 10 test vectors, without the padding.
    expect(base32Encode(bytes(''))).toBe('')
    expect(base32Encode(bytes('f'))).toBe('MY')
    expect(base32Encode(bytes('fo'))).toBe('MZXQ')
    expect(base32Encode(bytes('foo'))).toBe('MZXW6')
    expect(base32Encode(bytes('foob'))).toBe('MZXW6YQ')
    expect(base32Encode(bytes('fooba'))).toBe('MZXW6YTB')
    expect(base32Encode(bytes('foobar'))).toBe('MZXW6YTBOI')
  })
})

describe('totpUri', () => {
  it('names Attain as issuer and the account, with the standard parameters', () => {
    const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'ada@example.nhs.uk'))
    expect(uri.protocol).toBe('otpauth:')
    expect(decodeURIComponent(uri.pathname)).toContain('Attain:ada@example.nhs.uk')
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP')
    expect(uri.searchParams.get('issuer')).toBe('Attain')
    expect(uri.searchParams.get('algorithm')).toBe('SHA1')
    expect(uri.searchParams.get('digits')).toBe('6')
    expect(uri.searchParams.get('period')).toBe('30')
  })
})

describe('checkTotp', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('accepts the current code and gives its time step', async () => {
    const secret = newTotpSecret()
    const now = Date.now()
    const step = await checkTotp(secret, await currentCode(secret), null, now)
    expect(step).not.toBeNull()
    // The current step, or one either side if the clock ticked over meanwhile.
    expect(Math.abs(step! - Math.floor(now / 30_000))).toBeLessThanOrEqual(1)
  })

  it('never accepts the same code twice', async () => {
    const secret = newTotpSecret()
    const code = await currentCode(secret)
    const step = await checkTotp(secret, code, null, Date.now())
    expect(step).not.toBeNull()
    expect(await checkTotp(secret, code, step, Date.now())).toBeNull()
    // Nor a code from before a later one was used.
    expect(await checkTotp(secret, code, step! + 1, Date.now())).toBeNull()
  })

  it('matches the RFC 6238 SHA-1 test vectors (last six digits)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    // The RFC's key, the ASCII bytes of "12345678901234567890", in base32.
    const secret = base32Encode(new TextEncoder().encode('12345678901234567890'))
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
    for (const [seconds, code] of [
      [59, '287082'],
      [1_111_111_109, '081804'],
      [1_234_567_890, '005924'],
    ] as const) {
      vi.setSystemTime(seconds * 1000)
      expect(await checkTotp(secret, code, null, seconds * 1000)).toBe(Math.floor(seconds / 30))
    }
  })

  it('accepts a code from one step either side of now, and reports that step', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    const t0 = 1_700_000_025_000 // 15 s into a step
    const step0 = Math.floor(t0 / 30_000)
    const codeAt = async (ms: number) => {
      vi.setSystemTime(ms)
      return currentCode(secret)
    }
    const previous = await codeAt(t0 - 30_000)
    const next = await codeAt(t0 + 30_000)
    const tooOld = await codeAt(t0 - 60_000)
    const tooNew = await codeAt(t0 + 60_000)
    vi.setSystemTime(t0)
    expect(await checkTotp(secret, previous, null, t0)).toBe(step0 - 1)
    expect(await checkTotp(secret, next, null, t0)).toBe(step0 + 1)
    expect(await checkTotp(secret, tooOld, null, t0)).toBeNull()
    expect(await checkTotp(secret, tooNew, null, t0)).toBeNull()
    // A newer code may follow an older one, never the other way round.
    expect(await checkTotp(secret, next, step0 - 1, t0)).toBe(step0 + 1)
    expect(await checkTotp(secret, previous, step0 + 1, t0)).toBeNull()
  })

  it('refuses a code made for another secret', async () => {
    const secret = newTotpSecret()
    expect(await checkTotp(secret, await wrongCode(secret), null, Date.now())).toBeNull()
  })

  it('refuses malformed codes', async () => {
    const secret = newTotpSecret()
    for (const code of ['12345', '1234567', 'abcdef', '', '      ', '12345a']) {
      expect(await checkTotp(secret, code, null, Date.now())).toBeNull()
    }
  })

  it('reads a code typed with spaces or a dash', async () => {
    expect(normaliseTotpCode('123 456')).toBe('123456')
    expect(normaliseTotpCode(' 123-456 ')).toBe('123456')
    expect(normaliseTotpCode('12 34 5')).toBeNull()
    const secret = newTotpSecret()
    const code = await currentCode(secret)
    expect(await checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, Date.now())).not.toBeNull()
  })
})

describe('recovery codes', () => {
  it('are ten codes of three groups of four unambiguous characters', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
      expect(code).not.toMatch(/[01ilo]/)
    }
  })

  it('are all different, within a set and between sets', () => {
    const all = Array.from({ length: 50 }, () => newRecoveryCodes()).flat()
    expect(new Set(all).size).toBe(all.length)
  })

  it('are read whatever the case, spacing or dashes', () => {
    expect(normaliseRecoveryCode('K7DQ-2VXM-P9TZ')).toBe('k7dq-2vxm-p9tz')
    expect(normaliseRecoveryCode(' k7dq2vxmp9tz ')).toBe('k7dq-2vxm-p9tz')
    expect(normaliseRecoveryCode('k7dq 2vxm p9tz')).toBe('k7dq-2vxm-p9tz')
    expect(normaliseRecoveryCode('k7dq-2vxm-p9t')).toBeNull()
    expect(normaliseRecoveryCode('k7dq-2vxm-p9to')).toBeNull()
    expect(normaliseRecoveryCode('')).toBeNull()
  })
})
