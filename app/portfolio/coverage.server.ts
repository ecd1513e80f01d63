/**
 * A trainee's coverage report: their portfolio read from the database (app/models/coverage.server.ts) and
 * measured by the coverage engine, kept until anything in the database changes.
 */
import type { Db } from '../../db/client'
import { defaultFramework } from '../../competences/index'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { DEFAULT_ROLES_RULES } from '../../competences/roles'
import { SPECIALISM_LABELS } from '~/auth/schemas'
import { converterAvailable } from '~/conversion/availability.server'
import { computeCoverage } from '~/coverage/engine'
import type { CoverageReport } from '~/coverage/types'
import { verifierSpecialismFindings, withFindings } from '~/coverage/verifier-specialism'
import { loadPortfolioData } from '~/models/coverage.server'
import { databaseVersion } from '~/models/database-version.server'
import { ReportCache } from '~/utils/report-cache'
import { verificationsOf } from '~/models/roles.server'
import { summariseExperience } from '~/record/experience'

const areaDomains = new Map(defaultFramework.domains.flatMap((d) => d.areas.map((a) => [a.code, d.key] as const)))

const cache = new WeakMap<
  Db,
  ReportCache<{ report: CoverageReport; lastActivity: string | null; awaitingReview: number }>
>()

/**
 * Every listed trainee's report, with their last activity and items awaiting
 * review: from the cache when nothing has changed since it was computed, else
 * from one batch of queries for all the trainees missing from it. `pages`
 * holds the page counts of trainees' preview PDFs where known: the budget's
 * figure for them (an estimate otherwise).
 */
export function coverageReportsFor(
  db: Db,
  traineeIds: readonly number[],
  now: Date,
  pages: ReadonlyMap<number, number> = new Map(),
) {
  let reports = cache.get(db)
  if (!reports) cache.set(db, (reports = new ReportCache()))
  const key = `${now.toISOString().slice(0, 10)}:${databaseVersion(db)}`
  const keyOf = (id: number) => `${key}:${pages.get(id) ?? 'estimated'}`
  const result = new Map<number, { report: CoverageReport; lastActivity: string | null; awaitingReview: number }>()
  const missing: number[] = []
  for (const id of traineeIds) {
    const hit = reports.get(id, keyOf(id))
    if (hit) result.set(id, hit)
    else missing.push(id)
  }
  const verifications = verificationsOf(db, missing)
  for (const [traineeId, d] of loadPortfolioData(db, missing, { converterAvailable: converterAvailable() })) {
    const measured = pages.get(traineeId)
    const who = verifications.get(traineeId)!
    const input = {
      framework: defaultFramework,
      rules: DEFAULT_COVERAGE_RULES,
      now,
      items: d.items,
      claims: d.claims,
      summaryStatementWords: d.summaryStatementWords,
      experience: summariseExperience(d.posts, now.toISOString().slice(0, 10)),
    }
    const entry = {
      // A claim verified by someone outside the item's specialism: competences/roles.json.
      report: withFindings(
        computeCoverage(measured === undefined ? input : { ...input, pages: measured }),
        verifierSpecialismFindings({
          items: new Map(d.items.map((i) => [i.id, { title: i.title, specialism: who.specialism }])),
          verifications: who.verifications,
          areaDomains,
          rules: DEFAULT_ROLES_RULES.verifierSpecialism,
          label: (s) => SPECIALISM_LABELS[s as keyof typeof SPECIALISM_LABELS] ?? s,
        }),
      ),
      lastActivity: d.lastActivity,
      awaitingReview: d.awaitingReview,
    }
    reports.set(traineeId, keyOf(traineeId), entry)
    result.set(traineeId, entry)
  }
  return result
}

/** One trainee's coverage report, with the page count of their preview PDF if known. */
export function coverageReportFor(db: Db, traineeId: number, now: Date, pages?: number): CoverageReport {
  return coverageReportsFor(db, [traineeId], now, pages === undefined ? undefined : new Map([[traineeId, pages]])).get(
    traineeId,
  )!.report
}
