import type { PiiFinding } from './pii-types'
import { contextBefore, digitsOf, makeFinding, matchesOf, phrases, quote } from './pii-text'

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
