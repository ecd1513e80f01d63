import { z } from 'zod'
import data from './coverage-rules.json'
import { EVIDENCE_TYPE_KEYS } from './evidence-types'
import { DOMAIN_KEYS, formatPath } from './schema'

/**
 * The rules the coverage engine applies to a portfolio, as data: thresholds, the
 * severity and message of each rule, and what each domain's guidance expects of
 * its evidence. A framework may ship its own file in this shape; leaving a rule
 * out of `rules` switches it off.
 */

export const SEVERITIES = ['blocker', 'warning', 'advice'] as const
export type Severity = (typeof SEVERITIES)[number]

const ITEM = ['evidenceId', 'title', 'type', 'typeLabel'] as const
const PAGES = [
  'pages',
  'textPages',
  'attachmentPages',
  'target',
  'limit',
  'overTarget',
  'overLimit',
  /** "161 pages" when the PDF's pages are counted, "about 161 pages (estimated)" before. */
  'pageCount',
  /** "at least 1 page" counted, "about 1 page" estimated. */
  'overTargetPages',
  /** "1 page", "10 pages". */
  'overLimitPages',
] as const

/**
 * Every rule the engine knows, with the placeholders its message may use.
 * A placeholder is written `{name}` and replaced by the finding's value.
 */
export const RULE_PLACEHOLDERS = {
  'portfolio.empty': [],
  'portfolio.no-summary': [],
  'portfolio.over-limit': PAGES,
  'portfolio.over-target': PAGES,
  'portfolio.orphans': ['count'],
  'area.not-evidenced': ['code', 'text', 'domainTitle', 'suggestion'],
  'area.drafts-only': ['code', 'text', 'domainTitle', 'items', 'itemCount', 'itemList', 'them'],
  'area.observed-only': ['code', 'text', 'domainTitle', 'items', 'itemCount', 'itemList', 'verb'],
  'area.not-verified': ['code', 'text', 'domainTitle', 'items', 'itemCount'],
  'claim.not-substantive': ['code', 'text', 'domainTitle', ...ITEM, 'words', 'minWords'],
  'claim.restates-area': ['code', 'text', 'domainTitle', ...ITEM],
  'claim.no-own-action': ['code', 'text', 'domainTitle', ...ITEM],
  'competency.not-evidenced': ['competencyId', 'text', 'domainTitle'],
  'domain.single-type': ['domainKey', 'domainTitle', 'items', 'itemCount', 'type', 'typeLabel', 'suggestion'],
  'domain.expectation': ['domainKey', 'domainTitle', 'expectationId', 'expectation'],
  'domain.concentration': ['domainKey', 'domainTitle', ...ITEM, 'areas', 'evidenced', 'percent'],
  'item.over-tagged': [...ITEM, 'areas', 'max'],
  'item.no-reflection': [...ITEM, 'words', 'minWords'],
  'item.no-claims': [...ITEM],
  'item.own-part-unclear': [...ITEM],
  'item.stale': [...ITEM, 'date', 'years'],
  'item.pii-unresolved': [...ITEM, 'count'],
  'item.conversion-pending': [...ITEM, 'count'],
  'item.conversion-failed': [...ITEM, 'count'],
  'record.experience-short': ['years', 'expected', 'supervisedYears'],
  'record.no-supervised-practice': ['years'],
} as const satisfies Record<string, readonly string[]>

export type CoverageRuleId = keyof typeof RULE_PLACEHOLDERS
export const COVERAGE_RULE_IDS = Object.keys(RULE_PLACEHOLDERS) as CoverageRuleId[]

/** Placeholders a domain expectation's own message may use, by kind. */
export const EXPECTATION_PLACEHOLDERS = {
  'require-types': ['domainKey', 'domainTitle', 'missing'],
  'max-attachment-pages': ['domainKey', 'domainTitle', ...ITEM, 'pages', 'max'],
} as const satisfies Record<string, readonly string[]>

/** The `{name}` placeholders a message template uses, in order of appearance. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!)
}

const text = z
  .string()
  .refine((s) => s.trim() !== '', { message: 'must not be empty' })
  .refine((s) => s === s.trim(), { message: 'must not have leading or trailing white space' })

const count = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' })
const positive = z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' })
const evidenceType = z.string().regex(/^[a-z]+(-[a-z]+)*$/, { message: 'must be an evidence type key' })

const thresholdsSchema = z.strictObject({
  /** A claim statement with fewer words explains nothing. */
  minClaimWords: count.default(12),
  /** Fewer words of reflection than this is no reflection (about two sentences). */
  minReflectionWords: count.default(30),
  /** An item claimed against more areas than this is over-tagged. */
  overTaggingAreas: positive.default(6),
  /** An item carrying more than this share of a domain's evidenced areas dominates it… */
  concentrationShare: z
    .number()
    .gt(0, { message: 'must be more than 0' })
    .max(1, { message: 'must be at most 1' })
    .default(0.6),
  /** …once the domain has at least this many areas evidenced. */
  concentrationMinAreas: positive.default(3),
  /** A domain resting on one evidence type is flagged once it has this many distinct items. */
  singleTypeMinItems: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(2, { message: 'must be at least 2' })
    .default(2),
  /** Activity that ended more than this many years before now is stale. */
  staleYears: positive.default(5),
  /** Words of description, reflection and claims per printed page. */
  wordsPerPage: positive.default(400),
  /** ACS expects about this many pages… */
  pageTarget: positive.default(120),
  /** …and rejects a portfolio with more than this many on receipt. */
  pageLimit: positive.default(160),
  /** A claim whose distinct content words are at least this share the area's own… */
  nearCopyShare: z
    .number()
    .gt(0, { message: 'must be more than 0' })
    .max(1, { message: 'must be at most 1' })
    .default(0.75),
  /** …with at most this many of its own, only restates the area. */
  nearCopyMaxOwnWords: count.default(2),
  /** An item is offered for an area only if its text scores at least this for it (BM25)… */
  suggestionMinScore: z.number().min(0, { message: 'must not be negative' }).default(3),
  /** …and the area is among the item's best this many. */
  suggestionRank: positive.default(5),
  /** At most this many of the trainee's own items are offered for one area. */
  suggestionsPerArea: positive.default(2),
  /** Years of relevant postgraduate experience (whole-time equivalent) IPEM expects on the record. */
  expectedExperienceYears: positive.default(4),
})

const ruleSchema = z.strictObject({
  id: z.enum(COVERAGE_RULE_IDS as [CoverageRuleId, ...CoverageRuleId[]], {
    message: `must be one of the rules the coverage engine knows: ${COVERAGE_RULE_IDS.join(', ')}`,
  }),
  severity: z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` }),
  /** The framework's words the rule comes from. */
  guidance: text.optional(),
  message: text,
})

const typeGroupSchema = z.strictObject({
  /** How the missing group is named in the message, e.g. "a case study". */
  label: text,
  anyOfTypes: z.array(evidenceType).min(1, { message: 'must list at least one evidence type' }),
  /** The group is also met by any item in the domain with a reflection of at least this many words. */
  orReflectionWords: positive.optional(),
  /** The group is also met by any item in the domain logged with this role. */
  orRole: z.enum(['led', 'contributed', 'observed'], { message: 'must be led, contributed or observed' }).optional(),
})

const expectationBase = {
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case words joined by hyphens' }),
  domainKey: z.enum(DOMAIN_KEYS, { message: `must be one of ${DOMAIN_KEYS.join(', ')}` }),
  /** Overrides the `domain.expectation` rule's severity for this expectation. */
  severity: z.enum(SEVERITIES, { message: `must be one of ${SEVERITIES.join(', ')}` }).optional(),
  /** The framework's words this expectation encodes. */
  guidance: text,
  message: text,
}

const expectationSchema = z.discriminatedUnion(
  'kind',
  [
    /** The domain's items must include, for every group, an item of one of its types. */
    z.strictObject({
      ...expectationBase,
      kind: z.literal('require-types'),
      /** Each group must be met by a different item: one report cannot be both kinds of evidence. */
      distinctItems: z.boolean().default(false),
      requireAll: z.array(typeGroupSchema).min(1, { message: 'must list at least one group of evidence types' }),
    }),
    /** No item claimed in the domain should attach more than this many pages. */
    z.strictObject({
      ...expectationBase,
      kind: z.literal('max-attachment-pages'),
      maxAttachmentPages: count,
    }),
  ],
  { message: 'kind must be "require-types" or "max-attachment-pages"' },
)

const exemptionSchema = z.strictObject({
  ruleId: z.enum(COVERAGE_RULE_IDS as [CoverageRuleId, ...CoverageRuleId[]], {
    message: 'must be a rule the coverage engine knows',
  }),
  domainKey: z.enum(DOMAIN_KEYS, { message: `must be one of ${DOMAIN_KEYS.join(', ')}` }),
  /** The framework's words that lift the rule for this domain. */
  guidance: text,
})

const word = z.string().regex(/^[a-z]+( [a-z]+)*$/, { message: 'must be lower-case words' })

const rolesSchema = z.strictObject({
  /** An area whose text begins with one of these verbs asks the trainee to do something: observing it is not enough. */
  practiceVerbs: z.array(word).default(['perform', 'apply', 'use', 'develop']),
  practiceGuidance: text.optional(),
  /** After "I", these say nothing about what the trainee did ("I helped", "I was involved"). */
  vaguePhrases: z.array(word).default([]),
  ownPartGuidance: text.optional(),
})

export const coverageRulesSchema = z
  .strictObject({
    thresholds: thresholdsSchema.prefault({}),
    /** Items of these types are reflections: their description counts as reflection. */
    reflectionTypes: z.array(evidenceType).default(['reflection']),
    rules: z.array(ruleSchema),
    domainExpectations: z.array(expectationSchema).default([]),
    /** Rules the framework's guidance lifts for a domain. */
    exemptions: z.array(exemptionSchema).default([]),
    roles: rolesSchema.prefault({}),
  })
  .superRefine((value, ctx) => {
    const knownTypes = new Set<string>(EVIDENCE_TYPE_KEYS)
    const checkType = (key: string, path: (string | number)[]) => {
      if (!knownTypes.has(key)) ctx.addIssue({ code: 'custom', path, message: `unknown evidence type "${key}"` })
    }
    const checkTemplate = (template: string, allowed: readonly string[], path: (string | number)[]) => {
      for (const name of templatePlaceholders(template)) {
        if (!allowed.includes(name)) {
          const offer = allowed.length === 0 ? 'it takes none' : `it may use ${allowed.map((a) => `{${a}}`).join(', ')}`
          ctx.addIssue({ code: 'custom', path, message: `unknown placeholder {${name}}: ${offer}` })
        }
      }
    }

    if (value.thresholds.pageLimit < value.thresholds.pageTarget) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'pageLimit'], message: 'must not be less than pageTarget' })
    }
    value.reflectionTypes.forEach((key, i) => checkType(key, ['reflectionTypes', i]))

    const ruleIds = new Set<string>()
    value.rules.forEach((rule, i) => {
      if (ruleIds.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate id "${rule.id}"` })
      ruleIds.add(rule.id)
      checkTemplate(rule.message, RULE_PLACEHOLDERS[rule.id], ['rules', i, 'message'])
    })

    const expectationIds = new Set<string>()
    value.domainExpectations.forEach((expectation, i) => {
      if (expectationIds.has(expectation.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['domainExpectations', i, 'id'],
          message: `duplicate id "${expectation.id}"`,
        })
      }
      expectationIds.add(expectation.id)
      checkTemplate(expectation.message, EXPECTATION_PLACEHOLDERS[expectation.kind], [
        'domainExpectations',
        i,
        'message',
      ])
      if (expectation.kind === 'require-types') {
        expectation.requireAll.forEach((group, g) =>
          group.anyOfTypes.forEach((key, t) =>
            checkType(key, ['domainExpectations', i, 'requireAll', g, 'anyOfTypes', t]),
          ),
        )
      }
    })
  })

export type CoverageRules = z.output<typeof coverageRulesSchema>
/** Rules data as written: thresholds may be left out and take their defaults. */
export type CoverageRulesInput = z.input<typeof coverageRulesSchema>
export type CoverageRule = CoverageRules['rules'][number]
export type CoverageThresholds = CoverageRules['thresholds']
export type DomainExpectation = CoverageRules['domainExpectations'][number]
export type CoverageRoles = CoverageRules['roles']

export type CoverageRulesParseResult = { ok: true; rules: CoverageRules } | { ok: false; errors: string[] }

/** Validates rules data; each error reads `path: problem`, e.g. `rules[3].severity: must be one of …`. */
export function safeParseCoverageRules(input: unknown): CoverageRulesParseResult {
  const result = coverageRulesSchema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  })
  if (result.success) return { ok: true, rules: result.data }
  return { ok: false, errors: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`) }
}

export class CoverageRulesError extends Error {
  constructor(readonly errors: string[]) {
    super(`Coverage rules are invalid:\n  ${errors.join('\n  ')}`)
    this.name = 'CoverageRulesError'
  }
}

/** Validates rules data and fills in default thresholds; throws a `CoverageRulesError` naming every problem. */
export function parseCoverageRules(input: unknown): CoverageRules {
  const result = safeParseCoverageRules(input)
  if (!result.ok) throw new CoverageRulesError(result.errors)
  return result.rules
}

/** The rules shipped with the IPEM Medical Physics & Clinical Engineering framework. */
export const DEFAULT_COVERAGE_RULES: CoverageRules = parseCoverageRules(data)
