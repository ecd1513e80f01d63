/**
 * Submitting: whether the trainee may submit now, the snapshot a submission freezes (the portfolio read by
 * app/models/submission.server.ts, with its coverage report), and the submission made in one transaction.
 */
import type { Db } from '../../db/client'
import { coverageReportFor } from '~/portfolio/coverage.server'
import type { Finding } from '~/coverage/types'
import { currentDeclaration } from '~/models/review.server'
import {
  assembleSnapshot,
  getSummaryStatement,
  insertSubmission,
  nextSubmissionNumber,
} from '~/models/submission.server'
import type { PortfolioSnapshot } from '~/submission/snapshot'

export interface Readiness {
  /** The coverage report's blockers: each must be cleared before submitting. */
  blockers: Finding[]
  declaration: ReturnType<typeof currentDeclaration>
  summaryStatementWords: number
  ready: boolean
}

/**
 * Whether the trainee may submit now: no coverage blockers, and a mentor
 * declaration standing. `pages`: the page count of the preview PDF, if known.
 */
export function submissionReadiness(db: Db, traineeId: number, now: Date, pages?: number): Readiness {
  const report = coverageReportFor(db, traineeId, now, pages)
  const blockers = report.findings.filter((f) => f.severity === 'blocker')
  const declaration = currentDeclaration(db, traineeId)
  const statement = getSummaryStatement(db, traineeId, now)
  const words = statement.trim() ? statement.trim().split(/\s+/).length : 0
  return {
    blockers,
    declaration,
    summaryStatementWords: words,
    ready: blockers.length === 0 && declaration !== undefined,
  }
}

export interface GatherOptions {
  /** The page count of the preview PDF, for the snapshot's coverage report (estimated without it). */
  pages?: number
  /**
   * For a preview: without a standing declaration, the declaration's text
   * stands in, marked unsigned, so the pages are laid out as they will be.
   */
  preview?: boolean
}

/** The trainee's portfolio as it stands, in the shape a submission freezes. */
export function gatherSnapshot(
  db: Db,
  traineeId: number,
  number: number,
  now: Date,
  options: GatherOptions = {},
): PortfolioSnapshot {
  return assembleSnapshot(db, traineeId, number, now, coverageReportFor(db, traineeId, now, options.pages), {
    preview: options.preview,
  })
}

export type SubmitOutcome =
  | { ok: true; id: number; number: number; snapshotSha256: string }
  | { ok: false; reason: 'blockers'; blockers: Finding[] }
  | { ok: false; reason: 'no-declaration' }

/**
 * Freezes the portfolio as it stands into a new submission, if it is ready.
 * One transaction: nothing can change between the check and the snapshot.
 */
export function createSubmission(
  db: Db,
  traineeId: number,
  now = new Date(),
  { pages }: { pages?: number } = {},
): SubmitOutcome {
  return db.transaction(
    (): SubmitOutcome => {
      // The same connection: queries through `db` run inside this transaction (the coverage cache needs `db` itself).
      const readiness = submissionReadiness(db, traineeId, now, pages)
      if (readiness.blockers.length > 0) return { ok: false, reason: 'blockers', blockers: readiness.blockers }
      if (!readiness.declaration) return { ok: false, reason: 'no-declaration' }
      const number = nextSubmissionNumber(db, traineeId)
      const snapshot = gatherSnapshot(db, traineeId, number, now, { pages })
      const { id, snapshotSha256 } = insertSubmission(db, traineeId, number, snapshot, now)
      return { ok: true, id, number, snapshotSha256 }
    },
    { behavior: 'immediate' },
  )
}
