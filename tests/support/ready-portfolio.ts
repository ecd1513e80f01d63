/**
 * A portfolio ready to submit: five years of supervised posts on the trainee's
 * experience record, every area of competence claimed and verified by a linked mentor, some items with PDF and image attachments in the file
 * store, a summary statement and a standing mentor declaration. Built through the app's own
 * model functions, so it is what a real trainee's portfolio would be.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { deflateSync } from 'node:zlib'
import type { Db } from '../../db/client'
import { mentorLinks } from '../../db/schema'
import { defaultFramework } from '../../competences/index'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { filePath } from '../../app/files/store.server'
import { createEvidence, type NewAttachment } from '../../app/models/evidence.server'
import { decideClaims, sendForReview, signDeclaration } from '../../app/models/review.server'
import { saveMembershipRow, savePostRow, saveQualificationRow } from '../../app/models/record.server'
import { setSummaryStatement } from '../../app/models/submission.server'
import { createTrainee, createUser, type User } from '../../app/models/user.server'
import { sha256Hex } from '../../app/submission/snapshot'

export const ALL_AREA_CODES: readonly string[] = defaultFramework.domains.flatMap((d) => d.areas.map((a) => a.code))

export interface ReadyPortfolioOptions {
  /** How many evidence items (at least 1). Every area is claimed whatever the number. */
  items?: number
  /** Where the file store lives; without it no attachments are made. */
  dataDir?: string
  /** An existing trainee (else one is created). */
  trainee?: User
  /** An existing mentor (else one is created and linked). */
  mentor?: User
  passwordHash?: string
  now?: Date
  /** Whether the mentor signs the declaration at the end (default true). */
  sign?: boolean
  /** Descriptions to use instead of the generated one, by item index (0-based). */
  descriptions?: Record<number, string>
  /** Pages of one more PDF attached to the first item, to make a long portfolio quickly (needs `dataDir`). */
  longPdfPages?: number
  /** Whether some items get small PDF and PNG attachments (default true, with `dataDir`). */
  smallAttachments?: boolean
}

export interface ReadyPortfolio {
  trainee: User
  mentor: User
  evidenceIds: number[]
  /** Item id → the area codes it claims. */
  claims: Map<number, string[]>
}

/** A small valid PDF of `pages` pages, each saying which attachment page it is. */
export async function makePdf(label: string, pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  pdf.setCreationDate(new Date('2026-01-01T00:00:00Z'))
  pdf.setModificationDate(new Date('2026-01-01T00:00:00Z'))
  for (let i = 1; i <= pages; i++) {
    const page = pdf.addPage([595.28, 841.89])
    page.drawText(`${label} - attachment page ${i} of ${pages}`, { x: 60, y: 760, size: 14, font })
  }
  return pdf.save()
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** A solid-colour RGB PNG, `width` × `height`. */
export function makePng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const row = Buffer.alloc(1 + width * 3)
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3)
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ])
}

/** Puts bytes in the file store as an upload would; returns the attachment to give `createEvidence`. */
export function storeTestFile(
  dataDir: string,
  bytes: Uint8Array,
  file: Omit<NewAttachment, 'sha256' | 'size' | 'pagesExact'>,
): NewAttachment {
  const sha256 = sha256Hex(bytes)
  const target = filePath(dataDir, sha256)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, bytes)
  return { ...file, sha256, size: bytes.length, pagesExact: true }
}

const ISO_DAY = (d: Date) => d.toISOString().slice(0, 10)

/** Which areas item `i` of `n` claims: every area is claimed by some item, most items claim two. */
export function areasForItem(i: number, n: number): string[] {
  const codes = ALL_AREA_CODES.filter((_, a) => a % n === i)
  const extra = ALL_AREA_CODES[(i * 7 + 3) % ALL_AREA_CODES.length]!
  if (!codes.includes(extra)) codes.push(extra)
  return codes
}

export async function buildReadyPortfolio(db: Db, options: ReadyPortfolioOptions = {}): Promise<ReadyPortfolio> {
  const n = Math.max(1, options.items ?? 12)
  const now = options.now ?? new Date()
  const passwordHash = options.passwordHash ?? 'not-a-real-hash'
  const suffix = Math.random().toString(36).slice(2, 8)
  const trainee =
    options.trainee ??
    createTrainee(
      db,
      { email: `ready-${suffix}@example.nhs.uk`, name: 'Alex Morgan', passwordHash },
      {
        specialism: 'radiotherapy-physics',
        employer: 'Northshire Teaching Hospitals NHS Trust',
        targetSubmissionDate: null,
      },
      now,
    )
  const mentor =
    options.mentor ??
    createUser(
      db,
      { email: `mentor-${suffix}@example.nhs.uk`, name: 'Dr Sam Okoro', role: 'mentor', passwordHash },
      now,
    )
  if (!options.mentor)
    db.insert(mentorLinks).values({ traineeId: trainee.id, mentorId: mentor.id, createdAt: now.toISOString() }).run()

  const evidenceIds: number[] = []
  const claims = new Map<number, string[]>()
  for (let i = 0; i < n; i++) {
    const codes = areasForItem(i, n)
    const files: NewAttachment[] = []
    if (options.dataDir && i === 0 && options.longPdfPages) {
      files.push(
        storeTestFile(options.dataDir, await makePdf('Full project report', options.longPdfPages), {
          mediaType: 'application/pdf',
          pageCount: options.longPdfPages,
          originalName: 'full-project-report.pdf',
        }),
      )
    }
    const small = options.smallAttachments !== false ? options.dataDir : undefined
    if (small && i % 4 === 1) {
      files.push(
        storeTestFile(small, await makePdf(`Item ${i + 1}`, 1 + (i % 3)), {
          mediaType: 'application/pdf',
          pageCount: 1 + (i % 3),
          originalName: `item-${i + 1}-report.pdf`,
        }),
      )
    }
    if (small && i % 8 === 3) {
      files.push(
        storeTestFile(small, makePng(40, 30, [20 + i * 5, 90, 160]), {
          mediaType: 'image/png',
          pageCount: 1,
          originalName: `item-${i + 1}-chart.png`,
        }),
      )
    }
    const day = new Date(now.getTime() - (n - i) * 7 * 86_400_000)
    const id = createEvidence(
      db,
      trainee.id,
      {
        title: `Evidence item ${i + 1}: ${['Linac output audit', 'Treatment planning case', 'Dosimetry reflection', 'Departmental presentation', 'QA protocol review'][i % 5]}`,
        activityStart: ISO_DAY(day),
        activityEnd: null,
        evidenceType: [
          'scientific-report',
          'case-study',
          'reflection',
          'publication-presentation',
          'audit',
          'commissioning-qa-report',
          'data-analysis',
        ][i % 7]!,
        role: (['led', 'contributed', 'led'] as const)[i % 3]!,
        description:
          options.descriptions?.[i] ??
          `I carried out item ${i + 1} in the department, working with the clinical team.\n\n- measured and recorded results\n- compared them with tolerance`,
        reflection: `What I learned from item ${i + 1}: how to weigh the evidence, and what I would change next time.`,
        claims: codes.map((area) => ({
          area,
          statement: `Item ${i + 1} shows ${area} because I did the analysis myself and explained it to the team.`,
          competencies: [],
        })),
      },
      files,
      now,
    )
    evidenceIds.push(id)
    claims.set(id, codes)
  }
  addSupervisedPosts(db, trainee.id, now)
  setSummaryStatement(
    db,
    trainee.id,
    'I trained in radiotherapy physics at Northshire. This portfolio shows each domain through my own QA, commissioning, audit and teaching work.',
    now,
  )
  sendForReview(db, trainee.id, evidenceIds, now)
  for (const id of evidenceIds) {
    decideClaims(
      db,
      mentor.id,
      id,
      1,
      claims.get(id)!.map((areaCode) => ({ areaCode, decision: 'verified' as const, comment: '' })),
      now,
    )
  }
  if (options.sign !== false) signDeclaration(db, mentor.id, trainee.id, MENTOR_DECLARATION.text, now)
  return { trainee, mentor, evidenceIds, claims }
}

/**
 * Five years of posts on the trainee's record (with an MSc and IPEM membership), all supervised practice in a healthcare setting (as IPEM expects
 * at least four): three years as a trainee at one employer, then the current post since two years before `now`.
 */
export function addSupervisedPosts(db: Db, traineeId: number, now = new Date()): void {
  const yearsBefore = (years: number, days = 0) => {
    const d = new Date(now)
    d.setUTCFullYear(d.getUTCFullYear() - years)
    return ISO_DAY(new Date(d.getTime() - days * 86_400_000))
  }
  const post = {
    department: 'Medical Physics',
    band: 'Band 6',
    fraction: 100,
    supervisedPractice: true,
    supervisorName: 'Dr Sam Okoro',
    description: '',
  }
  savePostRow(
    db,
    traineeId,
    {
      ...post,
      employer: 'Westvale University Hospitals NHS Foundation Trust',
      jobTitle: 'Trainee Clinical Scientist',
      startDate: yearsBefore(5),
      endDate: yearsBefore(2, 1),
    },
    undefined,
    now,
  )
  savePostRow(
    db,
    traineeId,
    {
      ...post,
      employer: 'Northshire Teaching Hospitals NHS Trust',
      jobTitle: 'Clinical Scientist (pre-registration)',
      band: 'Band 7',
      startDate: yearsBefore(2),
      endDate: null,
    },
    undefined,
    now,
  )
  saveQualificationRow(
    db,
    traineeId,
    {
      kind: 'msc',
      title: 'MSc Clinical Science (Medical Physics)',
      institution: 'University of Westvale',
      startDate: yearsBefore(5),
      endDate: yearsBefore(2, 60),
    },
    undefined,
    now,
  )
  saveMembershipRow(
    db,
    traineeId,
    { body: 'IPEM', grade: 'Associate Member', number: '40127', since: yearsBefore(5) },
    undefined,
    now,
  )
}
