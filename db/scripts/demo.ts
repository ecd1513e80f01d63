/**
 * `npm run demo`: seeds a demonstration portfolio into the configured
 * database (DATA_DIR / DATABASE_PATH), for showing Attain to people.
 *
 * - Priya Sharma, a radiotherapy physics trainee about nine months from
 *   submission, with about forty items across all seven domains: most areas
 *   evidenced, a few left as gaps on purpose, items verified, waiting for
 *   review, with changes requested, and one changed since its verification.
 * - Owen Gallagher, a nuclear medicine trainee at an earlier stage.
 * - Hannah Reid, a diagnostic radiology trainee whose portfolio is complete:
 *   every area evidenced and verified, a summary statement, the mentor's
 *   declaration, submitted a week ago and assigned to the demo assessor
 *   (who has not assessed it yet). Given a data directory, three of her items
 *   carry a one-page PDF in the file store.
 * - A supervisor per specialism, each verifying only their own trainee's
 *   claims: Dr Daniel Okafor (radiotherapy physics, Priya), Dr Aisling Byrne
 *   (nuclear medicine, Owen) and Dr Marcus Webb (diagnostic radiology,
 *   Hannah); Dr Helen Achebe, the IPEM External Adviser of all three, who
 *   signed Hannah's declaration; an assessor and an admin, who set up
 *   two-factor sign-in when they first sign in.
 *
 * Every account has the password DEMO_PASSWORD. The texts are in
 * db/demo-content.ts. Dates are relative to `now`, so a fresh database always
 * gets the same portfolio. Running it again does nothing: the demo trainee's
 * email marks the demo as present.
 *
 * Review history goes through the same model functions the app uses
 * (sendForReview, decideClaims, addComment, recordRevisionAfterSave,
 * signDeclaration, createSubmission, assignAssessor), and each saved item is
 * scanned for patient-identifiable information. No notifications or e-mails
 * are created (the feedback requests to Priya's colleagues are removed from the outbox once answered), and the submission's PDF is left to be made when first
 * downloaded.
 */
import path from 'node:path'
import { desc, eq, inArray } from 'drizzle-orm'
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { passwordProblem } from '../../app/auth/password-policy'
import { evidenceSchema, type EvidenceInput } from '../../app/evidence/form'
import { scanEvidence } from '../../app/evidence/scan'
import { toWinAnsi, wrapText } from './standard-font-text'
import { storeBytes } from '../../app/files/store.server'
import { assignAssessor } from '../../app/models/assessor-link.server'
import { recordAudit } from '../../app/models/audit.server'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { createEvidence, updateEvidence, type NewAttachment } from '../../app/models/evidence.server'
import {
  answerFeedback,
  createRound,
  declineFeedback,
  linkReflection,
  releaseRound,
} from '../../app/models/feedback.server'
import { acceptInvitation, createInvitation } from '../../app/models/mentor.server'
import { acknowledgeFinding, keepOnlyFields, listPiiFindings, recordPiiFindings } from '../../app/models/pii.server'
import {
  addComment,
  decideClaims,
  recordRevisionAfterSave,
  sendForReview,
  signDeclaration,
} from '../../app/models/review.server'
import { getSubmission, listSubmissions, setSummaryStatement } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import { ensureSubmissionPdf } from '../../app/submission/pdf-service.server'
import { setSpecialism } from '../../app/models/roles.server'
import { createTrainee, createUser, emailTaken, getUserByEmail, type User } from '../../app/models/user.server'
import { saveMembershipRow, savePostRow, saveQualificationRow } from '../../app/models/record.server'
import { firstOverload } from '../../app/record/experience'
import { membershipSchema, postSchema, qualificationSchema } from '../../app/record/form'
import { readEnv } from '../../app/utils/env.server'
import { hashPassword } from '../../app/utils/password.server'
import { closeDatabase, type Db } from '../client'
import { emailOutbox } from '../schema'
import {
  DEMO_ADMIN,
  DEMO_FEEDBACK,
  DEMO_ASSESSOR,
  DEMO_MENTOR,
  DEMO_NM_SUPERVISOR,
  DEMO_DR_SUPERVISOR,
  DEMO_ADVISER,
  DEMO_PASSWORD,
  DEMO_SECOND_TRAINEE,
  DEMO_SUBMISSION_DAYS_AGO,
  DEMO_SUBMITTED_TRAINEE,
  DEMO_TRAINEE,
  HANNAH_ITEMS,
  HANNAH_RECORD,
  HANNAH_SUMMARY_STATEMENT,
  OWEN_ITEMS,
  OWEN_RECORD,
  PRIYA_ITEMS,
  PRIYA_RECORD,
  type DemoAttachment,
  type DemoComment,
  type DemoItem,
  type DemoRecord,
  type DemoText,
  type DemoTraineeProfile,
} from './demo-content'
import type { MentorRole, Role, Specialism } from '../schema'
import { prepareDatabase } from '../setup'

export { DEMO_PASSWORD } from './demo-content'

const DAY_MS = 86_400_000
const INVITATION_TTL_MS = 14 * DAY_MS

export interface DemoLogin {
  role: Role
  name: string
  email: string
  note: string
}

export interface DemoResult {
  /** False when the demo was already there and nothing was done. */
  created: boolean
  password: string
  logins: DemoLogin[]
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    role: 'trainee',
    ...pick(DEMO_TRAINEE),
    note: `radiotherapy physics, ${PRIYA_ITEMS.length} items, submits in ${DEMO_TRAINEE.targetMonthsAhead} months`,
  },
  { role: 'trainee', ...pick(DEMO_SECOND_TRAINEE), note: `nuclear medicine, ${OWEN_ITEMS.length} items, early stage` },
  {
    role: 'trainee',
    ...pick(DEMO_SUBMITTED_TRAINEE),
    note: `diagnostic radiology, ${HANNAH_ITEMS.length} items, submitted and assigned to the assessor`,
  },
  {
    role: 'mentor',
    ...pick(DEMO_MENTOR),
    note: `supervisor of ${DEMO_TRAINEE.name} (radiotherapy physics); items wait in /mentor/reviews`,
  },
  { role: 'mentor', ...pick(DEMO_NM_SUPERVISOR), note: `supervisor of ${DEMO_SECOND_TRAINEE.name} (nuclear medicine)` },
  {
    role: 'mentor',
    ...pick(DEMO_DR_SUPERVISOR),
    note: `supervisor of ${DEMO_SUBMITTED_TRAINEE.name} (diagnostic radiology)`,
  },
  {
    role: 'mentor',
    ...pick(DEMO_ADVISER),
    note: 'IPEM External Adviser of the three trainees; signs their declarations',
  },
  {
    role: 'assessor',
    ...pick(DEMO_ASSESSOR),
    note: `sets up two-factor sign-in at first sign-in; ${DEMO_SUBMITTED_TRAINEE.name}'s submission waits in /assessor`,
  },
  { role: 'admin', ...pick(DEMO_ADMIN), note: 'sets up two-factor sign-in at first sign-in' },
]

function pick({ name, email }: { name: string; email: string }) {
  return { name, email }
}

/** Times in the demo's past: `daysAgo(3.5)` is three and a half days before `now`. */
function clock(now: Date) {
  const daysAgo = (days: number) => new Date(now.getTime() - Math.round(days * DAY_MS))
  const isoDay = (days: number) => daysAgo(days).toISOString().slice(0, 10)
  const monthsAhead = (months: number) => {
    const d = new Date(now.getTime())
    d.setUTCMonth(d.getUTCMonth() + months)
    return d.toISOString().slice(0, 10)
  }
  return { daysAgo, isoDay, monthsAhead }
}
type Clock = ReturnType<typeof clock>

/** The item's text as the evidence form would submit it, validated by the same schema. */
function toInput(item: DemoItem, text: DemoText, c: Clock): EvidenceInput {
  const parsed = evidenceSchema.safeParse({
    title: text.title,
    activityStart: c.isoDay(item.startDaysAgo),
    activityEnd: item.days ? c.isoDay(item.startDaysAgo - item.days) : '',
    evidenceType: item.evidenceType,
    role: item.role,
    description: text.description,
    reflection: text.reflection,
    claims: text.claims.map((claim) => ({
      area: claim.area,
      statement: claim.statement,
      competencies: claim.competencies ?? [],
    })),
  })
  if (!parsed.success)
    throw new Error(
      `Demo item "${item.key}" is not valid evidence: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  return parsed.data
}

/** Scans the saved item as the evidence form does; the demo has no open finding (an item may acknowledge one). */
function scanAndRecord(db: Db, trainee: User, id: number, item: DemoItem, input: EvidenceInput, at: Date) {
  const scanned = scanEvidence(input)
  recordPiiFindings(db, id, scanned, at)
  keepOnlyFields(
    db,
    id,
    scanned.map((s) => s.field),
  )
  const open = listPiiFindings(db, id).filter((f) => f.status === 'open')
  if (item.acknowledgeFinding) {
    if (open.length > 1)
      throw new Error(`Demo item "${item.key}" has ${open.length} possible patient identifiers; it should have one`)
    for (const finding of open) {
      acknowledgeFinding(db, trainee.id, id, finding.id, item.acknowledgeFinding, new Date(at.getTime() + 3_600_000))
    }
  } else if (open.length > 0) {
    throw new Error(
      `Demo item "${item.key}" has possible patient identifiers: ${open.map((f) => `${f.kind} ${f.maskedText}`).join(', ')}`,
    )
  }
}

interface People {
  mentor: User
}

/**
 * When the item is logged (a few days after the activity ended), sent for
 * review and decided on (each a few days later), in days before `now`; and
 * when the last comment on the decision is made.
 */
function reviewDays(item: DemoItem) {
  const endDaysAgo = item.startDaysAgo - (item.days ?? 0)
  const createdAgo = Math.max(endDaysAgo - 3, 4)
  const sentAgo = 'sentDaysAgo' in item.review ? item.review.sentDaysAgo : Math.max(createdAgo - 5, 3)
  const decidedAgo = Math.max(sentAgo - 8, 1.5)
  const thread =
    item.review.status === 'changes'
      ? item.review.thread
      : item.review.status === 'verified'
        ? (item.review.comments ?? [])
        : []
  const lastCommentAgo = Math.min(decidedAgo, ...thread.map((comment) => decidedAgo - comment.daysAfterDecision))
  return { createdAgo, sentAgo, decidedAgo, lastCommentAgo }
}

function seedItem(
  db: Db,
  trainee: User,
  people: People,
  item: DemoItem,
  c: Clock,
  files: NewAttachment[] = [],
): number {
  const { createdAgo, sentAgo, decidedAgo } = reviewDays(item)
  const input = toInput(item, item, c)
  const createdAt = c.daysAgo(createdAgo)
  const id = createEvidence(db, trainee.id, input, files, createdAt)
  scanAndRecord(db, trainee, id, item, input, createdAt)

  const review = item.review
  if (review.status === 'draft') return id

  if (sentAgo >= createdAgo) throw new Error(`Demo item "${item.key}" is sent for review before it was created`)
  const sent = sendForReview(db, trainee.id, [id], c.daysAgo(sentAgo))
  if (!sent.sent.includes(id))
    throw new Error(`Demo item "${item.key}" could not be sent for review: ${sent.refused[0]?.reason}`)
  if (review.status === 'awaiting') return id

  const decidedAt = c.daysAgo(decidedAgo)
  const codes = input.claims.map((claim) => claim.area)
  const verify = review.status === 'partly' || review.status === 'changes' ? review.verify : codes
  const decisions = [
    ...verify.map((areaCode) => ({ areaCode, decision: 'verified' as const, comment: '' })),
    ...(review.status === 'changes'
      ? review.changes.map((ch) => ({ areaCode: ch.area, decision: 'changes_requested' as const, comment: ch.comment }))
      : []),
  ]
  for (const d of decisions)
    if (!codes.includes(d.areaCode))
      throw new Error(`Demo item "${item.key}" decides on ${d.areaCode}, which it does not claim`)
  decideClaims(db, people.mentor.id, id, 1, decisions, decidedAt)

  const thread: DemoComment[] =
    review.status === 'changes' ? review.thread : review.status === 'verified' ? (review.comments ?? []) : []
  let parentId: number | null = null
  for (const comment of thread) {
    const commentId: number = addComment(
      db,
      {
        evidenceId: id,
        authorId: comment.by === 'mentor' ? people.mentor.id : trainee.id,
        parentId,
        body: comment.body,
        forAssessor: comment.by === 'mentor' && comment.forAssessor === true,
      },
      new Date(decidedAt.getTime() + comment.daysAfterDecision * DAY_MS + 3_600_000),
    )
    parentId ??= commentId
  }

  if (review.status === 'revised') {
    if (review.editedDaysAgo >= decidedAgo) throw new Error(`Demo item "${item.key}" is edited before it was reviewed`)
    const editedAt = c.daysAgo(review.editedDaysAgo)
    const edited = toInput(item, { ...item, ...review.edit }, c)
    if (!updateEvidence(db, trainee.id, id, edited, {}, editedAt))
      throw new Error(`Demo item "${item.key}" could not be edited`)
    scanAndRecord(db, trainee, id, item, edited, editedAt)
    recordRevisionAfterSave(db, id, editedAt)
  }
  return id
}

/**
 * Priya's released round of multi-source feedback: ten colleagues asked, eight answers, one refusal, one silence;
 * the item `DEMO_FEEDBACK.itemKey` is her reflection on it. Answers go through the same model functions as the
 * rater's form, by the links e-mailed to the colleagues; the comments are shuffled at release with a fixed seed, so
 * every demo reads the same.
 */
function seedFeedbackRound(db: Db, trainee: User, evidenceId: number, c: Clock) {
  const roundId = createRound(
    db,
    {
      traineeId: trainee.id,
      traineeName: trainee.name,
      areaCodes: DEMO_FEEDBACK.areas,
      raters: DEMO_FEEDBACK.raters.map(({ email, relationship }) => ({ email, relationship })),
    },
    c.daysAgo(DEMO_FEEDBACK.startedDaysAgo),
    { publicUrl: null },
  )
  const linkOf = (email: string) => {
    const row = db
      .select({ body: emailOutbox.body })
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, email))
      .orderBy(desc(emailOutbox.id))
      .get()
    const token = /\/f\/([A-Za-z0-9_-]{43})/.exec(row?.body ?? '')?.[1]
    if (!token) throw new Error(`Demo feedback: no link e-mailed to ${email}`)
    return token
  }
  for (const [i, rater] of DEMO_FEEDBACK.raters.entries()) {
    const at = c.daysAgo(DEMO_FEEDBACK.startedDaysAgo - 2 - i * 2)
    const outcome =
      rater.answer === 'declined'
        ? declineFeedback(db, linkOf(rater.email), at)
        : rater.answer === 'silent'
          ? 'open'
          : answerFeedback(db, linkOf(rater.email), rater.answer, at)
    if (outcome !== 'open') throw new Error(`Demo feedback from ${rater.email} was refused: ${outcome}`)
  }
  let seed = 20240611
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed % n
  }
  const released = releaseRound(db, trainee.id, roundId, c.daysAgo(DEMO_FEEDBACK.releasedDaysAgo), { random })
  if (!released.ok) throw new Error(`Demo feedback round not released: ${released.reason}`)
  if (!linkReflection(db, trainee.id, roundId, evidenceId)) throw new Error('Demo feedback: reflection not linked')
  // The colleagues are invented: their requests are not left in the outbox for a real server to try to send.
  db.delete(emailOutbox)
    .where(
      inArray(
        emailOutbox.toAddress,
        DEMO_FEEDBACK.raters.map((r) => r.email),
      ),
    )
    .run()
}

function createDemoTrainee(db: Db, profile: DemoTraineeProfile, passwordHash: string, c: Clock): User {
  return createTrainee(
    db,
    { email: profile.email, name: profile.name, passwordHash },
    {
      specialism: profile.specialism,
      employer: profile.employer,
      targetSubmissionDate: c.monthsAhead(profile.targetMonthsAhead),
    },
    c.daysAgo(profile.joinedDaysAgo),
  )
}

/** The trainee's experience and training record, each entry checked by the form's own schema. */
function seedRecord(db: Db, trainee: User, record: DemoRecord, c: Clock) {
  const today = c.isoDay(0)
  const month = (ago: number | null) => (ago === null ? '' : c.monthsAhead(-ago))
  const at = c.daysAgo(1)
  const check = <T>(result: { success: true; data: T } | { success: false; error: { message: string } }) => {
    if (!result.success) throw new Error(`A demo record entry of ${trainee.email} is refused: ${result.error.message}`)
    return result.data
  }
  const posts = record.posts.map((p) =>
    check(
      postSchema(today).safeParse({
        ...p,
        startDate: month(p.startMonthsAgo),
        endDate: month(p.endMonthsAgo),
        fraction: String(p.fractionPercent / 100),
        supervisedPractice: p.supervisedPractice ? 'on' : '',
      }),
    ),
  )
  const overload = firstOverload(
    posts.map((p) => ({ ...p, fractionPercent: p.fraction, supervisedPractice: p.supervisedPractice })),
  )
  if (overload) throw new Error(`The demo posts of ${trainee.email} overlap beyond full time from ${overload.from}`)
  for (const post of posts) savePostRow(db, trainee.id, post, undefined, at)
  for (const q of record.qualifications) {
    const input = check(
      qualificationSchema(today).safeParse({
        ...q,
        startDate: month(q.startMonthsAgo),
        endDate: month(q.endMonthsAgo),
      }),
    )
    saveQualificationRow(db, trainee.id, input, undefined, at)
  }
  for (const m of record.memberships) {
    const input = check(membershipSchema(today).safeParse({ ...m, since: month(m.sinceMonthsAgo) }))
    saveMembershipRow(db, trainee.id, input, undefined, at)
  }
}

/** The trainee invites the mentor, as supervisor or External Adviser, and the mentor accepts, as through the link. */
function linkMentor(
  db: Db,
  trainee: User,
  profile: DemoTraineeProfile,
  mentor: User,
  c: Clock,
  role: MentorRole = 'supervisor',
) {
  // The External Adviser is appointed a little after the supervisor.
  const linkedAgo = role === 'supervisor' ? profile.mentorLinkedDaysAgo : profile.mentorLinkedDaysAgo - 1
  const invitation = createInvitation(
    db,
    {
      traineeId: trainee.id,
      note: role === 'supervisor' ? 'Clinical supervisor' : 'IPEM External Adviser',
      ttlMs: INVITATION_TTL_MS,
      role,
    },
    c.daysAgo(linkedAgo + 2),
  )
  const outcome = acceptInvitation(db, invitation.token, mentor.id, c.daysAgo(linkedAgo))
  if (!outcome.ok) throw new Error(`The demo mentor could not be linked to ${trainee.email}: ${outcome.reason}`)
}

/** Each item's attachments, already in the file store. */
type Attachments = ReadonlyMap<DemoItem, NewAttachment[]>

const A4: [number, number] = [595.28, 841.89]
const PDF_MARGIN = 56

/** A plain A4 document of the attachment's text, dated `at`. */
async function makeAttachmentPdf(doc: DemoAttachment, at: Date): Promise<{ bytes: Uint8Array; pages: number }> {
  const pdf = await PDFDocument.create()
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  pdf.setTitle(doc.title)
  pdf.setCreator('Attain demo')
  pdf.setProducer('Attain demo')
  pdf.setCreationDate(at)
  pdf.setModificationDate(at)
  let page = pdf.addPage(A4)
  let y = A4[1] - PDF_MARGIN
  const write = (text: string, font: PDFFont, size: number, spaceBefore: number) => {
    y -= spaceBefore
    for (const line of wrapText(toWinAnsi(text), A4[0] - 2 * PDF_MARGIN, (s) => font.widthOfTextAtSize(s, size))) {
      const height = size * 1.4
      if (y - height < PDF_MARGIN) {
        page = pdf.addPage(A4)
        y = A4[1] - PDF_MARGIN
      }
      y -= height
      page.drawText(line, { x: PDF_MARGIN, y, size, font })
    }
  }
  write(doc.title, bold, 14, 0)
  for (const paragraph of doc.paragraphs) {
    if (paragraph.startsWith('## ')) write(paragraph.slice(3), bold, 11, 10)
    else write(paragraph, regular, 10, 4)
  }
  return { bytes: await pdf.save(), pages: pdf.getPageCount() }
}

/**
 * Makes the items' attachments and puts them in the file store, as an upload
 * would, before the seeding transaction (which must stay synchronous).
 */
async function storeAttachments(dataDir: string, items: readonly DemoItem[], c: Clock): Promise<Attachments> {
  const stored = new Map<DemoItem, NewAttachment[]>()
  for (const item of items) {
    if (!item.attachment) continue
    const { bytes, pages } = await makeAttachmentPdf(item.attachment, c.daysAgo(reviewDays(item).createdAgo))
    const sha256 = await storeBytes(dataDir, bytes)
    stored.set(item, [
      {
        sha256,
        size: bytes.length,
        mediaType: 'application/pdf',
        pageCount: pages,
        pagesExact: true,
        originalName: item.attachment.originalName,
      },
    ])
  }
  return stored
}

interface Staff {
  adviser: User
  assessor: User
  admin: User
}

/**
 * The submitted trainee's last steps, as in the app: the summary statement,
 * the mentor's declaration, the submission (refused if the coverage report
 * has blockers), and the admin assigning the assessor.
 */
function submitPortfolio(db: Db, trainee: User, staff: Staff, c: Clock) {
  const days = DEMO_SUBMISSION_DAYS_AGO
  const lateItem = HANNAH_ITEMS.find(
    (item) => item.review.status !== 'verified' || reviewDays(item).lastCommentAgo <= days.declaration + 1,
  )
  if (lateItem)
    throw new Error(
      `Demo item "${lateItem.key}" must be verified, with its comments made, at least a day before the declaration`,
    )
  setSummaryStatement(db, trainee.id, HANNAH_SUMMARY_STATEMENT, c.daysAgo(days.summaryStatement))
  signDeclaration(db, staff.adviser.id, trainee.id, MENTOR_DECLARATION.text, c.daysAgo(days.declaration))
  const outcome = createSubmission(db, trainee.id, c.daysAgo(days.submitted))
  if (!outcome.ok) {
    const why =
      outcome.reason === 'blockers' ? outcome.blockers.map((b) => b.message).join(' ') : 'no mentor declaration stands'
    throw new Error(`The demo portfolio of ${trainee.email} could not be submitted: ${why}`)
  }
  assignAssessor(db, outcome.id, staff.assessor.id, staff.admin.id, c.daysAgo(days.assigned))
  return outcome
}

function seedEverything(db: Db, passwordHash: string, now: Date, attachments: Attachments) {
  const c = clock(now)
  const latestLink = Math.max(
    DEMO_TRAINEE.mentorLinkedDaysAgo,
    DEMO_SECOND_TRAINEE.mentorLinkedDaysAgo,
    DEMO_SUBMITTED_TRAINEE.mentorLinkedDaysAgo,
  )
  const admin = createUser(
    db,
    { ...pick(DEMO_ADMIN), role: 'admin', passwordHash },
    c.daysAgo(DEMO_TRAINEE.joinedDaysAgo + 30),
  )
  const priya = createDemoTrainee(db, DEMO_TRAINEE, passwordHash, c)
  const owen = createDemoTrainee(db, DEMO_SECOND_TRAINEE, passwordHash, c)
  const hannah = createDemoTrainee(db, DEMO_SUBMITTED_TRAINEE, passwordHash, c)
  const staffMember = (person: { name: string; email: string }, specialism: Specialism) => {
    const user = createUser(db, { ...pick(person), role: 'mentor', passwordHash }, c.daysAgo(latestLink + 0.5))
    setSpecialism(db, user.id, specialism, c.daysAgo(latestLink + 0.5))
    return user
  }
  const mentor = staffMember(DEMO_MENTOR, 'radiotherapy-physics')
  const nmSupervisor = staffMember(DEMO_NM_SUPERVISOR, 'nuclear-medicine')
  const drSupervisor = staffMember(DEMO_DR_SUPERVISOR, 'diagnostic-radiology')
  const adviser = staffMember(DEMO_ADVISER, 'radiation-protection')
  const assessor = createUser(db, { ...pick(DEMO_ASSESSOR), role: 'assessor', passwordHash }, c.daysAgo(60))
  linkMentor(db, priya, DEMO_TRAINEE, mentor, c)
  linkMentor(db, owen, DEMO_SECOND_TRAINEE, nmSupervisor, c)
  linkMentor(db, hannah, DEMO_SUBMITTED_TRAINEE, drSupervisor, c)
  for (const [trainee, profile] of [
    [priya, DEMO_TRAINEE],
    [owen, DEMO_SECOND_TRAINEE],
    [hannah, DEMO_SUBMITTED_TRAINEE],
  ] as const)
    linkMentor(db, trainee, profile, adviser, c, 'external-adviser')
  seedRecord(db, priya, PRIYA_RECORD, c)
  seedRecord(db, owen, OWEN_RECORD, c)
  seedRecord(db, hannah, HANNAH_RECORD, c)
  // Each trainee's claims are verified by the supervisor of their own specialism.
  const priyaIds = new Map(PRIYA_ITEMS.map((item) => [item.key, seedItem(db, priya, { mentor }, item, c)]))
  seedFeedbackRound(db, priya, priyaIds.get(DEMO_FEEDBACK.itemKey)!, c)
  for (const item of OWEN_ITEMS) seedItem(db, owen, { mentor: nmSupervisor }, item, c)
  for (const item of HANNAH_ITEMS) seedItem(db, hannah, { mentor: drSupervisor }, item, c, attachments.get(item))
  const submission = submitPortfolio(db, hannah, { adviser, assessor, admin }, c)
  recordAudit(db, {
    actorId: null,
    action: 'demo.seeded',
    detail: {
      accounts: [priya, owen, hannah, mentor, nmSupervisor, drSupervisor, adviser, assessor, admin].map((u) => u.email),
      items: PRIYA_ITEMS.length + OWEN_ITEMS.length + HANNAH_ITEMS.length,
      attachments: [...attachments.values()].flat().length,
      submission: {
        id: submission.id,
        trainee: hannah.email,
        snapshotSha256: submission.snapshotSha256,
        assessor: assessor.email,
      },
    },
    at: now,
  })
}

export interface SeedDemoOptions {
  now?: Date
  /** A ready hash of DEMO_PASSWORD (hashing is slow). */
  passwordHash?: string
  /** The data directory whose file store receives the demo's attachments; without it, no item has an attachment. */
  dataDir?: string
}

/**
 * Seeds the demonstration accounts and portfolios, all or nothing. Does
 * nothing if the demo trainee's email is already taken (the demo is there);
 * refuses if only some of the demo addresses are. Attachments are written to
 * the file store first: if seeding then fails, they are left for the sweep of
 * unreferenced files.
 */
export async function seedDemo(
  db: Db,
  { now = new Date(), passwordHash, dataDir }: SeedDemoOptions = {},
): Promise<DemoResult> {
  const result = (created: boolean): DemoResult => ({
    created,
    password: DEMO_PASSWORD,
    logins: DEMO_LOGINS.map((l) => ({ ...l })),
  })
  if (emailTaken(db, DEMO_TRAINEE.email)) return result(false)
  for (const login of DEMO_LOGINS) {
    const problem = passwordProblem(DEMO_PASSWORD, { email: login.email, name: login.name })
    if (problem) throw new Error(`The demo password is refused for ${login.email}: ${problem}`)
  }
  const hash = passwordHash ?? (await hashPassword(DEMO_PASSWORD))
  // Checked again after the (slow) hash: another process may have seeded meanwhile.
  if (emailTaken(db, DEMO_TRAINEE.email)) return result(false)
  const taken = DEMO_LOGINS.filter((l) => emailTaken(db, l.email)).map((l) => l.email)
  if (taken.length > 0) {
    throw new Error(
      `Some demo addresses are already in use (${taken.join(', ')}) but the demo trainee is not: nothing was seeded.`,
    )
  }
  const attachments = dataDir
    ? await storeAttachments(dataDir, HANNAH_ITEMS, clock(now))
    : new Map<DemoItem, NewAttachment[]>()
  if (emailTaken(db, DEMO_TRAINEE.email)) return result(false)
  // Seeded through `db` itself: the same connection, so every write is inside this one transaction, and
  // createSubmission's coverage check gets the connection it needs.
  db.transaction(() => seedEverything(db, hash, now, attachments))
  // The summary PDF, as submitting in the app makes it, so the summary shows its real page count.
  if (dataDir) {
    const trainee = getUserByEmail(db, DEMO_SUBMITTED_TRAINEE.email)
    const submitted = trainee ? listSubmissions(db, trainee.id)[0] : undefined
    const submission = submitted ? getSubmission(db, submitted.id) : undefined
    // Made on this thread: seeding runs before the server listens, so no request waits for it.
    if (submission) await ensureSubmissionPdf(db, dataDir, submission, { inThisThread: true })
  }
  return result(true)
}

/** The logins as a plain-text table, with the shared password. */
export function formatDemoLogins(result: DemoResult): string {
  const rows = [['role', 'name', 'email', ''], ...result.logins.map((l) => [l.role, l.name, l.email, l.note])]
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => r[col]!.length)))
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd()
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    `Password for every demo account: ${result.password}`,
  ].join('\n')
}

/** A few lines on the main trainee's coverage and on the submission, to show the seeded portfolios' shape. */
function describeCoverage(db: Db, now: Date): string {
  const trainee = getUserByEmail(db, DEMO_TRAINEE.email)
  if (!trainee) return ''
  const { summary, areas } = coverageReportFor(db, trainee.id, now)
  const gaps = areas.filter((a) => a.status === 'not-evidenced').map((a) => a.code)
  return [
    `${DEMO_TRAINEE.name}: ${summary.items} items, ${summary.areasEvidenced}/${summary.areasTotal} areas evidenced, ${summary.areasVerified} verified, about ${summary.pages.total} pages.`,
    `Not evidenced yet: ${gaps.join(', ') || 'none'}. Coverage report: ${summary.blockers} blockers, ${summary.warnings} warnings, ${summary.advice} advice.`,
    describeSubmission(db, now),
  ].join('\n')
}

/** A line on the submitted trainee's submission, which the demo assessor has to assess. */
function describeSubmission(db: Db, now: Date): string {
  const trainee = getUserByEmail(db, DEMO_SUBMITTED_TRAINEE.email)
  const submission = trainee ? listSubmissions(db, trainee.id)[0] : undefined
  if (!trainee || !submission) return ''
  const { summary } = coverageReportFor(db, trainee.id, now)
  return `${trainee.name}: ${summary.items} items, ${summary.areasVerified}/${summary.areasTotal} areas verified; submission ${submission.number} (/submissions/${submission.id}) is assigned to ${DEMO_ASSESSOR.name}.`
}

async function main() {
  const env = readEnv()
  const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs })
  try {
    const now = new Date()
    const result = await seedDemo(db, { now, dataDir: env.dataDir })
    console.log(
      result.created
        ? `Demo seeded into ${env.databasePath}`
        : `Demo already present in ${env.databasePath}: nothing was changed.`,
    )
    console.log(describeCoverage(db, now))
    console.log('')
    console.log(formatDemoLogins(result))
  } finally {
    closeDatabase(db)
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
