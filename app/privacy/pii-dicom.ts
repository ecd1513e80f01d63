import type { PiiFinding, PiiKind } from '~/privacy/pii-types'
import { findDates, isValidDayMonthYear } from '~/privacy/pii-dates'
import { NOT_NAMES } from '~/privacy/pii-names'
import { digitsOf, makeFinding, matchesOf } from '~/privacy/pii-text'

/**
 * Patient attributes pasted from a DICOM header: by keyword (PatientName=…),
 * by name (Patient's Name: …) or by tag ((0010,0010) PN […]), as dcmdump,
 * pydicom, gdcmdump and viewers print them; and names written the DICOM way,
 * SURNAME^GIVEN, wherever they are. Staff attributes (operator, referring or
 * performing physician) are not patient data.
 */
type Attribute = 'name' | 'id' | 'birth-date' | 'staff'

interface AttributeLabel {
  attribute: Attribute
  /** Tag as group,element in upper-case hex. */
  tag: string
  keywords: readonly string[]
}

export const DICOM_ATTRIBUTES: readonly AttributeLabel[] = [
  { attribute: 'name', tag: '0010,0010', keywords: ['PatientName', "Patient's Name", 'Patients Name', 'Patient Name'] },
  { attribute: 'name', tag: '0010,1001', keywords: ['OtherPatientNames', 'Other Patient Names'] },
  { attribute: 'name', tag: '0010,1005', keywords: ['PatientBirthName', "Patient's Birth Name"] },
  { attribute: 'name', tag: '0010,1060', keywords: ['PatientMotherBirthName', "Patient's Mother's Birth Name"] },
  { attribute: 'id', tag: '0010,0020', keywords: ['PatientID', 'Patient ID'] },
  { attribute: 'id', tag: '0010,1000', keywords: ['OtherPatientIDs', 'Other Patient IDs'] },
  {
    attribute: 'birth-date',
    tag: '0010,0030',
    keywords: ['PatientBirthDate', "Patient's Birth Date", 'Patient Birth Date'],
  },
  { attribute: 'staff', tag: '0008,0090', keywords: ['ReferringPhysicianName', "Referring Physician's Name"] },
  { attribute: 'staff', tag: '0008,1050', keywords: ['PerformingPhysicianName', "Performing Physician's Name"] },
  {
    attribute: 'staff',
    tag: '0008,1060',
    keywords: ['NameOfPhysiciansReadingStudy', 'Name of Physician(s) Reading Study'],
  },
  { attribute: 'staff', tag: '0008,1070', keywords: ['OperatorsName', "Operators' Name", "Operator's Name"] },
  { attribute: 'staff', tag: '0008,1048', keywords: ['PhysiciansOfRecord', 'Physician(s) of Record'] },
  { attribute: 'staff', tag: '0032,1032', keywords: ['RequestingPhysician', 'Requesting Physician'] },
]

/**
 * Values that name no one: phantoms, test objects and what anonymisers write.
 * A value is left alone when any of its words is one of these (or starts with ANON).
 */
export const NOT_A_PATIENT_VALUES: readonly string[] = [
  'PHANTOM',
  'CATPHAN',
  'QA',
  'QC',
  'TEST',
  'TESTING',
  'DUMMY',
  'WATER',
  'NEMA',
  'ACR',
  'JASZCZAK',
  'DEMO',
  'SAMPLE',
  'EXAMPLE',
  'UNKNOWN',
  'NONE',
  'NULL',
  'REMOVED',
  'REDACTED',
  'DELETED',
  'CALIBRATION',
  'CONSTANCY',
  'COMMISSIONING',
  'SERVICE',
  'ENGINEER',
  'FLOOD',
  'UNIFORMITY',
  'LINAC',
  'PSQA',
  'RESEARCH',
  'STUDY',
  'SUBJECT',
  'VOLUNTEER',
]
const NOT_A_PATIENT = new Set(NOT_A_PATIENT_VALUES)
const NOT_A_NAME = new Set(NOT_NAMES)

const escape = (s: string) =>
  s
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "['\u2019]?")
    .replace(/ /g, '[ \\t]')
const tagPattern = (tag: string) => {
  const [group, element] = tag.split(',') as [string, string]
  return `\\(?${group}[, |]?[ ]?${element}\\)?`
}
/** Every way an attribute is labelled, longest first, each with its attribute. */
const LABELS = DICOM_ATTRIBUTES.flatMap(({ attribute, tag, keywords }) =>
  [tagPattern(tag), ...keywords.map(escape)].map((pattern) => ({ pattern, attribute })),
).sort((a, b) => b.pattern.length - a.pattern.length)
/** One capture group per entry of LABELS. */
const LABEL = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${LABELS.map((l) => `(${l.pattern})`).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
)

/**
 * After a label: optional description words (pydicom prints "(0010, 0010) Patient's Name PN: 'DOE^JANE'"),
 * an optional value representation, an optional ":" or "=", then the value in brackets, quotes or bare.
 */
const VALUE_AFTER_LABEL =
  /^[ \t]*(?:(?:Patient['\u2019]?s?|Name|ID|IDs|Birth|Date|Other)[ \t]+)*(?:(?:PN|LO|DA|SH|CS|LT|ST)(?![\p{L}\p{N}])[ \t]*)?(?:(=|:)[ \t]*)?(?:\[([^\]\n]*)\]|'([^'\n]*)'|"([^"\n]*)"|([^\s,;#[\]'"]+(?:[ ][\p{Lu}\p{N}][^\s,;#[\]()'"=:\p{Ll}]*(?=[\s,;#]|$))*))?/u
const VALUE_WINDOW = 120

/** SURNAME^GIVEN^MIDDLE^PREFIX^SUFFIX: two or more letters, a caret, then more name. */
const CARET_NAME = /(?<![\p{L}\p{N}^_])\p{L}[\p{L}'\u2019-]+(?:\^[\p{L}'\u2019-]*)+(?<=\p{L})/gu

function isPlaceholder(value: string): boolean {
  const words = value
    .toUpperCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
  if (words.length === 0) return !/\p{N}/u.test(value) || /^[0*X.\s-]+$/i.test(value)
  return words.some((w) => NOT_A_PATIENT.has(w) || w.startsWith('ANON') || /^X{3,}$/.test(w))
}

interface Value {
  start: number
  end: number
  text: string
  /** In brackets or quotes, as header dumps print values, rather than bare after ":" or "=". */
  enclosed: boolean
}

/** The value printed after a label that ends at `from`, if any. */
function valueAfter(text: string, from: number): Value | null {
  const window = text.slice(from, from + VALUE_WINDOW)
  const m = VALUE_AFTER_LABEL.exec(window)
  if (!m) return null
  const separated = m[1] !== undefined
  const bracketed = m[2] ?? m[3] ?? m[4]
  const bare = m[5]
  const raw = bracketed ?? (separated || bare?.includes('^') ? bare : undefined)
  if (raw === undefined) return null
  const trimmed = raw.trim()
  if (trimmed === '') return null
  const offset = m[0].lastIndexOf(raw) + raw.indexOf(trimmed)
  const value = {
    start: from + offset,
    end: from + offset + trimmed.length,
    text: trimmed,
    enclosed: bracketed !== undefined,
  }
  // "Patient's Name: Jane Doe": a bare value in ordinary case runs on over capitalised words.
  if (!value.enclosed && /^\p{Lu}\p{Ll}/u.test(trimmed)) {
    const more = /^(?:[ \t]+\p{Lu}[\p{L}'\u2019-]*){0,2}/u.exec(text.slice(value.end, value.end + 60))?.[0] ?? ''
    return { ...value, end: value.end + more.length, text: trimmed + more }
  }
  return value
}

function birthDate(value: string): boolean {
  const plain = /^(\d{4})(\d{2})(\d{2})$/.exec(value)
  if (plain) return isValidDayMonthYear(Number(plain[3]), Number(plain[2]), Number(plain[1]))
  return findDates(value).length > 0
}

/**
 * A name attribute's value: anything with letters in brackets or quotes
 * ("[Jane Doe]"); bare, SURNAME^GIVEN, capitals ("DOE JANE") or capitalised
 * words that are names ("Patient's Name: Jane Doe", not "Patient name: The
 * same as on the request").
 */
function isPatientName({ text, enclosed }: Value): boolean {
  if (!/\p{L}/u.test(text)) return false
  if (enclosed || text.includes('^') || /^\p{Lu}[\p{Lu}' -]+$/u.test(text)) return true
  const first = text.split(/\s+/)[0] ?? ''
  // Jane, O'Brien, McDonald, Anna-Maria; not a keyword such as PatientID.
  return (
    /^\p{Lu}(?:['\u2019]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)*$/u.test(first) && !NOT_A_NAME.has(first)
  )
}

const KIND: Record<Exclude<Attribute, 'staff'>, PiiKind> = {
  name: 'person-name',
  id: 'hospital-number',
  'birth-date': 'date-of-birth',
}
const WHAT: Record<Exclude<Attribute, 'staff'>, string> = {
  name: "a patient's name",
  id: "a patient's ID",
  'birth-date': "a patient's date of birth",
}

export function detectDicomIdentifiers(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  /** Where staff values are, so the caret-name scan leaves them alone. */
  const staff: Value[] = []
  for (const { match, index } of matchesOf(text, LABEL)) {
    const group = match.findIndex((g, i) => i > 0 && g !== undefined)
    const attribute = LABELS[group - 1]?.attribute ?? 'staff'
    const value = valueAfter(text, index + match[0].length)
    if (!value) continue
    if (attribute === 'staff') {
      staff.push(value)
      continue
    }
    if (isPlaceholder(value.text)) continue
    if (attribute === 'name' && !isPatientName(value)) continue
    if (attribute === 'id' && (value.text.replace(/[^\p{L}\p{N}]/gu, '').length < 3 || digitsOf(value.text).length < 2))
      continue
    if (attribute === 'birth-date' && !birthDate(value.text)) continue
    const label = match[0].replace(/\s+/g, ' ')
    findings.push(
      makeFinding(text, {
        kind: KIND[attribute],
        start: value.start,
        end: value.end,
        confidence: 'high',
        reason: `${WHAT[attribute][0]?.toUpperCase()}${WHAT[attribute].slice(1)} from a DICOM header (${label}). Remove it, or paste the header from an anonymised file.`,
        normalised: value.text.replace(/\s+/g, ' ').toLowerCase(),
      }),
    )
  }
  for (const { match, index } of matchesOf(text, CARET_NAME)) {
    const name = match[0]
    const end = index + name.length
    if (!/\^[^^]*\p{L}/u.test(name) || isPlaceholder(name)) continue
    if (staff.some((v) => v.start <= index && end <= v.end)) continue
    findings.push(
      makeFinding(text, {
        kind: 'person-name',
        start: index,
        end,
        confidence: 'high',
        reason:
          'A name written the way DICOM headers write a patient\u2019s name (SURNAME^GIVEN). ' +
          'If it is a phantom or a colleague, acknowledge it.',
        normalised: name.toLowerCase(),
      }),
    )
  }
  return findings
}
