export type PiiKind =
  'nhs-number' | 'chi-number' | 'date-of-birth' | 'postcode' | 'person-name' | 'hospital-number' | 'email' | 'phone'

export type PiiConfidence = 'high' | 'medium'

export interface PiiFinding {
  kind: PiiKind
  /** UTF-16 index into the scanned text. */
  start: number
  /** Exclusive. */
  end: number
  /** The matched text exactly as it appears. */
  text: string
  /** Plain English for a trainee: what was found and why it matters. */
  reason: string
  confidence: PiiConfidence
  /**
   * A stable key for this finding in this field, used to remember a trainee's
   * "this is not patient data" decision: kind + normalised text
   * (e.g. 'nhs-number:9434765919'). The same identifier written with
   * different spacing or case, or at a different place, gets the same key.
   */
  fingerprint: string
}
