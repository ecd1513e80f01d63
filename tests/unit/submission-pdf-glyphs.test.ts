import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { codePointLabel, fontCoverage, textRuns, unsupportedCharacters, withMarkers } from '../../app/submission/glyphs'

const fontFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf/DejaVuSans.ttf',
)
const coverage = fontCoverage(readFileSync(fontFile))

const SCIENTIFIC =
  'Output 2×10⁹ Bq ± 3 % at 20 °C; dose ≤ 0.5 mSv; μ = 0.2 cm⁻¹; Δ = 1.5 mm; Llŷr, Łukasz, Nguyễn checked σ, β⁻, ⁹⁹ᵐTc, H₂O.'

describe('the PDF font’s coverage', () => {
  it('draws scientific writing: super/subscripts, Greek, math symbols, arrows, Welsh, Polish, Czech and Vietnamese letters', () => {
    const text = `${SCIENTIFIC} → ⇒ ↔ ∑ √ ∞ ∫ ∂ ∇ ≈ ≠ ≥ ‰ Ω Å ř ů ě ŵ ŷ ą ę ż ć ń ő ű ơ ư ạ ả ố ⁺ ₊ ½ ✓`
    expect(unsupportedCharacters(text, coverage)).toEqual([])
  })

  it('reports each character it cannot draw once, in order, and ignores line ends and joiners', () => {
    expect(unsupportedCharacters('李 checked 李 and 日本\n\t\u200d', coverage)).toEqual(['李', '日', '本'])
  })
})

describe('text runs and markers', () => {
  it('cuts text into drawable runs and single missing characters', () => {
    expect(textRuns('a 李 b', coverage)).toEqual([{ text: 'a ' }, { missing: '李' }, { text: ' b' }])
    expect(textRuns('', coverage)).toEqual([])
  })

  it('names a character by its code point', () => {
    expect(codePointLabel('李')).toBe('U+674E')
    expect(codePointLabel('\u{1F389}')).toBe('U+1F389')
    expect(withMarkers('x = 李', coverage)).toBe('x = [U+674E]')
  })
})
