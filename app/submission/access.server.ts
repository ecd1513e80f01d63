import type { AppLoadContext } from '@remix-run/node'
import { getSubmission, getSubmissionOwner, type Submission } from '~/models/submission.server'
import type { User } from '~/models/user.server'
import { requirePermission, type Action } from '~/utils/authorization.server'
import { requireIdParam } from '~/utils/params'
import { notFound } from '~/utils/responses'

/**
 * Parses a submission id from the URL and checks the user may act on it; 404
 * otherwise (never 403). Returns the submission with its snapshot.
 */
export function requireSubmission(
  context: AppLoadContext,
  user: User,
  rawId: string | undefined,
  action: Action,
): Submission {
  const id = requireIdParam(rawId)
  const traineeId = getSubmissionOwner(context.db, id)
  if (traineeId === undefined) throw notFound()
  requirePermission(context.db, user, action, { kind: 'submission', traineeId, submissionId: id })
  const submission = getSubmission(context.db, id)
  if (!submission) throw notFound()
  return submission
}

/** What a page about one submission shows at its head: which submission, when, and the snapshot's hash. */
export function submissionHeading(submission: Submission) {
  return {
    id: submission.id,
    number: submission.number,
    submittedAt: submission.createdAt,
    snapshotSha256: submission.snapshotSha256,
  }
}
