/**
 * Which characters the summary PDF's fonts can draw. Pure: the set of code
 * points the fonts cover is passed in (`fonts.server.ts` reads it from the
 * font files), so the same check runs wherever the text is, and the PDF and
 * the warning on /submission always agree.
 */

/** A set of code points, as the fonts' character maps give them. */
export type Coverage = ReadonlySet<number>

/**
 * Characters that draw nothing and need no glyph: line ends, tabs, joiners,
 * variation selectors and other format characters. They are never reported.
 */
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u

function drawable(char: string, coverage: Coverage): boolean {
  return INVISIBLE.test(char) || coverage.has(char.codePointAt(0) ?? 0)
}

/**
 * The distinct characters of `text` the fonts cannot draw, in order of first
 * appearance (each an emoji, a CJK ideograph…). The PDF shows each as a
 * visible marker naming its code point.
 */
export function unsupportedCharacters(text: string, coverage: Coverage): string[] {
  const found = new Set<string>()
  for (const char of text) if (!drawable(char, coverage)) found.add(char)
  return [...found]
}

/** "U+1F600": how the PDF names a character it cannot draw. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Text cut into runs the fonts can draw and single characters they cannot, in order. */
export type Run = { text: string } | { missing: string }

export function textRuns(text: string, coverage: Coverage): Run[] {
  const runs: Run[] = []
  let plain = ''
  for (const char of text) {
    if (drawable(char, coverage)) {
      plain += char
      continue
    }
    if (plain) runs.push({ text: plain })
    plain = ''
    runs.push({ missing: char })
  }
  if (plain) runs.push({ text: plain })
  return runs
}

/** The text with every character the fonts cannot draw written as "[U+1F600]" (for code, which is printed verbatim). */
export function withMarkers(text: string, coverage: Coverage): string {
  let out = ''
  for (const char of text) out += drawable(char, coverage) ? char : `[${codePointLabel(char)}]`
  return out
}

/**
 * The code points a TrueType/OpenType font maps to glyphs, read from its
 * `cmap` table (formats 4 and 12, the Unicode subtables).
 */
export function fontCoverage(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength)
  const tables = view.getUint16(4)
  let cmap = -1
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16
    if (String.fromCharCode(font[record]!, font[record + 1]!, font[record + 2]!, font[record + 3]!) === 'cmap')
      cmap = view.getUint32(record + 8)
  }
  if (cmap < 0) throw new Error('The font has no cmap table')
  const covered = new Set<number>()
  const subtables = view.getUint16(cmap + 2)
  for (let i = 0; i < subtables; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8)
    const encoding = view.getUint16(cmap + 6 + i * 8)
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue
    const at = cmap + view.getUint32(cmap + 8 + i * 8)
    const format = view.getUint16(at)
    if (format === 4) readFormat4(view, at, covered)
    else if (format === 12) readFormat12(view, at, covered)
  }
  return covered
}

function readFormat4(view: DataView, at: number, covered: Set<number>): void {
  const segments = view.getUint16(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const offsets = deltas + segments * 2
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2)
    const start = view.getUint16(starts + s * 2)
    const delta = view.getInt16(deltas + s * 2)
    const offsetAt = offsets + s * 2
    const offset = view.getUint16(offsetAt)
    for (let c = start; c <= end && c !== 0xffff; c++) {
      const glyph = offset === 0 ? (c + delta) & 0xffff : glyphAt(view, offsetAt + offset + (c - start) * 2, delta)
      if (glyph !== 0) covered.add(c)
    }
  }
}

function glyphAt(view: DataView, at: number, delta: number): number {
  const raw = view.getUint16(at)
  return raw === 0 ? 0 : (raw + delta) & 0xffff
}

function readFormat12(view: DataView, at: number, covered: Set<number>): void {
  const groups = view.getUint32(at + 12)
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12
    const start = view.getUint32(group)
    const end = view.getUint32(group + 4)
    const glyph = view.getUint32(group + 8)
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) covered.add(c)
  }
}

/** A piece of the portfolio's text and where the trainee edits it. */
export interface TextPart {
  where: string
  /** The page to fix it on. */
  to: string
  text: string
}

/** For each place whose text holds characters the PDF cannot draw: those characters. Places with none are left out; places with the same `where` are merged. */
export function unsupportedByPlace(
  parts: readonly TextPart[],
  coverage: Coverage,
): { where: string; to: string; characters: string[] }[] {
  const byPlace = new Map<string, { where: string; to: string; characters: string[] }>()
  for (const part of parts) {
    const found = unsupportedCharacters(part.text, coverage)
    if (found.length === 0) continue
    const place = byPlace.get(part.where) ?? { where: part.where, to: part.to, characters: [] }
    for (const char of found) if (!place.characters.includes(char)) place.characters.push(char)
    byPlace.set(part.where, place)
  }
  return [...byPlace.values()]
}
