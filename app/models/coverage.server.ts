import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  claimCompetencies,
  competenceAreas,
  evidenceAttachments,
  evidenceClaims,
  evidenceItems,
  fileConversions,
  frameworks,
  piiFindings,
  portfolios,
  specificCompetencies,
  storedFiles,
} from '../../db/schema'
import { defaultFramework } from '../../competences/index'
import { countWords } from '~/coverage/text'
import type { CoverageClaim, CoverageItem } from '~/coverage/types'
import { verifiedClaimKeys } from '~/models/review.server'
import { postsOfTrainees } from '~/models/record.server'
import type { PostSpan } from '~/record/experience'

export interface PortfolioData {
  items: CoverageItem[]
  claims: CoverageClaim[]
  /** When the trainee last changed any evidence, or null if they have none. */
  lastActivity: string | null
  awaitingReview: number
  /** Words in the trainee's summary statement. */
  summaryStatementWords: number
  /** The posts on the trainee's experience and training record. */
  posts: PostSpan[]
}

/**
 * What the coverage engine needs for each of these trainees' current
 * portfolios. Nine queries whatever the number of trainees or items: every
 * query covers all of them at once. `converterAvailable`: whether this server
 * converts Office files, so that one still converting counts no pages yet.
 */
export function loadPortfolioData(
  db: Db,
  traineeIds: readonly number[],
  { converterAvailable }: { converterAvailable: boolean },
): Map<number, PortfolioData> {
  const result = new Map<number, PortfolioData>()
  for (const id of traineeIds)
    result.set(id, {
      items: [],
      claims: [],
      lastActivity: null,
      awaitingReview: 0,
      summaryStatementWords: 0,
      posts: [],
    })
  if (traineeIds.length === 0) return result
  const ids = [...traineeIds]

  const current = and(
    inArray(evidenceItems.traineeId, ids),
    eq(frameworks.slug, defaultFramework.id),
    eq(frameworks.version, defaultFramework.version),
  )
  const itemRows = db
    .select({
      id: evidenceItems.id,
      traineeId: evidenceItems.traineeId,
      title: evidenceItems.title,
      evidenceType: evidenceItems.evidenceType,
      activityStart: evidenceItems.activityStart,
      activityEnd: evidenceItems.activityEnd,
      status: evidenceItems.status,
      descriptionWords: evidenceItems.descriptionWords,
      reflectionWords: evidenceItems.reflectionWords,
      role: evidenceItems.role,
      revision: evidenceItems.currentRevision,
      description: evidenceItems.description,
      reflection: evidenceItems.reflection,
      updatedAt: evidenceItems.updatedAt,
    })
    .from(evidenceItems)
    .innerJoin(portfolios, eq(portfolios.id, evidenceItems.portfolioId))
    .innerJoin(frameworks, eq(frameworks.id, portfolios.frameworkId))
    .where(current)
    .orderBy(evidenceItems.id)
    .all()

  // Pages count only from finished conversions: a document still converting counts nothing yet (a warning),
  // a failed one nothing (a blocker). Without a converter, Office files count their estimate.
  const converting = converterAvailable ? 1 : 0
  const pages = new Map(
    db
      .select({
        evidenceId: evidenceAttachments.evidenceId,
        pages: sql<number>`sum(CASE WHEN ${fileConversions.status} = 'failed' OR (${fileConversions.status} IN ('queued', 'converting') AND ${converting} = 1) THEN 0 ELSE ${storedFiles.pageCount} END)`,
        pending: sql<number>`sum(CASE WHEN ${fileConversions.status} IN ('queued', 'converting') AND ${converting} = 1 THEN 1 ELSE 0 END)`,
        failed: sql<number>`sum(CASE WHEN ${fileConversions.status} = 'failed' THEN 1 ELSE 0 END)`,
      })
      .from(evidenceAttachments)
      .innerJoin(storedFiles, eq(storedFiles.sha256, evidenceAttachments.fileSha256))
      .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceAttachments.evidenceId))
      .leftJoin(fileConversions, eq(fileConversions.sourceSha256, evidenceAttachments.fileSha256))
      .where(inArray(evidenceItems.traineeId, ids))
      .groupBy(evidenceAttachments.evidenceId)
      .all()
      .map((r) => [r.evidenceId, r]),
  )
  const pii = new Map(
    db
      .select({ evidenceId: piiFindings.evidenceId, n: sql<number>`count(*)` })
      .from(piiFindings)
      .innerJoin(evidenceItems, eq(evidenceItems.id, piiFindings.evidenceId))
      .where(and(inArray(evidenceItems.traineeId, ids), eq(piiFindings.status, 'open')))
      .groupBy(piiFindings.evidenceId)
      .all()
      .map((r) => [r.evidenceId, r.n]),
  )
  const claimRows = db
    .select({
      id: evidenceClaims.id,
      evidenceId: evidenceClaims.evidenceId,
      traineeId: evidenceItems.traineeId,
      areaCode: competenceAreas.code,
      statement: evidenceClaims.statement,
    })
    .from(evidenceClaims)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceClaims.evidenceId))
    .innerJoin(competenceAreas, eq(competenceAreas.id, evidenceClaims.areaId))
    .where(inArray(evidenceItems.traineeId, ids))
    .orderBy(evidenceClaims.id)
    .all()
  const competencyRows = db
    .select({ claimId: claimCompetencies.claimId, slug: specificCompetencies.slug })
    .from(claimCompetencies)
    .innerJoin(specificCompetencies, eq(specificCompetencies.id, claimCompetencies.specificCompetencyId))
    .innerJoin(evidenceClaims, eq(evidenceClaims.id, claimCompetencies.claimId))
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceClaims.evidenceId))
    .where(inArray(evidenceItems.traineeId, ids))
    .all()
  const statements = db
    .select({ traineeId: portfolios.traineeId, text: portfolios.summaryStatement })
    .from(portfolios)
    .innerJoin(frameworks, eq(frameworks.id, portfolios.frameworkId))
    .where(
      and(
        inArray(portfolios.traineeId, ids),
        eq(frameworks.slug, defaultFramework.id),
        eq(frameworks.version, defaultFramework.version),
      ),
    )
    .all()
  for (const row of statements) result.get(row.traineeId)!.summaryStatementWords = countWords(row.text)
  const verified = verifiedClaimKeys(db, ids)
  for (const [traineeId, posts] of postsOfTrainees(db, ids)) result.get(traineeId)!.posts = posts
  const competenciesByClaim = new Map<number, string[]>()
  for (const row of competencyRows) {
    const list = competenciesByClaim.get(row.claimId) ?? []
    list.push(row.slug)
    competenciesByClaim.set(row.claimId, list)
  }

  const itemOwner = new Map<number, number>()
  for (const row of itemRows) {
    const data = result.get(row.traineeId)!
    itemOwner.set(row.id, row.traineeId)
    data.items.push({
      id: row.id,
      title: row.title,
      evidenceType: row.evidenceType,
      activityStart: row.activityStart,
      activityEnd: row.activityEnd,
      status: row.status,
      descriptionWords: row.descriptionWords,
      reflectionWords: row.reflectionWords,
      attachmentPages: pages.get(row.id)?.pages ?? 0,
      pendingConversions: pages.get(row.id)?.pending ?? 0,
      failedConversions: pages.get(row.id)?.failed ?? 0,
      openPiiFindings: pii.get(row.id) ?? 0,
      role: row.role,
      revision: row.revision,
      description: row.description,
      reflection: row.reflection,
    })
    if (!data.lastActivity || row.updatedAt > data.lastActivity) data.lastActivity = row.updatedAt
    if (row.status === 'awaiting_review') data.awaitingReview += 1
  }
  for (const row of claimRows) {
    // Claims of items outside the current framework's portfolio are left out with their items.
    if (!itemOwner.has(row.evidenceId)) continue
    result.get(row.traineeId)!.claims.push({
      evidenceId: row.evidenceId,
      areaCode: row.areaCode,
      statement: row.statement,
      competencyIds: competenciesByClaim.get(row.id) ?? [],
      verified: verified.has(`${row.evidenceId}:${row.areaCode}`),
    })
  }
  return result
}
