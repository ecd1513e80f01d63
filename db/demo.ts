/**
 * `npm run demo`: seeds a demonstration portfolio into the configured
 * database (DATA_DIR / DATABASE_PATH), for showing Attain to people.
 *
 * - Priya Sharma, a radiotherapy physics trainee about nine months from
 *   submission, with about forty items across all seven domains: most areas
 *   evidenced, a few left as gaps on purpose, items verified, waiting for
 *   review, with changes requested, and one changed since its verification.
 * - Owen Gallagher, a nuclear medicine trainee at an earlier stage.
 * - Dr Daniel Okafor, mentor to both; an assessor and an admin, who set up
 *   two-factor sign-in when they first sign in.
 *
 * Every account has the password DEMO_PASSWORD. The texts are in
 * db/demo-content.ts. Dates are relative to `now`, so a fresh database always
 * gets the same portfolio. Running it again does nothing: the demo trainee's
 * email marks the demo as present.
 *
 * Review history goes through the same model functions the app uses
 * (sendForReview, decideClaims, addComment, recordRevisionAfterSave), and each
 * saved item is scanned for patient-identifiable information. No
 * notifications or e-mails are created.
 */
import path from 'node:path'
import { passwordProblem } from '../app/auth/password-policy'
import { evidenceSchema, type EvidenceInput } from '../app/evidence/form'
import { scanEvidence } from '../app/evidence/scan'
import { recordAudit } from '../app/models/audit.server'
import { coverageReportFor } from '../app/models/coverage.server'
import { createEvidence, updateEvidence } from '../app/models/evidence.server'
import { acceptInvitation, createInvitation } from '../app/models/mentor.server'
import { acknowledgeFinding, keepOnlyFields, listPiiFindings, recordPiiFindings } from '../app/models/pii.server'
import { addComment, decideClaims, recordRevisionAfterSave, sendForReview } from '../app/models/review.server'
import { createTrainee, createUser, emailTaken, getUserByEmail, type User } from '../app/models/user.server'
import { readEnv } from '../app/utils/env.server'
import { hashPassword } from '../app/utils/password.server'
import { closeDatabase, type Db } from './client'
import {
  DEMO_ADMIN,
  DEMO_ASSESSOR,
  DEMO_MENTOR,
  DEMO_PASSWORD,
  DEMO_SECOND_TRAINEE,
  DEMO_TRAINEE,
  OWEN_ITEMS,
  PRIYA_ITEMS,
  type DemoComment,
  type DemoItem,
  type DemoText,
  type DemoTraineeProfile,
} from './demo-content'
import type { Role } from './schema'
import { prepareDatabase } from './setup'

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
  { role: 'trainee', ...pick(DEMO_TRAINEE), note: `radiotherapy physics, ${PRIYA_ITEMS.length} items, submits in ${DEMO_TRAINEE.targetMonthsAhead} months` },
  { role: 'trainee', ...pick(DEMO_SECOND_TRAINEE), note: `nuclear medicine, ${OWEN_ITEMS.length} items, early stage` },
  { role: 'mentor', ...pick(DEMO_MENTOR), note: 'mentor of both trainees; items wait in /mentor/reviews' },
  { role: 'assessor', ...pick(DEMO_ASSESSOR), note: 'sets up two-factor sign-in at first sign-in' },
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
    claims: text.claims.map((claim) => ({ area: claim.area, statement: claim.statement, competencies: claim.competencies ?? [] })),
  })
  if (!parsed.success) throw new Error(`Demo item "${item.key}" is not valid evidence: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

/** Scans the saved item as the evidence form does; the demo has no open finding, only one acknowledged. */
function scanAndRecord(db: Db, trainee: User, id: number, item: DemoItem, input: EvidenceInput, at: Date) {
  const scanned = scanEvidence(input)
  recordPiiFindings(db, id, scanned, at)
  keepOnlyFields(db, id, scanned.map((s) => s.field))
  const open = listPiiFindings(db, id).filter((f) => f.status === 'open')
  if (item.acknowledgeFinding) {
    if (open.length > 1) throw new Error(`Demo item "${item.key}" has ${open.length} possible patient identifiers; it should have one`)
    for (const finding of open) {
      acknowledgeFinding(db, trainee.id, id, finding.id, item.acknowledgeFinding, new Date(at.getTime() + 3_600_000))
    }
  } else if (open.length > 0) {
    throw new Error(`Demo item "${item.key}" has possible patient identifiers: ${open.map((f) => `${f.kind} ${f.maskedText}`).join(', ')}`)
  }
}

interface People {
  mentor: User
}

function seedItem(db: Db, trainee: User, people: People, item: DemoItem, c: Clock): number {
  const endDaysAgo = item.startDaysAgo - (item.days ?? 0)
  // Logged a few days after the activity ended; then sent, then reviewed, each a few days later.
  const createdAgo = Math.max(endDaysAgo - 3, 4)
  const input = toInput(item, item, c)
  const createdAt = c.daysAgo(createdAgo)
  const id = createEvidence(db, trainee.id, input, [], createdAt)
  scanAndRecord(db, trainee, id, item, input, createdAt)

  const review = item.review
  if (review.status === 'draft') return id

  const sentAgo = 'sentDaysAgo' in review ? review.sentDaysAgo : Math.max(createdAgo - 5, 3)
  if (sentAgo >= createdAgo) throw new Error(`Demo item "${item.key}" is sent for review before it was created`)
  const sent = sendForReview(db, trainee.id, [id], c.daysAgo(sentAgo))
  if (!sent.sent.includes(id)) throw new Error(`Demo item "${item.key}" could not be sent for review: ${sent.refused[0]?.reason}`)
  if (review.status === 'awaiting') return id

  const decidedAgo = Math.max(sentAgo - 8, 1.5)
  const decidedAt = c.daysAgo(decidedAgo)
  const codes = input.claims.map((claim) => claim.area)
  const verify = review.status === 'partly' || review.status === 'changes' ? review.verify : codes
  const decisions = [
    ...verify.map((areaCode) => ({ areaCode, decision: 'verified' as const, comment: '' })),
    ...(review.status === 'changes' ? review.changes.map((ch) => ({ areaCode: ch.area, decision: 'changes_requested' as const, comment: ch.comment })) : []),
  ]
  for (const d of decisions) if (!codes.includes(d.areaCode)) throw new Error(`Demo item "${item.key}" decides on ${d.areaCode}, which it does not claim`)
  decideClaims(db, people.mentor.id, id, 1, decisions, decidedAt)

  const thread: DemoComment[] = review.status === 'changes' ? review.thread : review.status === 'verified' ? (review.comments ?? []) : []
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
    if (!updateEvidence(db, trainee.id, id, edited, {}, editedAt)) throw new Error(`Demo item "${item.key}" could not be edited`)
    scanAndRecord(db, trainee, id, item, edited, editedAt)
    recordRevisionAfterSave(db, id, editedAt)
  }
  return id
}

function createDemoTrainee(db: Db, profile: DemoTraineeProfile, passwordHash: string, c: Clock): User {
  return createTrainee(
    db,
    { email: profile.email, name: profile.name, passwordHash },
    { specialism: profile.specialism, employer: profile.employer, targetSubmissionDate: c.monthsAhead(profile.targetMonthsAhead) },
    c.daysAgo(profile.joinedDaysAgo),
  )
}

/** The trainee invites the mentor and the mentor accepts, as through the invitation link. */
function linkMentor(db: Db, trainee: User, profile: DemoTraineeProfile, mentor: User, c: Clock) {
  const invitation = createInvitation(
    db,
    { traineeId: trainee.id, note: 'Clinical supervisor', ttlMs: INVITATION_TTL_MS },
    c.daysAgo(profile.mentorLinkedDaysAgo + 2),
  )
  const outcome = acceptInvitation(db, invitation.token, mentor.id, c.daysAgo(profile.mentorLinkedDaysAgo))
  if (!outcome.ok) throw new Error(`The demo mentor could not be linked to ${trainee.email}: ${outcome.reason}`)
}

function seedEverything(db: Db, passwordHash: string, now: Date) {
  const c = clock(now)
  const latestLink = Math.max(DEMO_TRAINEE.mentorLinkedDaysAgo, DEMO_SECOND_TRAINEE.mentorLinkedDaysAgo)
  const admin = createUser(db, { ...pick(DEMO_ADMIN), role: 'admin', passwordHash }, c.daysAgo(DEMO_TRAINEE.joinedDaysAgo + 30))
  const priya = createDemoTrainee(db, DEMO_TRAINEE, passwordHash, c)
  const owen = createDemoTrainee(db, DEMO_SECOND_TRAINEE, passwordHash, c)
  const mentor = createUser(db, { ...pick(DEMO_MENTOR), role: 'mentor', passwordHash }, c.daysAgo(latestLink + 0.5))
  const assessor = createUser(db, { ...pick(DEMO_ASSESSOR), role: 'assessor', passwordHash }, c.daysAgo(60))
  linkMentor(db, priya, DEMO_TRAINEE, mentor, c)
  linkMentor(db, owen, DEMO_SECOND_TRAINEE, mentor, c)
  const people = { mentor }
  for (const item of PRIYA_ITEMS) seedItem(db, priya, people, item, c)
  for (const item of OWEN_ITEMS) seedItem(db, owen, people, item, c)
  recordAudit(db, {
    actorId: null,
    action: 'demo.seeded',
    detail: {
      accounts: [priya, owen, mentor, assessor, admin].map((u) => u.email),
      items: PRIYA_ITEMS.length + OWEN_ITEMS.length,
    },
    at: now,
  })
}

/**
 * Seeds the demonstration accounts and portfolios, all or nothing. Does
 * nothing if the demo trainee's email is already taken (the demo is there);
 * refuses if only some of the demo addresses are.
 */
export async function seedDemo(db: Db, { now = new Date(), passwordHash }: { now?: Date; passwordHash?: string } = {}): Promise<DemoResult> {
  const result = (created: boolean): DemoResult => ({ created, password: DEMO_PASSWORD, logins: DEMO_LOGINS.map((l) => ({ ...l })) })
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
    throw new Error(`Some demo addresses are already in use (${taken.join(', ')}) but the demo trainee is not: nothing was seeded.`)
  }
  db.transaction((tx) => seedEverything(tx as unknown as Db, hash, now))
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
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '', `Password for every demo account: ${result.password}`].join('\n')
}

/** A few lines on the main trainee's coverage, to show the seeded portfolio's shape. */
function describeCoverage(db: Db, now: Date): string {
  const trainee = getUserByEmail(db, DEMO_TRAINEE.email)
  if (!trainee) return ''
  const { summary, areas } = coverageReportFor(db, trainee.id, now)
  const gaps = areas.filter((a) => a.status === 'not-evidenced').map((a) => a.code)
  return [
    `${DEMO_TRAINEE.name}: ${summary.items} items, ${summary.areasEvidenced}/${summary.areasTotal} areas evidenced, ${summary.areasVerified} verified, about ${summary.pages.total} pages.`,
    `Not evidenced yet: ${gaps.join(', ') || 'none'}. Coverage report: ${summary.blockers} blockers, ${summary.warnings} warnings, ${summary.advice} advice.`,
  ].join('\n')
}

async function main() {
  const env = readEnv()
  const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs })
  try {
    const now = new Date()
    const result = await seedDemo(db, { now })
    console.log(result.created ? `Demo seeded into ${env.databasePath}` : `Demo already present in ${env.databasePath}: nothing was changed.`)
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
