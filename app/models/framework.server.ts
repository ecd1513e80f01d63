import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { competenceAreas, domainGuidance, domains, frameworks, specificCompetencies } from '../../db/schema'
import { defaultFramework } from '../../competences/index'
import type { DomainKey, Framework } from '../../competences/schema'
import { prepared } from '~/models/prepared.server'

export interface FrameworkRef {
  slug: string
  version: string
}

/**
 * The framework as stored, in the same shape as its JSON file. Five queries,
 * whatever the framework's size.
 */
export function getFramework(db: Db, ref: FrameworkRef): Framework | null {
  const row = db
    .select()
    .from(frameworks)
    .where(and(eq(frameworks.slug, ref.slug), eq(frameworks.version, ref.version)))
    .get()
  if (!row) return null

  const domainRows = db
    .select({ id: domains.id, number: domains.number, key: domains.key, title: domains.title })
    .from(domains)
    .where(eq(domains.frameworkId, row.id))
    .orderBy(asc(domains.number))
    .all()
  const areaRows = db
    .select({ domainId: competenceAreas.domainId, code: competenceAreas.code, text: competenceAreas.text })
    .from(competenceAreas)
    .where(eq(competenceAreas.frameworkId, row.id))
    .orderBy(asc(competenceAreas.position))
    .all()
  const competencyRows = db
    .select({
      domainId: specificCompetencies.domainId,
      slug: specificCompetencies.slug,
      text: specificCompetencies.text,
    })
    .from(specificCompetencies)
    .where(eq(specificCompetencies.frameworkId, row.id))
    .orderBy(asc(specificCompetencies.position))
    .all()
  const guidanceRows = db
    .select({
      domainId: domainGuidance.domainId,
      section: domainGuidance.section,
      text: domainGuidance.text,
    })
    .from(domainGuidance)
    .innerJoin(domains, eq(domains.id, domainGuidance.domainId))
    .where(eq(domains.frameworkId, row.id))
    .orderBy(asc(domainGuidance.position))
    .all()

  return {
    id: row.slug,
    version: row.version,
    title: row.title,
    modality: row.modality,
    source: row.source,
    ...(row.repairs.length > 0 ? { repairs: row.repairs } : {}),
    domains: domainRows.map((domain) => {
      const guidance = guidanceRows.filter((g) => g.domainId === domain.id)
      const section = (name: (typeof guidance)[number]['section']) =>
        guidance.filter((g) => g.section === name).map((g) => g.text)
      return {
        number: domain.number,
        key: domain.key as DomainKey,
        title: domain.title,
        areas: areaRows.filter((a) => a.domainId === domain.id).map(({ code, text }) => ({ code, text })),
        specificCompetencies: competencyRows
          .filter((c) => c.domainId === domain.id)
          .map(({ slug, text }) => ({ id: slug, text })),
        guidance: {
          achievementOf: section('achievementOf'),
          achievedThrough: section('achievedThrough'),
          goodEvidence: { intro: section('goodEvidenceIntro')[0] ?? '', items: section('goodEvidence') },
          notes: section('notes'),
          assessedBy: section('assessedBy')[0] ?? '',
        },
      }
    }),
  }
}

const frameworkVersion = (db: Db) =>
  db
    .select({ id: frameworks.id, contentHash: frameworks.contentHash })
    .from(frameworks)
    .where(and(eq(frameworks.slug, sql.placeholder('slug')), eq(frameworks.version, sql.placeholder('version'))))
    .prepare()

const loaded = new WeakMap<Db, { key: string; framework: Framework }>()

/**
 * The framework this installation currently offers, as stored. Read once per
 * framework version: each call asks the database only for the framework row's
 * id and content hash (one prepared query), which seeding changes whenever the
 * text does, in whatever process seeds it. The object is shared: read it, never
 * change it. Throws a 503 response if seeding has not happened, which start-up
 * makes impossible.
 */
export function requireCurrentFramework(db: Db): Framework {
  const ref = { slug: defaultFramework.id, version: defaultFramework.version }
  const row = prepared(db, frameworkVersion).get(ref)
  if (!row) throw new Response('The competence framework is not loaded yet', { status: 503 })
  const key = `${row.id}:${row.contentHash}`
  const cached = loaded.get(db)
  if (cached?.key === key) return cached.framework
  const framework = getFramework(db, ref)
  if (!framework) throw new Response('The competence framework is not loaded yet', { status: 503 })
  loaded.set(db, { key, framework })
  return framework
}
