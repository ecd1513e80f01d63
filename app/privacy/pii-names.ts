import type { PiiConfidence, PiiFinding } from '~/privacy/pii-types'
import { COORDINATED, namedAsStaff, patientEventNext } from '~/privacy/pii-roles'
import { anyCase, makeFinding, matchesOf, quote } from '~/privacy/pii-text'

/**
 * Titles before a name, matched with exactly this capitalisation: "MR"
 * (magnetic resonance) and "DR" (digital radiography) are not titles.
 */
export const NAME_TITLES = ['Mrs', 'Mr', 'Ms', 'Miss', 'Mx', 'Dr', 'Professor', 'Prof'] as const
/** Titles used mostly for colleagues (supervisors, consultants): their names are reported with medium confidence. */
export const COLLEAGUE_TITLES: readonly string[] = ['Dr', 'Professor', 'Prof']
/** Words after which capitalised words are a patient's name ("patient John Smith", "Pt: Smith"). */
export const PATIENT_LABELS = ['patient name', 'patient', 'pt'] as const
/** Form labels followed by a colon and a name ("Name: Jane Smith"). "Plan name:" and "Device name:" are not among them. */
export const NAME_LABELS = [
  'full name',
  'first name',
  'first names',
  'last name',
  'given name',
  'given names',
  'family name',
  'surname',
  'forename',
  'forenames',
  'name',
] as const
/** At most this many capitalised words make up one name (initials not counted). */
export const MAX_NAME_WORDS = 3

const words = (list: string) => list.trim().split(/\s+/)

/** Capitalised words that follow "patient" or a title but are not names: "Patient Safety", "Patient Specific QA". */
export const NOT_NAMES: readonly string[] = [
  // What a patient-something is in the NHS and in physics.
  ...words(`
    Safety QA Specific Pathway Pathways Dose Doses Dosimetry Positioning Position Setup Plan Plans Planning Data
    Information Services Service Group Groups Directions Care Record Records Experience Feedback Identification ID
    Identifiable Identifier Identifiers Outcomes Outcome Reported Satisfaction Journey Flow Transport Consent Education
    Monitoring Support Access Advice Liaison Administration Involvement Participation Portal Leaflet Leaflets Notes
    Demographics Demographic Details Name Names Number Numbers Numbering Referral Referrals Selection Treatment
    Treatments Imaging Immobilisation Immobilization Alignment Verification Centred Centered Facing List Lists Handling
    Movement Motion Breathing Confidentiality Privacy Rights Charter Voice Panel Forum Representative Representatives
    Story Stories Survey Surveys Questionnaire Booking Appointment Appointments Letter Letters Summary Report Reports
    Reporting Harm Incident Incidents Status Comfort Wellbeing Welfare Preparation Instructions Weight Size Age Anatomy
    Thickness Surface Table Couch Communication Management Assessment Review Reviews Waiting Contact Specimen Sample
    Samples Exposure Exposures Scan Scans Image Images Study Studies Cohort Population Workflow Throughput Volume
    Volumes Factors Modelling One Two Three Four Five Six Seven Eight Nine Ten
  `),
  // Titles and labels, so that "Mr Mr" or "patient Dr" is not a name.
  ...words('Mr Mrs Ms Miss Mx Dr Prof Professor Patient Patients Pt'),
  // Words that start a sentence.
  ...words(`
    The This That These Those An It He She They We Our Their His Her After Before During When While If In On At For
    With All Each Every Some No Not Was Is Had Has Then There Here And But Or To From By Of As So
  `),
  // Days and months ("Dr Smith Monday", "Mr Jones March 2024").
  ...words(`
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
  `),
]

const NOT_A_NAME = new Set(NOT_NAMES)

const GAP = '[ \\t\\u00a0]{1,3}'
/**
 * Jane, O'Brien, McDonald, MacLeod, Anna-Maria, Zoë, Łukasz. Not QA, not ID,
 * not lower case, and not the start of an email address (John.Smith@…),
 * which the email detector reports whole.
 */
const NAME_WORD =
  "\\p{Lu}(?:['\u2019]\\p{Lu})?\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?(?:-\\p{Lu}\\p{Ll}+)*(?![\\p{L}\\p{N}@]|[._][\\p{L}\\p{N}])"
const INITIAL = '\\p{Lu}\\.?'
/** Up to two initials, then up to MAX_NAME_WORDS name words: "J. Smith", "Jane Smith", "Anna-Maria Kowalski". */
const NAMES = `(?:${INITIAL}${GAP}){0,2}${NAME_WORD}(?:${GAP}${NAME_WORD}){0,${MAX_NAME_WORDS - 1}}`
const TITLE = `(?:${NAME_TITLES.join('|')})`
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])'

// The name is read in a look-ahead so the scan goes on right after the title or label: "Mr Mr Smith" finds "Smith".
const TITLE_THEN_NAME = new RegExp(`${NOT_AFTER_WORD}(${TITLE})\\.?${GAP}(?=(${NAMES}))`, 'gu')
const PATIENT_THEN_NAME = new RegExp(
  // "12 pt Arial" is a font size.
  `${NOT_AFTER_WORD}(?<!\\d[ \\t]?)(${PATIENT_LABELS.map((l) => anyCase(l).replace(/ /g, GAP)).join('|')})` +
    `(?:${GAP}|[ \\t]*:[ \\t]*|(?<=[Pp][Tt])\\.${GAP})(?:${TITLE}\\.?${GAP})?(?=(${NAMES}))`,
  'gu',
)
const LABEL_THEN_NAME = new RegExp(
  // The label starts its line or follows punctuation: "Plan name: Prostate" is not a person.
  `(?<![\\p{L}\\p{N}][ \\t]{0,4})(${NAME_LABELS.map((l) => anyCase(l).replace(/ /g, GAP)).join('|')})` +
    `[ \\t]*:[ \\t]*(?:${TITLE}\\.?${GAP})?(?=(${NAMES}))`,
  'gu',
)

interface NameSpan {
  start: number
  end: number
}

/** Where the name in `names` (found at `offset`) ends once words that are not names are dropped, or null if nothing is left. */
function nameSpan(names: string, offset: number): NameSpan | null {
  let end = -1
  for (const { match, index } of matchesOf(names, /\S+/g)) {
    const word = match[0]
    if (/^\p{Lu}\.?$/u.test(word)) continue
    if (NOT_A_NAME.has(word)) break
    end = index + word.length
  }
  return end < 0 ? null : { start: offset, end: offset + end }
}

function normaliseName(name: string): string {
  return name
    .replace(/\u2019/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

function nameFinding(text: string, { start, end }: NameSpan, confidence: PiiConfidence, reason: string): PiiFinding {
  const normalised = normaliseName(text.slice(start, end))
  return makeFinding(text, { kind: 'person-name', start, end, confidence, reason, normalised })
}

function* namesAfter(text: string, pattern: RegExp): Generator<{ label: string; at: number; span: NameSpan }> {
  for (const { match, index } of matchesOf(text, pattern)) {
    const span = nameSpan(match[2] ?? '', index + match[0].length)
    if (span) yield { label: match[1] ?? '', at: index, span }
  }
}

/** Dr and Prof are one title; Mr, Mrs, Ms, Miss and Mx each their own. */
const titleClass = (title: string) => (COLLEAGUE_TITLES.includes(title) ? 'Dr' : title)
const surnameOf = (text: string, { start, end }: NameSpan) =>
  text.slice(start, end).split(/\s+/).pop()?.toLowerCase() ?? ''

/**
 * Which names after a title are staff: named with their role or cited, joined
 * in one list with such a name ("Dr A and Dr B, both consultants"), or the same
 * title and surname as one (a colleague introduced once is the same colleague
 * later) — unless the words right after the name say it happened to a patient.
 */
function staffNames(text: string, titled: readonly { label: string; at: number; span: NameSpan }[]): boolean[] {
  const patient = titled.map(({ span }) => patientEventNext(text, span.end))
  const staff = titled.map(({ at, span }, i) => !patient[i] && namedAsStaff(text, at, span.end))
  // Runs of names joined in one list share what is known of any of them.
  let runStart = 0
  for (let i = 0; i < titled.length; i++) {
    const next = titled[i + 1]
    const joined =
      next !== undefined && !patient[i] && !patient[i + 1] && COORDINATED.test(text.slice(titled[i]!.span.end, next.at))
    if (joined) continue
    if (staff.slice(runStart, i + 1).some(Boolean)) staff.fill(true, runStart, i + 1)
    runStart = i + 1
  }
  const known = new Set(
    titled.filter((_, i) => staff[i]).map((t) => `${titleClass(t.label)} ${surnameOf(text, t.span)}`),
  )
  return titled.map(
    (t, i) => staff[i] || (!patient[i] && known.has(`${titleClass(t.label)} ${surnameOf(text, t.span)}`)),
  )
}

export function detectPersonNames(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  // Patient and form labels first: on the same name they give the clearer reason.
  for (const { label, span } of namesAfter(text, PATIENT_THEN_NAME)) {
    findings.push(
      nameFinding(text, span, 'high', `A name after ${quote(label)}. Patient names must never appear in evidence.`),
    )
  }
  for (const { label, span } of namesAfter(text, LABEL_THEN_NAME)) {
    findings.push(nameFinding(text, span, 'high', `A name after ${quote(`${label}:`)}.`))
  }
  const titled = [...namesAfter(text, TITLE_THEN_NAME)]
  const staff = staffNames(text, titled)
  titled.forEach(({ label, span }, i) => {
    if (staff[i]) return
    if (patientEventNext(text, span.end)) {
      findings.push(
        nameFinding(
          text,
          span,
          'high',
          `A name after the title ${quote(label)}, followed by what happened to a patient.`,
        ),
      )
      return
    }
    const colleague = COLLEAGUE_TITLES.includes(label)
    findings.push(
      nameFinding(
        text,
        span,
        colleague ? 'medium' : 'high',
        `A name after the title ${quote(label)}. If this is a colleague, not a patient, acknowledge it.`,
      ),
    )
  })
  return findings
}
