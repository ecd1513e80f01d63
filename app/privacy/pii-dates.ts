import type { PiiFinding } from '~/privacy/pii-types'
import { contextBefore, makeFinding, matchesOf, phrases, quote } from '~/privacy/pii-text'

/** Words that make the date after them a date of birth. A date on its own is not a finding: portfolios are full of QA dates. */
export const DATE_OF_BIRTH_CONTEXT_WORDS = ['date of birth', 'D.O.B.', 'D.O.B', 'DOB', 'born'] as const
/** "b." is also a list marker ("b. Output check on 12/03/2024"), so it counts only directly before a date. */
export const DATE_OF_BIRTH_SHORT_CONTEXT = 'b.'
/** At most this many characters between the context word and the date. */
export const DATE_OF_BIRTH_GAP = 25
/** At most this many characters (spaces) between "b." and the date. */
export const DATE_OF_BIRTH_SHORT_GAP = 2

const MONTHS: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH_NAME =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const SPACE = '[ \\t\\u00a0]+'
const ORDINAL = '(?:st|nd|rd|th)?'

/** 12/03/1956, 12-03-56, 12.03.1956 (the same separator twice). */
const DAY_MONTH_YEAR_NUMERIC = /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./-]\d)/g
/** 1956-03-12, 1956/03/12. */
const YEAR_MONTH_DAY_NUMERIC = /(?<![\d./-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d|[./-]\d)/g
/** 12 March 1956, 12 Mar 1956, 12th of March 1956, 12 Mar. 56. */
const DAY_MONTH_NAME_YEAR = new RegExp(
  `(?<![\\dA-Za-z])(\\d{1,2})${ORDINAL}(?:${SPACE}of)?${SPACE}(${MONTH_NAME})\\.?,?${SPACE}(\\d{4}|\\d{2})(?!\\d)`,
  'gi',
)
/** March 12, 1956; Mar 12th 1956. */
const MONTH_NAME_DAY_YEAR = new RegExp(
  `(?<![A-Za-z])(${MONTH_NAME})\\.?${SPACE}(\\d{1,2})${ORDINAL},?${SPACE}(\\d{4})(?!\\d)`,
  'gi',
)

const DATE_OF_BIRTH_CONTEXT = new RegExp(
  `(?<![A-Za-z0-9])(?:${phrases(DATE_OF_BIRTH_CONTEXT_WORDS)})(?![A-Za-z])`,
  'gi',
)
const DATE_OF_BIRTH_SHORT = /(?<![A-Za-z0-9])b\.[ \t\u00a0]*$/

/** A calendar date; a two-digit year is taken as leap when divisible by 4. */
export function isValidDayMonthYear(day: number, month: number, year: number): boolean {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return false
  if (month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year < 100 || year % 100 !== 0 || year % 400 === 0)
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}

interface DateMatch {
  start: number
  end: number
  /** YYYY-MM-DD, or YY-MM-DD when the year has two digits. */
  normalised: string
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1
}

function dateMatch(start: number, end: number, day: number, month: number, year: string): DateMatch | null {
  if (!isValidDayMonthYear(day, month, Number(year))) return null
  const pad = (n: number) => String(n).padStart(2, '0')
  return { start, end, normalised: `${year}-${pad(month)}-${pad(day)}` }
}

/** Every date in the text, in any of the formats above. */
export function findDates(text: string): DateMatch[] {
  const dates: (DateMatch | null)[] = []
  for (const { match: m, index } of matchesOf(text, DAY_MONTH_YEAR_NUMERIC)) {
    const end = index + m[0].length
    const [a, b] = [Number(m[1]), Number(m[3])]
    // UK order first; a US-order date of birth (03/25/1956) is still a date of birth.
    dates.push(dateMatch(index, end, a, b, m[4] ?? '') ?? dateMatch(index, end, b, a, m[4] ?? ''))
  }
  for (const { match: m, index } of matchesOf(text, YEAR_MONTH_DAY_NUMERIC)) {
    dates.push(dateMatch(index, index + m[0].length, Number(m[4]), Number(m[3]), m[1] ?? ''))
  }
  for (const { match: m, index } of matchesOf(text, DAY_MONTH_NAME_YEAR)) {
    dates.push(dateMatch(index, index + m[0].length, Number(m[1]), monthNumber(m[2] ?? ''), m[3] ?? ''))
  }
  for (const { match: m, index } of matchesOf(text, MONTH_NAME_DAY_YEAR)) {
    dates.push(dateMatch(index, index + m[0].length, Number(m[2]), monthNumber(m[1] ?? ''), m[3] ?? ''))
  }
  return dates.filter((d): d is DateMatch => d !== null)
}

const LONGEST_CONTEXT_WORD = Math.max(...DATE_OF_BIRTH_CONTEXT_WORDS.map((w) => w.length))

/** The context word that makes the date starting at `start` a date of birth, or null. */
function dateOfBirthContext(text: string, start: number): string | null {
  // One character more than "b." and its gap, so the look-behind sees what comes before the "b".
  const justBefore = text.slice(
    Math.max(0, start - DATE_OF_BIRTH_SHORT_CONTEXT.length - DATE_OF_BIRTH_SHORT_GAP - 1),
    start,
  )
  if (DATE_OF_BIRTH_SHORT.test(justBefore)) return DATE_OF_BIRTH_SHORT_CONTEXT
  const context = contextBefore(text, start, DATE_OF_BIRTH_GAP + LONGEST_CONTEXT_WORD, DATE_OF_BIRTH_CONTEXT)
  return context && start - context.end <= DATE_OF_BIRTH_GAP ? context.text : null
}

export function detectDatesOfBirth(text: string): PiiFinding[] {
  const findings: PiiFinding[] = []
  for (const { start, end, normalised } of findDates(text)) {
    const context = dateOfBirthContext(text, start)
    if (!context) continue
    const reason = `A date of birth (after ${quote(context)}). A date of birth helps identify a patient.`
    findings.push(makeFinding(text, { kind: 'date-of-birth', start, end, confidence: 'high', reason, normalised }))
  }
  return findings
}
