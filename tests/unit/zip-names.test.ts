import { describe, expect, it } from 'vitest'
import { paddedRef, safeName, slugify, uniqueName } from '../../app/submission/zip-names'

describe('safeName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeName('Linac output audit.pdf')).toBe('Linac output audit.pdf')
    expect(safeName('Relatório de dosimetria (v2).docx')).toBe('Relatório de dosimetria (v2).docx')
  })

  it('never leaves a path separator or a parent-folder step', () => {
    for (const hostile of [
      '../../etc/passwd',
      '..\\..\\windows\\system32',
      'a/b',
      '/absolute',
      '..',
      '.',
      '....//....//x',
    ]) {
      const name = safeName(hostile)
      expect(name).not.toMatch(/[/\\]/)
      expect(name).not.toContain('..')
      expect(name).not.toMatch(/^\./)
      expect(name.length).toBeGreaterThan(0)
    }
    expect(safeName('a/b')).toBe('a_b')
    expect(safeName('../../etc/passwd')).toBe('_._etc_passwd')
    expect(safeName('..')).toBe('unnamed')
  })

  it('replaces the characters Windows refuses', () => {
    expect(safeName('what? <draft>: "final" | a*b.txt')).toBe('what_ _draft__ _final_ _ a_b.txt')
  })

  it('prefixes Windows device names, with or without an extension, in any case', () => {
    expect(safeName('CON')).toBe('_CON')
    expect(safeName('con.txt')).toBe('_con.txt')
    expect(safeName('LPT1')).toBe('_LPT1')
    expect(safeName('nul.tar.gz')).toBe('_nul.tar.gz')
    expect(safeName('CONSENT.pdf')).toBe('CONSENT.pdf')
    expect(safeName('COM10')).toBe('COM10')
  })

  it('removes control and invisible characters, and the dots and spaces Windows drops at the end', () => {
    expect(safeName('report\u0000\u0007.pdf')).toBe('report.pdf')
    expect(safeName('evil\u202Efdp.exe')).toBe('evilfdp.exe')
    expect(safeName('tab\tand\nnewline')).toBe('tab and newline')
    expect(safeName('trailing. . ')).toBe('trailing')
    expect(safeName('\u200B')).toBe('unnamed')
    expect(safeName('', { fallback: 'file' })).toBe('file')
  })

  it('caps the length in whole characters, keeping the extension and never splitting an emoji', () => {
    const long = `${'x'.repeat(300)}.pdf`
    const capped = safeName(long, { maxLength: 80 })
    expect(Array.from(capped)).toHaveLength(80)
    expect(capped.endsWith('.pdf')).toBe(true)

    const family = '👨‍👩‍👧‍👦'
    const emoji = safeName(`${family.repeat(10)}.png`, { maxLength: 6 })
    expect(emoji).toBe(`${family}${family}.png`)
    expect(safeName('🚀 launch plan 🚀.docx')).toBe('🚀 launch plan 🚀.docx')
  })
})

describe('uniqueName', () => {
  it('numbers later duplicates in the same folder, ignoring case, before the extension', () => {
    const taken = new Set<string>()
    expect(uniqueName('report.pdf', taken)).toBe('report.pdf')
    expect(uniqueName('report.pdf', taken)).toBe('report (2).pdf')
    expect(uniqueName('REPORT.pdf', taken)).toBe('REPORT (3).pdf')
    expect(uniqueName('notes', taken)).toBe('notes')
    expect(uniqueName('notes', taken)).toBe('notes (2)')
    expect(uniqueName('report (2).pdf', taken)).toBe('report (2) (2).pdf')
  })
})

describe('slugify', () => {
  it('makes a short ASCII name for files', () => {
    expect(slugify('Alex Morgan')).toBe('alex-morgan')
    expect(slugify("Zoë O'Brien-Søndergaard")).toBe('zoe-obrien-sondergaard')
    expect(slugify('../../etc')).toBe('etc')
    expect(slugify('王小明')).toBe('trainee')
    expect(slugify('a'.repeat(60)).length).toBe(40)
  })
})

describe('paddedRef', () => {
  it('pads item references so folders sort in item order', () => {
    expect(paddedRef('E3', 40)).toBe('E03')
    expect(paddedRef('E12', 40)).toBe('E12')
    expect(paddedRef('E7', 120)).toBe('E007')
    expect(paddedRef('E3', 5)).toBe('E03')
  })
})
