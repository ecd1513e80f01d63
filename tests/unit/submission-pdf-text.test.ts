import fc from 'fast-check'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { pageCountSentence, summaryPdfFilename } from '../../app/submission/pdf-text'
import { toWinAnsi, wrapText } from '../../db/scripts/standard-font-text'

/** One unit of width per character. */
const chars = (s: string) => s.length

describe('toWinAnsi', () => {
  it('keeps what the standard fonts can draw', () => {
    const text = 'Café – “quoted” ‘single’ … €5 ±2 °C µSv ½ × ÷ • ™ Œuvre naïve Zoë £3 · §4'
    expect(toWinAnsi(text)).toBe(text)
  })

  it('replaces symbols with readable stand-ins', () => {
    expect(toWinAnsi('dose ≥ 2 Gy → pass; ≤ 5 ≠ 6')).toBe('dose >= 2 Gy -> pass; <= 5 != 6')
    expect(toWinAnsi('10 μSv, γ-ray, β, 5 kΩ, H₂O, x⁻¹, 3 m²')).toBe('10 µSv, gamma-ray, beta, 5 kOhm, H2O, x-¹, 3 m²')
    expect(toWinAnsi('✓ done − minus')).toBe('yes done - minus')
  })

  it('drops accents it cannot draw and ligatures become letters', () => {
    expect(toWinAnsi('Łódź ā ő ﬁle Ştefan')).toBe('Lódz a o file Stefan')
  })

  it('marks emoji and CJK as undrawable, drops invisible characters, keeps newlines', () => {
    expect(toWinAnsi('ok 🎉 李 done')).toBe('ok ? ? done')
    expect(toWinAnsi('a\u200bb\u202ec\u00add')).toBe('abcd')
    expect(toWinAnsi('a\tb\r\nc\u2003d')).toBe('a    b\nc d')
    expect(toWinAnsi('👍🏽')).toBe('??')
  })

  describe('whatever the text, the standard fonts draw the result', () => {
    const fonts: { name: string; encode: (s: string) => unknown }[] = []
    beforeAll(async () => {
      const doc = await PDFDocument.create()
      for (const name of [
        StandardFonts.Helvetica,
        StandardFonts.HelveticaBold,
        StandardFonts.HelveticaOblique,
        StandardFonts.Courier,
      ]) {
        const font = await doc.embedFont(name)
        fonts.push({ name, encode: (s) => font.encodeText(s) })
      }
    })

    it('for every character WinAnsi has', () => {
      const all = toWinAnsi(Array.from({ length: 0x2200 }, (_, i) => String.fromCodePoint(i + 0x20)).join(''))
      for (const font of fonts) expect(() => font.encode(all.replace(/\n/g, ''))).not.toThrow()
    })

    it('for any Unicode string', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
          const safe = toWinAnsi(text).replace(/\n/g, '')
          for (const font of fonts) font.encode(safe)
        }),
        { seed: 20260304, numRuns: 300 },
      )
    })
  })
})

describe('wrapText', () => {
  it('breaks at spaces so no line is wider than asked', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 12, chars)
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy dog'])
    expect(lines.every((l) => l.length <= 12)).toBe(true)
  })

  it('cuts a word longer than a line into pieces', () => {
    expect(wrapText('a 0123456789abcdef z', 6, chars)).toEqual(['a', '012345', '6789ab', 'cdef z'])
  })

  it('cuts up a very long word in time proportional to its length', () => {
    let measured = 0
    const counting = (s: string) => {
      measured += s.length
      return s.length
    }
    const lines = wrapText('x'.repeat(1_000_000), 100, counting)
    expect(lines).toHaveLength(10_000)
    expect(lines.every((l) => l.length === 100)).toBe(true)
    expect(measured).toBeLessThan(50_000_000)
  })

  it('starts a new line at each newline and keeps empty lines', () => {
    expect(wrapText('one\n\ntwo', 20, chars)).toEqual(['one', '', 'two'])
  })

  it('keeps leading spaces, on continuation lines too', () => {
    expect(wrapText('    indented words here', 14, chars)).toEqual(['    indented', '    words here'])
  })

  it('never loses or reorders words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 40 }),
        fc.integer({ min: 8, max: 50 }),
        (words, width) => {
          const lines = wrapText(words.join(' '), width, chars)
          expect(lines.join(' ').split(/ +/).filter(Boolean)).toEqual(words)
          expect(lines.every((l) => l.length <= width)).toBe(true)
        },
      ),
      { seed: 7, numRuns: 200 },
    )
  })
})

describe('pageCountSentence', () => {
  it('says where the count stands against the target and the limit', () => {
    expect(pageCountSentence(118, 120, 160)).toBe('118 pages: within the 120-page target (limit 160)')
    expect(pageCountSentence(120, 120, 160)).toBe('120 pages: within the 120-page target (limit 160)')
    expect(pageCountSentence(142, 120, 160)).toBe('142 pages: over the 120-page target, within the 160-page limit')
    expect(pageCountSentence(161, 120, 160)).toBe('161 pages: OVER the 160-page limit (target 120)')
    expect(pageCountSentence(1, 120, 160)).toBe('1 page: within the 120-page target (limit 160)')
  })
})

describe('summaryPdfFilename', () => {
  it('is a lower-case ASCII slug of the trainee’s name and the submission number', () => {
    expect(summaryPdfFilename('Alex Morgan', 1)).toBe('portfolio-alex-morgan-submission-1.pdf')
    expect(summaryPdfFilename("Zoë O'Brien-Smith", 2)).toBe('portfolio-zoe-obrien-smith-submission-2.pdf')
    expect(summaryPdfFilename('李雷 "x"; ../', 3)).toBe('portfolio-x-submission-3.pdf')
    expect(summaryPdfFilename('李雷', 3)).toBe('portfolio-trainee-submission-3.pdf')
  })
})
