import { z } from 'zod'

/**
 * The ACS generic competence domains, in the order every modality's framework
 * presents them. A framework file must hold all seven, in this order.
 */
export const DOMAIN_KEYS = ['Sci', 'Clin', 'Tech', 'R&D', 'Com', 'PS', 'Prof'] as const
export type DomainKey = (typeof DOMAIN_KEYS)[number]

const text = z
  .string()
  .refine((s) => s.trim() !== '', { message: 'must not be empty' })
  .refine((s) => s === s.trim() && !/\s{2,}/.test(s), {
    message: 'must not have leading, trailing or doubled white space',
  })

const sentence = text.refine((s) => /^[A-Z]/.test(s) && /\.$/.test(s), {
  message: 'must be a whole sentence: start with a capital letter and end with a full stop',
})

const areaSchema = z.strictObject({
  code: z.string().regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)[1-9]\d*$/, {
    message: 'must be a domain key followed by a number, e.g. Sci1 or R&D2',
  }),
  text,
})

const specificCompetencySchema = z.strictObject({
  id: z.string().regex(/^(Sci|Clin|Tech|R&D|Com|PS|Prof)-SC[1-9]\d*$/, {
    message: 'must be the domain key, "-SC" and a number, e.g. Sci-SC1',
  }),
  text: sentence,
})

const guidanceSchema = z.strictObject({
  achievementOf: z.array(text).min(1, { message: 'must list at least one entry' }),
  achievedThrough: z.array(text).min(1, { message: 'must list at least one entry' }),
  goodEvidence: z.strictObject({
    intro: text,
    items: z.array(text).min(1, { message: 'must list at least one piece of evidence' }),
  }),
  notes: z.array(text),
  assessedBy: text,
})

const domainSchema = z.strictObject({
  number: z.number().int().min(1),
  key: z.enum(DOMAIN_KEYS, { message: `must be one of ${DOMAIN_KEYS.join(', ')}` }),
  title: text,
  areas: z.array(areaSchema).min(1, { message: 'must list at least one area of competence' }),
  specificCompetencies: z
    .array(specificCompetencySchema)
    .min(1, { message: 'must list at least one specific competency' }),
  guidance: guidanceSchema,
})

export const frameworkSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
      message: 'must be lower-case letters and digits separated by hyphens',
    }),
    version: text,
    title: text,
    modality: text,
    source: text,
    repairs: z.array(text).optional(),
    domains: z.array(domainSchema),
  })
  .superRefine((framework, ctx) => {
    const present = framework.domains.map((d) => d.key)
    for (const key of DOMAIN_KEYS) {
      if (!present.includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['domains'], message: `missing domain "${key}"` })
      }
    }
    const seenCodes = new Set<string>()
    const seenIds = new Set<string>()
    const seenKeys = new Set<string>()
    framework.domains.forEach((domain, d) => {
      if (seenKeys.has(domain.key)) {
        ctx.addIssue({ code: 'custom', path: ['domains', d, 'key'], message: `duplicate domain "${domain.key}"` })
      }
      seenKeys.add(domain.key)
      const expectedPosition = DOMAIN_KEYS.indexOf(domain.key)
      if (expectedPosition !== d && !present.slice(0, d).includes(domain.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['domains', d, 'key'],
          message: `domain "${domain.key}" is out of order: expected "${DOMAIN_KEYS[d] ?? '(none)'}" here`,
        })
      }
      if (domain.number !== d + 1) {
        ctx.addIssue({ code: 'custom', path: ['domains', d, 'number'], message: `must be ${d + 1}` })
      }
      domain.areas.forEach((area, a) => {
        const path = ['domains', d, 'areas', a, 'code']
        if (seenCodes.has(area.code)) {
          ctx.addIssue({ code: 'custom', path, message: `duplicate code "${area.code}"` })
        } else if (area.code !== `${domain.key}${a + 1}`) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `expected "${domain.key}${a + 1}" (codes number the domain's areas in order)`,
          })
        }
        seenCodes.add(area.code)
      })
      domain.specificCompetencies.forEach((competency, s) => {
        const path = ['domains', d, 'specificCompetencies', s, 'id']
        if (seenIds.has(competency.id)) {
          ctx.addIssue({ code: 'custom', path, message: `duplicate id "${competency.id}"` })
        } else if (!competency.id.startsWith(`${domain.key}-`)) {
          ctx.addIssue({ code: 'custom', path, message: `must start with the domain key "${domain.key}-"` })
        }
        seenIds.add(competency.id)
      })
    })
  })

export type Framework = z.infer<typeof frameworkSchema>
export type Domain = Framework['domains'][number]
export type Area = Domain['areas'][number]
export type SpecificCompetency = Domain['specificCompetencies'][number]
export type Guidance = Domain['guidance']

export type FrameworkParseResult = { ok: true; framework: Framework } | { ok: false; errors: string[] }

/** `domains[1].areas[2].code`: where in the file a problem is. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? String(segment) : `.${String(segment)}`
  }
  return out === '' ? '(root)' : out
}

export function parseFramework(data: unknown): FrameworkParseResult {
  const result = frameworkSchema.safeParse(data, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  })
  if (result.success) return { ok: true, framework: result.data }
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  }
}
