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

describe('colleagues named with their role', () => {
  it('leaves a name alone with a role straight after it', () => {
    const texts = [
      'Dr Sarah Patel, consultant radiologist, reviewed the scores.',
      'Mrs Helen Carter, the superintendent radiographer, ran the list.',
      'Prof Laura Chen (Head of Radiotherapy Physics) chaired the review.',
      'Mr Khan, the MR safety expert, reviewed the conditions.',
      'Dr Ian Fraser (HCPC CS09876), our RPA, countersigned it.',
      'Ms Rachel Green \u2013 lead dosimetrist \u2013 checked the plans.',
      'Dr Jones is our MPE for nuclear medicine.',
      'Mr Lee, one of our senior physicists, helped.',
      'Dr Patel, ST3 registrar, contoured the target.',
      'Dr Okafor, who supervises me, read the draft.',
      'Dr Lin from the radiotherapy physics department explained the tolerances.',
      'Dr Smith (my mentor) suggested the audit.',
    ]
    for (const text of texts) expect(scanText(text), text).toEqual([])
  })

  it('leaves a name alone with a role straight before its title', () => {
    const texts = [
      'My mentor Dr James Okafor signed it off.',
      'The RPA, Dr Ian Fraser, agreed the boundaries.',
      'Consultant clinical scientist Dr Emma Watts explained it.',
      'Feedback from my training officer, Mr David Hughes, was useful.',
      'with my educational supervisor Prof Mark Davies',
    ]
    for (const text of texts) expect(scanText(text), text).toEqual([])
  })

  it('leaves names joined in one list with a named colleague alone', () => {
    expect(scanText('I presented to Dr Nia Roberts and Dr Tom Bell, both consultant oncologists.')).toEqual([])
    expect(scanText('The physicists Dr A Shah, Dr B Lowe and Mr C Ito checked it.')).toEqual([])
  })

  it('knows a colleague introduced once when named again with the same title', () => {
    expect(scanText('My supervisor, Dr Okafor, asked first. Later Dr Okafor explained.')).toEqual([])
    // Another title is another person: the supervisor's namesake may be a patient.
    expect(nameTexts('My supervisor, Dr Okafor, met Mrs Okafor.')).toEqual(['Okafor'])
    expect(names('My supervisor, Dr Okafor, met Mrs Okafor.')[0]?.start).toBe(
      'My supervisor, Dr Okafor, met Mrs '.length,
    )
  })

  it('leaves an author cited in the text alone', () => {
    expect(scanText('As described by Dr Williams et al. (2019), the gamma index depends on the grid.')).toEqual([])
    expect(scanText('Prof Low (1998) introduced the gamma index.')).toEqual([])
  })

  it('still finds the patient in a sentence that names a colleague with their role', () => {
    expect(nameTexts('Dr Sarah Patel, consultant radiologist, reported the scan of Mr Thomas Green.')).toEqual([
      'Thomas Green',
    ])
    expect(nameTexts('Mr Patel (consultant urologist) and I reviewed the implant for Mr Wilson.')).toEqual(['Wilson'])
    expect(nameTexts('My supervisor, Dr Okafor, and I met Mrs Susan Hart.')).toEqual(['Susan Hart'])
  })

  it('does not take a role that no longer holds, or a patient event, for a colleague', () => {
    expect(nameTexts('Mrs Jones, a retired radiographer herself, had been admitted.')).toEqual(['Jones'])
    expect(nameTexts('My mentor Dr Ellis was admitted last week.')).toEqual(['Ellis'])
    expect(scanText('My former mentor Dr Ellis still reviews my reports.')).toEqual([])
    expect(nameTexts('Mr Smith, an engineer, was treated for prostate cancer.')).toEqual(['Smith'])
    expect(nameTexts('Mrs Jones, whose husband is a radiographer, attended.')).toEqual(['Jones'])
    expect(nameTexts('Mr Smith, head and neck patient, was seen.')).toEqual(['Smith'])
    expect(nameTexts("Mr Smith, the consultant's patient, asked about the scan.")).toEqual(['Smith'])
    expect(nameTexts('Mrs Jones (nurse) was admitted overnight.')).toEqual(['Jones'])
  })

  it('reports a "Dr" name followed by what happens to patients with high confidence', () => {
    expect(names('Dr Ahmed was treated with 60 Gy in 30 fractions.')[0]?.confidence).toBe('high')
    expect(names('Reviewed with Dr Ahmed.')[0]?.confidence).toBe('medium')
  })
})
