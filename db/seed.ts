import { createHash } from 'node:crypto'
import { and, eq, inArray, notInArray } from 'drizzle-orm'
import type { Framework } from '../competences/schema'
import { canonicalJson } from '../app/utils/canonical-json'
import type { Db } from './client'
import {
  competenceAreas,
  domainGuidance,
  domains,
  frameworks,
  specificCompetencies,
  type GuidanceSection,
} from './schema'

export function frameworkHash(framework: Framework): string {
  return createHash('sha256').update(canonicalJson(framework)).digest('hex')
}

export type SeedOutcome = 'created' | 'updated' | 'unchanged'

function guidanceRows(domainId: number, guidance: Framework['domains'][number]['guidance']) {
  const rows: { domainId: number; section: GuidanceSection; position: number; text: string }[] = []
  const add = (section: GuidanceSection, texts: readonly string[]) =>
    texts.forEach((text, position) => rows.push({ domainId, section, position, text }))
  add('achievementOf', guidance.achievementOf)
  add('achievedThrough', guidance.achievedThrough)
  add('goodEvidenceIntro', [guidance.goodEvidence.intro])
  add('goodEvidence', guidance.goodEvidence.items)
  add('notes', guidance.notes)
  add('assessedBy', [guidance.assessedBy])
  return rows
}

/**
 * Puts a framework into the database, keyed by its id and version.
 * Idempotent: the same content again changes nothing. Changed content (a
 * corrected typo) updates rows in place, so ids that evidence points at stay.
 */
export function seedFramework(db: Db, framework: Framework, now = new Date()): SeedOutcome {
  const hash = frameworkHash(framework)
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: frameworks.id, contentHash: frameworks.contentHash })
      .from(frameworks)
      .where(and(eq(frameworks.slug, framework.id), eq(frameworks.version, framework.version)))
      .get()
    if (existing?.contentHash === hash) return 'unchanged'

    const values = {
      slug: framework.id,
      version: framework.version,
      title: framework.title,
      modality: framework.modality,
      source: framework.source,
      repairs: framework.repairs ?? [],
      contentHash: hash,
      seededAt: now.toISOString(),
    }
    const frameworkId = existing
      ? (tx.update(frameworks).set(values).where(eq(frameworks.id, existing.id)).run(), existing.id)
      : tx.insert(frameworks).values(values).returning({ id: frameworks.id }).get().id

    const domainIds: number[] = []
    const areaCodes: string[] = []
    const competencySlugs: string[] = []
    for (const domain of framework.domains) {
      const { id: domainId } = tx
        .insert(domains)
        .values({ frameworkId, number: domain.number, key: domain.key, title: domain.title })
        .onConflictDoUpdate({
          target: [domains.frameworkId, domains.key],
          set: { number: domain.number, title: domain.title },
        })
        .returning({ id: domains.id })
        .get()
      domainIds.push(domainId)

      domain.areas.forEach((area, position) => {
        areaCodes.push(area.code)
        tx.insert(competenceAreas)
          .values({ frameworkId, domainId, code: area.code, text: area.text, position })
          .onConflictDoUpdate({
            target: [competenceAreas.frameworkId, competenceAreas.code],
            set: { domainId, text: area.text, position },
          })
          .run()
      })
      domain.specificCompetencies.forEach((competency, position) => {
        competencySlugs.push(competency.id)
        tx.insert(specificCompetencies)
          .values({ frameworkId, domainId, slug: competency.id, text: competency.text, position })
          .onConflictDoUpdate({
            target: [specificCompetencies.frameworkId, specificCompetencies.slug],
            set: { domainId, text: competency.text, position },
          })
          .run()
      })
      tx.delete(domainGuidance).where(eq(domainGuidance.domainId, domainId)).run()
      tx.insert(domainGuidance).values(guidanceRows(domainId, domain.guidance)).run()
    }

    // What the file no longer holds goes; a foreign key stops this if evidence still points at it.
    tx.delete(competenceAreas)
      .where(and(eq(competenceAreas.frameworkId, frameworkId), notInArray(competenceAreas.code, areaCodes)))
      .run()
    tx.delete(specificCompetencies)
      .where(
        and(eq(specificCompetencies.frameworkId, frameworkId), notInArray(specificCompetencies.slug, competencySlugs)),
      )
      .run()
    const staleDomains = tx
      .select({ id: domains.id })
      .from(domains)
      .where(and(eq(domains.frameworkId, frameworkId), notInArray(domains.id, domainIds)))
      .all()
      .map((d) => d.id)
    if (staleDomains.length > 0) {
      tx.delete(domainGuidance).where(inArray(domainGuidance.domainId, staleDomains)).run()
      tx.delete(domains).where(inArray(domains.id, staleDomains)).run()
    }
    return existing ? 'updated' : 'created'
  })
}

/** Seeds every framework the installation ships. */
export function seedFrameworks(db: Db, all: readonly Framework[], now = new Date()): Record<string, SeedOutcome> {
  return Object.fromEntries(all.map((f) => [`${f.id}@${f.version}`, seedFramework(db, f, now)]))
}
