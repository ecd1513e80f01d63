import { sql } from 'drizzle-orm'
import { integer, primaryKey, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import {
  GUIDANCE_SECTIONS,
  ROLES,
  SPECIALISMS,
  EVIDENCE_ROLES,
  EVIDENCE_STATUSES,
  PII_STATUSES,
  CLAIM_DECISIONS,
  ASSESSMENT_OUTCOMES,
  AREA_JUDGEMENTS,
  MENTOR_ROLES,
  FEEDBACK_RELATIONSHIPS,
  QUALIFICATION_KINDS,
  type EvidenceRole,
} from '../app/vocabulary'

// The value lists live in app/vocabulary.ts, which the browser may import; the schema only uses them.
export {
  GUIDANCE_SECTIONS,
  ROLES,
  SPECIALISMS,
  EVIDENCE_ROLES,
  EVIDENCE_STATUSES,
  PII_STATUSES,
  CLAIM_DECISIONS,
  MENTOR_ROLES,
  ASSESSMENT_OUTCOMES,
  AREA_JUDGEMENTS,
  FEEDBACK_RELATIONSHIPS,
  type GuidanceSection,
  type Role,
  type Specialism,
  type EvidenceRole,
  type EvidenceStatus,
  type MentorRole,
  type ClaimDecision,
  type AssessmentOutcome,
  type AreaJudgement,
  type FeedbackRelationship,
  type QualificationKind,
} from '../app/vocabulary'

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
    repairs: text('repairs', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
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
    /** E-mail me about reviews, comments and declarations. */
    emailNotifications: integer('email_notifications', { mode: 'boolean' }).notNull().default(true),
    /** The weekly digest: items waiting for review (mentors), the target date against coverage (trainees). */
    weeklyDigest: integer('weekly_digest', { mode: 'boolean' }).notNull().default(true),
    /** A mentor's specialism, so coverage can tell when a claim was verified by someone outside its field. */
    specialism: text('specialism', { enum: SPECIALISMS }),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
)

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
    /** The trainee's summary statement (Markdown), opening the submitted portfolio. */
    summaryStatement: text('summary_statement').notNull().default(''),
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
    /** The part the mentor will play: it becomes the link's role. */
    role: text('role', { enum: MENTOR_ROLES }).notNull().default('supervisor'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
    acceptedBy: integer('accepted_by').references(() => users.id),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('mentor_invitations_token_unique').on(t.tokenHash),
    index('mentor_invitations_trainee_idx').on(t.traineeId),
  ],
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
    /** Supervisor or External Adviser; links made before roles existed are supervisors. */
    role: text('role', { enum: MENTOR_ROLES }).notNull().default('supervisor'),
    createdAt: text('created_at').notNull(),
    endedAt: text('ended_at'),
    endedBy: integer('ended_by').references(() => users.id),
  },
  (t) => [
    index('mentor_links_trainee_idx').on(t.traineeId),
    index('mentor_links_mentor_idx').on(t.mentorId),
    uniqueIndex('mentor_links_active_unique')
      .on(t.traineeId, t.mentorId)
      .where(sql`ended_at IS NULL`),
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
 * A sign-up waiting for its e-mail address to be confirmed. The account is
 * made only from the link sent to that address, so the sign-up form answers
 * the same whether or not the address already has an account.
 */
export const pendingSignups = sqliteTable(
  'pending_signups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['trainee', 'mentor'] }).notNull(),
    /** A trainee's profile as JSON; null for a mentor, who signs up through an invitation. */
    profile: text('profile'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('pending_signups_token_unique').on(t.tokenHash)],
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

/** A piece of evidence in a trainee's portfolio. */
export const evidenceItems = sqliteTable(
  'evidence_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    portfolioId: integer('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    /** The owner, kept on the row so every query can be scoped by it without a join. */
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    /** ISO dates (YYYY-MM-DD); `activityEnd` is null for a single day. */
    activityStart: text('activity_start').notNull(),
    activityEnd: text('activity_end'),
    evidenceType: text('evidence_type').notNull(),
    role: text('role', { enum: EVIDENCE_ROLES }).notNull(),
    description: text('description').notNull(),
    reflection: text('reflection').notNull(),
    /** Kept with the text so coverage and page estimates need not count words on every request. */
    descriptionWords: integer('description_words').notNull().default(0),
    reflectionWords: integer('reflection_words').notNull().default(0),
    status: text('status', { enum: EVIDENCE_STATUSES }).notNull().default('draft'),
    /** The latest revision's number; 0 until the item is first sent for review. */
    currentRevision: integer('current_revision').notNull().default(0),
    /** When the item last entered the review queue. */
    reviewRequestedAt: text('review_requested_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('evidence_items_trainee_idx').on(t.traineeId, t.updatedAt),
    // The evidence list's order (newest activity first, ties by id): a page is read straight off the index.
    index('evidence_items_trainee_activity_idx').on(t.traineeId, t.activityStart, t.id),
    index('evidence_items_portfolio_idx').on(t.portfolioId),
  ],
)

/** A claim: this item demonstrates this area of competence, in the trainee's own words. */
export const evidenceClaims = sqliteTable(
  'evidence_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    areaId: integer('area_id')
      .notNull()
      .references(() => competenceAreas.id),
    statement: text('statement').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('evidence_claims_item_area_unique').on(t.evidenceId, t.areaId),
    index('evidence_claims_area_idx').on(t.areaId),
  ],
)

/** Specific competencies a claim also names (optional). */
export const claimCompetencies = sqliteTable(
  'claim_competencies',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => evidenceClaims.id, { onDelete: 'cascade' }),
    specificCompetencyId: integer('specific_competency_id')
      .notNull()
      .references(() => specificCompetencies.id),
  },
  (t) => [uniqueIndex('claim_competencies_unique').on(t.claimId, t.specificCompetencyId)],
)

/** Stored file content, addressed by its SHA-256: the same file uploaded twice is kept once. */
export const storedFiles = sqliteTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  /** Decided from the content, never from the name or the browser's word. */
  mediaType: text('media_type').notNull(),
  pageCount: integer('page_count').notNull(),
  /** True when the page count was read from the file (PDF, image) rather than estimated. */
  pagesExact: integer('pages_exact', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at').notNull(),
})

export const evidenceAttachments = sqliteTable(
  'evidence_attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => storedFiles.sha256),
    /** As the trainee's computer named it: shown, never used in a path. */
    originalName: text('original_name').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [
    index('evidence_attachments_item_idx').on(t.evidenceId),
    index('evidence_attachments_file_idx').on(t.fileSha256),
  ],
)

export const CONVERSION_STATUSES = ['queued', 'converting', 'ready', 'failed'] as const

/**
 * The durable queue of Office documents (DOCX, XLSX, PPTX) to convert to PDF,
 * one row per stored file (the same content converts once). A job a worker
 * was running when it died (its process gone, or its lease over) is taken up
 * again; a finished one names the converted PDF in the store.
 */
export const fileConversions = sqliteTable(
  'file_conversions',
  {
    sourceSha256: text('source_sha256').primaryKey(),
    status: text('status', { enum: CONVERSION_STATUSES }).notNull().default('queued'),
    /** Attempts started so far. */
    attempts: integer('attempts').notNull().default(0),
    /** A queued job waits until then (backoff after a failed attempt). */
    runAfter: text('run_after').notNull(),
    /** While converting: the worker's process id and when its claim lapses. */
    workerPid: integer('worker_pid'),
    leaseUntil: text('lease_until'),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    pdfSha256: text('pdf_sha256'),
    pageCount: integer('page_count'),
    /** Why the last attempt failed, in words for the trainee. */
    error: text('error'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('file_conversions_status_idx').on(t.status, t.runAfter)],
)

/**
 * Possible patient-identifiable information found in an item's text or files.
 * Only a masked excerpt is kept, never the identifier itself.
 */
export const piiFindings = sqliteTable(
  'pii_findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    /** `title`, `description`, `reflection`, `claim:<area code>` or `attachment:<attachment id>`. */
    field: text('field').notNull(),
    kind: text('kind').notNull(),
    fingerprint: text('fingerprint').notNull(),
    maskedText: text('masked_text').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: PII_STATUSES }).notNull().default('open'),
    acknowledgedReason: text('acknowledged_reason'),
    acknowledgedAt: text('acknowledged_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('pii_findings_item_idx').on(t.evidenceId),
    uniqueIndex('pii_findings_unique').on(t.evidenceId, t.field, t.fingerprint),
  ],
)

/**
 * What an item said at one moment of its review history. Revision 1 is the
 * item as first sent for review; every save after that adds one. Mentors'
 * decisions name the revision they were given on.
 */
export const evidenceRevisions = sqliteTable(
  'evidence_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<RevisionSnapshot>().notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('evidence_revisions_number_unique').on(t.evidenceId, t.number)],
)

export interface RevisionSnapshot {
  title: string
  activityStart: string
  activityEnd: string | null
  evidenceType: string
  role: EvidenceRole
  description: string
  reflection: string
  claims: { areaCode: string; statement: string; competencies: string[] }[]
  attachments: { sha256: string; originalName: string }[]
}

/** A mentor's decision on one claim (by area code) of one revision of an item. */
export const claimReviews = sqliteTable(
  'claim_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    areaCode: text('area_code').notNull(),
    mentorId: integer('mentor_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: CLAIM_DECISIONS }).notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('claim_reviews_item_idx').on(t.evidenceId, t.revision)],
)

/** Threaded comments on an item (or one of its claims), visible to the trainee and their mentors. */
export const evidenceComments = sqliteTable(
  'evidence_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidenceItems.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id'),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    /** Set when the comment is about one claim. */
    areaCode: text('area_code'),
    revision: integer('revision'),
    body: text('body').notNull(),
    /** A mentor may mark a comment for the assessor to read with the submission. */
    forAssessor: integer('for_assessor', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('evidence_comments_item_idx').on(t.evidenceId)],
)

/** A mentor's declaration for a trainee's whole portfolio; any later change to the portfolio voids it. */
export const mentorDeclarations = sqliteTable(
  'mentor_declarations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    portfolioId: integer('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    mentorId: integer('mentor_id')
      .notNull()
      .references(() => users.id),
    /** The declaration's words as signed. */
    text: text('text').notNull(),
    signedAt: text('signed_at').notNull(),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
  },
  (t) => [index('mentor_declarations_trainee_idx').on(t.traineeId)],
)

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** A path on this site. */
    link: text('link').notNull(),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)],
)

/** E-mails: sent when SMTP is configured, otherwise kept here for an admin to read, so none is lost. */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('email_outbox_unsent_idx').on(t.sentAt)],
)

/**
 * A submitted portfolio: an immutable snapshot (canonical JSON) and its SHA-256.
 * Triggers refuse any change to the snapshot or its hash, and any deletion.
 */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    portfolioId: integer('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    /** 1, 2, 3… for each trainee. */
    number: integer('number').notNull(),
    /** The `PortfolioSnapshot`, as canonical JSON: the bytes the hash is taken over. */
    snapshot: text('snapshot').notNull(),
    snapshotSha256: text('snapshot_sha256').notNull(),
    /** The summary PDF, generated once and kept in the file store; null until first asked for. */
    pdfSha256: text('pdf_sha256'),
    pdfPages: integer('pdf_pages'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('submissions_trainee_number_unique').on(t.traineeId, t.number)],
)

/** A read-only link to a submission for an assessor: only the SHA-256 of its token is kept. */
export const assessorLinks = sqliteTable(
  'assessor_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    tokenHash: text('token_hash').notNull(),
    /** Who the link is for, as the trainee or admin described them. */
    recipient: text('recipient').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('assessor_links_token_unique').on(t.tokenHash),
    index('assessor_links_submission_idx').on(t.submissionId),
  ],
)

/** Every opening of an assessor link: when and from where. */
export const assessorLinkOpenings = sqliteTable(
  'assessor_link_openings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    linkId: integer('link_id')
      .notNull()
      .references(() => assessorLinks.id),
    openedAt: text('opened_at').notNull(),
    ipAddress: text('ip_address').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    /** What was opened: the summary, the PDF or the export. */
    what: text('what').notNull().default('summary'),
  },
  (t) => [index('assessor_link_openings_link_idx').on(t.linkId)],
)

/** An assessor account assigned to assess a submission. */
export const submissionAssignments = sqliteTable(
  'submission_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    assessorId: integer('assessor_id')
      .notNull()
      .references(() => users.id),
    assignedBy: integer('assigned_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('submission_assignments_unique').on(t.submissionId, t.assessorId),
    index('submission_assignments_assessor_idx').on(t.assessorId),
  ],
)

/** An assessor's judgement of one submission, bound to the snapshot hash it was made on. */
export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id),
    assessorId: integer('assessor_id')
      .notNull()
      .references(() => users.id),
    snapshotSha256: text('snapshot_sha256').notNull(),
    outcome: text('outcome', { enum: ASSESSMENT_OUTCOMES }),
    comment: text('comment').notNull().default(''),
    /** Set when the assessor releases it to the trainee; it can no longer change after that. */
    releasedAt: text('released_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('assessments_submission_assessor_unique').on(t.submissionId, t.assessorId)],
)

export const areaJudgements = sqliteTable(
  'area_judgements',
  {
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    areaCode: text('area_code').notNull(),
    judgement: text('judgement', { enum: AREA_JUDGEMENTS }).notNull(),
    comment: text('comment').notNull().default(''),
  },
  (t) => [uniqueIndex('area_judgements_unique').on(t.assessmentId, t.areaCode)],
)

/**
 * A post on the trainee's experience and training record. Dates are ISO days; `endDate` null is the post they
 * hold now. `fractionPercent` is the whole-time equivalent in hundredths (100 = full time), kept whole so that
 * overlapping part-time posts add up exactly.
 */
export const recordPosts = sqliteTable(
  'record_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    employer: text('employer').notNull(),
    department: text('department').notNull().default(''),
    jobTitle: text('job_title').notNull(),
    band: text('band').notNull().default(''),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    fractionPercent: integer('fraction_percent').notNull().default(100),
    supervisorName: text('supervisor_name').notNull().default(''),
    /** Supervised practice in a healthcare setting. */
    supervisedPractice: integer('supervised_practice', { mode: 'boolean' }).notNull().default(false),
    description: text('description').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('record_posts_trainee_idx').on(t.traineeId, t.startDate)],
)

/** A qualification or training course on the record; `endDate` null while it is under way. */
export const recordQualifications = sqliteTable(
  'record_qualifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: QUALIFICATION_KINDS }).notNull(),
    title: text('title').notNull(),
    institution: text('institution').notNull().default(''),
    startDate: text('start_date'),
    endDate: text('end_date'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('record_qualifications_trainee_idx').on(t.traineeId)],
)

/** A professional registration or membership (IPEM, HCPC, a society), with its number. */
export const recordMemberships = sqliteTable(
  'record_memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    grade: text('grade').notNull().default(''),
    number: text('number').notNull().default(''),
    since: text('since'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('record_memberships_trainee_idx').on(t.traineeId)],
)

/**
 * A round of multi-source feedback: a trainee asks colleagues to rate how they work with others. Results are
 * released, aggregated, only once enough colleagues have answered; `results` holds them as released (comments
 * already in their shuffled order), so every reader sees the same page.
 */
export const feedbackRounds = sqliteTable(
  'feedback_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    /** The question set's id and version, e.g. `attain-msf@1`. */
    questionSet: text('question_set').notNull(),
    /** Area codes the round addresses. */
    areaCodes: text('area_codes', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull(),
    releasedAt: text('released_at'),
    results: text('results', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The trainee's reflection on the results: the evidence item they make of them. */
    evidenceId: integer('evidence_id').references(() => evidenceItems.id, { onDelete: 'set null' }),
  },
  (t) => [index('feedback_rounds_trainee_idx').on(t.traineeId)],
)

/** A colleague asked for feedback. Only the SHA-256 of their link's token is kept. */
export const feedbackRaters = sqliteTable(
  'feedback_raters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => feedbackRounds.id),
    email: text('email').notNull(),
    relationship: text('relationship', { enum: FEEDBACK_RELATIONSHIPS }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedAt: text('invited_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** Set when they answer or decline: the link then stops working. */
    answeredAt: text('answered_at'),
    declinedAt: text('declined_at'),
    lastRemindedAt: text('last_reminded_at'),
  },
  (t) => [
    uniqueIndex('feedback_raters_token_unique').on(t.tokenHash),
    uniqueIndex('feedback_raters_round_email_unique').on(t.roundId, t.email),
  ],
)

/**
 * One colleague's answers. Deliberately without the rater's id or a time: nothing in the database ties an answer
 * to the person who gave it.
 */
export const feedbackResponses = sqliteTable(
  'feedback_responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => feedbackRounds.id),
    /** Question id → 1…n on the scale, or null for "not able to comment". */
    ratings: text('ratings', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    strengths: text('strengths').notNull(),
    development: text('development').notNull(),
  },
  (t) => [index('feedback_responses_round_idx').on(t.roundId)],
)

/**
 * One row per scheduled run that has happened: `kind` (the weekly digest) and `period` (its ISO week, such as
 * `2026-W49`). A run claims its period by inserting this row in the same transaction that queues what it sends, so
 * a restart neither skips a week (the row is missing, the run is due) nor repeats one (the row is there), and two
 * processes never both send: the second insert does nothing.
 */
export const scheduledRuns = sqliteTable(
  'scheduled_runs',
  {
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    ranAt: text('ran_at').notNull(),
    /** What the run did, e.g. how many people it reached. */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.period] })],
)
