/**
 * The coverage engine's contract: what a portfolio looks like to it, and the
 * report it returns. Plain data both ways; `computeCoverage` in `engine.ts`.
 */
import type { Framework } from '../../competences/schema'
import type { CoverageRules } from '../../competences/coverage-rules'
import type { Thesaurus } from '../../competences/thesaurus'

export type Severity = 'blocker' | 'warning' | 'advice'
export type EvidenceStatus = 'draft' | 'awaiting_review' | 'changes_requested' | 'partly_verified' | 'verified'
export type EvidenceRole = 'led' | 'contributed' | 'observed'

export interface CoverageItem {
  id: number
  title: string
  evidenceType: string
  activityStart: string /* YYYY-MM-DD */
  activityEnd: string | null
  status: EvidenceStatus
  descriptionWords: number
  reflectionWords: number
  attachmentPages: number // sum of the item's attachments' page counts
  openPiiFindings: number // unresolved patient-data findings
  pendingConversions?: number // Office files still being converted to PDF: their pages are not counted yet
  failedConversions?: number // Office files whose conversion to PDF failed
  /** The trainee's part in the work; `led` when not given. */
  role?: EvidenceRole
  /** The item's current revision: what the engine reads from its text is remembered until it changes. */
  revision?: number
  /** The item's text, for matching it to areas and reading the trainee's own part; without it neither is checked. */
  description?: string
  reflection?: string
}

export interface CoverageClaim {
  evidenceId: number
  areaCode: string
  statement: string
  competencyIds: string[] // specific competency ids, e.g. 'Sci-SC4'
  verified: boolean // verified by a mentor on the item's current revision
}

export interface CoverageInput {
  framework: Framework
  rules: CoverageRules
  now: Date
  items: CoverageItem[]
  claims: CoverageClaim[]
  /**
   * The trainee's experience and training record, as whole-time-equivalent years (see app/record/experience.ts);
   * when given, too little experience is a warning and no supervised practice a blocker.
   */
  experience?: { years: number; supervisedYears: number }
  /** Words in the trainee's summary statement; when given, none is a blocker. */
  summaryStatementWords?: number
  /** Words for matching items to areas; the shipped thesaurus when not given. */
  thesaurus?: Thesaurus
  /**
   * The portfolio's page count measured from the PDF submitting would make,
   * when known. It replaces the estimate as the total (the text pages are then
   * whatever is not attachments); without it the total is estimated.
   */
  pages?: number
}

/** One of the trainee's own items that may show an area it does not claim. */
export interface ItemSuggestion {
  evidenceId: number
  title: string
  /** The item's words that matched the area, those that counted most first. */
  words: string[]
  score: number
}

export type AreaStatus = 'not-evidenced' | 'claimed' | 'verified' // verified = at least one verified claim

export type FindingTarget =
  | { kind: 'portfolio' }
  | { kind: 'domain'; domainKey: string }
  | { kind: 'area'; areaCode: string }
  | { kind: 'competency'; competencyId: string; domainKey: string }
  | { kind: 'item'; evidenceId: number }

export interface Finding {
  ruleId: string
  severity: Severity
  message: string // rendered from the rule's template with the target's values
  target: FindingTarget
  suggestion?: string // e.g. for an unevidenced area: one of its domain's "good pieces of evidence"
  /** The item a domain or area finding is about (claim.not-substantive, domain.concentration, attachment-size expectations). */
  evidenceId?: number
  /** For `domain.expectation`: which of the rules data's `domainExpectations` failed. */
  expectationId?: string
  /** For an area not evidenced, or not yet verified: the trainee's own items that may show it, best first. Never claimed automatically. */
  candidates?: ItemSuggestion[]
}

export type PageStatus = 'within' | 'over-target' | 'over-limit'

export interface DomainCoverage {
  key: string
  title: string
  number: number
  areasTotal: number
  areasEvidenced: number
  areasVerified: number
  percentEvidenced: number
  percentVerified: number
  itemCount: number
  evidenceTypes: Record<string, number> /* type key → distinct items */
}

export interface AreaCoverage {
  code: string
  domainKey: string
  text: string
  status: AreaStatus
  itemIds: number[]
  verifiedItemIds: number[]
  itemCount: number
  weakClaimItemIds: number[]
}

export interface CompetencyCoverage {
  id: string
  domainKey: string
  itemIds: number[]
}

export interface ItemCoverage {
  id: number
  claimCount: number
  pages: number
  ruleIds: string[]
  /** Estimated pages of the item's own text (description, reflection, claim statements). */
  textPages: number
  /** Codes of the areas it claims, in framework order. */
  areaCodes: string[]
}

export interface CoverageReport {
  summary: {
    areasTotal: number
    areasEvidenced: number
    areasVerified: number
    percentEvidenced: number // integers 0–100, Math.floor
    percentVerified: number
    items: number
    /** Distinct (item, area) claims counted: claims of unknown areas or items are left out, duplicates count once. */
    claims: number
    /** Text pages are estimated per item (each starts on a new page): ceil(words / wordsPerPage). */
    pages: { text: number; attachments: number; total: number; target: number; limit: number; status: PageStatus }
    blockers: number
    warnings: number
    advice: number
    ready: boolean // no blockers
  }
  domains: DomainCoverage[]
  areas: AreaCoverage[]
  competencies: CompetencyCoverage[]
  items: ItemCoverage[]
  /** Sorted: blockers, then warnings, then advice; within a severity by framework order (portfolio first, then each domain with its areas and competencies, then items by id). */
  findings: Finding[]
}

export type ComputeCoverage = (input: CoverageInput) => CoverageReport
