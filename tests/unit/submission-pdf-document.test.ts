import { describe, expect, it } from 'vitest'
import { summaryDocumentData } from '../../app/submission/pdf-document'
import { makeAttachment, makeItem, makeSnapshot } from '../support/snapshot-fixture'

// The template's data is JSON for Typst, typed as unknown; the tests read into it as the template does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Loose = any

const coverage = { has: (c: number) => c < 0x3000 } as ReadonlySet<number>
const competencies = new Map([['Sci-SC2', 'Critically appraise current procedures.']])

function data(options: { draft?: boolean } = {}) {
  const item = makeItem(1, {
    claims: [
      { areaCode: 'Sci1', statement: 'I appraised it.', competencies: ['Sci-SC2', 'Sci-SC99'], verification: null },
      {
        areaCode: 'R&D1',
        statement: 'I read it.',
        competencies: [],
        verification: { mentorName: 'Dr Sam Okoro', verifiedAt: '2026-03-03T09:30:00Z' },
      },
    ],
    attachments: [makeAttachment('a'.repeat(64), 'application/pdf', 'report.pdf', 2)],
  })
  const snapshot = makeSnapshot({ items: [item, makeItem(2, { attachments: [] })] })
  return summaryDocumentData({
    snapshot,
    hash: 'f'.repeat(64),
    attachments: new Map([['a'.repeat(64), { kind: 'pdf', pages: 2 }]]),
    competencies,
    coverage,
    draft: options.draft ?? false,
  }) as Loose
}

describe('what the summary PDF prints', () => {
  it('names specific competencies by their text (an unknown id stays as it is)', () => {
    const entry = data().domains[0].areas[0].entries.find((e: Loose) => e.ref === 'E1')
    expect(entry.competencies).toEqual([
      [{ k: 't', v: 'Critically appraise current procedures.' }],
      [{ k: 't', v: 'Sci-SC99' }],
    ])
  })

  it('gives each item its claims briefly, pointing at the area list entry that holds them in full', () => {
    const item = data().items[0]
    expect(item.claims).toEqual([
      { code: 'Sci1', verified: false, label: 'claim-E1-Sci1' },
      { code: 'R&D1', verified: true, label: 'claim-E1-RandD1' },
    ])
    const labels = data().domains.flatMap((d: Loose) =>
      d.areas.flatMap((a: Loose) => a.entries.map((e: Loose) => e.label)),
    )
    expect(labels).toEqual(expect.arrayContaining(['claim-E1-Sci1', 'claim-E1-RandD1']))
  })

  it('reserves one page per page of an attached PDF, each labelled, and lists nothing for an item without attachments', () => {
    const [first, second] = data().items
    expect(first.contents).toEqual([
      expect.objectContaining({
        k: 'pdf',
        pages: 2,
        labels: [
          [{ k: 't', v: 'E1 attachment: report.pdf, page 1 of 2' }],
          [{ k: 't', v: 'E1 attachment: report.pdf, page 2 of 2' }],
        ],
      }),
    ])
    expect(second.attachments).toEqual([])
    expect(second.contents).toEqual([])
  })

  it('says "Draft — not submitted" on a draft, and leaves out the hash', () => {
    const draft = data({ draft: true })
    expect(draft.kicker).toContain('DRAFT — NOT SUBMITTED')
    expect(draft.footer[0].v).toMatch(/^Draft — not submitted · /)
    expect(draft.fields.map((f: Loose) => f.label)).not.toContain('Snapshot SHA-256')
    expect(data().footer[0].v).toContain('Submission 1 · ffffffffffff')
  })
})
