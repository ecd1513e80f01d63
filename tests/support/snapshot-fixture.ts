/** A small submitted-portfolio snapshot built by hand, for testing the summary PDF without a database. */
import type { CoverageReport } from '../../app/coverage/types'
import {
  SNAPSHOT_FORMAT,
  type PortfolioSnapshot,
  type SnapshotAttachment,
  type SnapshotItem,
} from '../../app/submission/snapshot'

export const FRAMEWORK: PortfolioSnapshot['framework'] = {
  id: 'test',
  version: '2024',
  title: 'Test framework',
  domains: [
    {
      key: 'Sci',
      number: 1,
      title: 'Scientific',
      areas: [
        { code: 'Sci1', text: 'Understand the science that underpins the specialty.' },
        { code: 'Sci2', text: 'Demonstrate a strong base of knowledge.' },
      ],
    },
    {
      key: 'R&D',
      number: 2,
      title: 'Research and Development',
      areas: [{ code: 'R&D1', text: 'Read and critically appraise literature.' }],
    },
  ],
}

function coverage(target: number, limit: number): CoverageReport {
  return {
    summary: {
      areasTotal: 3,
      areasEvidenced: 3,
      areasVerified: 2,
      percentEvidenced: 100,
      percentVerified: 66,
      items: 0,
      claims: 0,
      pages: { text: 0, attachments: 0, total: 0, target, limit, status: 'within' },
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

export function makeItem(n: number, overrides: Partial<SnapshotItem> = {}): SnapshotItem {
  return {
    ref: `E${n}`,
    evidenceId: n,
    revision: 1,
    title: `Item number ${n}`,
    activityStart: '2026-01-05',
    activityEnd: null,
    evidenceType: 'case-study',
    evidenceTypeLabel: 'Case study',
    role: 'led',
    description: `Description of item ${n}.\n\n- first point\n- second point`,
    reflection: `Reflection on item ${n}.`,
    claims: [
      {
        areaCode: FRAMEWORK.domains[n % 2 === 0 ? 1 : 0]!.areas[0]!.code,
        statement: `Item ${n} shows this area.`,
        competencies: [],
        verification: n % 3 === 0 ? null : { mentorName: 'Dr Sam Okoro', verifiedAt: '2026-03-03T09:30:00Z' },
      },
    ],
    attachments: [],
    assessorComments: [],
    ...overrides,
  }
}

export function makeAttachment(
  sha256: string,
  mediaType: string,
  originalName: string,
  pageCount = 1,
): SnapshotAttachment {
  return { sha256, originalName, mediaType, size: 2048, pageCount }
}

export function makeSnapshot({
  items = [makeItem(1), makeItem(2)],
  target = 120,
  limit = 160,
  ...overrides
}: Partial<PortfolioSnapshot> & { target?: number; limit?: number } = {}): PortfolioSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    number: 1,
    submittedAt: '2026-03-04T12:00:00.000Z',
    trainee: {
      name: 'Alex Morgan',
      specialism: 'Radiotherapy physics',
      employer: 'Northshire Teaching Hospitals NHS Trust',
    },
    mentors: [{ name: 'Dr Sam Okoro' }],
    framework: FRAMEWORK,
    summaryStatement: '# My training\n\nI trained in **radiotherapy** physics.\n\n- audits\n- planning',
    items,
    declaration: {
      mentorName: 'Dr Sam Okoro',
      text: 'I have reviewed this portfolio.',
      signedAt: '2026-03-03T10:00:00Z',
    },
    coverage: coverage(target, limit),
    ...overrides,
  }
}
