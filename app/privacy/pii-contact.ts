import type { PiiFinding } from '~/privacy/pii-types'
import { contextBefore, digitsOf, makeFinding, matchesOf, phrases, quote } from '~/privacy/pii-text'

/** Words that, shortly before a postcode, say it is someone's address. */
export const POSTCODE_CONTEXT_WORDS = ['address', 'lives at', 'living at', 'postcode', 'post code'] as const
export const POSTCODE_CONTEXT_WINDOW = 40
export const CONTACT_DETAILS_REASON = 'Contact details can identify a patient or their family.'

/**
 * A UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A) then, after one
 * space or none, the inward code (9AA), using only the letters each position
 * allows; plus GIR 0AA. Letters and digits may not run on either side, so
 * "6MV", "CT 2024", "IEC 60601", "TG 142" and "Tech4" are not postcodes.
 */
const POSTCODE =
  /(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPS-UW]?|\d\d|[A-HK-Y]\d[ABEHMNPRV-Y]?|[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi
/** "a1 2nd", "b2 3rd": in lower case these are ordinals, not inward codes. */
const LOWER_CASE_ORDINAL = /\d(?:st|nd|rd|th)$/
const POSTCODE_CONTEXT = new RegExp(`(?<![A-Za-z])(?:${phrases(POSTCODE_CONTEXT_WORDS)})(?![A-Za-z])`, 'gi')

/**
 * Words naming an organisation: a postcode written after one (in the same
 * sentence) is that organisation's published address, not a patient's home.
 */
export const ORGANISATION_WORDS = [
  'hospital',
  'hospitals',
  'infirmary',
  'clinic',
  'centre',
  'center',
  'trust',
  'health board',
  'NHS',
  'university',
  'college',
  'institute',
  'department',
  'dept',
  'unit',
  'laboratory',
  'laboratories',
  'lab',
  'ltd',
  'limited',
  'plc',
  'healthcare',
  'IPEM',
  'HCPC',
  'society',
  'hospice',
  'surgery',
  'practice',
  'headquarters',
  'offices',
  // Hospitals and centres often named without one of the words above.
  'The Christie',
  'Royal Marsden',
  'Clatterbridge',
  'Velindre',
  'Beatson',
  "Addenbrooke's",
  'Papworth',
  'Moorfields',
  'Great Ormond Street',
  'Alder Hey',
  'Walton Centre',
  'Weston Park',
  "Guy's",
  "St Thomas'",
  'Barts',
  'The Royal Free',
] as const
/**
 * Words that make an address someone's home, whatever organisation is named
 * nearby: "the patient's home address, near St James's Hospital, LS9 7TF".
 * Not "patient" alone: "the patient was transferred to St James's University
 * Hospital, LS9 7TF" gives the hospital's address.
 */
export const PERSONAL_ADDRESS_WORDS = [
  'lives',
  'living',
  'home',
  'resides',
  'residence',
  'next of kin',
  'NOK',
  'relative',
  'relatives',
  'daughter',
  'son',
  'wife',
  'husband',
  'carer',
  'family',
  "patient's address",
  "patient's postcode",
  "patient's phone",
  'his address',
  'her address',
  'their address',
  'his number',
  'her number',
  'their number',
  // A patient's other identifiers in the same sentence: "patient J Smith (NHS no. …, DOB …) of 4 Park Road, LS1 3EX".
  'DOB',
  'D.O.B',
  'date of birth',
  'born',
  'NHS no',
  'NHS number',
  'MRN',
  'CHI',
  'hospital number',
  'hospital no',
] as const
/** Words that make a landline a department's or a switchboard's. */
export const DEPARTMENT_PHONE_WORDS = [
  ...ORGANISATION_WORDS,
  'office',
  'switchboard',
  'reception',
  'helpdesk',
  'help desk',
  'desk',
  'extension',
  'ext',
  'bleep',
  'physics',
  'radiotherapy',
  'service',
  'team',
  'enquiries',
  'main line',
] as const
export const ORGANISATION_WINDOW = 100
export const ORGANISATION_WINDOW_AFTER = 60

/** "NHS no.", "hospital number", "unit no": labels of a patient's identifiers, not organisations. */
const NOT_AN_ORGANISATION = '(?![ \\t.]*(?:no|num|number|ID)(?![A-Za-z]))'
const ORGANISATION = new RegExp(
  `(?<![A-Za-z])(?:${phrases(ORGANISATION_WORDS)})(?![A-Za-z])${NOT_AN_ORGANISATION}`,
  'gi',
)
const PERSONAL = new RegExp(`(?<![A-Za-z])(?:${phrases(PERSONAL_ADDRESS_WORDS)})(?![A-Za-z])`, 'gi')
const DEPARTMENT = new RegExp(
  `(?<![A-Za-z])(?:${phrases(DEPARTMENT_PHONE_WORDS)})(?![A-Za-z])${NOT_AN_ORGANISATION}`,
  'gi',
)
/** The end of a sentence ("Hospital. The"), not of an abbreviation ("St. James's", "Rd."). */
const SENTENCE_END = /(?:\p{Ll}{3}|\d|\))[.!?](?=\s)|\n[ \t]*\n/gu

/** The parts of `text` before start and after end that lie in the same sentence, up to the window sizes. */
function sentenceAround(text: string, start: number, end: number): { before: string; after: string } {
  const windowStart = Math.max(0, start - ORGANISATION_WINDOW)
  let from = windowStart
  for (const { match, index } of matchesOf(text.slice(windowStart, start), SENTENCE_END)) {
    from = windowStart + index + match[0].length
  }
  let to = Math.min(text.length, end + ORGANISATION_WINDOW_AFTER)
  for (const { index } of matchesOf(text.slice(end, to), SENTENCE_END)) {
    to = end + index
    break
  }
  return { before: text.slice(from, start), after: text.slice(end, to) }
}

const has = (pattern: RegExp, text: string) => {
  pattern.lastIndex = 0
  return pattern.test(text)
}

/**
 * Whether the postcode or number at start–end belongs to an organisation
 * named in its sentence: named before it with nothing personal in between
 * ("St James's University Hospital, Beckett Street, Leeds LS9 7TF"), or named
 * just after with nothing personal before the name ("CB2 0QQ (Addenbrooke's Hospital)").
 */
function organisations(text: string, start: number, end: number, words: RegExp): boolean {
  const { before, after } = sentenceAround(text, start, end)
  if (has(PERSONAL, before)) return false
  if (has(words, before)) return true
  words.lastIndex = 0
  const named = words.exec(after)
  return named !== null && !has(PERSONAL, after.slice(0, named.index))
}

/** Only where a local part starts, so a long run of letters is read once, not once per letter. */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g

/**
 * UK phone numbers: 0 or +44 (optionally "+44 (0)"), then 10 digits grouped
 * 4-6, 3-3-4, 2-4-4 or 4-3-3 (07700 900123, 0113 243 3144, 020 7946 0958,
 * 07700 900 123), with single spaces or hyphens, the area code optionally in brackets.
 */
const PHONE = new RegExp(
  '(?<![\\w+./-])(?:\\+44[ ]?(?:\\(0\\)[ ]?)?|\\(?0)(?=[1-35789])' +
    '(?:\\d{4}\\)?[ -]?\\d{6}|\\d{3}\\)?[ -]?\\d{3}[ -]?\\d{4}|\\d{2}\\)?[ -]?\\d{4}[ -]?\\d{4}|\\d{4}\\)?[ -]?\\d{3}[ -]?\\d{3})' +
    '(?![\\d])',
  'g',
)

export function detectPostcodes(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { match, index: start } of matchesOf(text, POSTCODE)) {
    const postcode = match[0]
    if (LOWER_CASE_ORDINAL.test(postcode)) continue
    if (organisations(text, start, start + postcode.length, ORGANISATION)) continue
    const context = contextBefore(text, start, POSTCODE_CONTEXT_WINDOW, POSTCODE_CONTEXT)
    const reason = context
      ? `A UK postcode after ${quote(context.text)}. A home postcode helps identify a patient.`
      : 'Looks like a UK postcode. A home postcode helps identify a patient; ' +
        'if this is the address of a hospital or a company, acknowledge it.'
    const confidence = context ? 'high' : 'medium'
    const normalised = postcode.replace(/ /g, '').toUpperCase()
    findings.push(
      makeFinding(text, { kind: 'postcode', start, end: start + postcode.length, confidence, reason, normalised }),
    )
  }
  return findings
}

export function detectEmails(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { match, index: start } of matchesOf(text, EMAIL)) {
    const address = match[0]
    const reason = `An email address. ${CONTACT_DETAILS_REASON} If it is a colleague's, acknowledge it.`
    findings.push(
      makeFinding(text, {
        kind: 'email',
        start,
        end: start + address.length,
        confidence: 'medium',
        reason,
        normalised: address.toLowerCase(),
      }),
    )
  }
  return findings
}

export function detectPhoneNumbers(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { match, index: start } of matchesOf(text, PHONE)) {
    const number = match[0]
    const digits = digitsOf(number)
    // A department's landline; a mobile number is always someone's.
    if (!/^(?:\+44[ ]?(?:\(0\)[ ]?)?|0)7/.test(number) && organisations(text, start, start + number.length, DEPARTMENT))
      continue
    // +44 (0)113 …, +44 113 … and 0113 … are one number.
    const national = number.startsWith('+') ? `0${digits.slice(2).replace(/^0/, '')}` : digits
    const reason = `A UK phone number. ${CONTACT_DETAILS_REASON} If it is a colleague's or a department's, acknowledge it.`
    findings.push(
      makeFinding(text, {
        kind: 'phone',
        start,
        end: start + number.length,
        confidence: 'medium',
        reason,
        normalised: national,
      }),
    )
  }
  return findings
}
