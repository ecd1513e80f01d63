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

  it('leaves a hospital\u2019s or an organisation\u2019s published address alone', () => {
    const texts = [
      "The audit covered plans delivered at St James's University Hospital, Beckett Street, Leeds LS9 7TF.",
      'Dosimetry audit visit to The Christie NHS Foundation Trust, Wilmslow Road, Manchester M20 4BX, in May.',
      "IPEM's office at Fairmount House, 230 Tadcaster Road, York YO24 1ES hosted the day.",
      'Address for returning the TLDs: Medical Physics Department, Churchill Hospital, Oxford OX3 7LE.',
      "CB2 0QQ (Addenbrooke's Hospital) lent us their second chamber.",
      "The patient was transferred to St James's University Hospital, Beckett Street, Leeds LS9 7TF.",
      'She did her training at Velindre Cancer Centre, Velindre Road, Cardiff CF14 2TL.',
      'The Christie, Wilmslow Road, Manchester M20 4BX, hosted the audit.',
    ]
    for (const text of texts) expect(scanText(text), text).toEqual([])
  })

  it('still finds a home postcode near a hospital\u2019s name', () => {
    expect(texts("The patient's home address, near St James's Hospital, is LS9 7TF.", 'postcode')).toEqual(['LS9 7TF'])
    expect(texts('Hospital transport took her back to her home in WF10 4LP.', 'postcode')).toEqual(['WF10 4LP'])
    expect(texts('LS1 3EX is where the patient lives, near the hospital.', 'postcode')).toEqual(['LS1 3EX'])
    // A hospital named in an earlier sentence says nothing about this one.
    expect(texts('We met at the hospital. She lives in HG2 8QT.', 'postcode')).toEqual(['HG2 8QT'])
    expect(texts('St James\u2019s Hospital audit. Sent to HG2 8QT.', 'postcode')).toEqual(['HG2 8QT'])
    // "NHS no." and "hospital number" label a patient's numbers; they name no organisation.
    expect(texts('Mr J Bloggs, NHS no. 943 476 5919, of 4 Park Road, LS1 3EX', 'postcode')).toEqual(['LS1 3EX'])
    expect(texts('Hospital number 1234567; address 4 Park Road, LS1 3EX', 'postcode')).toEqual(['LS1 3EX'])
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

  it('leaves a department\u2019s landline alone, but never a mobile or a family\u2019s number', () => {
    expect(scanText('Contact the Medical Physics office on 0113 206 1234 to book the meter.')).toEqual([])
    expect(scanText('Switchboard: 020 7946 0958, then ask for radiotherapy physics.')).toEqual([])
    expect(texts('The on-call physicist is on 07700 900999 at the hospital.', 'phone')).toEqual(['07700 900999'])
    expect(texts('The family can be contacted on 0113 496 0213 if the clinic moves.', 'phone')).toEqual([
      '0113 496 0213',
    ])
    expect(texts('Her home number is 0113 496 0213; the clinic has it.', 'phone')).toEqual(['0113 496 0213'])
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
