/**
 * Names for entries in a downloaded archive. Titles and file names were typed
 * by trainees (or by their computers), so each becomes one harmless path
 * component that unpacks the same on Windows, macOS and Linux: never a path
 * of its own, never a device name, never longer than the systems allow.
 */

/** Longest name kept for one path component, in characters (whole characters, emoji included). */
export const MAX_NAME_CHARS = 120

// Control characters, and bidirectional / invisible characters that can disguise a name (`evil\u202Efdp.exe`).
// Joiners (U+200C, U+200D) stay: emoji sequences and some scripts need them.
const INVISIBLE = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu
// Path separators and the characters Windows refuses in a name.
const RESERVED_CHARS = /[/\\:*?"<>|]/g
// CON, PRN, AUX, NUL, COM1–9, LPT1–9 name devices on Windows, with or without an extension.
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.|$)/i

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' })

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment)
}

/** At most `max` characters, keeping a short extension when the name is cut. */
function capLength(name: string, max: number): string {
  const chars = graphemes(name)
  if (chars.length <= max) return name
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? graphemes(name.slice(dot)) : []
  const keep = extension.length > 1 && extension.length <= 10 ? extension : []
  return (
    chars
      .slice(0, max - keep.length)
      .join('')
      .trimEnd() + keep.join('')
  ).trim()
}

/**
 * One safe path component from any text: separators and Windows-reserved
 * characters become "_", control and invisible characters go, runs of dots
 * become one, no leading dot or trailing dot or space, device names are
 * prefixed, and the result is capped at `maxLength` characters.
 */
export function safeName(
  raw: string,
  { maxLength = MAX_NAME_CHARS, fallback = 'unnamed' }: { maxLength?: number; fallback?: string } = {},
): string {
  let name = raw
    .normalize('NFC')
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .trim()
  name = name.replace(/^[.\s]+/, '')
  name = capLength(name, maxLength)
  name = name.replace(/[.\s]+$/, '')
  if (DEVICE_NAME.test(name)) name = `_${name}`
  return name || fallback
}

/**
 * `name`, or `name (2).ext`, `name (3).ext`… if an earlier entry in the same
 * folder already has it. Compared without regard to case, as Windows and
 * macOS do. Records the name it returns in `taken`.
 */
export function uniqueName(name: string, taken: Set<string>): string {
  const key = (n: string) => n.toLowerCase()
  let candidate = name
  if (taken.has(key(candidate))) {
    const dot = name.lastIndexOf('.')
    const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
    for (let n = 2; taken.has(key(candidate)); n++) candidate = `${base} (${n})${extension}`
  }
  taken.add(key(candidate))
  return candidate
}

/** A short ASCII form of a person's name for file names: "Zoë O'Brien" → "zoe-obrien". */
const LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' }

export function slugify(text: string, fallback = 'trainee'): string {
  const slug = text
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return slug || fallback
}

/** "portfolio-alex-morgan-submission-2": the stem of every file name a submission is downloaded as. */
export function submissionFileBase(traineeName: string, submissionNumber: number): string {
  return `portfolio-${slugify(traineeName)}-submission-${submissionNumber}`
}

/** "E3" as "E03" (or "E003" with a hundred items or more), so folders sort in item order. */
export function paddedRef(ref: string, itemCount: number): string {
  const digits = Math.max(2, String(itemCount).length)
  const match = /^E(\d+)$/.exec(ref)
  return match ? `E${match[1]!.padStart(digits, '0')}` : ref
}
