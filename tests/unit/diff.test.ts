import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RevisionDiff } from '../../app/components/revision-diff'
import { activityText, diffRevisions, diffWords, tokenize, type DiffPart } from '../../app/review/diff'
import type { RevisionSnapshot } from '../../db/schema'

const beforeText = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.type !== 'added')
    .map((p) => p.text)
    .join('')
const afterText = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.type !== 'removed')
    .map((p) => p.text)
    .join('')

function expectFaithful(before: string, after: string, parts = diffWords(before, after)) {
  expect(beforeText(parts)).toBe(before)
  expect(afterText(parts)).toBe(after)
  for (const part of parts) expect(part.text).not.toBe('')
  for (let i = 1; i < parts.length; i++) expect(parts[i]!.type).not.toBe(parts[i - 1]!.type)
  return parts
}

/** Deterministic pseudo-random numbers, so failures can be reproduced. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

function prose(length: number, vocabulary: string[], rnd: () => number) {
  let text = ''
  while (text.length < length) text += vocabulary[Math.floor(rnd() * vocabulary.length)]! + (rnd() < 0.08 ? '\n' : ' ')
  return text.slice(0, length)
}

const VOCABULARY =
  'the linac output was checked against the reference chamber and found within tolerance of two percent for each energy while beam flatness symmetry and dose rate were recorded'.split(
    ' ',
  )

describe('tokenize', () => {
  it('keeps each word with the whitespace after it, and leading whitespace on its own', () => {
    expect(tokenize('  one two\n\nthree ')).toEqual(['  ', 'one ', 'two\n\n', 'three '])
    expect(tokenize('')).toEqual([])
    expect(tokenize('   ')).toEqual(['   '])
  })
})

describe('diffWords', () => {
  it('gives both texts back exactly, whitespace, newlines and all', () => {
    const cases: [string, string][] = [
      ['  leading and trailing  ', 'leading and trailing'],
      ['line one\nline two\n\n', 'line one\r\nline two\n'],
      ['tab\tseparated words', 'tab separated\twords'],
      ['Ünïcödé façade — naïve café 😀 emoji', 'Ünïcödé façade – naive café 😀😀 emoji'],
      ['日本語 の テキスト', '日本語 テキスト です'],
      ['\u00a0non-breaking\u00a0space', 'non-breaking space'],
      ['same', 'same'],
      ['', 'only after'],
      ['only before', ''],
    ]
    for (const [before, after] of cases) expectFaithful(before, after)
  })

  it('finds a longest common run of words (checked against brute force on random texts)', () => {
    const rnd = random(1)
    const lcs = (a: string[], b: string[]) => {
      const row = new Array<number>(b.length + 1).fill(0)
      for (let i = 1; i <= a.length; i++) {
        let diagonal = 0
        for (let j = 1; j <= b.length; j++) {
          const above = row[j]!
          row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!)
          diagonal = above
        }
      }
      return row[b.length]!
    }
    for (let t = 0; t < 1000; t++) {
      const words = () => Array.from({ length: Math.floor(rnd() * 25) }, () => 'abcd'[Math.floor(rnd() * 4)]!)
      const a = words()
      const b = words()
      const before = a.map((w) => `${w} `).join('')
      const after = b.map((w) => `${w} `).join('')
      const parts = expectFaithful(before, after, diffWords(before, after, { semanticCleanup: false }))
      expectFaithful(before, after)
      const kept = parts.filter((p) => p.type === 'same').reduce((n, p) => n + p.text.replace(/\s/g, '').length, 0)
      expect(kept).toBe(lcs(a, b))
    }
  })

  it('marks a one-word change', () => {
    expect(diffWords('The output was within tolerance.', 'The output was outside tolerance.')).toEqual([
      { type: 'same', text: 'The output was ' },
      { type: 'removed', text: 'within' },
      { type: 'added', text: 'outside' },
      { type: 'same', text: ' tolerance.' },
    ])
  })

  it('marks insertions at the start and at the end', () => {
    expect(diffWords('checked the linac', 'Today I checked the linac')).toEqual([
      { type: 'added', text: 'Today I ' },
      { type: 'same', text: 'checked the linac' },
    ])
    expect(diffWords('checked the linac', 'checked the linac twice')).toEqual([
      { type: 'same', text: 'checked the linac' },
      { type: 'added', text: ' twice' },
    ])
  })

  it('marks a deletion', () => {
    expect(diffWords('I carefully checked the linac', 'I checked the linac')).toEqual([
      { type: 'same', text: 'I ' },
      { type: 'removed', text: 'carefully ' },
      { type: 'same', text: 'checked the linac' },
    ])
  })

  it('handles empty texts', () => {
    expect(diffWords('', '')).toEqual([])
    expect(diffWords('', 'new text')).toEqual([{ type: 'added', text: 'new text' }])
    expect(diffWords('old text', '')).toEqual([{ type: 'removed', text: 'old text' }])
    expect(diffWords('same text', 'same text')).toEqual([{ type: 'same', text: 'same text' }])
  })

  it('merges neighbouring parts of one type and puts removed before added', () => {
    const parts = diffWords('a b c d e f', 'a x y z e f')
    expect(parts).toEqual([
      { type: 'same', text: 'a ' },
      { type: 'removed', text: 'b c d' },
      { type: 'added', text: 'x y z' },
      { type: 'same', text: ' e f' },
    ])
  })

  it('reads a short unchanged word between two changes as part of one change', () => {
    expect(diffWords('we checked the output', 'they measured the dose')).toEqual([
      { type: 'removed', text: 'we checked the output' },
      { type: 'added', text: 'they measured the dose' },
    ])
    expect(diffWords('we checked the output', 'they measured the dose', { semanticCleanup: false })).toEqual([
      { type: 'removed', text: 'we checked' },
      { type: 'added', text: 'they measured' },
      { type: 'same', text: ' the ' },
      { type: 'removed', text: 'output' },
      { type: 'added', text: 'dose' },
    ])
    // A longer unchanged run stays.
    expect(
      diffWords('we checked the output of linac three today', 'they checked the output of linac three again'),
    ).toEqual([
      { type: 'removed', text: 'we' },
      { type: 'added', text: 'they' },
      { type: 'same', text: ' checked the output of linac three ' },
      { type: 'removed', text: 'today' },
      { type: 'added', text: 'again' },
    ])
  })

  it('matches the last word of a text although no space follows it', () => {
    expect(diffWords('1 March 2024', '1 March 2024 – 5 March 2024')).toEqual([
      { type: 'same', text: '1 March 2024' },
      { type: 'added', text: ' – 5 March 2024' },
    ])
    expect(diffWords('ends here. Then more', 'ends here.')).toEqual([
      { type: 'same', text: 'ends here.' },
      { type: 'removed', text: ' Then more' },
    ])
  })

  it('never splits a word when only its spacing changed', () => {
    expect(diffWords('one two', 'one  two')).toEqual([
      { type: 'same', text: 'one ' },
      { type: 'added', text: ' ' },
      { type: 'same', text: 'two' },
    ])
    expect(diffWords('calibrate', 'calibrated')).toEqual([
      { type: 'removed', text: 'calibrate' },
      { type: 'added', text: 'calibrated' },
    ])
    expect(diffWords('end of paragraph\n\nNext', 'end of paragraph\nNext')).toEqual([
      { type: 'same', text: 'end of paragraph\n' },
      { type: 'removed', text: '\n' },
      { type: 'same', text: 'Next' },
    ])
  })

  it('compares two 50,000-character texts that differ in a few places quickly', () => {
    const before = prose(50_000, VOCABULARY, random(7))
    const after =
      before.slice(0, 5_000) +
      'an inserted sentence here. ' +
      before.slice(5_000, 20_000) +
      before.slice(20_050, 44_000) +
      ' REPLACED ' +
      before.slice(44_020)
    const started = performance.now()
    const parts = diffWords(before, after)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(200)
    expectFaithful(before, after, parts)
    const changed = parts.filter((p) => p.type !== 'same').reduce((n, p) => n + p.text.length, 0)
    expect(changed).toBeLessThan(300)
  })

  it('compares long texts with hundreds of scattered edits quickly and precisely', () => {
    const rnd = random(11)
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`)
    const words = Array.from({ length: 8000 }, () =>
      rnd() < 0.4 ? VOCABULARY[Math.floor(rnd() * 8)]! : vocabulary[Math.floor(rnd() * 3000)]!,
    )
    const edited = words.map((w, i) => (i % 16 === 3 ? `new${i}` : w))
    const before = words.join(' ')
    const after = edited.join(' ')
    const started = performance.now()
    const parts = diffWords(before, after)
    expect(performance.now() - started).toBeLessThan(200)
    expectFaithful(before, after, parts)
    const added = parts.filter((p) => p.type === 'added').flatMap((p) => tokenize(p.text.trim()))
    expect(added.filter((w) => /^new\d+$/.test(w))).toHaveLength(500)
    expect(added.length).toBeLessThan(1000) // a precise diff, not the whole text removed and added
  })

  it('falls back to removing all and adding all for long texts with no words in common', () => {
    const before = prose(50_000, VOCABULARY, random(3))
    const after = prose(
      50_000,
      VOCABULARY.map((w) => w.toUpperCase()),
      random(4),
    )
    const started = performance.now()
    const parts = diffWords(before, after)
    expect(performance.now() - started).toBeLessThan(200)
    expect(parts).toEqual([
      { type: 'removed', text: before },
      { type: 'added', text: after },
    ])
  })

  it('bounds the work for long texts with almost nothing in common', () => {
    const rnd = random(5)
    const many = (suffix: string) => Array.from({ length: 400 }, (_, i) => `${i.toString(36)}${suffix}`)
    const before = prose(50_000, [...many('x'), 'the'], rnd)
    const after = prose(50_000, [...many('y'), 'the'], rnd)
    const started = performance.now()
    const parts = diffWords(before, after)
    expect(performance.now() - started).toBeLessThan(200)
    expectFaithful(before, after, parts)
  })

  it('gives a coarse but exact diff when the work limit is reached', () => {
    const before = prose(5_000, VOCABULARY, random(8))
    const after = prose(5_000, VOCABULARY, random(9))
    const coarse = expectFaithful(before, after, diffWords(before, after, { maxWork: 0 }))
    expect(coarse.length).toBeLessThanOrEqual(4)
    const fine = expectFaithful(before, after, diffWords(before, after))
    expect(fine.length).toBeGreaterThan(coarse.length)
  })
})

const base: RevisionSnapshot = {
  title: 'Annual QA of linac 3',
  activityStart: '2024-03-01',
  activityEnd: null,
  evidenceType: 'calibration-report',
  role: 'led',
  description: 'Checked **output** and energy.\n\nAll within tolerance.',
  reflection: 'I learned to plan the session.',
  claims: [
    { areaCode: '1.2', statement: 'I performed the measurements.', competencies: ['a', 'b'] },
    { areaCode: '3.1', statement: 'I wrote the report.', competencies: [] },
  ],
  attachments: [
    { sha256: 'aa'.repeat(32), originalName: 'report.pdf' },
    { sha256: 'bb'.repeat(32), originalName: 'photo.jpg' },
  ],
}

const field = (diff: ReturnType<typeof diffRevisions>, name: string) => diff.fields.find((f) => f.field === name)!

describe('diffRevisions', () => {
  it('reports nothing for identical snapshots', () => {
    const diff = diffRevisions(base, structuredClone(base))
    expect(diff.changed).toBe(false)
    expect(diff.fields.map((f) => f.field)).toEqual([
      'title',
      'activity',
      'evidenceType',
      'role',
      'description',
      'reflection',
    ])
    expect(diff.fields.every((f) => !f.changed)).toBe(true)
    expect(diff.claims).toEqual({ added: [], removed: [], changed: [], unchanged: ['1.2', '3.1'] })
    expect(diff.attachments).toEqual({ added: [], removed: [] })
  })

  it('ignores the order of claims and attachments', () => {
    const diff = diffRevisions(base, {
      ...base,
      claims: [...base.claims].reverse(),
      attachments: [...base.attachments].reverse(),
    })
    expect(diff.changed).toBe(false)
  })

  it('diffs the title', () => {
    const diff = diffRevisions(base, { ...base, title: 'Annual QA of linac 4' })
    expect(diff.changed).toBe(true)
    const title = field(diff, 'title')
    expect(title).toMatchObject({ label: 'Title', changed: true })
    expect(title.parts).toEqual([
      { type: 'same', text: 'Annual QA of linac ' },
      { type: 'removed', text: '3' },
      { type: 'added', text: '4' },
    ])
    expect(diff.fields.filter((f) => f.changed)).toHaveLength(1)
  })

  it('diffs the activity dates as "start – end"', () => {
    expect(activityText({ activityStart: '2024-03-01', activityEnd: null })).toBe('1 March 2024')
    expect(activityText({ activityStart: '2024-03-01', activityEnd: '2024-03-05' })).toBe('1 March 2024 – 5 March 2024')
    const diff = diffRevisions(base, { ...base, activityEnd: '2024-03-05' })
    const activity = field(diff, 'activity')
    expect(activity.changed).toBe(true)
    expect(activity.parts).toEqual([
      { type: 'same', text: '1 March 2024' },
      { type: 'added', text: ' – 5 March 2024' },
    ])
    const moved = field(diffRevisions(base, { ...base, activityStart: '2024-03-02' }), 'activity')
    expect(moved.parts).toEqual([
      { type: 'removed', text: '1' },
      { type: 'added', text: '2' },
      { type: 'same', text: ' March 2024' },
    ])
  })

  it('shows the evidence type by its label', () => {
    const type = field(diffRevisions(base, { ...base, evidenceType: 'audit' }), 'evidenceType')
    expect(type.changed).toBe(true)
    expect(afterText(type.parts)).toBe('Audit')
    expect(type.parts.some((p) => p.text.includes('calibration-report'))).toBe(false)
    expect(type.parts.some((p) => p.text.includes('audit'))).toBe(false)
  })

  it('shows the role in words', () => {
    const role = field(diffRevisions(base, { ...base, role: 'observed' }), 'role')
    expect(role).toMatchObject({ label: 'Role', changed: true })
    expect(role.parts).toEqual([
      { type: 'removed', text: 'Led' },
      { type: 'added', text: 'Observed' },
    ])
  })

  it('diffs the description and reflection as Markdown source', () => {
    const diff = diffRevisions(base, {
      ...base,
      description: 'Checked **output**, energy and flatness.\n\nAll within tolerance.',
      reflection: 'I learned to plan the session. Next time I will book more time.',
    })
    const description = field(diff, 'description')
    expect(description.changed).toBe(true)
    expect(description.parts).toEqual([
      { type: 'same', text: 'Checked ' },
      { type: 'removed', text: '**output** and energy.' },
      { type: 'added', text: '**output**, energy and flatness.' },
      { type: 'same', text: '\n\nAll within tolerance.' },
    ])
    expect(field(diff, 'reflection').parts).toEqual([
      { type: 'same', text: 'I learned to plan the session.' },
      { type: 'added', text: ' Next time I will book more time.' },
    ])
    expect(field(diff, 'title').changed).toBe(false)
  })

  it('lists claims added, removed and changed, matched by area', () => {
    const diff = diffRevisions(base, {
      ...base,
      claims: [
        { areaCode: '4.10', statement: 'I trained two colleagues.', competencies: ['x'] },
        { areaCode: '1.2', statement: 'I performed all the measurements.', competencies: ['b', 'c'] },
        { areaCode: '4.2', statement: 'I kept the records.', competencies: [] },
      ],
    })
    expect(diff.changed).toBe(true)
    expect(diff.claims.added).toEqual([
      { areaCode: '4.2', statement: 'I kept the records.' },
      { areaCode: '4.10', statement: 'I trained two colleagues.' },
    ])
    expect(diff.claims.removed).toEqual([{ areaCode: '3.1', statement: 'I wrote the report.' }])
    expect(diff.claims.changed).toEqual([
      {
        areaCode: '1.2',
        statementParts: [
          { type: 'same', text: 'I performed ' },
          { type: 'added', text: 'all ' },
          { type: 'same', text: 'the measurements.' },
        ],
        competenciesAdded: ['c'],
        competenciesRemoved: ['a'],
      },
    ])
    expect(diff.claims.unchanged).toEqual([])
  })

  it('counts a claim whose competencies alone changed as changed', () => {
    const diff = diffRevisions(base, {
      ...base,
      claims: [{ ...base.claims[0]!, competencies: ['b', 'a', 'd'] }, base.claims[1]!],
    })
    expect(diff.changed).toBe(true)
    expect(diff.claims.changed).toEqual([
      {
        areaCode: '1.2',
        statementParts: [{ type: 'same', text: 'I performed the measurements.' }],
        competenciesAdded: ['d'],
        competenciesRemoved: [],
      },
    ])
    expect(diff.claims.unchanged).toEqual(['3.1'])
  })

  it('matches attachments by content, not name', () => {
    const renamed = diffRevisions(base, {
      ...base,
      attachments: [{ sha256: 'aa'.repeat(32), originalName: 'QA report final.pdf' }, base.attachments[1]!],
    })
    expect(renamed.changed).toBe(false)
    expect(renamed.attachments).toEqual({ added: [], removed: [] })

    const swapped = diffRevisions(base, {
      ...base,
      attachments: [
        base.attachments[0]!,
        { sha256: 'cc'.repeat(32), originalName: 'photo.jpg' },
        { sha256: 'dd'.repeat(32), originalName: 'log.csv' },
      ],
    })
    expect(swapped.changed).toBe(true)
    expect(swapped.attachments).toEqual({
      added: [{ originalName: 'photo.jpg' }, { originalName: 'log.csv' }],
      removed: [{ originalName: 'photo.jpg' }],
    })

    const removed = diffRevisions(base, { ...base, attachments: [base.attachments[1]!] })
    expect(removed.attachments).toEqual({ added: [], removed: [{ originalName: 'report.pdf' }] })
  })
})

describe('<RevisionDiff>', () => {
  const render = (after: RevisionSnapshot) =>
    renderToStaticMarkup(
      createElement(RevisionDiff, {
        diff: diffRevisions(base, after),
        beforeLabel: 'Revision 2',
        afterLabel: 'Revision 3',
      }),
    )

  it('says so when nothing changed', () => {
    const html = render(structuredClone(base))
    expect(html).toContain('No changes.')
    expect(html).toContain('Revision 2')
    expect(html).toContain('Revision 3')
    expect(html).not.toContain('<del')
    expect(html).not.toContain('<ins')
  })

  it('marks removed and added text in words, not only by colour', () => {
    const html = render({
      ...base,
      title: 'Annual QA of linac 4',
      claims: [base.claims[0]!, { areaCode: '5.1', statement: 'New claim.', competencies: [] }],
      attachments: [base.attachments[0]!, { sha256: 'cc'.repeat(32), originalName: 'log.csv' }],
    })
    expect(html).not.toContain('No changes.')
    expect(html).toContain('<del class="diff-removed"><span class="visually-hidden">removed: </span>3</del>')
    expect(html).toContain('<ins class="diff-added"><span class="visually-hidden">added: </span>4</ins>')
    expect(html).toMatch(/<h3[^>]*>Title<\/h3>/)
    expect(html).not.toMatch(/<h3[^>]*>Description<\/h3>/)
    expect(html).toMatch(/<h4[^>]*>Claims added<\/h4>/)
    expect(html).toContain('New claim.')
    expect(html).toMatch(/<h4[^>]*>Claims removed<\/h4>/)
    expect(html).toContain('I wrote the report.')
    expect(html).toContain('log.csv')
    expect(html).toContain('photo.jpg')
    expect(html).not.toContain('style=')
  })

  it('names whitespace-only changes for screen readers', () => {
    const html = render({ ...base, description: base.description.replace('\n\n', '\n') })
    expect(html).toContain('<span class="visually-hidden">removed: line break</span>')
  })
})
