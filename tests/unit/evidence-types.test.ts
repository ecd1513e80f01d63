import { describe, expect, it } from 'vitest'
import { EVIDENCE_TYPES, evidenceTypeLabel, parseEvidenceTypes } from '../../competences/evidence-types'

describe('evidence types', () => {
  it('lists the kinds of evidence the framework names, ending with Other', () => {
    const keys = EVIDENCE_TYPES.map((t) => t.key)
    for (const key of [
      'calibration-report',
      'audit',
      'reflection',
      'case-study',
      'incident-investigation',
      'training-delivered',
      'cpd-record',
    ]) {
      expect(keys).toContain(key)
    }
    expect(keys.at(-1)).toBe('other')
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('labels a type for people', () => {
    expect(evidenceTypeLabel('quality-document')).toBe('Quality-management document / SOP')
  })

  it('rejects a malformed list', () => {
    expect(() => parseEvidenceTypes({ evidenceTypes: [{ key: 'Audit', label: 'x', hint: 'y' }] })).toThrow(/lower-case/)
    expect(() =>
      parseEvidenceTypes({
        evidenceTypes: [
          { key: 'audit', label: 'x', hint: 'y' },
          { key: 'audit', label: 'z', hint: 'y' },
        ],
      }),
    ).toThrow(/duplicate key/)
  })
})
