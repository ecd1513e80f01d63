/**
 * The patient-identifiable information guard. Evidence in a portfolio must not
 * identify a patient; this scans free text for what commonly does (NHS and CHI
 * numbers, hospital numbers, dates of birth, postcodes, names, contact details)
 * and says where and why, so a trainee can remove it or, for a colleague's name
 * or a hospital's address, acknowledge it.
 *
 * Pure: text in, plain data out.
 */
import { detectEmails, detectPhoneNumbers, detectPostcodes } from '~/privacy/pii-contact'
import { detectDatesOfBirth } from '~/privacy/pii-dates'
import { detectDicomIdentifiers } from '~/privacy/pii-dicom'
import { detectPersonNames } from '~/privacy/pii-names'
import { detectChiNumbers, detectHospitalNumbers, detectNhsNumbers } from '~/privacy/pii-numbers'
import type { PiiFinding, PiiKind } from '~/privacy/pii-types'

export type { PiiConfidence, PiiFinding, PiiKind } from '~/privacy/pii-types'
export { isValidNhsNumber } from '~/privacy/pii-numbers'

/** What redact() puts in place of each kind of finding. */
export const REDACTION_LABELS: Readonly<Record<PiiKind, string>> = {
  'nhs-number': '[NHS number removed]',
  'chi-number': '[CHI number removed]',
  'date-of-birth': '[date of birth removed]',
  postcode: '[postcode removed]',
  'person-name': '[name removed]',
  'hospital-number': '[hospital number removed]',
  email: '[email address removed]',
  phone: '[phone number removed]',
}

/**
 * The detectors, most specific first. When two findings of equal confidence
 * and length cover the same text, the one from the earlier detector is kept
 * (a CHI number near "CHI" also passes the NHS check; "MRN 9434765919" is both
 * an NHS and a hospital number).
 */
const DETECTORS: readonly ((text: string) => PiiFinding[])[] = [
  detectChiNumbers,
  detectNhsNumbers,
  detectHospitalNumbers,
  detectDatesOfBirth,
  detectDicomIdentifiers,
  detectEmails,
  detectPhoneNumbers,
  detectPostcodes,
  detectPersonNames,
]

const CONFIDENCE_RANK = { high: 0, medium: 1 } as const

/** Every finding in the text, sorted by start, none overlapping another. */
export function scanText(text: string): PiiFinding[] {
  if (text === '') return []
  const all = DETECTORS.flatMap((detect) => detect(text))
  return withoutOverlaps(all, text.length)
}

/**
 * Keeps, where findings overlap, the higher-confidence one, then the longer,
 * then the one found first (Array.prototype.sort is stable).
 */
function withoutOverlaps(findings: PiiFinding[], length: number): PiiFinding[] {
  const ranked = [...findings].sort(
    (a, b) => CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] || b.end - b.start - (a.end - a.start),
  )
  const taken = new Uint8Array(length)
  const kept: PiiFinding[] = []
  for (const finding of ranked) {
    if (taken.subarray(finding.start, finding.end).some((t) => t === 1)) continue
    taken.fill(1, finding.start, finding.end)
    kept.push(finding)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * The text with each finding replaced by a label such as [NHS number removed].
 * Findings may come in any order and may overlap (overlapping ones are removed
 * together, labelled by the first). A finding whose text is no longer at its
 * position, because the text changed since it was scanned, has every
 * occurrence of its text removed instead, so nothing slips through.
 */
export function redact(text: string, findings: PiiFinding[]): string {
  const ranges: { start: number; end: number; label: string }[] = []
  for (const finding of findings) {
    const label = REDACTION_LABELS[finding.kind]
    if (text.slice(finding.start, finding.end) === finding.text && finding.end > finding.start) {
      ranges.push({ start: finding.start, end: finding.end, label })
      continue
    }
    if (finding.text === '') continue
    for (let at = text.indexOf(finding.text); at >= 0; at = text.indexOf(finding.text, at + finding.text.length)) {
      ranges.push({ start: at, end: at + finding.text.length, label })
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end)
  let out = ''
  let pos = 0
  for (const range of ranges) {
    if (range.start < pos) {
      // Overlaps the range just removed: extend that removal.
      pos = Math.max(pos, range.end)
      continue
    }
    out += text.slice(pos, range.start) + range.label
    pos = range.end
  }
  return out + text.slice(pos)
}
