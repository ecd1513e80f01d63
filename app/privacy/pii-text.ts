import type { PiiConfidence, PiiFinding, PiiKind } from '~/privacy/pii-types'

/** What a detector knows about one finding; makeFinding turns it into a PiiFinding. */
export interface Candidate {
  kind: PiiKind
  start: number
  end: number
  confidence: PiiConfidence
  reason: string
  /** What the fingerprint is made of: the finding's text in a canonical form (digits only, upper case…). */
  normalised: string
}

export function makeFinding(text: string, { kind, start, end, confidence, reason, normalised }: Candidate): PiiFinding {
  return { kind, start, end, text: text.slice(start, end), reason, confidence, fingerprint: `${kind}:${normalised}` }
}

/** Wraps a context word in curly quotes for a reason: “patient”. */
export function quote(word: string): string {
  return `\u201c${word.replace(/\s+/g, ' ')}\u201d`
}

/** The digits of a string, nothing else. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '')
}

const WORD_CHAR = /[\p{L}\p{N}]/u

/** A context word found near a candidate: its text and where it is in the scanned text. */
export interface ContextMatch {
  text: string
  start: number
  end: number
}

/**
 * The last match of `pattern` (a global regex) inside the `size` characters
 * before `pos`, or null. A word cut in half at the edge of the window is
 * ignored, so "outpatient" never counts as "patient".
 */
export function contextBefore(text: string, pos: number, size: number, pattern: RegExp): ContextMatch | null {
  let from = Math.max(0, pos - size)
  while (from > 0 && from < pos && isWordChar(text[from - 1]) && isWordChar(text[from])) from++
  let last: ContextMatch | null = null
  for (const { match, index } of matchesOf(text.slice(from, pos), pattern)) {
    last = { text: match[0], start: from + index, end: from + index + match[0].length }
  }
  return last
}

/** Like contextBefore, for the `size` characters after `pos`; the first match counts. */
export function contextAfter(text: string, pos: number, size: number, pattern: RegExp): ContextMatch | null {
  let to = Math.min(text.length, pos + size)
  while (to < text.length && to > pos && isWordChar(text[to - 1]) && isWordChar(text[to])) to--
  for (const { match, index } of matchesOf(text.slice(pos, to), pattern)) {
    return { text: match[0], start: pos + index, end: pos + index + match[0].length }
  }
  return null
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c)
}

/** Every match of a global regex, from the start of the text (the regex itself is not touched). */
export function* matchesOf(text: string, pattern: RegExp): Generator<{ match: RegExpMatchArray; index: number }> {
  for (const match of text.matchAll(pattern)) yield { match, index: match.index ?? 0 }
}

/**
 * A regex source matching `word` in any letter case without the `i` flag
 * (which would also make \p{Lu} match lower-case letters): 'pt' → '[Pp][Tt]'.
 */
export function anyCase(word: string): string {
  return [...word]
    .map((c) =>
      c.toLowerCase() !== c.toUpperCase()
        ? `[${c.toUpperCase()}${c.toLowerCase()}]`
        : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
}

/**
 * A regex source for a list of phrases, longest first; the space between two
 * words matches `between` (by default any run of spaces or tabs).
 */
export function phrases(list: readonly string[], between = '[ \\t]+'): string {
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, between))
    .join('|')
}
