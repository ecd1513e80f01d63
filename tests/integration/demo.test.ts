import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MENTOR_DECLARATION } from '../../competences/declaration'
import { defaultFramework } from '../../competences/index'
import { DEMO_LOGINS, formatDemoLogins, seedDemo, type DemoResult } from '../../db/scripts/demo'
import {
  DEMO_ADMIN,
  DEMO_ASSESSOR,
  DEMO_ADVISER,
  DEMO_DR_SUPERVISOR,
  DEMO_MENTOR,
  DEMO_NM_SUPERVISOR,
  DEMO_PASSWORD,
  DEMO_PLANNED_GAPS,
  DEMO_SECOND_TRAINEE,
  DEMO_SUBMISSION_DAYS_AGO,
  DEMO_SUBMITTED_TRAINEE,
  DEMO_TRAINEE,
  HANNAH_ITEMS,
  HANNAH_SUMMARY_STATEMENT,
  OWEN_ITEMS,
  PRIYA_ITEMS,
  type DemoItem,
} from '../../db/scripts/demo-content'
import { filePath } from '../../app/files/store.server'
import { passwordProblem } from '../../app/auth/password-policy'
import { wordCount } from '../../app/evidence/form'
import { verifyAuditTrail } from '../../app/models/audit.server'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { getEvidence, listEvidence } from '../../app/models/evidence.server'
import { listTraineesOfMentor } from '../../app/models/mentor.server'
import { feedbackForEvidence, listRounds } from '../../app/models/feedback.server'
import { getSpecialism } from '../../app/models/roles.server'
import { listPiiFindings } from '../../app/models/pii.server'
import { currentDeclaration, getReviewState, listComments, listRevisions } from '../../app/models/review.server'
import { getSnapshotJson, getSubmission, getSummaryStatement, listSubmissions } from '../../app/models/submission.server'
import { createUser, getPasswordHash, getTraineeProfile, getUserByEmail } from '../../app/models/user.server'
import { scanText } from '../../app/privacy/pii'
import { sha256Hex } from '../../app/submission/snapshot'
import { isAssignedAssessor } from '../../app/models/access.server'
import { getRecord } from '../../app/models/record.server'
import { firstOverload, summariseExperience } from '../../app/record/experience'
import { hashPassword, verifyPassword } from '../../app/utils/password.server'
import type { Db } from '../../db/client'
import { createTestDb, type TestDb } from '../support/test-db'

const now = new Date('2026-05-20T10:30:00Z')
let t: TestDb
let result: DemoResult
let passwordHash: string

beforeAll(async () => {
  t = createTestDb()
  passwordHash = await hashPassword(DEMO_PASSWORD)
  result = await seedDemo(t.db, { now, passwordHash, dataDir: t.dir })
  // The summary PDF is made in the render worker, which loads the renderer when first started.
}, 60_000)
afterAll(() => t.cleanup())

const user = (email: string) => {
  const found = getUserByEmail(t.db, email)
  if (!found) throw new Error(`No account ${email}`)
  return found
}

/** Rows in every table: what a second run must leave unchanged. */
function rowCounts(db: Db): Record<string, number> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.$client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  )
}

/** What a portfolio looks like, without ids or timestamps of the run. */
function portfolioShape(db: Db, email: string) {
  const trainee = getUserByEmail(db, email)!
  return listEvidence(db, trainee.id).map((item) => ({
    title: item.title,
    activityStart: item.activityStart,
    activityEnd: item.activityEnd,
    status: item.status,
    codes: item.codes,
    revision: getReviewState(db, item.id)?.currentRevision,
  }))
}

/** Every file in the file store under `dir`, as paths relative to it. */
function storedFiles(dir: string): string[] {
  return readdirSync(path.join(dir, 'files'), { recursive: true, encoding: 'utf8' }).sort()
}

const daysAgo = (days: number) => new Date(now.getTime() - Math.round(days * 86_400_000)).toISOString()

/** The submitted trainee's one submission. */
function hannahSubmission(db: Db = t.db) {
  const submissions = listSubmissions(db, getUserByEmail(db, DEMO_SUBMITTED_TRAINEE.email)!.id)
  expect(submissions).toHaveLength(1)
  return getSubmission(db, submissions[0]!.id)!
}

/** Every text the demo writes into the database or into an attachment. */
function demoTexts(item: DemoItem): string[] {
  const texts = [
    item.title,
    item.description,
    item.reflection,
    ...item.claims.map((c) => c.statement),
    ...(item.attachment?.paragraphs ?? []),
  ]
  const review = item.review
  if (review.status === 'revised') {
    const { title, description, reflection, claims } = review.edit
    texts.push(
      ...[title, description, reflection].filter((s): s is string => s !== undefined),
      ...(claims ?? []).map((c) => c.statement),
    )
  }
  if (review.status === 'changes')
    texts.push(...review.thread.map((c) => c.body), ...review.changes.map((c) => c.comment))
  if (review.status === 'verified') texts.push(...(review.comments ?? []).map((c) => c.body))
  return texts
}

describe('the demo seed', () => {
  it('creates the nine accounts, all with the demo password, which the password policy accepts', async () => {
    expect(result.created).toBe(true)
    expect(result.password).toBe(DEMO_PASSWORD)
    expect(result.logins.map((l) => [l.role, l.email])).toEqual([
      ['trainee', DEMO_TRAINEE.email],
      ['trainee', DEMO_SECOND_TRAINEE.email],
      ['trainee', DEMO_SUBMITTED_TRAINEE.email],
      ['mentor', DEMO_MENTOR.email],
      ['mentor', DEMO_NM_SUPERVISOR.email],
      ['mentor', DEMO_DR_SUPERVISOR.email],
      ['mentor', DEMO_ADVISER.email],
      ['assessor', DEMO_ASSESSOR.email],
      ['admin', DEMO_ADMIN.email],
    ])
    for (const login of DEMO_LOGINS) {
      const account = user(login.email)
      expect(account.role).toBe(login.role)
      expect(account.name).toBe(login.name)
      expect(account.disabledAt).toBeNull()
      expect(passwordProblem(DEMO_PASSWORD, { email: login.email, name: login.name })).toBeNull()
      expect(await verifyPassword(getPasswordHash(t.db, account.id), DEMO_PASSWORD)).toBe(true)
    }
    // Admins and assessors set up two-factor sign-in at their first sign-in.
    expect(user(DEMO_ASSESSOR.email).twoFactorEnabled).toBe(false)
    expect(user(DEMO_ADMIN.email).twoFactorEnabled).toBe(false)
    const table = formatDemoLogins(result)
    expect(table).toContain(DEMO_TRAINEE.email)
    const hannahLine = table.split('\n').find((line) => line.includes(DEMO_SUBMITTED_TRAINEE.email))
    expect(hannahLine).toContain(
      `diagnostic radiology, ${HANNAH_ITEMS.length} items, submitted and assigned to the assessor`,
    )
    expect(table).toContain(`Password for every demo account: ${DEMO_PASSWORD}`)
  })

  it('gives the trainees their profiles, a supervisor of their own specialism each and one External Adviser', () => {
    const priya = getTraineeProfile(t.db, user(DEMO_TRAINEE.email).id)
    expect(priya).toEqual({
      specialism: 'radiotherapy-physics',
      employer: 'Northshire Teaching Hospitals NHS Trust',
      targetSubmissionDate: '2027-02-20',
    })
    expect(getTraineeProfile(t.db, user(DEMO_SECOND_TRAINEE.email).id)?.specialism).toBe('nuclear-medicine')
    const hannah = getTraineeProfile(t.db, user(DEMO_SUBMITTED_TRAINEE.email).id)
    expect(hannah).toEqual({
      specialism: 'diagnostic-radiology',
      employer: 'Westmoor University Hospitals NHS Foundation Trust',
      targetSubmissionDate: '2026-05-20',
    })
    // About eighteen months into training.
    expect(user(DEMO_SUBMITTED_TRAINEE.email).createdAt).toBe(daysAgo(545))
    const linked = (mentor: { email: string }) =>
      listTraineesOfMentor(t.db, user(mentor.email).id).map((l) => [l.email, l.role, l.specialism])
    expect(linked(DEMO_MENTOR)).toEqual([[DEMO_TRAINEE.email, 'supervisor', 'radiotherapy-physics']])
    expect(linked(DEMO_NM_SUPERVISOR)).toEqual([[DEMO_SECOND_TRAINEE.email, 'supervisor', 'nuclear-medicine']])
    expect(linked(DEMO_DR_SUPERVISOR)).toEqual([[DEMO_SUBMITTED_TRAINEE.email, 'supervisor', 'diagnostic-radiology']])
    expect(linked(DEMO_ADVISER).map(([email, role]) => [email, role])).toEqual(
      [DEMO_SUBMITTED_TRAINEE.email, DEMO_SECOND_TRAINEE.email, DEMO_TRAINEE.email].map((email) => [
        email,
        'external-adviser',
      ]),
    )
    // Each supervisor's specialism is that of their trainee: no claim is verified outside it.
    expect(
      [DEMO_MENTOR, DEMO_NM_SUPERVISOR, DEMO_DR_SUPERVISOR].map((m) => getSpecialism(t.db, user(m.email).id)),
    ).toEqual(['radiotherapy-physics', 'nuclear-medicine', 'diagnostic-radiology'])
    for (const trainee of [DEMO_TRAINEE, DEMO_SECOND_TRAINEE, DEMO_SUBMITTED_TRAINEE])
      expect(
        coverageReportFor(t.db, user(trainee.email).id, now).findings.filter(
          (f) => f.ruleId === 'claim.verifier-outside-specialism',
        ),
      ).toEqual([])
  })

  it('seeds about forty items for the main trainee across all seven domains over the past two and a half years', () => {
    const trainee = user(DEMO_TRAINEE.email)
    const items = listEvidence(t.db, trainee.id)
    expect(items).toHaveLength(PRIYA_ITEMS.length)
    expect(items.length).toBeGreaterThanOrEqual(36)
    expect(items.length).toBeLessThanOrEqual(44)
    const report = coverageReportFor(t.db, trainee.id, now)
    expect(report.domains.map((d) => d.key)).toEqual(defaultFramework.domains.map((d) => d.key))
    for (const domain of report.domains) expect(domain.itemCount, domain.key).toBeGreaterThan(1)
    const oldest = items.map((i) => i.activityStart).sort()[0]!
    const days = (now.getTime() - Date.parse(`${oldest}T00:00:00Z`)) / 86_400_000
    expect(days).toBeGreaterThan(700)
    expect(days).toBeLessThan(2.75 * 365)
    for (const item of items) expect(item.activityStart <= now.toISOString().slice(0, 10)).toBe(true)
    expect(listEvidence(t.db, user(DEMO_SECOND_TRAINEE.email).id)).toHaveLength(OWEN_ITEMS.length)
  })

  it('gives Priya a released round of multi-source feedback with 8 answers, reflected on in one item', () => {
    const trainee = user(DEMO_TRAINEE.email)
    const rounds = listRounds(t.db, trainee.id)
    expect(rounds).toHaveLength(1)
    expect(rounds[0]).toMatchObject({ invited: 10, answered: 8, declined: 1 })
    expect(rounds[0]!.releasedAt).not.toBeNull()
    const evidenceId = rounds[0]!.evidenceId!
    const item = getEvidence(t.db, trainee.id, evidenceId)!
    expect(item.evidenceType).toBe('msf-reflection')
    const results = feedbackForEvidence(t.db, [evidenceId]).get(evidenceId)!
    expect(results.responses).toBe(8)
    expect(results.strengths).toHaveLength(7)
    // The invented colleagues' requests are not left for a real server to send.
    const queued = t.db.$client
      .prepare("SELECT count(*) AS n FROM email_outbox WHERE to_address LIKE '%@northshire.demo.attain.invalid'")
      .get() as { n: number }
    expect(queued.n).toBe(0)
  })

  it('leaves the planned gaps unevidenced and evidences every other area', () => {
    const report = coverageReportFor(t.db, user(DEMO_TRAINEE.email).id, now)
    const unevidenced = report.areas.filter((a) => a.status === 'not-evidenced').map((a) => a.code)
    expect(unevidenced.sort()).toEqual([...DEMO_PLANNED_GAPS].sort())
    for (const code of DEMO_PLANNED_GAPS) expect(report.areas.find((a) => a.code === code)?.itemIds).toEqual([])
    expect(report.summary.areasEvidenced).toBe(46 - DEMO_PLANNED_GAPS.length)
    expect(report.summary.areasVerified).toBeGreaterThan(20)
    expect(report.summary.areasVerified).toBeLessThan(report.summary.areasEvidenced)
    const rules = new Set(report.findings.map((f) => f.ruleId))
    // Something for the report to say beyond the gaps.
    expect(rules).toContain('claim.not-substantive')
    expect(rules).toContain('item.no-reflection')
    expect(rules).toContain('area.not-verified')
    expect(report.summary.pages.status).toBe('within')
  })

  it('points Priya’s unevidenced Com2, R&D6 and Prof11 at the items she already has, claiming nothing', () => {
    const priya = user(DEMO_TRAINEE.email)
    const report = coverageReportFor(t.db, priya.id, now)
    const titleOf = new Map(listEvidence(t.db, priya.id).map((i) => [i.id, i.title]))
    const offered = (code: string) => {
      const finding = report.findings.find(
        (f) => f.ruleId === 'area.not-evidenced' && f.target.kind === 'area' && f.target.areaCode === code,
      )
      return (finding?.candidates ?? []).map((c) => ({ title: titleOf.get(c.evidenceId), words: c.words }))
    }
    expect(offered('Com2').map((c) => c.title)).toContainEqual(expect.stringMatching(/^Correspondence: physics advice/))
    expect(offered('R&D6')[0]!.title).toMatch(/^Conference poster/)
    expect(offered('R&D6')[0]!.words).toContain('poster')
    expect(offered('Prof11')[0]!.title).toMatch(/^Procurement specification/)
    expect(offered('Prof11')[0]!.words).toContain('procurement')
    for (const code of ['Com2', 'R&D6', 'Prof11'])
      expect(report.areas.find((a) => a.code === code)!.status).toBe('not-evidenced')
  })

  it('has items in every review state, with a real comment thread and a revision after verification', () => {
    const trainee = user(DEMO_TRAINEE.email)
    const items = listEvidence(t.db, trainee.id)
    const statuses = new Set(items.map((i) => i.status))
    for (const status of ['draft', 'awaiting_review', 'changes_requested', 'partly_verified', 'verified'] as const)
      expect(statuses).toContain(status)
    expect(items.filter((i) => i.status === 'verified').length).toBeGreaterThan(10)

    const changes = items.filter((i) => i.status === 'changes_requested')
    expect(changes).toHaveLength(1)
    const review = getReviewState(t.db, changes[0]!.id)!
    expect(Object.values(review.latest).some((d) => d.decision === 'changes_requested' && d.comment.length > 20)).toBe(
      true,
    )
    const comments = listComments(t.db, changes[0]!.id)
    expect(comments.length).toBeGreaterThanOrEqual(3)
    expect(new Set(comments.map((c) => c.authorRole))).toEqual(new Set(['mentor', 'trainee']))
    expect(comments.slice(1).every((c) => c.parentId === comments[0]!.id)).toBe(true)

    const changed = items.filter((i) => (getReviewState(t.db, i.id)?.changedSinceVerification.length ?? 0) > 0)
    expect(changed).toHaveLength(1)
    const state = getReviewState(t.db, changed[0]!.id)!
    expect(state).toMatchObject({ status: 'awaiting_review', currentRevision: 2 })
    const revisions = listRevisions(t.db, changed[0]!.id)
    expect(revisions.map((r) => r.number)).toEqual([1, 2])
    expect(revisions[1]!.snapshot.title).not.toBe(revisions[0]!.snapshot.title)

    // A verified item's mentor note for the assessor.
    const noted = items.flatMap((i) => listComments(t.db, i.id)).filter((c) => c.forAssessor)
    expect(noted).toHaveLength(1)
  })

  it('records no patient-data findings', () => {
    const ids = [DEMO_TRAINEE.email, DEMO_SECOND_TRAINEE.email, DEMO_SUBMITTED_TRAINEE.email].flatMap((email) =>
      listEvidence(t.db, user(email).id).map((i) => i.id),
    )
    expect(ids.flatMap((id) => listPiiFindings(t.db, id))).toEqual([])
  })

  it('keeps every demo text free of patient identifiers, and its supervisor named with his role is not taken for one', () => {
    const texts = [...PRIYA_ITEMS, ...OWEN_ITEMS, ...HANNAH_ITEMS].flatMap((item) =>
      demoTexts(item).map((text) => ({ key: item.key, text })),
    )
    expect(texts.flatMap(({ key, text }) => scanText(text).map((f) => `${key}: ${f.kind} ${f.text}`))).toEqual([])
    expect(
      texts.some(({ key, text }) => key === 'supervision-reflection' && text.includes('my supervisor, Dr Okafor')),
    ).toBe(true)
    expect(scanText(HANNAH_SUMMARY_STATEMENT)).toEqual([])
  })

  it('writes substantive texts, with a few deliberately thin reflections and two too-short claims', () => {
    const thinReflections = PRIYA_ITEMS.filter((i) => wordCount(i.reflection) < 60)
    const shortClaims = PRIYA_ITEMS.flatMap((i) => i.claims.filter((c) => wordCount(c.statement) < 8))
    expect(shortClaims).toHaveLength(2)
    expect(thinReflections.length).toBeGreaterThanOrEqual(2)
    expect(thinReflections.length).toBeLessThanOrEqual(6)
    for (const item of PRIYA_ITEMS) {
      expect(wordCount(item.description), item.key).toBeGreaterThanOrEqual(100)
      expect(wordCount(item.description), item.key).toBeLessThanOrEqual(400)
      expect(wordCount(item.reflection), item.key).toBeLessThanOrEqual(250)
      expect(item.claims.length, item.key).toBeGreaterThanOrEqual(1)
      expect(item.claims.length, item.key).toBeLessThanOrEqual(6)
    }
    const withCompetencies = PRIYA_ITEMS.filter((i) => i.claims.some((c) => (c.competencies ?? []).length > 0))
    expect(withCompetencies.length).toBeGreaterThan(10)
    // Each item's claims are stored with their specific competencies.
    const trainee = user(DEMO_TRAINEE.email)
    const stored = listEvidence(t.db, trainee.id).flatMap((i) => getEvidence(t.db, trainee.id, i.id)!.claims)
    expect(stored.some((c) => c.competencies.length > 0)).toBe(true)
  })

  it('seeds a complete diagnostic radiology portfolio: every area evidenced and verified, no blockers or warnings', () => {
    const hannah = user(DEMO_SUBMITTED_TRAINEE.email)
    const items = listEvidence(t.db, hannah.id)
    expect(items).toHaveLength(HANNAH_ITEMS.length)
    expect(items.length).toBeGreaterThanOrEqual(16)
    expect(items.length).toBeLessThanOrEqual(20)
    expect(items.every((i) => i.status === 'verified')).toBe(true)
    const report = coverageReportFor(t.db, hannah.id, now)
    expect(report.areas).toHaveLength(46)
    expect(report.areas.filter((a) => a.status !== 'verified').map((a) => a.code)).toEqual([])
    expect(report.summary).toMatchObject({ areasEvidenced: 46, areasVerified: 46, blockers: 0, warnings: 0 })
    expect(report.summary.pages.status).toBe('within')
    // Varied evidence, so no domain rests on one kind of item.
    expect(new Set(items.map((i) => i.evidenceType)).size).toBeGreaterThanOrEqual(12)
    // Most items claim two to four areas, none is over-tagged.
    const claimCounts = HANNAH_ITEMS.map((i) => i.claims.length)
    expect(claimCounts.every((n) => n >= 2 && n <= 4)).toBe(true)
    const oldest = items.map((i) => i.activityStart).sort()[0]!
    expect(oldest >= daysAgo(545).slice(0, 10)).toBe(true)
  })

  it('writes substantive texts for the submitted portfolio and a summary statement of 250 to 400 words', () => {
    for (const item of HANNAH_ITEMS) {
      expect(wordCount(item.description), item.key).toBeGreaterThanOrEqual(100)
      expect(wordCount(item.description), item.key).toBeLessThanOrEqual(400)
      expect(wordCount(item.reflection), item.key).toBeGreaterThanOrEqual(60)
      expect(wordCount(item.reflection), item.key).toBeLessThanOrEqual(250)
      for (const claim of item.claims)
        expect(wordCount(claim.statement), `${item.key} ${claim.area}`).toBeGreaterThanOrEqual(15)
    }
    expect(wordCount(HANNAH_SUMMARY_STATEMENT)).toBeGreaterThanOrEqual(250)
    expect(wordCount(HANNAH_SUMMARY_STATEMENT)).toBeLessThanOrEqual(400)
    expect(getSummaryStatement(t.db, user(DEMO_SUBMITTED_TRAINEE.email).id, now)).toBe(HANNAH_SUMMARY_STATEMENT)
  })

  it('freezes exactly one submission, whose hash is that of its snapshot, after the mentor signed the declaration', () => {
    expect(rowCounts(t.db).submissions).toBe(1)
    const submission = hannahSubmission()
    const { snapshot } = submission
    expect(submission.snapshotSha256).toBe(sha256Hex(getSnapshotJson(t.db, submission.id)))
    expect(submission.traineeId).toBe(user(DEMO_SUBMITTED_TRAINEE.email).id)
    expect(submission.createdAt).toBe(daysAgo(DEMO_SUBMISSION_DAYS_AGO.submitted))
    // Its summary PDF is made, as submitting in the app makes it, and is in the store.
    expect(submission.pdfPages).toBeGreaterThan(20)
    expect(existsSync(filePath(t.dir, submission.pdfSha256!))).toBe(true)
    expect(snapshot.trainee).toEqual({
      name: DEMO_SUBMITTED_TRAINEE.name,
      specialism: 'Diagnostic radiology',
      employer: DEMO_SUBMITTED_TRAINEE.employer,
    })
    expect(snapshot.mentors).toEqual([{ name: DEMO_DR_SUPERVISOR.name }, { name: DEMO_ADVISER.name }])
    expect(snapshot.summaryStatement).toBe(HANNAH_SUMMARY_STATEMENT)
    expect(snapshot.declaration).toEqual({
      mentorName: DEMO_ADVISER.name,
      text: MENTOR_DECLARATION.text,
      signedAt: daysAgo(DEMO_SUBMISSION_DAYS_AGO.declaration),
    })
    expect(currentDeclaration(t.db, submission.traineeId)?.signedAt).toBe(snapshot.declaration.signedAt)
    expect(snapshot.coverage.summary).toMatchObject({ areasVerified: 46, blockers: 0 })
    // Every claim was verified by her supervisor before the External Adviser signed the declaration.
    expect(snapshot.items).toHaveLength(HANNAH_ITEMS.length)
    const claims = snapshot.items.flatMap((i) => i.claims)
    expect(claims).toHaveLength(HANNAH_ITEMS.flatMap((i) => i.claims).length)
    for (const claim of claims) {
      expect(claim.verification?.mentorName).toBe(DEMO_DR_SUPERVISOR.name)
      expect(claim.verification!.verifiedAt < snapshot.declaration.signedAt).toBe(true)
    }
  })

  it("shows the mentor's comments for the assessor in the snapshot", () => {
    const { snapshot } = hannahSubmission()
    const expected = HANNAH_ITEMS.flatMap((item) =>
      item.review.status === 'verified'
        ? (item.review.comments ?? []).filter((c) => c.forAssessor).map((c) => [item.title, c.body])
        : [],
    )
    expect(expected.length).toBeGreaterThanOrEqual(2)
    const shown = snapshot.items.flatMap((i) => i.assessorComments.map((c) => [i.title, c.body]))
    expect(shown).toEqual(expected)
    expect(
      snapshot.items.flatMap((i) => i.assessorComments).every((c) => c.authorName === DEMO_DR_SUPERVISOR.name),
    ).toBe(true)
  })

  it('assigns the submission to the demo assessor, by the admin, and leaves the assessment to the assessor', () => {
    const submission = hannahSubmission()
    expect(isAssignedAssessor(t.db, user(DEMO_ASSESSOR.email).id, submission.id)).toBe(true)
    expect(isAssignedAssessor(t.db, user(DEMO_MENTOR.email).id, submission.id)).toBe(false)
    const assignments = t.db.$client
      .prepare('SELECT assigned_by AS assignedBy, created_at AS createdAt FROM submission_assignments')
      .all()
    expect(assignments).toEqual([
      { assignedBy: user(DEMO_ADMIN.email).id, createdAt: daysAgo(DEMO_SUBMISSION_DAYS_AGO.assigned) },
    ])
    expect(rowCounts(t.db).assessments).toBe(0)
  })

  it('attaches one-page PDFs to three items, stored in the file store under the data directory', () => {
    const { snapshot } = hannahSubmission()
    const attached = snapshot.items.filter((i) => i.attachments.length > 0)
    expect(attached.map((i) => i.title)).toEqual(HANNAH_ITEMS.filter((i) => i.attachment).map((i) => i.title))
    expect(attached).toHaveLength(3)
    for (const attachment of attached.flatMap((i) => i.attachments)) {
      expect(attachment).toMatchObject({ mediaType: 'application/pdf', pageCount: 1 })
      const bytes = readFileSync(filePath(t.dir, attachment.sha256))
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(sha256Hex(bytes)).toBe(attachment.sha256)
      expect(bytes.length).toBe(attachment.size)
    }
    expect(attached.flatMap((i) => i.attachments.map((a) => a.originalName))).toEqual(
      HANNAH_ITEMS.flatMap((i) => (i.attachment ? [i.attachment.originalName] : [])),
    )
  })

  it('keeps the audit trail intact', () => {
    expect(verifyAuditTrail(t.db).ok).toBe(true)
  })

  it('does nothing when run again, in the database or the file store', async () => {
    const before = rowCounts(t.db)
    const files = storedFiles(t.dir)
    const again = await seedDemo(t.db, { now: new Date(now.getTime() + 86_400_000), passwordHash, dataDir: t.dir })
    expect(again.created).toBe(false)
    expect(again.password).toBe(DEMO_PASSWORD)
    expect(rowCounts(t.db)).toEqual(before)
    expect(storedFiles(t.dir)).toEqual(files)
    expect(before.submissions).toBe(1)
  })

  it('gives the same portfolios, and the same submission, on a fresh database', async () => {
    const other = createTestDb()
    try {
      expect((await seedDemo(other.db, { now, passwordHash, dataDir: other.dir })).created).toBe(true)
      for (const email of [DEMO_TRAINEE.email, DEMO_SECOND_TRAINEE.email, DEMO_SUBMITTED_TRAINEE.email]) {
        expect(portfolioShape(other.db, email)).toEqual(portfolioShape(t.db, email))
      }
      expect(rowCounts(other.db)).toEqual(rowCounts(t.db))
      // Ids and timestamps are the same too, so the frozen snapshot is byte for byte the same.
      expect(hannahSubmission(other.db).snapshotSha256).toBe(hannahSubmission().snapshotSha256)
      expect(storedFiles(other.dir)).toEqual(storedFiles(t.dir))
    } finally {
      other.cleanup()
    }
  })

  it('still submits the complete portfolio, without attachments, when given no data directory', async () => {
    const other = createTestDb()
    try {
      expect((await seedDemo(other.db, { now, passwordHash })).created).toBe(true)
      const { snapshot } = hannahSubmission(other.db)
      expect(snapshot.items).toHaveLength(HANNAH_ITEMS.length)
      expect(snapshot.items.flatMap((i) => i.attachments)).toEqual([])
      expect(snapshot.coverage.summary.blockers).toBe(0)
      expect(rowCounts(other.db).stored_files).toBe(0)
    } finally {
      other.cleanup()
    }
  })

  it('refuses, changing nothing, when only some demo addresses are taken', async () => {
    const other = createTestDb()
    try {
      createUser(other.db, { email: DEMO_ADMIN.email, name: 'Someone', role: 'admin', passwordHash })
      const before = rowCounts(other.db)
      await expect(seedDemo(other.db, { now, passwordHash })).rejects.toThrow(/already in use/)
      expect(rowCounts(other.db)).toEqual(before)
    } finally {
      other.cleanup()
    }
  })
})

describe('the demo trainees’ experience records', () => {
  it('give each trainee 4–6 years of posts with supervised practice, qualifications and IPEM membership', () => {
    const today = now.toISOString().slice(0, 10)
    for (const profile of [DEMO_TRAINEE, DEMO_SECOND_TRAINEE, DEMO_SUBMITTED_TRAINEE]) {
      const record = getRecord(t.db, user(profile.email).id)
      const summary = summariseExperience(record.posts, today)
      expect(summary.years, profile.name).toBeGreaterThanOrEqual(4)
      expect(summary.years, profile.name).toBeLessThanOrEqual(6)
      expect(summary.supervisedYears, profile.name).toBeGreaterThan(0)
      expect(summary.current, profile.name).toBe(true)
      expect(firstOverload(record.posts), profile.name).toBeNull()
      expect(record.qualifications.length, profile.name).toBeGreaterThanOrEqual(2)
      expect(
        record.memberships.some((m) => m.body === 'IPEM' && m.number !== ''),
        profile.name,
      ).toBe(true)
      const findings = coverageReportFor(t.db, user(profile.email).id, now).findings.map((f) => f.ruleId)
      expect(findings, profile.name).not.toContain('record.no-supervised-practice')
      expect(findings, profile.name).not.toContain('record.experience-short')
    }
    // Owen's trainee post is part-time: counted by its fraction.
    expect(getRecord(t.db, user(DEMO_SECOND_TRAINEE.email).id).posts.some((p) => p.fractionPercent === 80)).toBe(true)
  })

  it('tells Hannah’s story consistently: four years in the department, after eighteen months in industry', () => {
    expect(HANNAH_SUMMARY_STATEMENT).toContain('four years ago, after eighteen months as a physicist in industry')
    expect(HANNAH_SUMMARY_STATEMENT).not.toContain('eighteen months ago')
    const submission = getSubmission(t.db, listSubmissions(t.db, user(DEMO_SUBMITTED_TRAINEE.email).id)[0]!.id)!
    const record = submission.snapshot.record!
    expect(record.posts.map((p) => p.employer)).toEqual([
      'Calder Imaging Systems Ltd',
      'Westmoor University Hospitals NHS Foundation Trust',
      'Westmoor University Hospitals NHS Foundation Trust',
    ])
    expect(record.experience.years).toBeGreaterThan(5)
    expect(record.experience.supervisedYears).toBeGreaterThan(3.5)
  })
})
