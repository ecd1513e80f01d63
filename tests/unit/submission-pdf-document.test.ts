import { describe, expect, it } from 'vitest'
import { summaryDocumentData } from '../../app/submission/pdf-document'
import type { PortfolioSnapshot } from '../../app/submission/snapshot'
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

describe('the one-page CV after the cover', () => {
  const text = (runs: Loose[]) => runs.map((r: Loose) => r.v).join('')
  const render = (record: PortfolioSnapshot['record']) =>
    summaryDocumentData({
      snapshot: makeSnapshot(record ? { record } : {}),
      hash: 'f'.repeat(64),
      attachments: new Map(),
      competencies,
      coverage,
      draft: false,
    }) as Loose

  it('is left out for a snapshot made before the record existed, so its PDF stays as it was', () => {
    expect(render(undefined).cv).toBeNull()
  })

  it('prints the experience figures, each post, qualification and membership', () => {
    const cv = render({
      experience: { years: 4.62, supervisedYears: 3.5, gaps: [{ from: '2021-09-01', to: '2021-09-30', days: 30 }] },
      posts: [
        {
          employer: 'Northshire Teaching Hospitals NHS Trust',
          department: 'Radiotherapy Physics',
          jobTitle: 'Trainee Clinical Scientist',
          band: 'Band 6',
          startDate: '2021-10-01',
          endDate: null,
          fractionPercent: 80,
          supervisorName: 'Dr Sam Okoro',
          supervisedPractice: true,
          description: 'Linac QA.',
        },
      ],
      qualifications: [
        {
          kind: 'msc',
          kindLabel: 'MSc',
          title: 'MSc Medical Physics',
          institution: 'University of Northshire',
          startDate: null,
          endDate: '2024-07-15',
        },
      ],
      memberships: [{ body: 'IPEM', grade: 'Associate Member', number: '40127', since: null }],
    }).cv
    expect(text(cv.summary)).toBe(
      '4.6 years of postgraduate experience (whole-time equivalent: part-time posts count by their fraction), 3.5 years of it supervised practice in a healthcare setting. Gaps between posts: 1 Sept 2021 –\u00a030 Sept 2021.',
    )
    expect(cv.posts).toHaveLength(1)
    expect(cv.posts[0].when).toBe('1 Oct 2021 –\u00a0now')
    expect(text(cv.posts[0].title)).toBe('Trainee Clinical Scientist, Band 6')
    expect(text(cv.posts[0].where)).toBe('Radiotherapy Physics, Northshire Teaching Hospitals NHS Trust')
    expect(text(cv.posts[0].facts)).toBe(
      '0.8 whole-time · supervised practice in a healthcare setting · supervised by Dr Sam Okoro',
    )
    expect(cv.qualifications[0].when).toBe('15 Jul 2024')
    expect(text(cv.qualifications[0].where)).toBe('MSc, University of Northshire')
    expect(text(cv.memberships[0].title)).toBe('IPEM, Associate Member')
    expect(text(cv.memberships[0].where)).toBe('Number 40127')
  })
})
