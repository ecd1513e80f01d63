import type { PiiFinding } from '~/privacy/pii-types'
import { isValidDayMonthYear } from '~/privacy/pii-dates'
import { contextAfter, contextBefore, digitsOf, makeFinding, matchesOf, phrases, quote } from '~/privacy/pii-text'

/** Words that, shortly before a valid 10-digit number, say it is a patient's NHS number. */
export const NHS_CONTEXT_WORDS = [
  'NHS number',
  'NHS num',
  'NHS no',
  'NHS',
  'patient',
  'patients',
  'pt',
  'hospital',
  'MRN',
] as const
/** How many characters before a number are searched for NHS_CONTEXT_WORDS. */
export const NHS_CONTEXT_WINDOW = 40
/**
 * Words that, shortly before a 10-digit number and with no NHS context, say
 * it is equipment's or a document's: "Farmer chamber serial number 4857773457".
 * Not "ref" or "reference": a letter's reference can be the patient's number.
 */
export const NOT_NHS_CONTEXT_WORDS = [
  'serial number',
  'serial no',
  'serial',
  's/n',
  'SN',
  'asset number',
  'asset no',
  'asset tag',
  'asset',
  'model',
  'part number',
  'part no',
  'p/n',
  'lot',
  'batch',
  'firmware',
  'software',
  'version',
  'invoice',
  'order',
  'purchase order',
  'PO',
  'barcode',
  'tracking',
  'Datix',
  'incident',
  'certificate',
] as const
export const NOT_NHS_CONTEXT_WINDOW = 30

/** A Scottish CHI number is reported only with one of these nearby. */
export const CHI_CONTEXT_WORDS = ['CHI', 'Community Health Index'] as const
export const CHI_CONTEXT_WINDOW_BEFORE = 40
export const CHI_CONTEXT_WINDOW_AFTER = 20

/** Labels after which an identifier is a hospital (local patient) number. There is no national format. */
export const HOSPITAL_NUMBER_LABELS = [
  'MRN',
  'hospital number',
  'hospital no',
  'hospital ID',
  'hosp no',
  'unit number',
  'unit no',
  'patient ID',
  'patient number',
  'patient no',
  'PAS number',
  'PAS no',
  'PAS ID',
  'case note number',
  'casenote number',
  'medical record number',
  'medical record no',
  'medical records number',
  'health record number',
  'hosp ID',
  'hosp number',
  'trust number',
  'trust no',
  'RTX',
] as const
/** A hospital number is 5–12 letters and digits (separators not counted) with at least this many digits. */
export const HOSPITAL_NUMBER_MIN_DIGITS = 4
export const HOSPITAL_NUMBER_MIN_LENGTH = 5
export const HOSPITAL_NUMBER_MAX_LENGTH = 12

const NHS_CONTEXT = new RegExp(`(?<![A-Za-z])(?:${phrases(NHS_CONTEXT_WORDS)})(?![A-Za-z])`, 'gi')
const NOT_NHS_CONTEXT = new RegExp(`(?<![A-Za-z])(?:${phrases(NOT_NHS_CONTEXT_WORDS)})(?![A-Za-z])`, 'gi')
const CHI_CONTEXT = new RegExp(`(?<![A-Za-z])(?:${phrases(CHI_CONTEXT_WORDS)})(?![A-Za-z])`, 'g')

/** Ten digits: contiguous, 3-3-4 with spaces or hyphens, or (CHI only) 6-4. Never part of a longer digit run. */
const TEN_DIGITS = /(?<!\d)(?:\d{3}[ -]?\d{3}[ -]?\d{4}|\d{6}[ -]\d{4})(?!\d)/g

const HOSPITAL_NUMBER = new RegExp(
  // "hosp. no." as well as "hosp no".
  `(?<![A-Za-z0-9])(${phrases(HOSPITAL_NUMBER_LABELS, '\\.?[ \\t]+')})\\.?(?![A-Za-z])` +
    // "MRN: ", "hospital no. ", "MRN # ", "PAS number - ", "MRN no. "
    `[\\s:#.=-]{0,5}(?:(?:no|num|number)\\.?[\\s:#=-]{0,5})?` +
    // One run of letters and digits, or up to five joined by hyphens (or dashes), slashes or full stops ("12-345-678",
    // "RX1/234/567"), or by single spaces before digits ("0123 4567"; "MRN 1234567 was" stops at "was").
    `([A-Za-z0-9]+(?:(?:[-/.\u2010-\u2013]|[ ](?=\\d))[A-Za-z0-9]+){0,4})(?![A-Za-z0-9]|[-/.\u2010-\u2013][A-Za-z0-9])`,
  'gi',
)

/**
 * The NHS number check (modulus 11): multiply the first nine digits by 10, 9, … 2
 * and add them up; the check digit is 11 minus the remainder on dividing by 11,
 * where 11 becomes 0 and 10 means the number is not valid. Spaces and hyphens
 * ("943 476 5919") are allowed; anything else makes it invalid.
 */
export function isValidNhsNumber(digits: string): boolean {
  const plain = digits.replace(/[ -]/g, '')
  if (!/^\d{10}$/.test(plain)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(plain[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 10) return false
  return (check === 11 ? 0 : check) === Number(plain[9])
}

interface TenDigitNumber {
  start: number
  end: number
  digits: string
}

/** 10-digit numbers that stand on their own: "1.9434765919" and "12 943 476 5919" are parts of longer numbers. */
function tenDigitNumbers(text: string, allowSixFour: boolean): TenDigitNumber[] {
  const found: TenDigitNumber[] = []
  for (const { match, index } of matchesOf(text, TEN_DIGITS)) {
    const raw = match[0]
    if (!allowSixFour && /^\d{6}[ -]/.test(raw)) continue
    const end = index + raw.length
    if (continuesNumber(text, index, end, raw.length > 10)) continue
    found.push({ start: index, end, digits: digitsOf(raw) })
  }
  return found
}

function continuesNumber(text: string, start: number, end: number, spaced: boolean): boolean {
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
  const joiners = spaced ? '. -' : '.'
  const before = text[start - 1]
  const after = text[end]
  if (before !== undefined && joiners.includes(before) && isDigit(text[start - 2])) return true
  if (after !== undefined && joiners.includes(after) && isDigit(text[end + 1])) return true
  return false
}

export function detectNhsNumbers(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { start, end, digits } of tenDigitNumbers(text, false)) {
    if (!isValidNhsNumber(digits)) continue
    // 0000000000 and 1111111111 pass the check but are placeholders, not anyone's number.
    if (/^(\d)\1{9}$/.test(digits)) continue
    const context = contextBefore(text, start, NHS_CONTEXT_WINDOW, NHS_CONTEXT)
    if (!context && contextBefore(text, start, NOT_NHS_CONTEXT_WINDOW, NOT_NHS_CONTEXT)) continue
    const reason = context
      ? `A valid NHS number (passes the modulus 11 check) after ${quote(context.text)}.`
      : 'A 10-digit number that passes the NHS number check (modulus 11), so it may be an NHS number. ' +
        'If it is something else, such as a serial number, acknowledge it.'
    const confidence = context ? 'high' : 'medium'
    findings.push(makeFinding(text, { kind: 'nhs-number', start, end, confidence, reason, normalised: digits }))
  }
  return findings
}

export function detectChiNumbers(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { start, end, digits } of tenDigitNumbers(text, true)) {
    const [dd, mm, yy] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)]
    if (!isValidDayMonthYear(Number(dd), Number(mm), Number(yy))) continue
    const context =
      contextBefore(text, start, CHI_CONTEXT_WINDOW_BEFORE, CHI_CONTEXT) ??
      contextAfter(text, end, CHI_CONTEXT_WINDOW_AFTER, CHI_CONTEXT)
    if (!context) continue
    // CHI numbers end in the same modulus 11 check digit as NHS numbers.
    const checks = isValidNhsNumber(digits)
    const reason = checks
      ? `A Scottish CHI number near ${quote(context.text)}: it starts with a date of birth (${dd}/${mm}/${yy}) ` +
        'and passes the modulus 11 check.'
      : `Looks like a Scottish CHI number near ${quote(context.text)}: it starts with a date of birth ` +
        `(${dd}/${mm}/${yy}), though its check digit does not match, so it may be mistyped.`
    const confidence = checks ? 'high' : 'medium'
    findings.push(makeFinding(text, { kind: 'chi-number', start, end, confidence, reason, normalised: digits }))
  }
  return findings
}

export function detectHospitalNumbers(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { match, index } of matchesOf(text, HOSPITAL_NUMBER)) {
    const label = match[1] ?? ''
    const id = hospitalNumberIn(match[2] ?? '')
    if (id === null) continue
    const end = index + match[0].length - (match[2] ?? '').length + id.length
    const reason = `Looks like a hospital number after ${quote(label)}. A hospital number identifies a patient.`
    findings.push(
      makeFinding(text, {
        kind: 'hospital-number',
        start: end - id.length,
        end,
        confidence: 'high',
        reason,
        normalised: id.replace(/[^A-Za-z0-9]/g, '').toUpperCase(),
      }),
    )
  }
  return findings
}

/**
 * The hospital number at the start of what followed its label, or null. A
 * space joins a group only to a short one before it, as in "0123 4567" or
 * "45 678 901" ("MRN 1234567 20 fractions" is "1234567"). Longer than a hospital
 * number, it is something else (a DICOM UID such as 1.2.840.10008.5.1).
 */
function hospitalNumberIn(candidate: string): string | null {
  const groups: string[] = []
  for (const group of candidate.split(/(?<=[A-Za-z0-9])(?=[-/. \u2010-\u2013])/)) {
    const previous = groups[groups.length - 1]
    if (group.startsWith(' ') && previous !== undefined && previous.replace(/[^A-Za-z0-9]/g, '').length > 4) break
    groups.push(group)
  }
  const id = groups.join('')
  const plain = id.replace(/[^A-Za-z0-9]/g, '')
  if (plain.length < HOSPITAL_NUMBER_MIN_LENGTH || plain.length > HOSPITAL_NUMBER_MAX_LENGTH) return null
  return digitsOf(plain).length >= HOSPITAL_NUMBER_MIN_DIGITS ? id : null
}
