import { describe, expect, it } from 'vitest'
import type { CoverageReport } from '../../app/coverage/types'
import { SNAPSHOT_FORMAT, type PortfolioSnapshot, type SnapshotItem } from '../../app/submission/snapshot'
import { anchorId, pageStatus, portfolioSummary } from '../../app/submission/summary'

function coverage(pages: { total: number; target?: number; limit?: number }): CoverageReport {
  const target = pages.target ?? 120
  const limit = pages.limit ?? 160
  return {
    summary: {
      areasTotal: 4,
      areasEvidenced: 3,
      areasVerified: 2,
      percentEvidenced: 75,
      percentVerified: 50,
      items: 2,
      claims: 4,
      pages: {
        text: pages.total,
        attachments: 0,
        total: pages.total,
        target,
        limit,
        status: pageStatus(pages.total, target, limit),
      },
      blockers: 0,
      warnings: 0,
      advice: 0,
      ready: true,
    },
    domains: [],
    areas: [],
    competencies: [],
    items: [],
    findings: [],
  }
}

const verified = { mentorName: 'Dr Sam Okoro', verifiedAt: '2026-05-02T10:00:00.000Z' }

function item(ref: string, title: string, claims: [string, boolean][]): SnapshotItem {
  return {
    ref,
    evidenceId: Number(ref.slice(1)) + 100,
    revision: 1,
    title,
    activityStart: '2026-01-10',
    activityEnd: null,
    evidenceType: 'audit',
    evidenceTypeLabel: 'Audit',
    role: 'led',
    description: 'Did it.',
    reflection: 'Learned.',
    claims: claims.map(([areaCode, isVerified]) => ({
      areaCode,
      statement: `${title} shows ${areaCode}.`,
      competencies: [],
      verification: isVerified ? verified : null,
    })),
    attachments: [],
    assessorComments: [],
  }
}

function snapshot(
  items: SnapshotItem[],
  { statement = '', pages = 90 }: { statement?: string; pages?: number } = {},
): PortfolioSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    number: 1,
    submittedAt: '2026-06-01T09:00:00.000Z',
    trainee: { name: 'Alex Morgan', specialism: 'Radiotherapy physics', employer: 'Northshire' },
    mentors: [{ name: 'Dr Sam Okoro' }],
    framework: {
      id: 'ipem-mpce',
      version: '2024',
      title: 'Competences',
      domains: [
        {
          key: 'Sci',
          number: 1,
          title: 'Scientific',
          areas: [
            { code: 'Sci1', text: 'Apply science' },
            { code: 'Sci2', text: 'Evaluate' },
          ],
        },
        {
          key: 'R&D',
          number: 4,
          title: 'Research and Development',
          areas: [
            { code: 'R&D1', text: 'Research' },
            { code: 'R&D2', text: 'Develop' },
          ],
        },
      ],
    },
    summaryStatement: statement,
    items,
    declaration: { mentorName: 'Dr Sam Okoro', text: 'I declare.', signedAt: '2026-05-30T12:00:00.000Z' },
    coverage: coverage({ total: pages }),
  }
}

const items = [
  item('E1', 'Linac output audit', [
    ['Sci1', true],
    ['R&D1', false],
  ]),
  item('E2', 'Planning case', [
    ['Sci1', false],
    ['Sci2', true],
  ]),
]

describe('portfolioSummary', () => {
  it('lists each domain’s areas with the items claiming them, in item order, with their verification', () => {
    const model = portfolioSummary(snapshot(items), null)
    expect(model.domains.map((d) => [d.key, d.anchor, d.areas.map((a) => a.code)])).toEqual([
      ['Sci', 'domain-Sci', ['Sci1', 'Sci2']],
      ['R&D', 'domain-RandD', ['R&D1', 'R&D2']],
    ])
    const sci1 = model.domains[0]!.areas[0]!
    expect(sci1.anchor).toBe('area-Sci1')
    expect(sci1.entries).toEqual([
      { ref: 'E1', title: 'Linac output audit', statement: 'Linac output audit shows Sci1.', verification: verified },
      { ref: 'E2', title: 'Planning case', statement: 'Planning case shows Sci1.', verification: null },
    ])
    expect(model.domains[1]!.areas[0]).toMatchObject({
      code: 'R&D1',
      anchor: 'area-RandD1',
      entries: [{ ref: 'E1', verification: null }],
    })
    expect(model.domains[1]!.areas[1]!.entries).toEqual([])
  })

  it('builds the cross-reference grid: rows by domain, one column per item, each cell verified, claimed or empty', () => {
    const { grid } = portfolioSummary(snapshot(items), null)
    expect(grid.columns).toEqual([
      { ref: 'E1', title: 'Linac output audit', anchor: 'item-E1' },
      { ref: 'E2', title: 'Planning case', anchor: 'item-E2' },
    ])
    expect(grid.groups.map((g) => [g.key, g.rows.map((r) => [r.code, r.cells])])).toEqual([
      [
        'Sci',
        [
          ['Sci1', ['verified', 'claimed']],
          ['Sci2', [null, 'verified']],
        ],
      ],
      [
        'R&D',
        [
          ['R&D1', ['claimed', null]],
          ['R&D2', [null, null]],
        ],
      ],
    ])
  })

  it('counts items, claims and verified claims, and names the areas nothing claims', () => {
    const { totals } = portfolioSummary(snapshot(items), null)
    expect(totals).toEqual({ items: 2, claims: 4, verifiedClaims: 2, areasWithoutEvidence: ['R&D2'] })
  })

  it('counts a claim once even if an item names its area twice, and leaves out areas outside the framework', () => {
    const odd = item('E1', 'Odd', [
      ['Sci1', true],
      ['Sci1', false],
      ['Nope9', true],
    ])
    const model = portfolioSummary(snapshot([odd]), null)
    expect(model.totals).toMatchObject({ claims: 1, verifiedClaims: 1 })
    expect(model.grid.groups[0]!.rows[0]!.cells).toEqual(['verified'])
  })

  it('has no area without evidence when every area is claimed', () => {
    const all = [
      item('E1', 'All', [
        ['Sci1', true],
        ['Sci2', true],
        ['R&D1', true],
        ['R&D2', false],
      ]),
    ]
    expect(portfolioSummary(snapshot(all), null).totals.areasWithoutEvidence).toEqual([])
  })

  it('counts the summary statement’s words', () => {
    expect(
      portfolioSummary(snapshot(items, { statement: 'I trained in **radiotherapy** physics,\n\n- at two sites' }), null)
        .statementWords,
    ).toBe(8)
    expect(portfolioSummary(snapshot(items), null).statementWords).toBe(0)
  })

  it('uses the PDF’s page count when there is one, else the coverage estimate, against the target and limit', () => {
    expect(portfolioSummary(snapshot(items, { pages: 90 }), null).pages).toEqual({
      count: 90,
      estimated: true,
      target: 120,
      limit: 160,
      status: 'within',
    })
    expect(portfolioSummary(snapshot(items, { pages: 90 }), 131).pages).toEqual({
      count: 131,
      estimated: false,
      target: 120,
      limit: 160,
      status: 'over-target',
    })
    expect(portfolioSummary(snapshot(items, { pages: 90 }), 161).pages.status).toBe('over-limit')
    expect(portfolioSummary(snapshot(items, { pages: 160 }), null).pages.status).toBe('over-target')
  })

  it('handles a snapshot with no items', () => {
    const model = portfolioSummary(snapshot([]), null)
    expect(model.grid.columns).toEqual([])
    expect(model.grid.groups[0]!.rows[0]!.cells).toEqual([])
    expect(model.totals).toEqual({
      items: 0,
      claims: 0,
      verifiedClaims: 0,
      areasWithoutEvidence: ['Sci1', 'Sci2', 'R&D1', 'R&D2'],
    })
  })
})

describe('summary helpers', () => {
  it('makes anchors safe for URLs and CSS selectors', () => {
    expect(anchorId('domain', 'R&D')).toBe('domain-RandD')
    expect(anchorId('area', 'Prof11')).toBe('area-Prof11')
    expect(anchorId('item', 'E40')).toBe('item-E40')
    expect(anchorId('area', 'a b"<c')).toBe('area-a-b--c')
  })

  it('rates a page count against the target and limit', () => {
    expect(pageStatus(120, 120, 160)).toBe('within')
    expect(pageStatus(121, 120, 160)).toBe('over-target')
    expect(pageStatus(160, 120, 160)).toBe('over-target')
    expect(pageStatus(161, 120, 160)).toBe('over-limit')
  })
})
