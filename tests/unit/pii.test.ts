import { describe, expect, it } from 'vitest'
import { REDACTION_LABELS, redact, scanText, type PiiFinding } from '../../app/privacy/pii'

/** Findings are sorted by start, do not overlap, and their positions point at their text. */
function expectWellFormed(text: string, findings: PiiFinding[]) {
  let previousEnd = 0
  for (const finding of findings) {
    expect(finding.start).toBeGreaterThanOrEqual(previousEnd)
    expect(finding.end).toBeGreaterThan(finding.start)
    expect(text.slice(finding.start, finding.end)).toBe(finding.text)
    expect(finding.fingerprint.startsWith(`${finding.kind}:`)).toBe(true)
    expect(finding.reason.length).toBeGreaterThan(10)
    previousEnd = finding.end
  }
}

const QA_TEXT = [
  'Monthly linac QA on 12/03/2024: output 1.002 at 6 MV, within \u00b12%. TG-142 tolerances. Dr review by supervisor pending.',
  'Patient-specific QA for 14 VMAT plans with ArcCHECK (serial 1234567890): gamma 3%/2 mm pass rates 97.1\u201399.8%.',
  'Reviewed the Patient Safety incident (Datix 20240312) with my supervisor; patient pathway mapped for the MR Linac.',
  'IEC 60601-2-1 and IPEM Report 81 v2 checked. CT 2024 protocol: 120 kV, 10 Gy in 5 fractions, 6MV and 10FFF beams.',
  'DR detector calibration on 2024-03-12; Tech4 group meeting. Patient Dose audit: DAP 1.2 Gy cm2. 12 pt Arial.',
  'Plan name: Prostate VMAT. QA report ref QA-2024-017, Farmer chamber 0.6 cc, electrometer s/n 4021.',
].join('\n')

const CASE_TEXT =
  'Case study: patient John Smith (NHS no. 943 476 5919, DOB 12/03/1956) of 4 Park Road, LS1 3EX, ' +
  'MRN: A1234567, was planned for VMAT. Discussed with Dr Anna Kowalski; his daughter can be reached on 07700 900123 ' +
  'or jsmith@example.com.'

describe('scanText', () => {
  it('finds nothing in an empty string or plain text', () => {
    expect(scanText('')).toEqual([])
    expect(scanText('   ')).toEqual([])
    expect(scanText('The output was within tolerance.')).toEqual([])
  })

  it('finds nothing in realistic medical physics text', () => {
    expect(scanText(QA_TEXT)).toEqual([])
  })

  it('finds everything in realistic text that identifies a patient', () => {
    const findings = scanText(CASE_TEXT)
    expectWellFormed(CASE_TEXT, findings)
    expect(findings.map((f) => [f.kind, f.text, f.confidence])).toEqual([
      ['person-name', 'John Smith', 'high'],
      ['nhs-number', '943 476 5919', 'high'],
      ['date-of-birth', '12/03/1956', 'high'],
      ['postcode', 'LS1 3EX', 'medium'],
      ['hospital-number', 'A1234567', 'high'],
      ['person-name', 'Anna Kowalski', 'medium'],
      ['phone', '07700 900123', 'medium'],
      ['email', 'jsmith@example.com', 'medium'],
    ])
  })

  it('keeps positions right after text with characters outside the Basic Multilingual Plane', () => {
    const text =
      '\u{1F600} Zo\u00eb\u2019s r\u00e9sum\u00e9 \u2014 \u{1D400} NHS 9434765919 and Mrs Bj\u00f6rk Gu\u00f0mundsd\u00f3ttir'
    const findings = scanText(text)
    expectWellFormed(text, findings)
    expect(findings.map((f) => f.text)).toEqual(['9434765919', 'Bj\u00f6rk Gu\u00f0mundsd\u00f3ttir'])
    expect(findings[0]?.start).toBe(text.indexOf('9434765919'))
  })

  it('gives a finding the same fingerprint wherever it is', () => {
    const alone = scanText('NHS 9434765919')[0]
    const later = scanText(`${'Some words first. '.repeat(20)}NHS 943 476 5919`)[0]
    expect(alone?.fingerprint).toBe('nhs-number:9434765919')
    expect(later?.fingerprint).toBe(alone?.fingerprint)
    expect(later?.start).not.toBe(alone?.start)
  })

  describe('where findings overlap', () => {
    it('keeps the higher-confidence finding', () => {
      // A possible NHS number (no NHS context) that is labelled as a hospital number.
      const findings = scanText('RTX 9434765919')
      expect(findings.map((f) => [f.kind, f.text, f.confidence])).toEqual([['hospital-number', '9434765919', 'high']])
    })

    it('keeps the longer finding when the confidence is the same', () => {
      // NHS number (high, after "Patient") inside a hospital number (high).
      const findings = scanText('Patient ID RX9434765919')
      expect(findings.map((f) => [f.kind, f.text])).toEqual([['hospital-number', 'RX9434765919']])
    })

    it('keeps the more specific kind when both cover the same text equally', () => {
      expect(scanText('MRN 9434765919').map((f) => f.kind)).toEqual(['nhs-number'])
      expect(scanText('CHI 1203561237').map((f) => f.kind)).toEqual(['chi-number'])
    })

    it('keeps one finding per name however it was introduced', () => {
      const findings = scanText('patient Mrs Jane Smith')
      expect(findings).toHaveLength(1)
      expect(findings[0]?.reason).toContain('\u201cpatient\u201d')
    })
  })

  it('returns quickly from 200 KB of text full of numbers and capitalised words', () => {
    const pieces = [
      'Mr',
      'Dr',
      'Smith',
      'patient',
      'NHS',
      '943',
      '476',
      '5919',
      '9434765919',
      '12/03/1956',
      'DOB',
      'LS1',
      '3EX',
      'QA',
      'MRN:',
      'A1234567',
      'a@b',
      '.com',
      '07700',
      '900123',
      'Name:',
      'Jane',
      '0',
      '1',
      '-',
      '(',
      ')',
      'Zo\u00eb',
      'CHI',
      '120356',
      'Gy',
      '6MV',
      'Patient',
      'Safety',
    ]
    let text = ''
    let seed = 1
    while (text.length < 200_000) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      text += pieces[seed % pieces.length] + (seed % 7 === 0 ? '' : ' ')
    }
    const findings = scanText(text)
    expect(findings.length).toBeGreaterThan(0)
    expectWellFormed(text, findings)
  })

  it('returns from pathological input', () => {
    const inputs = [
      'Mr '.repeat(10_000),
      '1'.repeat(50_000),
      '943 '.repeat(20_000),
      'a'.repeat(100_000),
      'a@'.repeat(50_000),
      `a@b${'.bb'.repeat(30_000)}1`,
      'Aaaa '.repeat(40_000),
      `Mr ${'A. '.repeat(50_000)}`,
      'patient '.repeat(20_000),
      'DOB '.repeat(20_000),
      'A1 '.repeat(50_000),
      'MRN '.repeat(30_000),
      'Name: '.repeat(20_000),
      'Mar 12 '.repeat(20_000),
      '+44 '.repeat(20_000),
      ' '.repeat(100_000),
    ]
    for (const input of inputs) expect(Array.isArray(scanText(input))).toBe(true)
    expect(scanText('Mr Aaaa Bbbb '.repeat(10_000))).toHaveLength(10_000)
  })
})

describe('redact', () => {
  it('replaces each finding with a label saying what was removed', () => {
    expect(redact(CASE_TEXT, scanText(CASE_TEXT))).toBe(
      'Case study: patient [name removed] (NHS no. [NHS number removed], DOB [date of birth removed]) of 4 Park Road, ' +
        '[postcode removed], MRN: [hospital number removed], was planned for VMAT. Discussed with Dr [name removed]; ' +
        'his daughter can be reached on [phone number removed] or [email address removed].',
    )
  })

  it('has a label for every kind', () => {
    expect(redact('CHI 1203561237', scanText('CHI 1203561237'))).toBe(`CHI ${REDACTION_LABELS['chi-number']}`)
    expect(Object.values(REDACTION_LABELS).every((label) => /^\[.+ removed\]$/.test(label))).toBe(true)
  })

  it('leaves text without findings, and findings left out, alone', () => {
    expect(redact(QA_TEXT, [])).toBe(QA_TEXT)
    expect(redact('', [])).toBe('')
    // A trainee said the colleague's name is fine: only the rest goes.
    const findings = scanText('Dr Patel checked NHS 9434765919').filter((f) => f.kind !== 'person-name')
    expect(redact('Dr Patel checked NHS 9434765919', findings)).toBe('Dr Patel checked NHS [NHS number removed]')
  })

  it('accepts findings in any order and overlapping ones', () => {
    const text = 'NHS 9434765919 and Mrs Jones'
    const findings = scanText(text).reverse()
    expect(redact(text, findings)).toBe('NHS [NHS number removed] and Mrs [name removed]')
    const [nhs] = scanText(text)
    if (!nhs) throw new Error('expected a finding')
    const overlapping: PiiFinding = {
      ...nhs,
      start: nhs.start + 3,
      end: nhs.end + 2,
      text: text.slice(nhs.start + 3, nhs.end + 2),
    }
    expect(redact(text, [nhs, overlapping])).toBe('NHS [NHS number removed]nd Mrs Jones')
  })

  it('removes every occurrence of a finding whose position no longer fits the text', () => {
    const [finding] = scanText('NHS 9434765919')
    if (!finding) throw new Error('expected a finding')
    expect(redact('Edited: NHS 9434765919, again 9434765919', [finding])).toBe(
      'Edited: NHS [NHS number removed], again [NHS number removed]',
    )
  })
})
