import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../app/utils/audit-actions'

describe('the audit trail’s actions', () => {
  it('are distinct, each named area.event', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z]+\.[a-z_]+$/)
  })
})
