import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultFramework } from '../../competences/index'
import { requireCurrentFramework } from '../../app/models/framework.server'
import { openDatabase, closeDatabase } from '../../db/client'
import { seedFramework } from '../../db/seed'
import { createTestDb, type TestDb } from '../support/test-db'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

describe('the framework, read once per version', () => {
  it('is read again when its text is corrected, even by another connection', () => {
    const first = requireCurrentFramework(t.db)
    expect(requireCurrentFramework(t.db)).toBe(first)

    const corrected = structuredClone(defaultFramework)
    corrected.domains[0]!.areas[0]!.text = `${corrected.domains[0]!.areas[0]!.text} (corrected)`
    const other = openDatabase(t.file)
    try {
      expect(seedFramework(other, corrected)).toBe('updated')
    } finally {
      closeDatabase(other)
    }
    const after = requireCurrentFramework(t.db)
    expect(after).not.toBe(first)
    expect(after.domains[0]!.areas[0]!.text).toMatch(/\(corrected\)$/)
  })
})
