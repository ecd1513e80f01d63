import { createHash } from 'node:crypto'
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { type Db, asDb } from '../../db/client'
import {
  claimCompetencies,
  competenceAreas,
  domains,
  evidenceAttachments,
  evidenceClaims,
  evidenceItems,
  frameworks,
  piiFindings,
  portfolios,
  specificCompetencies,
  storedFiles,
  type EvidenceStatus,
} from '../../db/schema'
import { defaultFramework } from '../../competences/index'
import { wordCount, type EvidenceInput } from '~/evidence/form'
import { keysetPage, type Direction } from '~/models/pagination.server'
import { prepared } from '~/models/prepared.server'
import { pageInfo, PAGE_SIZE, type PageRequest } from '~/utils/pagination'

export class UnknownCompetenceError extends Error {
  constructor(
    readonly claimIndex: number,
    readonly field: 'area' | 'competencies',
    message: string,
  ) {
    super(message)
  }
}

/** The trainee's portfolio against the current framework, created if it is missing. */
export function currentPortfolio(db: Db, traineeId: number, now = new Date()): { id: number; frameworkId: number } {
  const framework = db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(and(eq(frameworks.slug, defaultFramework.id), eq(frameworks.version, defaultFramework.version)))
    .get()
  if (!framework) throw new Error('The current framework is not seeded')
  const existing = db
    .select({ id: portfolios.id, frameworkId: portfolios.frameworkId })
    .from(portfolios)
    .where(and(eq(portfolios.traineeId, traineeId), eq(portfolios.frameworkId, framework.id)))
    .get()
  if (existing) return existing
  return db
    .insert(portfolios)
    .values({ traineeId, frameworkId: framework.id, createdAt: now.toISOString() })
    .returning({ id: portfolios.id, frameworkId: portfolios.frameworkId })
    .get()
}

/** Each of `keys` that `lookup` finds, to its id; no lookup at all for no keys. */
function idsByKey(keys: readonly string[], lookup: () => { id: number; key: string }[]): Map<string, number> {
  return new Map((keys.length ? lookup() : []).map((row) => [row.key, row.id]))
}

/** The item's columns that the evidence form sets, with the word counts the coverage engine reads. */
function itemFields(input: EvidenceInput) {
  return {
    title: input.title,
    activityStart: input.activityStart,
    activityEnd: input.activityEnd,
    evidenceType: input.evidenceType,
    role: input.role,
    description: input.description,
    reflection: input.reflection,
    descriptionWords: wordCount(input.description),
    reflectionWords: wordCount(input.reflection),
  }
}

/** Resolves claimed codes to ids within the portfolio's framework; an unknown code is refused. */
function resolveClaims(db: Db, frameworkId: number, claims: EvidenceInput['claims']) {
  const codes = claims.map((c) => c.area)
  const slugs = claims.flatMap((c) => c.competencies)
  const areaIds = idsByKey(codes, () =>
    db
      .select({ id: competenceAreas.id, key: competenceAreas.code })
      .from(competenceAreas)
      .where(and(eq(competenceAreas.frameworkId, frameworkId), inArray(competenceAreas.code, codes)))
      .all(),
  )
  const competencyIds = idsByKey(slugs, () =>
    db
      .select({ id: specificCompetencies.id, key: specificCompetencies.slug })
      .from(specificCompetencies)
      .where(and(eq(specificCompetencies.frameworkId, frameworkId), inArray(specificCompetencies.slug, slugs)))
      .all(),
  )
  return claims.map((claim, i) => {
    const areaId = areaIds.get(claim.area)
    if (areaId === undefined)
      throw new UnknownCompetenceError(i, 'area', `${claim.area} is not an area of competence in this framework`)
    const ids = claim.competencies.map((slug) => {
      const id = competencyIds.get(slug)
      if (id === undefined)
        throw new UnknownCompetenceError(i, 'competencies', `${slug} is not a specific competency in this framework`)
      return id
    })
    return { areaId, statement: claim.statement, competencyIds: ids }
  })
}

function searchText(db: Db, evidenceId: number) {
  const claims = db
    .select({ statement: evidenceClaims.statement, code: competenceAreas.code })
    .from(evidenceClaims)
    .innerJoin(competenceAreas, eq(competenceAreas.id, evidenceClaims.areaId))
    .where(eq(evidenceClaims.evidenceId, evidenceId))
    .all()
  return claims.map((c) => `${c.code} ${c.statement}`).join('\n')
}

function indexForSearch(
  db: Db,
  evidenceId: number,
  input: Pick<EvidenceInput, 'title' | 'description' | 'reflection'>,
) {
  db.run(sql`DELETE FROM evidence_search WHERE rowid = ${evidenceId}`)
  db.run(
    sql`INSERT INTO evidence_search (rowid, title, description, reflection, claims) VALUES (${evidenceId}, ${input.title}, ${input.description}, ${input.reflection}, ${searchText(db, evidenceId)})`,
  )
}

function writeClaims(db: Db, evidenceId: number, resolved: ReturnType<typeof resolveClaims>) {
  db.delete(evidenceClaims).where(eq(evidenceClaims.evidenceId, evidenceId)).run()
  resolved.forEach((claim, position) => {
    const { id } = db
      .insert(evidenceClaims)
      .values({ evidenceId, areaId: claim.areaId, statement: claim.statement, position })
      .returning({ id: evidenceClaims.id })
      .get()
    for (const specificCompetencyId of claim.competencyIds) {
      db.insert(claimCompetencies).values({ claimId: id, specificCompetencyId }).run()
    }
  })
}

export interface NewAttachment {
  sha256: string
  size: number
  mediaType: string
  pageCount: number
  pagesExact: boolean
  originalName: string
}

function attach(db: Db, evidenceId: number, files: NewAttachment[], now: Date) {
  for (const file of files) {
    db.insert(storedFiles)
      .values({
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        pageCount: file.pageCount,
        pagesExact: file.pagesExact,
        createdAt: now.toISOString(),
      })
      .onConflictDoNothing()
      .run()
    db.insert(evidenceAttachments)
      .values({ evidenceId, fileSha256: file.sha256, originalName: file.originalName, uploadedAt: now.toISOString() })
      .run()
  }
}

/** Creates an item with its claims and attachments, all or nothing. Returns its id. */
export function createEvidence(
  db: Db,
  traineeId: number,
  input: EvidenceInput,
  files: NewAttachment[] = [],
  now = new Date(),
): number {
  return db.transaction((tx) => {
    const t = asDb(tx)
    const portfolio = currentPortfolio(t, traineeId, now)
    const resolved = resolveClaims(t, portfolio.frameworkId, input.claims)
    const { id } = tx
      .insert(evidenceItems)
      .values({
        portfolioId: portfolio.id,
        traineeId,
        ...itemFields(input),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .returning({ id: evidenceItems.id })
      .get()
    writeClaims(t, id, resolved)
    attach(t, id, files, now)
    indexForSearch(t, id, input)
    return id
  })
}

/** Updates one of this trainee's items; false if they have none by that id. */
export function updateEvidence(
  db: Db,
  traineeId: number,
  evidenceId: number,
  input: EvidenceInput,
  { addFiles = [], removeAttachmentIds = [] }: { addFiles?: NewAttachment[]; removeAttachmentIds?: number[] } = {},
  now = new Date(),
): boolean {
  return db.transaction((tx) => {
    const t = asDb(tx)
    const item = tx
      .select({ id: evidenceItems.id, portfolioId: evidenceItems.portfolioId, frameworkId: portfolios.frameworkId })
      .from(evidenceItems)
      .innerJoin(portfolios, eq(portfolios.id, evidenceItems.portfolioId))
      .where(and(eq(evidenceItems.id, evidenceId), eq(evidenceItems.traineeId, traineeId)))
      .get()
    if (!item) return false
    const resolved = resolveClaims(t, item.frameworkId, input.claims)
    tx.update(evidenceItems)
      .set({
        ...itemFields(input),
        updatedAt: now.toISOString(),
      })
      .where(eq(evidenceItems.id, evidenceId))
      .run()
    writeClaims(t, evidenceId, resolved)
    if (removeAttachmentIds.length > 0) {
      tx.delete(evidenceAttachments)
        .where(
          and(eq(evidenceAttachments.evidenceId, evidenceId), inArray(evidenceAttachments.id, removeAttachmentIds)),
        )
        .run()
    }
    attach(t, evidenceId, addFiles, now)
    indexForSearch(t, evidenceId, input)
    return true
  })
}

export function deleteEvidence(db: Db, traineeId: number, evidenceId: number): boolean {
  return db.transaction((tx) => {
    const deleted = tx
      .delete(evidenceItems)
      .where(and(eq(evidenceItems.id, evidenceId), eq(evidenceItems.traineeId, traineeId)))
      .run().changes
    if (deleted === 1) tx.run(sql`DELETE FROM evidence_search WHERE rowid = ${evidenceId}`)
    return deleted === 1
  })
}

/** Who owns an item, so access can be decided before anything else is read. */
const ownerOf = (db: Db) =>
  db
    .select({ traineeId: evidenceItems.traineeId })
    .from(evidenceItems)
    .where(eq(evidenceItems.id, sql.placeholder('evidenceId')))
    .prepare()

export function getEvidenceOwner(db: Db, evidenceId: number): number | undefined {
  return prepared(db, ownerOf).get({ evidenceId })?.traineeId
}

const itemColumns = {
  id: evidenceItems.id,
  traineeId: evidenceItems.traineeId,
  title: evidenceItems.title,
  activityStart: evidenceItems.activityStart,
  activityEnd: evidenceItems.activityEnd,
  evidenceType: evidenceItems.evidenceType,
  role: evidenceItems.role,
  status: evidenceItems.status,
  createdAt: evidenceItems.createdAt,
  updatedAt: evidenceItems.updatedAt,
}

/** `column IN (the ids)`, the ids given as one JSON array: one statement, prepared once, serves any number. */
const inIds = (column: SQLiteColumn) => sql`${column} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`

/**
 * The claims of these items, in the framework's order, each with its area and domain and its specific
 * competencies (in their order): two queries however many items.
 */
export function claimsOfItems(db: Db, evidenceIds: readonly number[]) {
  const result = new Map<number, ClaimOfItem[]>()
  if (evidenceIds.length === 0) return result
  const ids = JSON.stringify(evidenceIds)
  const claims = prepared(db, claimsOfIds).all({ ids })
  const competencies = new Map<number, { slug: string; text: string }[]>()
  if (claims.length > 0) {
    for (const { claimId, ...competency } of prepared(db, claimCompetenciesOfIds).all({ ids })) {
      const list = competencies.get(claimId)
      if (list) list.push(competency)
      else competencies.set(claimId, [competency])
    }
  }
  for (const claim of claims) {
    const list = result.get(claim.evidenceId) ?? []
    list.push({ ...claim, competencies: competencies.get(claim.id) ?? [] })
    result.set(claim.evidenceId, list)
  }
  return result
}

// Behind every item's page and every review: prepared once per connection.
const claimsOfIds = (db: Db) =>
  db
    .select({
      id: evidenceClaims.id,
      evidenceId: evidenceClaims.evidenceId,
      code: competenceAreas.code,
      areaText: competenceAreas.text,
      domainKey: domains.key,
      domainTitle: domains.title,
      statement: evidenceClaims.statement,
    })
    .from(evidenceClaims)
    .innerJoin(competenceAreas, eq(competenceAreas.id, evidenceClaims.areaId))
    .innerJoin(domains, eq(domains.id, competenceAreas.domainId))
    .where(inIds(evidenceClaims.evidenceId))
    .orderBy(asc(domains.number), asc(competenceAreas.position))
    .prepare()
const claimCompetenciesOfIds = (db: Db) =>
  db
    .select({ claimId: claimCompetencies.claimId, slug: specificCompetencies.slug, text: specificCompetencies.text })
    .from(claimCompetencies)
    .innerJoin(specificCompetencies, eq(specificCompetencies.id, claimCompetencies.specificCompetencyId))
    .innerJoin(evidenceClaims, eq(evidenceClaims.id, claimCompetencies.claimId))
    .where(inIds(evidenceClaims.evidenceId))
    .orderBy(asc(specificCompetencies.position))
    .prepare()

export interface ClaimOfItem {
  id: number
  evidenceId: number
  code: string
  areaText: string
  domainKey: string
  domainTitle: string
  statement: string
  competencies: { slug: string; text: string }[]
}

/** One item in full, scoped by its owner. */
// An item's page, read on every visit: prepared once per connection.
const itemOf = (db: Db) =>
  db
    .select({ ...itemColumns, description: evidenceItems.description, reflection: evidenceItems.reflection })
    .from(evidenceItems)
    .where(
      and(
        eq(evidenceItems.id, sql.placeholder('evidenceId')),
        eq(evidenceItems.traineeId, sql.placeholder('traineeId')),
      ),
    )
    .prepare()
const attachmentsOf = (db: Db) =>
  db
    .select({
      id: evidenceAttachments.id,
      originalName: evidenceAttachments.originalName,
      sha256: evidenceAttachments.fileSha256,
      size: storedFiles.size,
      mediaType: storedFiles.mediaType,
      pageCount: storedFiles.pageCount,
      pagesExact: storedFiles.pagesExact,
      uploadedAt: evidenceAttachments.uploadedAt,
    })
    .from(evidenceAttachments)
    .innerJoin(storedFiles, eq(storedFiles.sha256, evidenceAttachments.fileSha256))
    .where(eq(evidenceAttachments.evidenceId, sql.placeholder('evidenceId')))
    .orderBy(asc(evidenceAttachments.id))
    .prepare()

export function getEvidence(db: Db, traineeId: number, evidenceId: number) {
  const item = prepared(db, itemOf).get({ evidenceId, traineeId })
  if (!item) return null
  const claims = (claimsOfItems(db, [evidenceId]).get(evidenceId) ?? []).map(({ evidenceId: _, ...c }) => c)
  const attachments = prepared(db, attachmentsOf).all({ evidenceId })
  return {
    ...item,
    claims,
    attachments,
  }
}

export type EvidenceDetail = NonNullable<ReturnType<typeof getEvidence>>

/** One attachment of one item, scoped by the item's owner. */
export function getAttachment(db: Db, traineeId: number, evidenceId: number, attachmentId: number) {
  return db
    .select({
      id: evidenceAttachments.id,
      originalName: evidenceAttachments.originalName,
      sha256: evidenceAttachments.fileSha256,
      mediaType: storedFiles.mediaType,
      size: storedFiles.size,
    })
    .from(evidenceAttachments)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceAttachments.evidenceId))
    .innerJoin(storedFiles, eq(storedFiles.sha256, evidenceAttachments.fileSha256))
    .where(
      and(
        eq(evidenceAttachments.id, attachmentId),
        eq(evidenceAttachments.evidenceId, evidenceId),
        eq(evidenceItems.traineeId, traineeId),
      ),
    )
    .get()
}

export interface EvidenceFilters {
  domain?: string
  area?: string
  type?: string
  status?: EvidenceStatus
  q?: string
}

/** An FTS5 query from what a person typed: each word a quoted prefix, so no syntax can leak through. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12)
  if (!words || words.length === 0) return null
  return words.map((w) => `"${w}"*`).join(' ')
}

/** The conditions a trainee's filters put on their items; null when the words searched for can match nothing. */
function evidenceConditions(traineeId: number, filters: EvidenceFilters): SQL[] | null {
  const where: SQL[] = [eq(evidenceItems.traineeId, traineeId)]
  if (filters.type) where.push(eq(evidenceItems.evidenceType, filters.type))
  if (filters.status) where.push(eq(evidenceItems.status, filters.status))
  if (filters.area) {
    where.push(
      sql`${evidenceItems.id} IN (SELECT ${evidenceClaims.evidenceId} FROM ${evidenceClaims} JOIN ${competenceAreas} ON ${competenceAreas.id} = ${evidenceClaims.areaId} WHERE ${competenceAreas.code} = ${filters.area})`,
    )
  }
  if (filters.domain) {
    where.push(
      sql`${evidenceItems.id} IN (SELECT ${evidenceClaims.evidenceId} FROM ${evidenceClaims} JOIN ${competenceAreas} ON ${competenceAreas.id} = ${evidenceClaims.areaId} JOIN ${domains} ON ${domains.id} = ${competenceAreas.domainId} WHERE ${domains.key} = ${filters.domain})`,
    )
  }
  const match = filters.q ? ftsQuery(filters.q) : null
  if (filters.q && !match) return null
  if (match)
    where.push(sql`${evidenceItems.id} IN (SELECT rowid FROM evidence_search WHERE evidence_search MATCH ${match})`)
  return where
}

/** The items with the codes each claims, its number of files and of open patient-data findings, in three queries. */
function withCounts<T extends { id: number }>(db: Db, items: T[]) {
  if (items.length === 0) return []
  const ids = items.map((i) => i.id)
  const codes = claimCodesOf(db, ids)
  const fileRows = new Map(
    db
      .select({ evidenceId: evidenceAttachments.evidenceId, n: sql<number>`count(*)` })
      .from(evidenceAttachments)
      .where(inArray(evidenceAttachments.evidenceId, ids))
      .groupBy(evidenceAttachments.evidenceId)
      .all()
      .map((r) => [r.evidenceId, r.n]),
  )
  const openPii = new Map(
    db
      .select({ evidenceId: piiFindings.evidenceId, n: sql<number>`count(*)` })
      .from(piiFindings)
      .where(and(inArray(piiFindings.evidenceId, ids), eq(piiFindings.status, 'open')))
      .groupBy(piiFindings.evidenceId)
      .all()
      .map((r) => [r.evidenceId, r.n]),
  )
  return items.map((item) => ({
    ...item,
    codes: codes.get(item.id) ?? [],
    attachmentCount: fileRows.get(item.id) ?? 0,
    openPiiCount: openPii.get(item.id) ?? 0,
  }))
}

/** A trainee's items, newest activity first, with the codes each claims; filters narrow the list. */
export function listEvidence(db: Db, traineeId: number, filters: EvidenceFilters = {}) {
  const where = evidenceConditions(traineeId, filters)
  if (!where) return []
  const items = db
    .select(itemColumns)
    .from(evidenceItems)
    .where(and(...where))
    .orderBy(desc(evidenceItems.activityStart), desc(evidenceItems.id))
    .all()
  return withCounts(db, items)
}

/**
 * One page of a trainee's items (filters as `listEvidence`), newest activity
 * first, by keyset on (activity date, id): the page's rows and their codes and
 * counts only, however long the list.
 */
export function listEvidencePage(
  db: Db,
  traineeId: number,
  filters: EvidenceFilters,
  request: PageRequest,
  size = PAGE_SIZE,
) {
  const where = evidenceConditions(traineeId, filters)
  if (!where) return { items: [], page: pageInfo(0, 0, 0, size, {}) }
  const pageRows = (extra: SQL | undefined, direction: Direction, limit: number) =>
    db
      .select(itemColumns)
      .from(evidenceItems)
      .where(and(...where, extra))
      .orderBy(
        direction === 'desc' ? desc(evidenceItems.activityStart) : asc(evidenceItems.activityStart),
        direction === 'desc' ? desc(evidenceItems.id) : asc(evidenceItems.id),
      )
      .limit(limit)
      .all()
  const { rows, page } = keysetPage(
    {
      key: evidenceItems.activityStart,
      id: evidenceItems.id,
      order: 'desc',
      cursorOf: (row) => ({ key: row.activityStart, id: row.id }),
      rows: pageRows,
      count: (extra) =>
        db
          .select({ n: sql<number>`count(*)` })
          .from(evidenceItems)
          .where(and(...where, extra))
          .get()!.n,
    },
    request,
    size,
  )
  return { items: withCounts(db, rows), page }
}

const evidenceCountOf = (db: Db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(evidenceItems)
    .where(eq(evidenceItems.traineeId, sql.placeholder('traineeId')))
    .prepare()

export function countEvidence(db: Db, traineeId: number): number {
  return prepared(db, evidenceCountOf).get({ traineeId })!.n
}

/** Hashes a finding's fingerprint for storage: the identifier itself is never kept. */
export function fingerprintHash(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('hex')
}

/** The files attached to one of this trainee's items. */
export function listAttachmentFiles(db: Db, traineeId: number, evidenceId: number) {
  return db
    .select({
      id: evidenceAttachments.id,
      sha256: evidenceAttachments.fileSha256,
      mediaType: storedFiles.mediaType,
      originalName: evidenceAttachments.originalName,
    })
    .from(evidenceAttachments)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceAttachments.evidenceId))
    .innerJoin(storedFiles, eq(storedFiles.sha256, evidenceAttachments.fileSha256))
    .where(and(eq(evidenceAttachments.evidenceId, evidenceId), eq(evidenceItems.traineeId, traineeId)))
    .all()
}

// Behind every page of the evidence list and the review queue: prepared once per connection.
const claimCodesOfIds = (db: Db) =>
  db
    .select({ evidenceId: evidenceClaims.evidenceId, code: competenceAreas.code })
    .from(evidenceClaims)
    .innerJoin(competenceAreas, eq(competenceAreas.id, evidenceClaims.areaId))
    .innerJoin(domains, eq(domains.id, competenceAreas.domainId))
    .where(inIds(evidenceClaims.evidenceId))
    .orderBy(asc(domains.number), asc(competenceAreas.position))
    .prepare()

/** The codes each item claims, in framework order, for many items in one query. */
export function claimCodesOf(db: Db, evidenceIds: readonly number[]): Map<number, string[]> {
  const codes = new Map<number, string[]>()
  if (evidenceIds.length === 0) return codes
  for (const row of prepared(db, claimCodesOfIds).all({ ids: JSON.stringify(evidenceIds) })) {
    const list = codes.get(row.evidenceId)
    if (list) list.push(row.code)
    else codes.set(row.evidenceId, [row.code])
  }
  return codes
}
