import { describe, expect, it } from 'vitest'
import { scanText, type PiiKind } from '../../app/privacy/pii'

function texts(text: string, kind: PiiKind) {
  return scanText(text)
    .filter((f) => f.kind === kind)
    .map((f) => f.text)
}

describe('postcodes', () => {
  it('finds postcodes of every shape', () => {
    const postcodes = [
      'LS1 3EX',
      'SW1A 1AA',
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'EC1A 1BB',
      'W1A 0AX',
      'GIR 0AA',
    ]
    for (const postcode of postcodes) {
      const [finding] = scanText(`Sent to ${postcode}.`)
      expect(finding, postcode).toMatchObject({ kind: 'postcode', text: postcode, confidence: 'medium' })
    }
  })

  it('allows no space between the outward and inward codes, and any case', () => {
    expect(texts('LS13EX', 'postcode')).toEqual(['LS13EX'])
    expect(texts('ls1 3ex', 'postcode')).toEqual(['ls1 3ex'])
    expect(texts('Sw1a 1aa', 'postcode')).toEqual(['Sw1a 1aa'])
  })

  it('needs exactly one space or none', () => {
    expect(texts('LS1  3EX', 'postcode')).toEqual([])
    expect(texts('LS1-3EX', 'postcode')).toEqual([])
  })

  it('reports high confidence after address words', () => {
    for (const before of ['address', 'Address:', 'lives at 12 Park Road,', 'Postcode', 'post code']) {
      const [finding] = scanText(`${before} LS1 3EX`)
      expect(finding?.confidence, before).toBe('high')
    }
    expect(scanText('Home address: 1 Long Lane, LS1 3EX')[0]?.reason).toContain('\u201caddress\u201d')
  })

  it('does not take units, standards and machine names for postcodes', () => {
    const text =
      'MV 6X beams; CT 2024 protocol; 10 Gy in 5 fractions; 6MV and 10FFF; IEC 60601-2-1; TG 142; TG-142; Tech4; ' +
      'ISO 9001; BS EN 62304; I125 seeds; Ir192 source; Co60 unit; H1 2024; Q1 2025; V1 2AB; see a1 2nd row; b2 3rd.'
    expect(scanText(text)).toEqual([])
  })

  it('does not find a postcode inside a longer word or code', () => {
    expect(texts('XLS1 3EX', 'postcode')).toEqual([])
    expect(texts('LS1 3EXA', 'postcode')).toEqual([])
    expect(texts('LS1 3EX5', 'postcode')).toEqual([])
  })

  it('uses the upper-case postcode without spaces as the fingerprint', () => {
    const prints = ['LS1 3EX', 'ls13ex', 'address: Ls1 3Ex'].map((t) => scanText(t)[0]?.fingerprint)
    expect(prints).toEqual(['postcode:LS13EX', 'postcode:LS13EX', 'postcode:LS13EX'])
  })
})

describe('email addresses', () => {
  it('finds email addresses, including colleagues\u2019, with medium confidence', () => {
    const [finding] = scanText('Email jane.smith@nhs.net or J.Bloggs+qa@example.co.uk.')
    expect(finding).toMatchObject({ kind: 'email', text: 'jane.smith@nhs.net', confidence: 'medium' })
    expect(finding?.reason).toContain('Contact details can identify a patient or their family.')
    expect(texts('Email jane.smith@nhs.net or J.Bloggs+qa@example.co.uk.', 'email')).toEqual([
      'jane.smith@nhs.net',
      'J.Bloggs+qa@example.co.uk',
    ])
  })

  it('uses the lower-case address as the fingerprint', () => {
    expect(scanText('Jane.Smith@NHS.net')[0]?.fingerprint).toBe('email:jane.smith@nhs.net')
  })

  it('does not take other uses of @ for email addresses', () => {
    expect(scanText('Output @ 6 MV; 5 @ 10 cm; @supervisor; user@localhost; a@b.c')).toEqual([])
  })
})

describe('phone numbers', () => {
  it('finds UK numbers in the usual layouts', () => {
    const numbers = [
      '07700 900123',
      '07700900123',
      '07700 900 123',
      '+44 7700 900123',
      '+447700900123',
      '+44 (0)7700 900123',
      '0113 243 3144',
      '01632 960123',
      '020 7946 0958',
      '(020) 7946 0958',
      '(0113) 243 3144',
      '0113-243-3144',
    ]
    for (const number of numbers) {
      const [finding] = scanText(`Call ${number}.`)
      expect(finding, number).toMatchObject({ kind: 'phone', text: number, confidence: 'medium' })
      expect(finding?.reason).toContain('Contact details can identify a patient or their family.')
    }
  })

  it('gives the same fingerprint however the number is written', () => {
    const prints = ['07700 900123', '+44 7700 900123', '+44 (0)7700 900 123'].map((t) => scanText(t)[0]?.fingerprint)
    expect(prints).toEqual(['phone:07700900123', 'phone:07700900123', 'phone:07700900123'])
  })

  it('does not take other numbers for phone numbers', () => {
    const text =
      'Output 0.1132433144 Gy; 0113 243 314 (too short); 01132433144567; 00113 243 3144; ' +
      'IEC 60601; dates 01/02/2024 and 2024-01-02; 0123456789.'
    expect(texts(text, 'phone')).toEqual([])
  })
})
