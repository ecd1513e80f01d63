import { describe, expect, it } from 'vitest'
import {
  areaSlug,
  areasWithEvidence,
  assessmentCsv,
  assessmentCsvFilename,
  assessmentFormSchema,
  csvField,
  describeReleaseProblems,
  interviewTopics,
  JUDGEMENT_LABELS,
  MAX_INTERVIEW_TOPICS,
  OUTCOME_LABELS,
  releaseProblems,
  snapshotAreaCodes,
  type SnapshotForAssessment,
} from '../../app/submission/assessment'
import type { SnapshotItem } from '../../app/submission/snapshot'

type Item = Pick<SnapshotItem, 'ref' | 'title' | 'role' | 'claims'>
const verified = { mentorName: 'Dr Okoro', verifiedAt: '2026-05-01T10:00:00Z' }

function item(ref: string, role: Item['role'], claims: [string, boolean][]): Item {
  return {
    ref,
    title: `Item ${ref}`,
    role,
    claims: claims.map(([areaCode, isVerified]) => ({
      areaCode,
      statement: `${ref} shows ${areaCode}.`,
      competencies: [],
      verification: isVerified ? verified : null,
    })),
  }
}

/**
 * Two domains, five areas. A1: two led items, verified (strong). A2: one item
 * only. A3: two items, none verified. B1: two items, only observed. B2: none.
 */
function snapshot(): SnapshotForAssessment & { items: Item[] } {
  const items = [
    item('E1', 'led', [
      ['A1', true],
      ['A2', true],
      ['A3', false],
    ]),
    item('E2', 'contributed', [
      ['A1', true],
      ['A3', false],
    ]),
    item('E3', 'observed', [['B1', true]]),
    item('E4', 'observed', [['B1', true]]),
  ]
  const area = (code: string, itemCount: number, status: 'not-evidenced' | 'claimed' | 'verified') => ({
    code,
    itemCount,
    status,
  })
  return {
    framework: {
      domains: [
        {
          key: 'A',
          number: 1,
          title: 'Alpha',
          areas: [
            { code: 'A1', text: 'Area one' },
            { code: 'A2', text: 'Area two' },
            { code: 'A3', text: 'Area three' },
          ],
        },
        {
          key: 'B',
          number: 2,
          title: 'Beta',
          areas: [
            { code: 'B1', text: 'Area four' },
            { code: 'B2', text: 'Area five' },
          ],
        },
      ],
    },
    items,
    coverage: {
      areas: [
        area('A1', 2, 'verified'),
        area('A2', 1, 'verified'),
        area('A3', 2, 'claimed'),
        area('B1', 2, 'verified'),
        area('B2', 0, 'not-evidenced'),
      ],
    },
  }
}

const CODES = ['A1', 'A2', 'A3', 'B1', 'B2']

describe('the assessment form', () => {
  const schema = assessmentFormSchema(CODES)

  it('reads a draft: judgements chosen so far, no outcome yet', () => {
    const result = schema.safeParse({
      intent: 'save',
      'judgement:A1': 'met',
      'comment:A1': '  Clear and well evidenced. ',
      'judgement:B1': 'partly-met',
      outcome: '',
    })
    expect(result.success).toBe(true)
    expect(result.data).toEqual({
      intent: 'save',
      confirmed: false,
      outcome: null,
      comment: '',
      judgements: [
        { areaCode: 'A1', judgement: 'met', comment: 'Clear and well evidenced.' },
        { areaCode: 'B1', judgement: 'partly-met', comment: '' },
      ],
    })
  })

  it('reads a release with its confirmation and outcome', () => {
    const result = schema.safeParse({
      intent: 'release',
      confirm: 'on',
      outcome: 'proceed-to-interview',
      comment: 'Well done.',
    })
    expect(result.data).toMatchObject({
      intent: 'release',
      confirmed: true,
      outcome: 'proceed-to-interview',
      comment: 'Well done.',
    })
  })

  it('refuses unknown judgements and outcomes at their fields', () => {
    const result = schema.safeParse({ intent: 'save', 'judgement:A2': 'excellent', outcome: 'pass' })
    expect(result.success).toBe(false)
    const paths = result.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['judgement:A2', 'outcome']))
  })

  it('refuses comments over their limits', () => {
    const result = schema.safeParse({
      intent: 'save',
      'judgement:A1': 'met',
      'comment:A1': 'x'.repeat(2_001),
      comment: 'y'.repeat(5_001),
    })
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['comment', 'comment:A1'])
    expect(
      schema.safeParse({
        intent: 'save',
        'judgement:A1': 'met',
        'comment:A1': 'x'.repeat(2_000),
        comment: 'y'.repeat(5_000),
      }).success,
    ).toBe(true)
  })

  it('asks for a judgement beside a comment, so the comment is not lost', () => {
    const result = schema.safeParse({ intent: 'save', 'comment:A3': 'Ask about the audit.' })
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['judgement:A3', expect.stringContaining('Choose a judgement for A3')],
    ])
  })

  it('shows that problem together with any others, so everything is fixed in one go', () => {
    const result = schema.safeParse({ intent: 'save', 'comment:A3': 'Ask about the audit.', outcome: 'pass' })
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['judgement:A3', 'outcome'])
  })

  it('ignores fields for areas that are not in the snapshot and needs an intent', () => {
    expect(schema.safeParse({ intent: 'save', 'judgement:Z9': 'met' }).data?.judgements).toEqual([])
    expect(schema.safeParse({ 'judgement:A1': 'met' }).success).toBe(false)
  })
})

describe('release', () => {
  it('needs an outcome and a judgement for every area', () => {
    expect(releaseProblems(CODES, { outcome: null, judgements: [{ areaCode: 'A1' }, { areaCode: 'B2' }] })).toEqual({
      missingOutcome: true,
      missingAreas: ['A2', 'A3', 'B1'],
    })
    expect(
      releaseProblems(CODES, { outcome: 'not-yet', judgements: CODES.map((areaCode) => ({ areaCode })) }),
    ).toBeNull()
  })

  it('says what is missing in one sentence', () => {
    expect(describeReleaseProblems({ missingOutcome: true, missingAreas: ['A2', 'A3'] })).toBe(
      'Before releasing, choose the overall outcome and a judgement for 2 areas A2, A3.',
    )
    expect(describeReleaseProblems({ missingOutcome: false, missingAreas: ['B1'] })).toBe(
      'Before releasing, choose a judgement for area B1.',
    )
    expect(describeReleaseProblems({ missingOutcome: true, missingAreas: [] })).toBe(
      'Before releasing, choose the overall outcome.',
    )
  })
})

describe('interview topics', () => {
  it('lists areas with thin evidence, weakest first, each with its reason', () => {
    const topics = interviewTopics(snapshot(), [])
    expect(topics.map((t) => t.areaCode)).toEqual(['B2', 'A2', 'A3', 'B1'])
    expect(topics.find((t) => t.areaCode === 'B2')?.reason).toBe('No item claims it.')
    expect(topics.find((t) => t.areaCode === 'A2')?.reason).toBe('Only one item claims it (E1).')
    expect(topics.find((t) => t.areaCode === 'A3')?.reason).toBe('No mentor verified a claim of it (E1, E2).')
    expect(topics.find((t) => t.areaCode === 'B1')).toMatchObject({
      reason: 'The trainee only observed in the evidence for it (E3, E4).',
      refs: ['E3', 'E4'],
      domainTitle: 'Beta',
      areaText: 'Area four',
    })
  })

  it('ranks not met, then partly met, before thin evidence', () => {
    const topics = interviewTopics(snapshot(), [
      { areaCode: 'A1', judgement: 'partly-met' },
      { areaCode: 'B1', judgement: 'not-met' },
      { areaCode: 'A3', judgement: 'met' },
    ])
    expect(topics.map((t) => [t.areaCode, t.judgement])).toEqual([
      ['B1', 'not-met'],
      ['A1', 'partly-met'],
      ['B2', null],
      ['A2', null],
      ['A3', 'met'],
    ])
    expect(topics[0]!.reason).toBe('Judged not met. The trainee only observed in the evidence for it (E3, E4).')
    expect(topics[1]!.reason).toBe('Judged partly met.')
  })

  it('puts the area with more weaknesses first within a tier', () => {
    const s = snapshot()
    // B1 becomes observed and unverified: two weaknesses, ahead of A2's and A3's one, behind B2's none at all.
    for (const i of s.items) for (const c of i.claims) if (c.areaCode === 'B1') c.verification = null
    s.coverage.areas = s.coverage.areas.map((a) => (a.code === 'B1' ? { ...a, status: 'claimed' } : a))
    const topics = interviewTopics(s, [])
    expect(topics.map((t) => t.areaCode)).toEqual(['B2', 'B1', 'A2', 'A3'])
    expect(topics[1]!.reason).toBe(
      'No mentor verified a claim of it (E3, E4). The trainee only observed in the evidence for it (E3, E4).',
    )
  })

  it('leaves out strong areas and stops at the limit', () => {
    const none = interviewTopics(snapshot(), [], MAX_INTERVIEW_TOPICS)
    expect(none.some((t) => t.areaCode === 'A1')).toBe(false)
    expect(interviewTopics(snapshot(), [], 2)).toHaveLength(2)
    const many: SnapshotForAssessment = {
      framework: {
        domains: [
          {
            key: 'X',
            number: 1,
            title: 'X',
            areas: Array.from({ length: 20 }, (_, i) => ({ code: `X${i}`, text: `Area ${i}` })),
          },
        ],
      },
      items: [],
      coverage: { areas: [] },
    }
    expect(interviewTopics(many, [])).toHaveLength(MAX_INTERVIEW_TOPICS)
  })

  it('reads evidence from the claims when the coverage report lacks an area', () => {
    const s = snapshot()
    s.coverage.areas = []
    expect(interviewTopics(s, []).map((t) => t.areaCode)).toEqual(['B2', 'A2', 'A3', 'B1'])
  })
})

describe('the CSV', () => {
  const assessment = {
    outcome: 'proceed-to-interview' as const,
    comment: 'Strong portfolio, "well organised", ready.',
    releasedAt: '2026-07-01T12:00:00.000Z',
    judgements: [
      { areaCode: 'A1', judgement: 'met' as const, comment: '=HYPERLINK("http://evil.example","click")' },
      { areaCode: 'A2', judgement: 'partly-met' as const, comment: 'Line one,\nline two' },
      { areaCode: 'B1', judgement: 'not-met' as const, comment: '+1 more' },
    ],
  }
  const hash = 'a'.repeat(64)

  it('has a header, a row per area in framework order and the closing rows', () => {
    const lines = assessmentCsv(snapshot(), hash, assessment).split('\r\n')
    expect(lines[0]).toBe('Domain,Area,Area text,Judgement,Comment,Evidence')
    expect(lines.slice(1, 6).map((l) => l.split(',')[1])).toEqual(['A1', 'A2', 'A3', 'B1', 'B2'])
    expect(lines[1]).toBe(`Alpha,A1,Area one,Met,"'=HYPERLINK(""http://evil.example"",""click"")",E1 E2`)
    expect(lines[3]).toBe('Alpha,A3,Area three,,,E1 E2')
    expect(lines[4]).toBe("Beta,B1,Area four,Not met,'+1 more,E3 E4")
    expect(lines[5]).toBe('Beta,B2,Area five,,,')
    expect(lines.slice(6)).toEqual([
      'Outcome,Proceed to interview,,,,',
      'Overall comment,"Strong portfolio, ""well organised"", ready.",,,,',
      `Snapshot SHA-256,${hash},,,,`,
      'Released at,2026-07-01T12:00:00.000Z,,,,',
      '',
    ])
  })

  it('quotes a line break inside a field', () => {
    expect(assessmentCsv(snapshot(), hash, assessment)).toContain(
      'Alpha,A2,Area two,Partly met,"Line one,\nline two",E1\r\n',
    )
  })

  it('names the assessor when asked, and says a draft is not released', () => {
    const csv = assessmentCsv(snapshot(), hash, {
      ...assessment,
      releasedAt: null,
      outcome: null,
      assessorName: '@Dr Lee',
    })
    expect(csv).toContain("Assessor,'@Dr Lee,,,,\r\nOutcome,,,,,\r\n")
    expect(csv).toContain('Released at,Not released (draft),,,,')
  })

  it('neutralises every cell that a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'].map(csvField)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\t=1",
      `"'\r=1"`,
    ])
    expect(csvField('plain text')).toBe('plain text')
    expect(csvField('a "quote"')).toBe('"a ""quote"""')
  })

  it('names the file with safe characters only', () => {
    expect(assessmentCsvFilename('Zoë O’Brien-Smith', 2)).toBe('assessment-submission-2-Zoe-O-Brien-Smith.csv')
    expect(assessmentCsvFilename('"; rm -rf', 1)).toBe('assessment-submission-1-rm-rf.csv')
    expect(assessmentCsvFilename('李', 3)).toBe('assessment-submission-3.csv')
  })
})

describe('display helpers', () => {
  it('labels every judgement and outcome', () => {
    expect(Object.values(JUDGEMENT_LABELS)).toEqual(['Met', 'Partly met', 'Not met', 'Not assessed'])
    expect(OUTCOME_LABELS['proceed-to-interview']).toBe('Proceed to interview')
  })

  it('lists the areas with the evidence claiming them', () => {
    const domains = areasWithEvidence(snapshot())
    expect(snapshotAreaCodes(snapshot())).toEqual(CODES)
    expect(
      domains[0]!.areas[0]!.evidence.map((e) => [e.ref, e.role, e.statement, e.verification?.mentorName ?? null]),
    ).toEqual([
      ['E1', 'led', 'E1 shows A1.', 'Dr Okoro'],
      ['E2', 'contributed', 'E2 shows A1.', 'Dr Okoro'],
    ])
    expect(domains[1]!.areas[1]!.evidence).toEqual([])
  })

  it('makes area codes safe for fragment ids', () => {
    expect(areaSlug('R&D3')).toBe('RandD3')
    expect(areaSlug('Sci1')).toBe('Sci1')
  })
})
