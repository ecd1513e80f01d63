import { scanText, type PiiFinding } from '~/privacy/pii'
import type { EvidenceInput } from '~/evidence/form'

export interface FieldFindings {
  field: string
  findings: PiiFinding[]
}

/** Scans every text field of an item: title, description, reflection and each claim. */
export function scanEvidence(
  input: Pick<EvidenceInput, 'title' | 'description' | 'reflection' | 'claims'>,
): FieldFindings[] {
  return [
    { field: 'title', findings: scanText(input.title) },
    { field: 'description', findings: scanText(input.description) },
    { field: 'reflection', findings: scanText(input.reflection) },
    ...input.claims.map((claim) => ({ field: `claim:${claim.area}`, findings: scanText(claim.statement) })),
  ]
}

export function fieldLabel(field: string): string {
  if (field === 'title') return 'Title'
  if (field === 'description') return 'Description'
  if (field === 'reflection') return 'Reflection'
  if (field.startsWith('claim:')) return `Claim ${field.slice(6)}`
  if (field.startsWith('attachment:')) return 'Attached file'
  return field
}
