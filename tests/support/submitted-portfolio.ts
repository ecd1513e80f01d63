/**
 * A trainee and their mentor, each signed in, whose complete portfolio is
 * submitted and its summary PDF made: the starting point of the PDF tests.
 */
import { readFileSync } from 'node:fs'
import type { Db } from '../../db/client'
import { mentorLinks } from '../../db/schema'
import { filePath } from '../../app/files/store.server'
import { ensureSubmissionPdf } from '../../app/submission/pdf-service.server'
import { getSubmission, type Submission } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import { buildReadyPortfolio } from './ready-portfolio'
import { createUserWithSession, type UserWithSession } from './users'

export interface SubmittedPortfolio {
  owner: UserWithSession
  mentor: UserWithSession
  submission: Submission
  /** The stored PDF: its SHA-256, page count and bytes. */
  pdf: { sha256: string; pages: number; bytes: Buffer }
}

export async function submittedPortfolio(
  db: Db,
  dataDir: string,
  { items, now, descriptions }: { items: number; now: Date; descriptions?: Record<number, string> },
): Promise<SubmittedPortfolio> {
  const owner = await createUserWithSession(db, { role: 'trainee', name: 'Alex Morgan' })
  const mentor = await createUserWithSession(db, { role: 'mentor', name: 'Dr Sam Okoro' })
  db.insert(mentorLinks)
    .values({ traineeId: owner.user.id, mentorId: mentor.user.id, createdAt: now.toISOString() })
    .run()
  await buildReadyPortfolio(db, { items, dataDir, now, trainee: owner.user, mentor: mentor.user, descriptions })
  const outcome = createSubmission(db, owner.user.id, now)
  if (!outcome.ok) throw new Error(`not submitted: ${outcome.reason}`)
  const submission = getSubmission(db, outcome.id)!
  const stored = await ensureSubmissionPdf(db, dataDir, submission)
  return { owner, mentor, submission, pdf: { ...stored, bytes: readFileSync(filePath(dataDir, stored.sha256)) } }
}
