import { describe, expect, it } from 'vitest'
import { isValidNhsNumber, scanText, type PiiKind } from '../../app/privacy/pii'

function findings(text: string, kind: PiiKind) {
  return scanText(text).filter((f) => f.kind === kind)
}

/** The modulus 11 check digit of nine digits, worked out independently of the code under test; null when it is 10. */
function checkDigit(nine: string): number | null {
  const sum = [...nine].reduce((total, d, i) => total + Number(d) * (10 - i), 0)
  const check = 11 - (sum % 11)
  if (check === 10) return null
  return check === 11 ? 0 : check
}

describe('isValidNhsNumber', () => {
  it('accepts the known valid examples, as the check digit worked out by hand says', () => {
    expect(checkDigit('943476591')).toBe(9)
    expect(checkDigit('401023213')).toBe(7)
    expect(isValidNhsNumber('9434765919')).toBe(true)
    expect(isValidNhsNumber('4010232137')).toBe(true)
    expect(isValidNhsNumber('4857773457')).toBe(true)
  })

  it('treats a remainder of 0 (check 11) as check digit 0', () => {
    expect(checkDigit('311299123')).toBe(0)
    expect(isValidNhsNumber('3112991230')).toBe(true)
    expect(isValidNhsNumber('3112991231')).toBe(false)
  })

  it('rejects numbers whose check digit does not match', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false)
    expect(isValidNhsNumber('4010232138')).toBe(false)
    expect(isValidNhsNumber('4857773450')).toBe(false)
  })

  it('rejects every number whose check digit works out as 10', () => {
    expect(checkDigit('123456789')).toBeNull()
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`123456789${last}`)).toBe(false)
  })

  it('agrees with the independent check on many numbers', () => {
    let seed = 7
    let valid = 0
    for (let n = 0; n < 2000; n++) {
      seed = (seed * 48271) % 2147483647
      const digits = String(seed).padStart(10, '0').slice(-10)
      const check = checkDigit(digits.slice(0, 9))
      const expected = check !== null && check === Number(digits[9])
      expect(isValidNhsNumber(digits)).toBe(expected)
      if (expected) valid++
    }
    // About one in eleven numbers passes, so both answers were exercised.
    expect(valid).toBeGreaterThan(100)
  })

  it('allows spaces and hyphens but nothing else', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true)
    expect(isValidNhsNumber('943-476-5919')).toBe(true)
    expect(isValidNhsNumber('943/476/5919')).toBe(false)
    expect(isValidNhsNumber('943476591')).toBe(false)
    expect(isValidNhsNumber('94347659190')).toBe(false)
    expect(isValidNhsNumber('')).toBe(false)
  })
})

describe('NHS numbers', () => {
  it('reports a valid number after a context word with high confidence', () => {
    const [finding] = findings('Patient NHS number 9434765919 seen in clinic.', 'nhs-number')
    expect(finding).toMatchObject({ text: '9434765919', confidence: 'high', fingerprint: 'nhs-number:9434765919' })
    expect(finding?.reason).toBe('A valid NHS number (passes the modulus 11 check) after \u201cNHS number\u201d.')
  })

  it('knows each context word', () => {
    for (const before of ['NHS', 'NHS no.', 'nhs no:', 'patient', 'pt', 'hospital', 'MRN']) {
      expect(findings(`${before} 4010232137`, 'nhs-number')[0]?.confidence).toBe('high')
    }
  })

  it('reports a valid number without context with medium confidence', () => {
    const [finding] = findings('Reference 4010232137 on the form.', 'nhs-number')
    expect(finding?.confidence).toBe('medium')
    expect(finding?.reason).toContain('modulus 11')
  })

  it('leaves a number alone that is labelled as equipment\u2019s or a document\u2019s', () => {
    for (const before of [
      'Farmer chamber serial number',
      'Electrometer s/n',
      'SN:',
      'Asset no.',
      'Model',
      'Batch',
      'Datix',
    ]) {
      expect(findings(`${before} 4857773457 was sent away.`, 'nhs-number'), before).toEqual([])
    }
    // NHS context wins: a serial number field holding an NHS number is still one.
    expect(findings('Patient NHS no., entered as serial 4857773457', 'nhs-number')[0]?.confidence).toBe('high')
    // A reference on a letter can be the patient's number.
    expect(findings('Our ref 4857773457', 'nhs-number')[0]?.confidence).toBe('medium')
  })

  it('uses context only within about 40 characters before the number', () => {
    const far = `patient ${'x'.repeat(60)} 9434765919`
    expect(findings(far, 'nhs-number')[0]?.confidence).toBe('medium')
    // Part of a word is not the word: "outpatient" cut at the edge of the window.
    const cut = `outpatient${'y'.repeat(31)} 9434765919`
    expect(findings(cut, 'nhs-number')[0]?.confidence).toBe('medium')
    // Context after the number does not count.
    expect(findings('9434765919 patient', 'nhs-number')[0]?.confidence).toBe('medium')
  })

  it('finds spaced and hyphenated 3-3-4 numbers', () => {
    expect(findings('NHS no: 943 476 5919', 'nhs-number')[0]?.text).toBe('943 476 5919')
    expect(findings('NHS no: 943-476-5919', 'nhs-number')[0]?.text).toBe('943-476-5919')
    expect(findings('NHS 401 023 2137.', 'nhs-number')[0]?.text).toBe('401 023 2137')
  })

  it('does not report numbers that fail the check', () => {
    for (const number of ['9434765918', '1234567890', '1234567891', '943 476 5918', '4010232130']) {
      expect(findings(`NHS number ${number}`, 'nhs-number')).toEqual([])
    }
  })

  it('does not report placeholders made of one repeated digit', () => {
    expect(isValidNhsNumber('0000000000')).toBe(true)
    expect(findings('NHS number 0000000000', 'nhs-number')).toEqual([])
    expect(findings('NHS number 1111111111', 'nhs-number')).toEqual([])
  })

  it('does not report ten digits inside a longer run of digits', () => {
    expect(scanText('Serial 949434765919 and 9434765919123 and 1234567890123.')).toEqual([])
    expect(scanText('Counts 12 943 476 5919 and 943 476 5919 12.')).toEqual([])
    expect(scanText('A value of 1.9434765919 and 9434765919.5')).toEqual([])
  })

  it('finds numbers at the very start and end of the text and inside punctuation', () => {
    expect(findings('9434765919', 'nhs-number')).toHaveLength(1)
    expect(findings('9434765919 was the number', 'nhs-number')[0]?.start).toBe(0)
    const end = 'the number was 9434765919'
    expect(findings(end, 'nhs-number')[0]?.end).toBe(end.length)
    const [inBrackets] = findings('patient (9434765919).', 'nhs-number')
    expect(inBrackets).toMatchObject({ text: '9434765919', start: 9, end: 19, confidence: 'high' })
  })

  it('finds two numbers in a list', () => {
    const found = findings('NHS numbers 9434765919, 4010232137 and 485 777 3457', 'nhs-number')
    expect(found.map((f) => f.text)).toEqual(['9434765919', '4010232137', '485 777 3457'])
  })

  it('gives the same fingerprint however the number is written and wherever it is', () => {
    const prints = ['NHS 943 476 5919', 'x 9434765919', 'Some text first. NHS no. 943-476-5919'].map(
      (text) => findings(text, 'nhs-number')[0]?.fingerprint,
    )
    expect(prints).toEqual(['nhs-number:9434765919', 'nhs-number:9434765919', 'nhs-number:9434765919'])
  })
})

describe('CHI numbers', () => {
  // 120356 (12 March 1956) + 123 + check digit 7.
  const valid = `120356123${checkDigit('120356123')}`

  it('reports a number starting with a date near "CHI"', () => {
    expect(valid).toBe('1203561237')
    const [finding] = scanText(`CHI ${valid}`)
    expect(finding).toMatchObject({
      kind: 'chi-number',
      text: valid,
      confidence: 'high',
      fingerprint: `chi-number:${valid}`,
    })
    expect(finding?.reason).toContain('12/03/56')
  })

  it('accepts "CHI" shortly after the number and a 6-4 spacing', () => {
    expect(scanText(`${valid} (CHI)`)[0]?.kind).toBe('chi-number')
    expect(scanText('CHI no: 120356 1237')[0]).toMatchObject({ kind: 'chi-number', fingerprint: `chi-number:${valid}` })
  })

  it('reports a CHI number with a wrong check digit with medium confidence', () => {
    const [finding] = scanText('CHI 1203561234')
    expect(finding).toMatchObject({ kind: 'chi-number', confidence: 'medium' })
    expect(finding?.reason).toContain('check digit does not match')
  })

  it('does not report a number without "CHI" nearby', () => {
    expect(findings(`Ref ${valid}`, 'chi-number')).toEqual([])
    // It still passes the NHS number check, so it is reported as a possible NHS number.
    expect(scanText(`Ref ${valid}`)[0]).toMatchObject({ kind: 'nhs-number', confidence: 'medium' })
  })

  it('does not report a number whose first six digits are not a date', () => {
    expect(findings('CHI 3213561234', 'chi-number')).toEqual([])
    expect(findings('CHI 3002561234', 'chi-number')).toEqual([])
    expect(findings('CHI 0100561234', 'chi-number')).toEqual([])
  })

  it('does not take the lower-case Greek letter for CHI', () => {
    expect(findings('chi-squared 1203561234', 'chi-number')).toEqual([])
  })
})

describe('hospital numbers', () => {
  it('finds identifiers after each kind of label', () => {
    const cases: [string, string][] = [
      ['MRN: A1234567', 'A1234567'],
      ['hospital number 0123456', '0123456'],
      ['Patient ID RX123456', 'RX123456'],
      ['Hosp. no. 987654', '987654'],
      ['unit no 55501234', '55501234'],
      ['PAS number: K1234X', 'K1234X'],
      ['MRN # 12345678', '12345678'],
      ['MRN no. 00123456', '00123456'],
      ['RTX 1234567', '1234567'],
      ['Case note number 7654321', '7654321'],
    ]
    for (const [text, id] of cases) {
      const [finding] = findings(text, 'hospital-number')
      expect(finding?.text, text).toBe(id)
      expect(finding?.confidence).toBe('high')
      expect(text.slice(finding?.start, finding?.end)).toBe(id)
    }
  })

  it('finds identifiers written in groups with hyphens, slashes, full stops or spaces', () => {
    const cases: [string, string][] = [
      ['MRN: 12-345-678 on PACS', '12-345-678'],
      ['Hospital no. 0123 4567 was written down', '0123 4567'],
      ['hosp no: K-123456', 'K-123456'],
      ['Unit number RX1/234/567.', 'RX1/234/567'],
      ['Patient ID: 45 678 901 was read out', '45 678 901'],
      ['(MRN A12-3456)', 'A12-3456'],
      ['MRN 123.456.78, then', '123.456.78'],
      ['MRN 12\u2013345\u2013678 (pasted from a letter)', '12\u2013345\u2013678'],
      ['Medical record number: 00 123 456', '00 123 456'],
      ['Trust no. RX-99887', 'RX-99887'],
    ]
    for (const [text, id] of cases) {
      const [finding] = findings(text, 'hospital-number')
      expect(finding?.text, text).toBe(id)
      expect(finding?.confidence).toBe('high')
    }
  })

  it('gives a grouped identifier the same fingerprint as the plain one', () => {
    expect(findings('MRN: 12-345-678', 'hospital-number')[0]?.fingerprint).toBe('hospital-number:12345678')
    expect(findings('MRN 12 345 678', 'hospital-number')[0]?.fingerprint).toBe('hospital-number:12345678')
  })

  it('stops a grouped identifier at a word or where it would grow too long', () => {
    expect(findings('MRN 1234567 was found', 'hospital-number')[0]?.text).toBe('1234567')
    expect(findings('MRN 1234567 20 fractions', 'hospital-number')[0]?.text).toBe('1234567')
    expect(findings('MRN 12-345-678-901-234', 'hospital-number')).toEqual([])
    expect(findings('MRN 1.2.840.10008.5.1.4', 'hospital-number')).toEqual([])
    expect(findings('MRN: 1-2-3', 'hospital-number')).toEqual([])
    expect(findings('MRN: AB-CD-EF', 'hospital-number')).toEqual([])
  })

  it('says which label it saw and uses the identifier in upper case as the fingerprint', () => {
    const [finding] = findings('mrn: a1234567', 'hospital-number')
    expect(finding?.reason).toContain('\u201cmrn\u201d')
    expect(finding?.fingerprint).toBe('hospital-number:A1234567')
  })

  it('needs an identifier of 5 to 12 letters and digits with at least 4 digits', () => {
    expect(findings('MRN: ABC123', 'hospital-number')).toEqual([])
    expect(findings('MRN: 1234', 'hospital-number')).toEqual([])
    expect(findings('MRN: A12345678901234', 'hospital-number')).toEqual([])
    expect(findings('patient number 3 of 12', 'hospital-number')).toEqual([])
    expect(findings('patient ID anonymised', 'hospital-number')).toEqual([])
  })

  it('needs the label', () => {
    expect(scanText('Detector A1234567 was replaced.')).toEqual([])
    expect(findings('Unit 1234567', 'hospital-number')).toEqual([])
    expect(findings('patient notes 123456', 'hospital-number')).toEqual([])
  })
})
