import { describe, expect, it } from 'vitest'
import { auditHash, GENESIS_HASH, verifyChain, type AuditFields } from '../../app/auth/audit-chain'

function chain(n: number) {
  const rows: (AuditFields & { prevHash: string; hash: string })[] = []
  let prev = GENESIS_HASH
  for (let i = 1; i <= n; i++) {
    const fields: AuditFields = {
      id: i,
      at: `2026-01-01T00:00:0${i}.000Z`,
      actorId: i,
      action: 'auth.signed_in',
      subjectType: 'user',
      subjectId: String(i),
      ipAddress: '127.0.0.1',
      detail: { n: i },
    }
    const hash = auditHash(prev, fields)
    rows.push({ ...fields, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

describe('the audit chain', () => {
  it('verifies an intact chain, and an empty one', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, count: 5 })
    expect(verifyChain([])).toEqual({ ok: true, count: 0 })
  })

  it('finds an altered row', () => {
    const rows = chain(5)
    rows[2]!.detail = { n: 99 }
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: 3, reason: 'its content was altered' })
  })

  it('finds a removed row', () => {
    const rows = chain(5)
    rows.splice(1, 1)
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: 3, reason: 'row 2 is missing' })
  })

  it('finds a row whose hash was recomputed after altering it', () => {
    const rows = chain(4)
    const { prevHash, hash: _hash, ...fields } = rows[1]!
    fields.action = 'auth.signed_out'
    rows[1] = { ...fields, prevHash, hash: auditHash(prevHash, fields) }
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAt: 3, reason: 'does not follow the row before it' })
  })
})
