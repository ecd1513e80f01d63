/**
 * A generated submitted-portfolio snapshot of any size, built in memory with
 * the real framework and the benchmark corpus's text, and the attachment
 * files it names: for timing and checking the summary PDF without a
 * database. Seeded: the same options give the same snapshot.
 */
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib'
import { defaultFramework } from '../../competences'
import { SNAPSHOT_FORMAT, sha256Hex, type PortfolioSnapshot, type SnapshotItem } from '../../app/submission/snapshot'
import { claimStatement, description, reflection, title, TOPICS, type DomainKey } from './corpus'
import { Random } from './lib'

export interface GeneratedSnapshot {
  snapshot: PortfolioSnapshot
  files: Map<string, Uint8Array>
}

async function attachmentPdf(label: string, pages: number, rotate: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (let i = 1; i <= pages; i++) {
    const page = pdf.addPage([595.28, 841.89])
    page.setRotation(degrees(rotate))
    page.drawText(`${label} - attachment page ${i} of ${pages}`, { x: 60, y: 700, size: 14, font })
  }
  return pdf.save()
}

/** `items` items with 1–4 claims each; every `pdfEvery`th item has a PDF attachment of `pdfPages` pages. */
export async function generatedSnapshot({
  items = 40,
  seed = 7,
  pdfEvery = 4,
  pdfPages = 2,
} = {}): Promise<GeneratedSnapshot> {
  const random = new Random(seed)
  const domains = defaultFramework.domains
  const files = new Map<string, Uint8Array>()
  const list: SnapshotItem[] = []
  for (let n = 1; n <= items; n++) {
    const topic = random.pick(TOPICS)
    const values = { monthYear: 'March 2025' }
    const codes = new Set<string>()
    // Every area is claimed at least once when there are enough items, as in a complete portfolio.
    const allAreas = domains.flatMap((d) => d.areas.map((a) => ({ domain: d.key as DomainKey, code: a.code })))
    const first = allAreas[(n - 1) % allAreas.length]!
    const claims = [first, ...random.shuffle(allAreas).slice(0, random.int(0, 3))]
      .filter((a) => !codes.has(a.code) && codes.add(a.code))
      .map((a, i) => ({
        areaCode: a.code,
        statement: claimStatement(random, a.domain, topic, values),
        competencies:
          i === 0
            ? (domains
                .find((d) => d.key === a.domain)
                ?.specificCompetencies.slice(0, 1)
                .map((c) => c.id) ?? [])
            : [],
        verification: random.chance(0.8) ? { mentorName: 'Dr Sam Okoro', verifiedAt: '2026-02-10T09:30:00Z' } : null,
      }))
    const attachments = []
    if (pdfEvery > 0 && n % pdfEvery === 0) {
      const bytes = await attachmentPdf(`Item ${n}`, pdfPages, n % (pdfEvery * 2) === 0 ? 90 : 0)
      const sha256 = sha256Hex(bytes)
      files.set(sha256, bytes)
      attachments.push({
        sha256,
        originalName: `item-${n}-report.pdf`,
        mediaType: 'application/pdf',
        size: bytes.length,
        pageCount: pdfPages,
      })
    }
    list.push({
      ref: `E${n}`,
      evidenceId: n,
      revision: 1,
      title: `Evidence item ${n}: ${title(random, topic, values)}`,
      activityStart: `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`,
      activityEnd: null,
      evidenceType: topic.types[0]![0],
      evidenceTypeLabel: 'Record of a technical task',
      role: random.pick(['led', 'contributed', 'observed'] as const),
      description: description(random, topic, values),
      reflection: reflection(random, topic, values),
      claims,
      attachments,
      assessorComments: [],
    })
  }
  const snapshot: PortfolioSnapshot = {
    format: SNAPSHOT_FORMAT,
    number: 1,
    submittedAt: '2026-03-03T10:00:00.000Z',
    trainee: {
      name: 'Alex Morgan',
      specialism: 'Radiotherapy physics',
      employer: 'Northshire Teaching Hospitals NHS Trust',
    },
    mentors: [{ name: 'Dr Sam Okoro' }],
    framework: {
      id: defaultFramework.id,
      version: defaultFramework.version,
      title: defaultFramework.title,
      domains: domains.map((d) => ({
        key: d.key,
        number: d.number,
        title: d.title,
        areas: d.areas.map((a) => ({ code: a.code, text: a.text })),
      })),
    },
    summaryStatement:
      'I trained in radiotherapy physics.\n\n' + description(random, TOPICS[0]!, { monthYear: 'March 2025' }),
    items: list,
    declaration: {
      mentorName: 'Dr Sam Okoro',
      text: 'I have reviewed this portfolio.',
      signedAt: '2026-03-02T10:00:00Z',
    },
    coverage: {
      summary: {
        areasTotal: 46,
        areasEvidenced: 46,
        areasVerified: 40,
        percentEvidenced: 100,
        percentVerified: 87,
        items,
        claims: 0,
        pages: { text: 0, attachments: 0, total: 0, target: 120, limit: 160, status: 'within' },
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
    },
  }
  return { snapshot, files }
}
