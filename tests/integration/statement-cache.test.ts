import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { domains } from '../../db/schema'
import { createTestDb, type TestDb } from '../support/test-db'

let t: TestDb
beforeEach(() => {
  t = createTestDb()
})
afterEach(() => t.cleanup())

describe('compiled statements, kept per connection', () => {
  it('hands back the statement already compiled for the same SQL', () => {
    const sqlite = t.db.$client
    expect(sqlite.prepare('SELECT 1 AS one')).toBe(sqlite.prepare('SELECT 1 AS one'))
    expect(sqlite.prepare('SELECT 1 AS one')).not.toBe(sqlite.prepare('SELECT 2 AS two'))
  })

  it('resets a statement another caller switched to arrays or single values', () => {
    const sqlite = t.db.$client
    sqlite.prepare('SELECT 1 AS one').raw(true)
    expect(sqlite.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 })
    sqlite.prepare('SELECT 1 AS one').pluck(true)
    expect(sqlite.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 })
  })

  it('gives drizzle the same answers, query after query, through one statement', () => {
    const query = () =>
      t.db.select({ key: domains.key, title: domains.title }).from(domains).where(eq(domains.number, 1)).all()
    const sqlite = t.db.$client
    const before = query()
    // drizzle selects through raw() and maps rows itself; a plain read of the same SQL still gets objects.
    const { sql, params } = t.db
      .select({ key: domains.key, title: domains.title })
      .from(domains)
      .where(eq(domains.number, 1))
      .toSQL()
    expect(sqlite.prepare(sql).all(...params)).toEqual(before)
    expect(before).toEqual([{ key: 'Sci', title: 'Scientific' }])
    expect(query()).toEqual(before)
  })
})
