import type { RolesRules } from '../../competences/roles'
import { MENTOR_ROLE_LABELS, type MentorRole } from '~/vocabulary'

/** "Dr X, supervisor", "Dr Y, IPEM External Adviser". */
export function mentorWithRole(name: string, role: MentorRole): string {
  return `${name}, ${MENTOR_ROLE_LABELS[role]}`
}

/**
 * Whether a mentor linked to a trainee in `role` may sign the trainee's declaration, given the roles of all the
 * trainee's current links: the rules' signers may; the fallback roles may only while no signer is linked.
 */
export function maySignDeclaration(
  role: MentorRole,
  linkedRoles: readonly MentorRole[],
  rules: RolesRules['declaration'],
): boolean {
  if (rules.signers.includes(role)) return true
  const signerLinked = linkedRoles.some((r) => rules.signers.includes(r))
  return !signerLinked && rules.whenNoSignerLinked.includes(role)
}

/** Who signs, in words for the page: "your IPEM External Adviser" or, as a fallback, "or your supervisor". */
export function declarationSignersText(linkedRoles: readonly MentorRole[], rules: RolesRules['declaration']): string {
  const signers = rules.signers.map((r) => MENTOR_ROLE_LABELS[r])
  const signerLinked = linkedRoles.some((r) => rules.signers.includes(r))
  const fallback = signerLinked ? [] : rules.whenNoSignerLinked.map((r) => MENTOR_ROLE_LABELS[r])
  return [...signers, ...fallback].map((s) => `your ${s}`).join(' or ')
}
