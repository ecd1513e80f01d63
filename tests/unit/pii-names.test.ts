import { describe, expect, it } from 'vitest'
import { scanText } from '../../app/privacy/pii'

function names(text: string) {
  return scanText(text).filter((f) => f.kind === 'person-name')
}

function nameTexts(text: string) {
  return names(text).map((f) => f.text)
}

describe('names after a title', () => {
  it('finds one to three capitalised words after each title, with or without a full stop', () => {
    expect(nameTexts('Seen by Mrs Jane Smith today')).toEqual(['Jane Smith'])
    expect(nameTexts("Mr. O'Brien was consulted")).toEqual(["O'Brien"])
    expect(nameTexts('Dr Anna-Maria Kowalski')).toEqual(['Anna-Maria Kowalski'])
    expect(nameTexts('Ms Ann Lee, Miss Rose, Mx Sam Taylor, Prof. Ian McDonald, Professor Ruth MacLeod')).toEqual([
      'Ann Lee',
      'Rose',
      'Sam Taylor',
      'Ian McDonald',
      'Ruth MacLeod',
    ])
    expect(nameTexts('Mr John Paul Jones Smith')).toEqual(['John Paul Jones'])
  })

  it('includes initials', () => {
    expect(nameTexts('Mr J. Smith and Dr A B Jones')).toEqual(['J. Smith', 'A B Jones'])
  })

  it('reads names written in other alphabets', () => {
    expect(nameTexts('Dr Zoë Łukasiewicz and Mrs Ángela Núñez')).toEqual(['Zoë Łukasiewicz', 'Ángela Núñez'])
  })

  it('reports "Dr" and "Prof" names with medium confidence: they are usually colleagues', () => {
    const [doctor] = names('Reviewed with Dr Patel')
    expect(doctor?.confidence).toBe('medium')
    expect(doctor?.reason).toContain('If this is a colleague, not a patient, acknowledge it.')
    expect(names('Prof Ahmed')[0]?.confidence).toBe('medium')
    expect(names('Mrs Patel')[0]?.confidence).toBe('high')
  })

  it('does not take a lower-case word after "Dr" for a name', () => {
    expect(scanText('Dr review by supervisor pending. Mr smith. Dr. who')).toEqual([])
  })

  it('matches titles in their exact case: MR is magnetic resonance, DR is digital radiography', () => {
    expect(scanText('MR Linac commissioning, MR Safety Expert, DR Detector calibration, mr Smith')).toEqual([])
  })

  it('does not take words that are not names', () => {
    expect(scanText('Dr QA, Mr Monday, Dr The')).toEqual([])
    expect(nameTexts('Dr Smith Monday')).toEqual(['Smith'])
    expect(nameTexts('Mrs Jones March 2024')).toEqual(['Jones'])
  })

  it('does not run on to the next line', () => {
    expect(scanText('Signed: Dr\nMonthly QA')).toEqual([])
    expect(nameTexts('Mr Smith\nOutput Check')).toEqual(['Smith'])
  })

  it('copes with a title that is not followed by a name, then one that is', () => {
    expect(nameTexts('Mr Mr Smith')).toEqual(['Smith'])
  })

  it('stops before an email address, which is reported whole', () => {
    const found = scanText('Mr John.Smith@example.com')
    expect(found.map((f) => [f.kind, f.text])).toEqual([['email', 'John.Smith@example.com']])
  })
})

describe('names after "patient"', () => {
  it('finds names after patient, patient name, pt and Patient:', () => {
    expect(nameTexts('patient John Smith attended')).toEqual(['John Smith'])
    expect(nameTexts('Patient: Jane Doe')).toEqual(['Jane Doe'])
    expect(nameTexts('Patient name: Ann Lee')).toEqual(['Ann Lee'])
    expect(nameTexts('PATIENT NAME: Ann Lee')).toEqual(['Ann Lee'])
    expect(nameTexts('pt Smith')).toEqual(['Smith'])
    expect(nameTexts('Pt. Jones')).toEqual(['Jones'])
    expect(nameTexts('the patient Mrs Ada Brown')).toEqual(['Ada Brown'])
  })

  it('reports them with high confidence and says why', () => {
    const [finding] = names('patient John Smith')
    expect(finding?.confidence).toBe('high')
    expect(finding?.reason).toContain('\u201cpatient\u201d')
  })

  it('does not take patient-safety words for names', () => {
    const text =
      'Patient Safety, patient QA, patient-specific QA, Patient Specific QA, patient pathway, Patient Pathway, ' +
      'Patient Dose, Patient Positioning, Patient Setup, Patient Plan, Patient Data, Patient Information, ' +
      'Patient Services, Patient Group Directions, Patient Care, Patient Records, Patient Experience, ' +
      'Patient Feedback, Patient Identification, Patient ID, Patient Outcomes, Patient Reported Outcome Measures.'
    expect(scanText(text)).toEqual([])
  })

  it('does not take an anonymised label or a sentence for a name', () => {
    expect(scanText('Patient A was planned. Patient X. The patient. Then we checked. Patient One')).toEqual([])
  })

  it('does not take a font size for a patient', () => {
    expect(scanText('Set in 12 pt Arial and 10pt Times New Roman')).toEqual([])
  })
})

describe('names after a "Name:" label', () => {
  it('finds names after Name:, Full name:, Surname:', () => {
    expect(nameTexts('Name: John Smith')).toEqual(['John Smith'])
    expect(nameTexts('Full name: Jane Doe\nSurname: Jones')).toEqual(['Jane Doe', 'Jones'])
    expect(names('Name: John Smith')[0]?.confidence).toBe('high')
  })

  it('does not take the name of a plan, a device or a file for a person', () => {
    expect(scanText('Plan name: Prostate VMAT\nDevice name: Catphan\nFile name: Report')).toEqual([])
  })
})

describe('name fingerprints', () => {
  it('are the same whatever came before the name and wherever it is', () => {
    const prints = ['Mrs Jane Smith', 'patient Jane Smith', 'Some text. Name:  Jane  Smith'].map(
      (text) => names(text)[0]?.fingerprint,
    )
    expect(prints).toEqual(['person-name:jane smith', 'person-name:jane smith', 'person-name:jane smith'])
    expect(names('Mr J. O\u2019Brien')[0]?.fingerprint).toBe(names("Mr J O'Brien")[0]?.fingerprint)
  })
})
