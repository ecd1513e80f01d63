/**
 * The fonts the summary PDF is typeset in: DejaVu, from the
 * `dejavu-fonts-ttf` package (TrueType files, found through Node's resolver,
 * so the same code works from the sources, the production build and a
 * worker thread), never the system's. Read once per process (or worker).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fontCoverage, type Coverage } from '~/submission/glyphs'

const FONT_FILES = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf',
  'DejaVuSansMono-Bold.ttf',
]

let fonts: { blobs: Buffer[]; coverage: Coverage } | null = null

export function pdfFonts(): { blobs: Buffer[]; coverage: Coverage } {
  if (!fonts) {
    const folder = path.join(
      path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
    )
    const blobs = FONT_FILES.map((file) => readFileSync(path.join(folder, file)))
    // The main font's characters: the body, headings and tables are set in DejaVu Sans.
    fonts = { blobs, coverage: fontCoverage(blobs[0]!) }
  }
  return fonts
}

/** The characters the PDF's main font draws: what `unsupportedCharacters` checks text against. */
export function pdfFontCoverage(): Coverage {
  return pdfFonts().coverage
}
