import { describe, expect, it } from 'vitest'
import { DEFAULT_ROLES_RULES, parseRolesRules } from '../../competences/roles'
import data from '../../competences/roles.json'
import { declarationSignersText, maySignDeclaration, mentorWithRole } from '../../app/review/roles'
import { verifierSpecialismFindings, withFindings } from '../../app/coverage/verifier-specialism'
import { computeCoverage } from '../../app/coverage/engine'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { defaultFramework } from '../../competences/index'

const declaration = DEFAULT_ROLES_RULES.declaration

describe('who signs the declaration', () => {
  it('is the External Adviser; a supervisor only while no External Adviser is linked', () => {
    expect(maySignDeclaration('external-adviser', ['supervisor', 'external-adviser'], declaration)).toBe(true)
    expect(maySignDeclaration('supervisor', ['supervisor', 'external-adviser'], declaration)).toBe(false)
    expect(maySignDeclaration('supervisor', ['supervisor', 'supervisor'], declaration)).toBe(true)
    expect(maySignDeclaration('supervisor', ['supervisor'], { ...declaration, whenNoSignerLinked: [] })).toBe(false)
    expect(declarationSignersText(['supervisor'], declaration)).toBe('your IPEM External Adviser or your supervisor')
    expect(declarationSignersText(['external-adviser'], declaration)).toBe('your IPEM External Adviser')
  })

  it('names people with their role', () => {
    expect(mentorWithRole('Dr X', 'supervisor')).toBe('Dr X, supervisor')
    expect(mentorWithRole('Dr Y', 'external-adviser')).toBe('Dr Y, IPEM External Adviser')
  })

  it('comes from a rules file that is checked', () => {
    expect(() => parseRolesRules({ ...data, declaration: { ...data.declaration, signers: ['assessor'] } })).toThrow(
      /declaration\.signers/,
    )
    expect(() =>
      parseRolesRules({ ...data, verifierSpecialism: { ...data.verifierSpecialism, severity: 'loud' } }),
    ).toThrow(/severity/)
  })
})

describe('verifiers outside the item’s specialism', () => {
  const areaDomains = new Map(defaultFramework.domains.flatMap((d) => d.areas.map((a) => [a.code, d.key] as const)))
  const input = (verifierSpecialism: string | null, areaCode = 'Tech3', itemSpecialism: string | null = 'mri') => ({
    items: new Map([[7, { title: 'MRI safety audit', specialism: itemSpecialism }]]),
    verifications: [{ evidenceId: 7, areaCode, verifierName: 'Dr Z', verifierSpecialism }],
    areaDomains,
    rules: DEFAULT_ROLES_RULES.verifierSpecialism,
    label: (s: string) => s.toUpperCase(),
  })

  it('are found for specialist domains when both specialisms are known and differ', () => {
    expect(verifierSpecialismFindings(input('nuclear-medicine'))).toEqual([
      {
        ruleId: 'claim.verifier-outside-specialism',
        severity: 'warning',
        message:
          'Dr Z (NUCLEAR-MEDICINE) verified the Tech3 claim of “MRI safety audit”, a MRI item. Ask a supervisor in MRI to review it as well.',
        target: { kind: 'item', evidenceId: 7 },
        evidenceId: 7,
      },
    ])
    expect(verifierSpecialismFindings(input('mri'))).toEqual([])
    expect(verifierSpecialismFindings(input(null))).toEqual([])
    expect(verifierSpecialismFindings(input('nuclear-medicine', 'Tech3', null))).toEqual([])
    expect(verifierSpecialismFindings(input('nuclear-medicine', 'Com2'))).toEqual([])
    expect(verifierSpecialismFindings(input('nuclear-medicine', 'Prof4'))).toEqual([])
    expect(verifierSpecialismFindings(input('nuclear-medicine', 'Sci1'))).toHaveLength(1)
    expect(verifierSpecialismFindings(input('nuclear-medicine', 'Clin2'))).toHaveLength(1)
  })

  it('join the report among its warnings, with the counts kept in step', () => {
    const report = computeCoverage({
      framework: defaultFramework,
      rules: DEFAULT_COVERAGE_RULES,
      now: new Date('2026-06-01T00:00:00Z'),
      items: [
        {
          id: 7,
          title: 'MRI safety audit',
          evidenceType: 'audit',
          activityStart: '2026-01-01',
          activityEnd: null,
          status: 'verified',
          descriptionWords: 300,
          reflectionWords: 100,
          attachmentPages: 0,
          openPiiFindings: 0,
        },
      ],
      claims: [{ evidenceId: 7, areaCode: 'Tech3', statement: 'x', competencyIds: [], verified: true }],
    })
    const extra = verifierSpecialismFindings(input('nuclear-medicine'))
    const merged = withFindings(report, extra)
    expect(merged.findings).toHaveLength(report.findings.length + 1)
    expect(merged.summary.warnings).toBe(report.summary.warnings + 1)
    const severities = merged.findings.map((f) => f.severity)
    expect(severities).toEqual([...severities].sort((a, b) => order(a) - order(b)))
    expect(merged.findings.filter((f) => f.severity === 'warning').at(-1)).toBe(extra[0])
    expect(merged.items.find((i) => i.id === 7)!.ruleIds).toContain('claim.verifier-outside-specialism')
    expect(withFindings(report, [])).toBe(report)
  })
})

function order(severity: string) {
  return ['blocker', 'warning', 'advice'].indexOf(severity)
}
