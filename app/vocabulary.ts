/**
 * The closed lists of values the app shares between server and browser: roles, specialisms, evidence roles and
 * statuses, review decisions, assessment outcomes and judgements, guidance sections.
 *
 * No imports, on purpose: the browser loads this module, and db/schema.ts builds its columns from it, so the
 * schema (drizzle's column classes, every table) never reaches the client build.
 */

export const GUIDANCE_SECTIONS = [
  'achievementOf',
  'achievedThrough',
  'goodEvidenceIntro',
  'goodEvidence',
  'notes',
  'assessedBy',
] as const
export type GuidanceSection = (typeof GUIDANCE_SECTIONS)[number]

export const ROLES = ['trainee', 'mentor', 'assessor', 'admin'] as const
export type Role = (typeof ROLES)[number]

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

export const EVIDENCE_ROLES = ['led', 'contributed', 'observed'] as const
export type EvidenceRole = (typeof EVIDENCE_ROLES)[number]

/** Where an item is in review. Review decisions move it on; until then it is a draft. */
export const EVIDENCE_STATUSES = [
  'draft',
  'awaiting_review',
  'changes_requested',
  'partly_verified',
  'verified',
] as const
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number]

export const PII_STATUSES = ['open', 'acknowledged'] as const

export const CLAIM_DECISIONS = ['verified', 'changes_requested'] as const
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number]

export const ASSESSMENT_OUTCOMES = ['proceed-to-interview', 'not-yet'] as const
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number]

export const AREA_JUDGEMENTS = ['met', 'partly-met', 'not-met', 'not-assessed'] as const
export type AreaJudgement = (typeof AREA_JUDGEMENTS)[number]

/** Kinds of qualification and training on a trainee's experience and training record. */
export const QUALIFICATION_KINDS = ['degree', 'msc', 'doctorate', 'course', 'other'] as const
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number]
export const QUALIFICATION_KIND_LABELS: Record<QualificationKind, string> = {
  degree: 'Degree',
  msc: 'MSc',
  doctorate: 'Doctorate',
  course: 'Course or training',
  other: 'Other qualification',
}

/** How a colleague asked for multi-source feedback works with the trainee. */
export const FEEDBACK_RELATIONSHIPS = [
  'clinician',
  'radiographer',
  'engineer',
  'scientist',
  'manager',
  'administrator',
  'other',
] as const
export type FeedbackRelationship = (typeof FEEDBACK_RELATIONSHIPS)[number]

export const FEEDBACK_RELATIONSHIP_LABELS: Record<FeedbackRelationship, string> = {
  clinician: 'Clinician (doctor, oncologist, radiologist)',
  radiographer: 'Radiographer or technologist',
  engineer: 'Engineer or technician',
  scientist: 'Clinical scientist or physicist',
  manager: 'Manager',
  administrator: 'Administrator',
  other: 'Other colleague',
}

/**
 * The part a mentor plays for a trainee, set on the invitation and kept on the link: the local supervisor who sees
 * the work day to day, or the IPEM-appointed External Adviser. Both review; who signs the declaration is data
 * (competences/roles.json).
 */
export const MENTOR_ROLES = ['supervisor', 'external-adviser'] as const
export type MentorRole = (typeof MENTOR_ROLES)[number]

export const MENTOR_ROLE_LABELS: Record<MentorRole, string> = {
  supervisor: 'supervisor',
  'external-adviser': 'IPEM External Adviser',
}
