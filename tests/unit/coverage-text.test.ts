import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileTemplate, fillTemplate, joinFirst, renderTemplate } from '../../app/coverage/text'

describe('fillTemplate', () => {
  const template = compileTemplate(
    'The claim of {code} on #{evidenceId} “{title}” shows {code} ({words} words){missing}.',
  )

  it('puts in the values it has and keeps the other placeholders for later', () => {
    const filled = fillTemplate(template, { code: 'Sci1', words: 3 })
    expect(renderTemplate(filled, { evidenceId: 7, title: 'Linac QA' })).toBe(
      'The claim of Sci1 on #7 “Linac QA” shows Sci1 (3 words){missing}.',
    )
  })

  it('does not read a value as a template, nor take what Object.prototype lends', () => {
    const filled = fillTemplate(compileTemplate('{a} {toString} {b}'), { a: '{b}' })
    expect(renderTemplate(filled, { b: 'B' })).toBe('{b} {toString} B')
  })

  it('renders as the template would with the same values first', () => {
    const names = fc.constantFrom('code', 'title', 'words', 'toString', '')
    const values = fc.dictionary(names, fc.oneof(fc.string({ maxLength: 6 }), fc.integer()))
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 5 }),
            names.map((n) => `{${n}}`),
          ),
          { maxLength: 8 },
        ),
        values,
        values,
        values,
        (parts, first, more, most) => {
          const compiled = compileTemplate(parts.join(''))
          expect(renderTemplate(fillTemplate(compiled, first), more, most)).toBe(
            renderTemplate(compiled, first, more, most),
          )
        },
      ),
    )
  })
})

describe('joinFirst', () => {
  it('names every part up to the limit, then the first ones and how many more', () => {
    expect(joinFirst(['a'], 1, 3)).toBe('a')
    expect(joinFirst(['a', 'b', 'c'], 3, 3)).toBe('a, b and c')
    expect(joinFirst(['a', 'b', 'c'], 10, 3)).toBe('a, b, c and 7 more')
  })
})
