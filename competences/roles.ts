import { z } from 'zod'
import { MENTOR_ROLES } from '../app/vocabulary'
import data from './roles.json'
import { DOMAIN_KEYS, formatPath } from './schema'

/**
 * Who may do what among a trainee's mentors, as data: which link roles sign the declaration, and which domains'
 * claims must be verified by someone of the item's specialism.
 */

const text = z.string().refine((s) => s.trim() !== '', { message: 'must not be empty' })
const mentorRole = z.enum(MENTOR_ROLES, { message: `must be one of ${MENTOR_ROLES.join(', ')}` })

const rolesRulesSchema = z.strictObject({
  declaration: z.strictObject({
    /** Link roles that may sign the declaration… */
    signers: z.array(mentorRole).min(1, { message: 'must name at least one role' }),
    /** …and the roles that may sign instead while the trainee has no mentor of those roles linked. */
    whenNoSignerLinked: z.array(mentorRole).default([]),
    guidance: text,
  }),
  verifierSpecialism: z.strictObject({
    /** Claims in these domains are judged within a specialism. */
    specialistDomains: z.array(z.enum(DOMAIN_KEYS, { message: `must be one of ${DOMAIN_KEYS.join(', ')}` })),
    severity: z.enum(['blocker', 'warning', 'advice'], { message: 'must be blocker, warning or advice' }),
    guidance: text,
    /** Placeholders: {verifier}, {verifierSpecialism}, {itemSpecialism}, {code}, {title}. */
    message: text,
  }),
})

export type RolesRules = z.infer<typeof rolesRulesSchema>

export function parseRolesRules(input: unknown): RolesRules {
  const result = rolesRulesSchema.safeParse(input)
  if (!result.success)
    throw new Error(
      `Invalid roles rules: ${result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
    )
  return result.data
}

export const DEFAULT_ROLES_RULES: RolesRules = parseRolesRules(data)
