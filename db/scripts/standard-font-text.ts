/**
 * Text for PDFs drawn with pdf-lib's standard fonts (the demo's made-up
 * attachments): characters those fonts can draw, and line wrapping. Pure:
 * widths come from the `measure` function the caller passes in.
 */

/**
 * The characters of WinAnsiEncoding, the only ones the standard fonts
 * (Helvetica, Courier…) can draw: printable ASCII, Latin-1, and the
 * typographic extras Windows-1252 puts at 0x80–0x9F.
 */
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
const WIN_ANSI = new Set<number>([
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff).filter((c) => c !== 0xad),
  ...Array.from(WIN_ANSI_EXTRAS, (c) => c.codePointAt(0) ?? 0),
])

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** Readable stand-ins for characters outside WinAnsi that turn up in scientific writing. */
const REPLACEMENTS: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '≃': '~',
  '∼': '~',
  '≡': '==',
  '∞': 'infinity',
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '⇐': '<=',
  '⇔': '<=>',
  '↑': '^',
  '↓': 'v',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '⁄': '/',
  '∕': '/',
  '∗': '*',
  '∙': '·',
  '⋅': '·',
  '′': "'",
  '″': '"',
  '‴': "'''",
  '‛': "'",
  '‟': '"',
  '√': 'sqrt',
  '∑': 'sum',
  '∏': 'product',
  '∫': 'integral',
  '∂': 'd',
  '∆': 'Delta',
  '∇': 'nabla',
  '∈': 'in',
  '∉': 'not in',
  '∩': 'and',
  '∪': 'or',
  '∧': 'and',
  '∨': 'or',
  '✓': 'yes',
  '✔': 'yes',
  '☑': '[x]',
  '☐': '[ ]',
  '✗': 'x',
  '✘': 'x',
  '★': '*',
  '☆': '*',
  '▪': '•',
  '▫': '•',
  '◦': '•',
  '●': '•',
  '○': 'o',
  '■': '•',
  '□': '[ ]',
  '►': '>',
  '▶': '>',
  '◄': '<',
  '◀': '<',
  '℃': '°C',
  '℉': '°F',
  ℓ: 'l',
  '№': 'No.',
  '℗': '(P)',
  '⁰': '0',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁺': '+',
  '⁻': '-',
  '⁼': '=',
  '⁽': '(',
  '⁾': ')',
  ⁿ: 'n',
  '₀': '0',
  '₁': '1',
  '₂': '2',
  '₃': '3',
  '₄': '4',
  '₅': '5',
  '₆': '6',
  '₇': '7',
  '₈': '8',
  '₉': '9',
  '₊': '+',
  '₋': '-',
  '₌': '=',
  '₍': '(',
  '₎': ')',
  // Letters with no decomposition to a base letter.
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  ĸ: 'k',
  // Greek, named as a physicist would read it: capital omega (which the ohm sign normalises to) is almost
  // always ohms; mu becomes the micro sign, which WinAnsi has.
  μ: 'µ',
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  ν: 'nu',
  ξ: 'xi',
  ο: 'o',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
  Γ: 'Gamma',
  Δ: 'Delta',
  Θ: 'Theta',
  Λ: 'Lambda',
  Ξ: 'Xi',
  Π: 'Pi',
  Σ: 'Sigma',
  Φ: 'Phi',
  Ψ: 'Psi',
  Ω: 'Ohm',
}

/** Spaces of every width become a plain space; invisible formatting characters are dropped. */
const SPACE = /[\u2000-\u200a\u202f\u205f\u3000\u1680]/u
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\p{Cc}]/u

/** What is drawn for a character the fonts cannot draw and nothing stands in for. */
export const UNDRAWABLE = '?'

/**
 * The text with every character the standard fonts cannot draw replaced, so
 * drawing it never throws: known symbols by readable stand-ins (≥ → >=,
 * μ → µ), accented letters by their base letter, anything else (emoji,
 * CJK…) by "?". Tabs become spaces; newlines are kept.
 */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0
    if (WIN_ANSI.has(code)) out += char
    else if (char === '\n') out += '\n'
    else if (char === '\t') out += '    '
    else if (char === '\r') continue
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char]
    else if (SPACE.test(char)) out += ' '
    else if (INVISIBLE.test(char)) continue
    else out += decomposed(char)
  }
  return out
}

/** 'ā' → 'a', 'ﬁ' → 'fi': the compatibility decomposition without accents, when that is drawable. */
function decomposed(char: string): string {
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '')
  if (base && Array.from(base).every((c) => WIN_ANSI.has(c.codePointAt(0) ?? 0))) return base
  // Variation selectors and other combining marks on their own vanish rather than showing as "?".
  if (/^\p{M}+$/u.test(char)) return ''
  return UNDRAWABLE
}

export type MeasureText = (text: string) => number

/**
 * Breaks text into lines no wider than `maxWidth`: at spaces where it can,
 * inside a word only when the word alone is too wide. Each newline starts a
 * new line; a line's leading spaces are kept (and repeated on its
 * continuation lines, so indented text stays indented).
 */
export function wrapText(text: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = []
  for (const hardLine of text.split('\n')) {
    const indent = /^ */.exec(hardLine)?.[0] ?? ''
    const lead = measure(indent) < maxWidth / 2 ? indent : ''
    const words = hardLine.slice(indent.length).split(/ +/).filter(Boolean)
    if (words.length === 0) {
      lines.push('')
      continue
    }
    let line = lead
    let empty = true
    for (const word of words) {
      const candidate = empty ? line + word : `${line} ${word}`
      if (measure(candidate) <= maxWidth) {
        line = candidate
        empty = false
        continue
      }
      if (!empty) lines.push(line)
      line = lead
      empty = true
      // A word wider than a whole line is cut into pieces that fit.
      let rest = word
      for (;;) {
        const cut = fittingPrefix(rest, maxWidth - measure(lead), measure)
        if (cut >= rest.length) break
        lines.push(lead + rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = lead + rest
      empty = false
    }
    if (!empty) lines.push(line)
  }
  return lines
}

/**
 * How many leading characters of `word` fit in `width` (at least one, so
 * wrapping always moves on). Only prefixes about a line long are measured,
 * so cutting up a very long word costs time in proportion to its length.
 */
function fittingPrefix(word: string, width: number, measure: MeasureText): number {
  let fits = 0
  let tooMany = word.length + 1
  for (let step = 16; fits + 1 < tooMany; step *= 2) {
    const k = Math.min(word.length, fits + step)
    if (measure(word.slice(0, k)) <= width) {
      fits = k
      if (k === word.length) return k
    } else {
      tooMany = k
      break
    }
  }
  while (fits + 1 < tooMany) {
    const mid = Math.floor((fits + tooMany) / 2)
    if (measure(word.slice(0, mid)) <= width) fits = mid
    else tooMany = mid
  }
  return Math.max(1, fits)
}
