/** Small pure helpers the coverage engine uses for words, messages and dates. */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/** Character classes: 1 letter or digit, 2 may continue a word (apostrophe, hyphen), 0 neither. */
const OTHER = 0
const LETTER = 1
const JOINER = 2
const ASCII_CLASS: number[] = Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c)
  return /[A-Za-z0-9]/.test(ch) ? LETTER : ch === "'" || ch === '-' ? JOINER : OTHER
})

/**
 * Words in a text, counted as the evidence editor counts them: runs that start
 * with a letter or digit and go on through letters, digits, apostrophes and hyphens.
 */
export function countWords(text: string): number {
  // Plain ASCII, the usual case, without branches; anything else takes the general path.
  let words = 0
  let inWord = 0
  for (let i = 0, n = text.length; i < n; i++) {
    const code = text.charCodeAt(i)
    if (code > 127) return countWordsUnicode(text)
    const kind = ASCII_CLASS[code]!
    words += kind & LETTER & (inWord ^ 1)
    inWord = kind === JOINER ? inWord : kind
  }
  return words
}

function countWordsUnicode(text: string): number {
  let words = 0
  let inWord = false
  for (let i = 0, n = text.length; i < n; i++) {
    const code = text.charCodeAt(i)
    let kind: number
    if (code < 128) {
      kind = ASCII_CLASS[code]!
    } else if (code === 0x2019) {
      kind = JOINER // ’
    } else {
      const point = text.codePointAt(i)!
      if (point > 0xffff) i++
      kind = LETTER_OR_DIGIT.test(String.fromCodePoint(point)) ? LETTER : OTHER
    }
    if (kind === LETTER) {
      if (!inWord) words++
      inWord = true
    } else if (kind === OTHER) {
      inWord = false
    }
  }
  return words
}

/** A message template split once: even entries are literal text, odd entries placeholder names. */
export type CompiledTemplate = readonly string[]

export function compileTemplate(template: string): CompiledTemplate {
  return template.split(/\{([^{}]*)\}/)
}

type Values = Readonly<Record<string, string | number>>

/** A value of its own (what `Object.prototype` lends, such as `toString`, is neither a string nor a number). */
function lookup(values: Values | undefined, name: string): string | number | undefined {
  const value = values?.[name]
  return typeof value === 'string' || typeof value === 'number' ? value : undefined
}

/**
 * Replaces each `{name}` with its value, looked up in each set of values in turn;
 * a placeholder without a value is left as written.
 */
export function renderTemplate(
  template: string | CompiledTemplate,
  values: Values,
  more?: Values,
  most?: Values,
): string {
  const parts = typeof template === 'string' ? compileTemplate(template) : template
  let out = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!
    const value = lookup(values, name) ?? lookup(more, name) ?? lookup(most, name)
    out += (value === undefined ? `{${name}}` : String(value)) + parts[i + 1]!
  }
  return out
}

/**
 * The template with the placeholders these values fill put in, the others kept as placeholders: rendering
 * the result with more values gives what rendering the template with these values first would.
 */
export function fillTemplate(template: CompiledTemplate, values: Values): CompiledTemplate {
  const out = [template[0]!]
  for (let i = 1; i < template.length; i += 2) {
    const name = template[i]!
    const value = lookup(values, name)
    if (value === undefined) out.push(name, template[i + 1]!)
    else out[out.length - 1] += String(value) + template[i + 1]!
  }
  return out
}

/** "1 item", "3 items". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** "a", "a and b", "a, b and c". */
export function joinList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/**
 * The first `limit` of a list by name, then how many more: an area claimed by 60 draft items names five and
 * says "and 55 more", since the trainee acts on the first few and a page of titles hides the advice.
 */
export function joinFirst(parts: readonly string[], total: number, limit: number): string {
  if (total <= limit) return joinList(parts.slice(0, limit))
  return `${parts.slice(0, limit).join(', ')} and ${total - limit} more`
}

/** A line of guidance ready to follow "for example:": trailing full stop removed. */
export function asSuggestion(line: string): string {
  return line.trim().replace(/\.+$/, '')
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const pad = (n: number, width: number) => String(n).padStart(width, '0')

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * The calendar date (UTC) `years` years before `now`, as YYYY-MM-DD; 29 February
 * falls back to 28 February in a year that has none. Null if `now` is not a date.
 */
export function isoYearsBefore(now: Date, years: number): string | null {
  if (Number.isNaN(now.getTime())) return null
  const year = now.getUTCFullYear() - years
  const month = now.getUTCMonth()
  const daysInMonth = month === 1 && isLeapYear(year) ? 29 : MONTH_DAYS[month]!
  const day = Math.min(now.getUTCDate(), daysInMonth)
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}`
}
