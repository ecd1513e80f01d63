import { describe, expect, it } from 'vitest'
import { redact, scanText } from '../../app/privacy/pii'

const found = (text: string) => scanText(text).map((f) => [f.kind, f.text])

describe('patient attributes pasted from a DICOM header', () => {
  it('finds the name, ID and birth date after their keywords', () => {
    expect(found('PatientName=HUGHES^MARGARET')).toEqual([['person-name', 'HUGHES^MARGARET']])
    expect(found('PatientID=RHQ1234567 was carried over')).toEqual([['hospital-number', 'RHQ1234567']])
    expect(found('PatientBirthDate=19581104 remained')).toEqual([['date-of-birth', '19581104']])
    expect(found("Patient's Name: EVANS^RHYS was visible")).toEqual([['person-name', 'EVANS^RHYS']])
    expect(found('OtherPatientIDs = 9988776, PatientName = VAN DER BERG^ANNA')).toEqual([
      ['hospital-number', '9988776'],
      ['person-name', 'VAN DER BERG^ANNA'],
    ])
  })

  it('finds them after their tags, as dcmdump, gdcmdump and pydicom print them', () => {
    expect(found('(0010,0010) PN [WALSH^DOREEN^^MRS]   #  18, 1 PatientName')).toEqual([
      ['person-name', 'WALSH^DOREEN^^MRS'],
    ])
    expect(found('(0010,0020) LO [A7654321]')).toEqual([['hospital-number', 'A7654321']])
    expect(found('(0010,0030) DA [19470623]')).toEqual([['date-of-birth', '19470623']])
    expect(found("(0010, 0010) Patient's Name                      PN: 'OKONJO^GRACE'")).toEqual([
      ['person-name', 'OKONJO^GRACE'],
    ])
    expect(found('0010,0020  Patient ID: 00912345')).toEqual([['hospital-number', '00912345']])
  })

  it('finds a name in ordinary case in brackets or quotes, or bare after the attribute\u2019s name', () => {
    expect(found('(0010,0010) PN [Jane Doe]')).toEqual([['person-name', 'Jane Doe']])
    expect(found("Patient's Name: Jane Doe, scanned at 09:14")).toEqual([['person-name', 'Jane Doe']])
    expect(found('PatientName: DOE JANE')).toEqual([['person-name', 'DOE JANE']])
    expect(scanText('Patient name: The same as on the request form.')).toEqual([])
  })

  it('says the value came from a DICOM header and reports it with high confidence', () => {
    const [finding] = scanText('(0010,0010) PN [DOE^JANE]')
    expect(finding).toMatchObject({ confidence: 'high', fingerprint: 'person-name:doe^jane' })
    expect(finding?.reason).toContain('DICOM header')
  })

  it('finds a name written the DICOM way wherever it is', () => {
    expect(found('The overlay still said DOE^JANE in the corner.')).toEqual([['person-name', 'DOE^JANE']])
    expect(found('Exported as Smith^John^A.dcm')).toEqual([['person-name', 'Smith^John^A']])
  })

  it('redacts the values, leaving the labels', () => {
    const text = 'PatientName=DOE^JANE PatientID=A1234567 (0010,0030) DA [19560312]'
    expect(redact(text, scanText(text))).toBe(
      'PatientName=[name removed] PatientID=[hospital number removed] (0010,0030) DA [[date of birth removed]]',
    )
  })

  it('leaves phantoms, anonymised values and empty attributes alone', () => {
    const innocent = [
      'PatientName=CATPHAN^QA and PatientID=QA_LINAC3',
      '(0010,0010) PN [ANONYMOUS] and (0010,0020) LO [ANON0001]',
      '(0010,0010) PN (no value available)',
      '(0010,0010) PN []',
      'PatientName= PatientID=',
      "PatientName: 'PHANTOM^WATER'",
      'PatientID=XXXXXXXX',
      'Patient ID: wristband checked',
    ]
    for (const text of innocent) expect(scanText(text), text).toEqual([])
  })

  it('leaves tags mentioned without a value alone', () => {
    expect(scanText('I checked that (0010,0010) and (0010,0020) are blanked by the export profile.')).toEqual([])
    expect(scanText('The anonymiser removes PatientName, PatientID and PatientBirthDate.')).toEqual([])
  })

  it('leaves staff attributes alone: operators and physicians are not patients', () => {
    expect(scanText('OperatorsName=JONES^A and ReferringPhysicianName=SMITH^P')).toEqual([])
    expect(scanText('(0008,0090) PN [SMITH^PETER^^DR]')).toEqual([])
    expect(found('(0008,1070) PN [JONES^A] (0010,0010) PN [DOE^JANE]')).toEqual([['person-name', 'DOE^JANE']])
  })

  it('does not take powers and units for names', () => {
    expect(scanText('10^6 counts, 2^10 bins, cm^2, MU^-1, x^2 and e^x')).toEqual([])
  })
})
