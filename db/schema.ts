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

export const ROLES = ['trainee', 'mentor', 'assessor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-cased and trimmed; unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: text('disabled_at'),
    /** Base32 TOTP secret once two-factor sign-in is set up and confirmed. */
    totpSecret: text('totp_secret'),
    /** A secret being set up, not yet confirmed with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    /** The last time step a TOTP code was accepted for, so a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
)

export const SPECIALISMS = [
  'radiotherapy-physics',
  'nuclear-medicine',
  'diagnostic-radiology',
  'radiation-protection',
  'mri',
  'ultrasound',
  'clinical-engineering',
  'renal',
  'vascular',
  'other',
] as const
export type Specialism = (typeof SPECIALISMS)[number]

export const traineeProfiles = sqliteTable('trainee_profiles', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  specialism: text('specialism', { enum: SPECIALISMS }).notNull(),
  employer: text('employer').notNull().default(''),
  /** ISO date (YYYY-MM-DD) the trainee aims to submit by. */
  targetSubmissionDate: text('target_submission_date'),
})

/** A trainee's portfolio against one framework version. */
export const portfolios = sqliteTable(
  'portfolios',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('portfolios_trainee_framework_unique').on(t.traineeId, t.frameworkId)],
)

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** False between a correct password and the second factor. */
    verified: integer('verified', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** Absolute expiry: the session ends then, however active. */
    expiresAt: text('expires_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
)

/** Failed sign-ins per account and per address, for slowing down guessing. */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: text('last_failure_at').notNull(),
})

/** A link a trainee sends to a would-be mentor: single use, expiring, revocable. */
export const mentorInvitations = sqliteTable(
  'mentor_invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    /** Whom the trainee meant it for, to remind them; anyone holding the link may accept. */
    note: text('note').notNull().default(''),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
    acceptedBy: integer('accepted_by').references(() => users.id),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('mentor_invitations_token_unique').on(t.tokenHash), index('mentor_invitations_trainee_idx').on(t.traineeId)],
)

export const mentorLinks = sqliteTable(
  'mentor_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    mentorId: integer('mentor_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    endedAt: text('ended_at'),
    endedBy: integer('ended_by').references(() => users.id),
  },
  (t) => [
    index('mentor_links_trainee_idx').on(t.traineeId),
    index('mentor_links_mentor_idx').on(t.mentorId),
    uniqueIndex('mentor_links_active_unique').on(t.traineeId, t.mentorId).where(sql`ended_at IS NULL`),
  ],
)

/** One-time links to choose a password: for accounts an admin creates, and for resets an admin issues. */
export const passwordSetupTokens = sqliteTable(
  'password_setup_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('password_setup_tokens_token_unique').on(t.tokenHash)],
)

/**
 * Append-only. Each row carries the hash of the row before it, so removing or
 * altering a row breaks the chain (`npm run audit:verify`).
 */
export const auditEvents = sqliteTable('audit_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actorId: integer('actor_id'),
  action: text('action').notNull(),
  subjectType: text('subject_type'),
  subjectId: text('subject_id'),
  ipAddress: text('ip_address'),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
})
