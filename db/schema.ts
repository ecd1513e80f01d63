import { sql } from 'drizzle-orm'
import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core'

/**
 * A competence framework, one row per (slug, version), so a new version can
 * sit beside the one older portfolios were built against.
 */
export const frameworks = sqliteTable(
  'frameworks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    modality: text('modality').notNull(),
    source: text('source').notNull(),
    repairs: text('repairs', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** SHA-256 of the framework file's canonical JSON: seeding the same content again is a no-op. */
    contentHash: text('content_hash').notNull(),
    seededAt: text('seeded_at').notNull(),
  },
  (t) => [uniqueIndex('frameworks_slug_version_unique').on(t.slug, t.version)],
)

export const domains = sqliteTable(
  'domains',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    number: integer('number').notNull(),
    key: text('key').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('domains_framework_key_unique').on(t.frameworkId, t.key)],
)

/** A numbered area of competence (Sci1…Prof11): what evidence claims. */
export const competenceAreas = sqliteTable(
  'competence_areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
    code: text('code').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('competence_areas_framework_code_unique').on(t.frameworkId, t.code),
    index('competence_areas_domain_idx').on(t.domainId),
  ],
)

/** A modality-specific competency, identified by a stable slug such as `Sci-SC1`. */
export const specificCompetencies = sqliteTable(
  'specific_competencies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
    slug: text('slug').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('specific_competencies_framework_slug_unique').on(t.frameworkId, t.slug),
    index('specific_competencies_domain_idx').on(t.domainId),
  ],
)

export const GUIDANCE_SECTIONS = [
  'achievementOf',
  'achievedThrough',
  'goodEvidenceIntro',
  'goodEvidence',
  'notes',
  'assessedBy',
] as const
export type GuidanceSection = (typeof GUIDANCE_SECTIONS)[number]

/** One entry of a domain's guidance: a paragraph, a bullet of good evidence, a note. */
export const domainGuidance = sqliteTable(
  'domain_guidance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id),
    section: text('section', { enum: GUIDANCE_SECTIONS }).notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('domain_guidance_position_unique').on(t.domainId, t.section, t.position)],
)
