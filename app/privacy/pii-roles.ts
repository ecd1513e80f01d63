/**
 * Whether a name after a title belongs to a member of staff rather than a
 * patient, read from the words around it: a role beside the name ("Dr Patel,
 * consultant radiologist", "my mentor Dr Okafor", "Prof Chen (Head of
 * Radiotherapy Physics)"), a citation ("Dr Williams et al. (2019)"), against
 * what happens to patients ("…, was treated for…") or a role that no longer
 * holds ("a retired radiographer").
 *
 * Pure, and cheap: each test reads a bounded window around one name.
 */
import { phrases } from '~/privacy/pii-text'

/**
 * Jobs and positions a trainee names colleagues by. Plurals are matched too.
 * Not "professor" alone: in "Dr A, Professor B" it is the next name's title.
 */
export const STAFF_ROLES: readonly string[] = [
  // Doctors.
  'consultant',
  'registrar',
  'specialist registrar',
  'SpR',
  'StR',
  'SHO',
  'house officer',
  'junior doctor',
  'doctor',
  'physician',
  'radiologist',
  'oncologist',
  'surgeon',
  'urologist',
  'cardiologist',
  'anaesthetist',
  'anesthetist',
  'neurologist',
  'haematologist',
  'dermatologist',
  'gynaecologist',
  'endocrinologist',
  'neuroradiologist',
  'radiotherapist',
  'GP',
  'general practitioner',
  'clinical fellow',
  'research fellow',
  // Scientists, engineers, radiographers and others in the department.
  'clinical scientist',
  'healthcare scientist',
  'scientist',
  'physicist',
  'medical physicist',
  'clinical engineer',
  'engineer',
  'technologist',
  'technician',
  'radiographer',
  'sonographer',
  'dosimetrist',
  'planner',
  'nurse',
  'nurse specialist',
  'CNS',
  'matron',
  'ward sister',
  'pharmacist',
  'radiopharmacist',
  'practitioner',
  'administrator',
  'secretary',
  'coordinator',
  'co-ordinator',
  'receptionist',
  // Statutory and safety roles.
  'MPE',
  'medical physics expert',
  'RPA',
  'radiation protection adviser',
  'radiation protection advisor',
  'RPS',
  'radiation protection supervisor',
  'RWA',
  'radioactive waste adviser',
  'MRSE',
  'MR safety expert',
  'MR safety officer',
  'MRSO',
  'LPA',
  'laser protection adviser',
  'RSO',
  'radiation safety officer',
  'expert',
  'adviser',
  'advisor',
  'officer',
  'data protection officer',
  'Caldicott guardian',
  // Management and training.
  'head of',
  'director of',
  'director',
  'medical director',
  'manager',
  'line manager',
  'team leader',
  'lead',
  'lead for',
  'clinical lead',
  'service lead',
  'superintendent',
  'mentor',
  'supervisor',
  'educational supervisor',
  'clinical supervisor',
  'training officer',
  'training lead',
  'programme director',
  'assessor',
  'tutor',
  'lecturer',
  'lecturer in',
  'senior lecturer',
  'reader in',
  'professor of',
  'examiner',
  'colleague',
  'trainee',
  'STP trainee',
  'HSST trainee',
  'student',
  'chair of',
  'author',
  'speaker',
  'presenter',
]

/** Words that may stand between a determiner and a role: "the senior therapeutic radiographer". */
export const ROLE_MODIFIERS: readonly string[] = [
  'senior',
  'principal',
  'chief',
  'lead',
  'deputy',
  'assistant',
  'associate',
  'acting',
  'interim',
  'locum',
  'trainee',
  'specialist',
  'specialty',
  'advanced',
  'consultant',
  'clinical',
  'medical',
  'healthcare',
  'scientific',
  'technical',
  'radiation',
  'protection',
  'radiotherapy',
  'therapeutic',
  'therapy',
  'diagnostic',
  'interventional',
  'nuclear',
  'medicine',
  'physics',
  'imaging',
  'breast',
  'paediatric',
  'neuro',
  'oncology',
  'MRI',
  'MR',
  'CT',
  'PET',
  'ultrasound',
  'research',
  'honorary',
  'visiting',
  'external',
  "department's",
  'departmental',
  "trust's",
  "hospital's",
  "team's",
  'registered',
  'HCPC-registered',
  'newly',
  'qualified',
  'on-call',
  'duty',
  'superintendent',
  'band',
  '6',
  '7',
  '8a',
  '8b',
  '8c',
  'health',
  'safety',
  'laser',
  'engineering',
  'dosimetry',
  'planning',
  'treatment',
  'QA',
  'quality',
  'education',
  'training',
  'STP',
  'HSST',
  'PhD',
  'MSc',
  'radiology',
  'vascular',
  'cardiac',
  'head and neck',
  'lung',
  'prostate',
  'gynae',
  'urology',
  'GI',
  'neurosurgical',
  'orthopaedic',
  'dental',
  'own',
  'named',
  'new',
  'former',
  'retired',
  'FY1',
  'FY2',
  'CT1',
  'CT2',
  'ST1',
  'ST2',
  'ST3',
  'ST4',
  'ST5',
  'ST6',
  'ST7',
  'ST8',
  'SpR',
  'year 1',
  'year 2',
  'year 3',
  'first-year',
  'second-year',
  'third-year',
]

/**
 * Before a role after a name, the role is no longer the person's job: "Mrs
 * Jones, a retired radiographer herself, …" is a patient. ("My former mentor"
 * is still a colleague.)
 */
const LAPSED = /(?<![\p{L}])retired(?![\p{L}])/iu

/** Things that happen to patients, said of the person just named: "…, was treated for…". */
export const PATIENT_EVENTS: readonly string[] = [
  'was treated',
  'was scanned',
  'was admitted',
  'was readmitted',
  'was diagnosed',
  'was referred',
  'was imaged',
  'was planned',
  'was simulated',
  'was consented',
  'was discharged',
  'was injected',
  'was prescribed',
  'was transferred',
  'was positioned',
  'was immobilised',
  'had been admitted',
  'has been admitted',
  'had been treated',
  'has been treated',
  'had been diagnosed',
  'has been diagnosed',
  'is being treated',
  'presented with',
  'underwent',
  'attended for',
  'attended clinic',
  'died',
  'passed away',
]

const S = '[ \\t\\u00a0]+'
const S0 = '[ \\t\\u00a0]*'
const word = (list: readonly string[]) => phrases(list, S)
// Not a possessive: "Mr Smith, the consultant's patient" names the consultant's patient.
const ROLE = `(?:${word(STAFF_ROLES)})(?:e?s)?(?![\\p{L}\\p{N}]|['\u2019]s?(?![\\p{L}]))`
const MODIFIERS = `(?:(?:${word(ROLE_MODIFIERS)})(?:${S}|-))`
const DETERMINER = `(?:(?:the|a|an|our|my|both|also|one${S}of${S}(?:the|our|my))${S})`

/** A role straight after the name: ", consultant radiologist", " (Head of Physics)", ", our RPA", " – lead dosimetrist". */
const ROLE_AFTER = new RegExp(
  `^(?:${S0}\\([^()\\n]{0,30}\\))?(?:${S0}(?:,|\\(|[\u2013\u2014-]|:)${S0}(?:(?:who${S}is|is|as)${S})?|${S}(?:who${S}is|is|as)${S})` +
    `${DETERMINER}?` +
    `(${MODIFIERS}{0,4})${ROLE}`,
  'iu',
)
/** What a colleague does or where they work: "who supervises me", "from the physics department". */
const STAFF_DOING = new RegExp(
  `^${S0}(?:,${S0}|\\(${S0})?(?:who${S}(?:supervises|supervised|mentors|mentored|trains|trained|teaches|taught|manages|managed)${S}(?:me|us|my|our)` +
    `|(?:from|of|in|at)${S}(?:the|our|my)${S}(?:[\\p{L}'\u2019-]+${S}){0,3}(?:department|dept|team|service|group|unit|lab|laboratory)s?)(?![\\p{L}])`,
  'iu',
)
/** A role straight before the title: "my mentor ", "the RPA, ", "Consultant clinical scientist ". */
const ROLE_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])${ROLE}${S0}(?:[,:(\u2013\u2014-]${S0})?$`, 'iu')
const ROLE_BEFORE_WINDOW = 80

/** "Dr Williams et al.", "Dr Williams (2019)", "Prof Lee and colleagues". */
const CITATION = new RegExp(
  `^${S0}(?:et${S}al\\b|\\((?:19|20)\\d\\d[a-z]?\\)|,${S0}(?:19|20)\\d\\d[a-z]?\\b|and${S}colleagues\\b)`,
  'u',
)

/** After the role's clause closes, what happens next: ", was treated…". */
const EVENT_AFTER = new RegExp(`^[^.;!?\\n]{0,40}?[,)]${S0}(?:${word(PATIENT_EVENTS)})(?![\\p{L}])`, 'iu')
/** The name itself does something patients do: "Mr Khan was treated". */
const EVENT_NEXT = new RegExp(`^${S0}(?:${word(PATIENT_EVENTS)})(?![\\p{L}])`, 'iu')

/** Two names joined as one list: "Dr A and Dr B", "Dr A, Dr B". */
export const COORDINATED = new RegExp(`^${S0}(?:,${S0})?(?:and|&|or)?${S0}$`, 'u')

/**
 * Whether the name ending at nameEnd, after a title starting at titleStart,
 * is a member of staff by the words around it.
 */
export function namedAsStaff(text: string, titleStart: number, nameEnd: number): boolean {
  const after = text.slice(nameEnd, nameEnd + 160)
  if (EVENT_NEXT.test(after)) return false
  if (CITATION.test(after)) return true
  if (STAFF_DOING.test(after)) return true
  const roleAfter = ROLE_AFTER.exec(after)
  if (roleAfter) {
    if (LAPSED.test(roleAfter[1] ?? '')) return false
    return !EVENT_AFTER.test(after.slice(roleAfter[0].length))
  }
  return ROLE_BEFORE.test(text.slice(Math.max(0, titleStart - ROLE_BEFORE_WINDOW), titleStart))
}

/** Whether the name ending at `nameEnd` says something that happens to patients next. */
export function patientEventNext(text: string, nameEnd: number): boolean {
  return EVENT_NEXT.test(text.slice(nameEnd, nameEnd + 40))
}
