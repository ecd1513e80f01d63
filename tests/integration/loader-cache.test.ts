/**
 * Loader data kept until the next write (~/utils/loader-cache.server): the same answer while nothing changes,
 * a fresh one after a write here or in another process, frozen so that no one can change what others are sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../db/client'
import { loader as evidenceListLoader } from '../../app/routes/evidence._index'
import { createEvidence } from '../../app/models/evidence.server'
import { isDeeplyFrozen, KEPT_DATA_MAX_BYTES, untilNextWrite } from '../../app/utils/loader-cache.server'
import { pageTag } from '../../app/utils/http-cache.server'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'

let t: TestDb
let trainee: UserWithSession

const item = (title: string) => ({
  title,
  activityStart: '2026-01-05',
  activityEnd: null,
  evidenceType: 'commissioning-qa-report',
  role: 'led' as const,
  description: 'Output checks.',
  reflection: 'Went well.',
  claims: [{ area: 'Tech3', statement: 'I performed the monthly output checks myself.', competencies: [] }],
})

beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
  createEvidence(t.db, trainee.user.id, item('Monthly linac QA'))
})
afterAll(() => t.cleanup())

describe('untilNextWrite', () => {
  it('makes the data once while nothing is written, and again after a write', () => {
    let made = 0
    const make = () => ({ n: ++made, rows: [{ id: 1 }] })
    const first = untilNextWrite(t.db, 'test:once', make)
    expect(untilNextWrite(t.db, 'test:once', make)).toBe(first)
    expect(made).toBe(1)
    createEvidence(t.db, trainee.user.id, item('Written meanwhile'))
    expect(untilNextWrite(t.db, 'test:once', make)).toEqual({ n: 2, rows: [{ id: 1 }] })
  })

  it('keeps each key apart', () => {
    expect(untilNextWrite(t.db, 'test:a', () => ({ who: 'a' }))).toEqual({ who: 'a' })
    expect(untilNextWrite(t.db, 'test:b', () => ({ who: 'b' }))).toEqual({ who: 'b' })
  })

  it('sees a write committed by another process (another connection to the file)', () => {
    let made = 0
    const make = () => ({ n: ++made })
    const first = untilNextWrite(t.db, 'test:other', make)
    const other = openDatabase(t.file)
    try {
      other.$client.prepare("UPDATE users SET name = 'Renamed elsewhere' WHERE id = ?").run(trainee.user.id)
    } finally {
      closeDatabase(other)
    }
    const second = untilNextWrite(t.db, 'test:other', make)
    expect(second).not.toBe(first)
    expect(made).toBe(2)
  })

  it('keeps at most its share of memory, the least recently used going first', () => {
    const quarter = 'x'.repeat(KEPT_DATA_MAX_BYTES / 4)
    const made = new Map<string, number>()
    const keep = (key: string, text = quarter) =>
      untilNextWrite(t.db, key, () => {
        made.set(key, (made.get(key) ?? 0) + 1)
        return { text }
      })
    for (const key of ['big:1', 'big:2', 'big:3']) keep(key)
    keep('big:1') // used again: now the most recent
    keep('big:4') // four quarters and more: the least recently used (big:2) goes
    keep('big:1')
    keep('big:3')
    keep('big:2')
    expect(Object.fromEntries(made)).toEqual({ 'big:1': 1, 'big:2': 2, 'big:3': 1, 'big:4': 1 })
    const whole = 'y'.repeat(KEPT_DATA_MAX_BYTES + 1)
    keep('huge', whole)
    keep('huge', whole)
    expect(made.get('huge')).toBe(2)
  })

  it('keeps nothing when making fails', () => {
    expect(() =>
      untilNextWrite(t.db, 'test:fails', () => {
        throw new Response('Not found', { status: 404 })
      }),
    ).toThrow()
    expect(untilNextWrite(t.db, 'test:fails', () => ({ ok: true }))).toEqual({ ok: true })
  })

  it('hands out data frozen all the way down, vouched for as unchangeable', () => {
    const value = untilNextWrite(t.db, 'test:frozen', () => ({ items: [{ title: 'QA', codes: ['Tech3'] }] }))
    expect(() => {
      ;(value.items[0]!.codes as string[]).push('Sci1')
    }).toThrow(TypeError)
    expect(isDeeplyFrozen(value)).toBe(true)
    expect(isDeeplyFrozen(value.items[0])).toBe(true)
    expect(isDeeplyFrozen({ items: [] })).toBe(false)
  })

  it('does not vouch for data holding what freezing cannot stop changing (a Date, a Map)', () => {
    const value = untilNextWrite(t.db, 'test:date', () => ({ when: new Date(0), plain: { n: 1 }, map: new Map() }))
    expect(isDeeplyFrozen(value)).toBe(false)
    expect(isDeeplyFrozen(value.plain)).toBe(true)
    value.when.setTime(1)
    expect(value.when.getTime()).toBe(1)
  })
})

describe('the evidence list, kept until the next write', () => {
  async function titles(db = t.db) {
    const request = new Request('http://localhost/evidence', { headers: { Cookie: trainee.cookie } })
    const result = await settle(() => evidenceListLoader({ request, context: makeContext(db), params: {} }))
    return payloadOf<{ items: { title: string }[] }>(result).data.items.map((i) => i.title)
  }

  it('shows an item written by another process on the next read', async () => {
    const before = await titles()
    expect(await titles()).toEqual(before)
    const other = openDatabase(t.file)
    try {
      createEvidence(other, trainee.user.id, { ...item('Logged in another worker'), activityStart: '2026-11-30' })
    } finally {
      closeDatabase(other)
    }
    expect((await titles())[0]).toBe('Logged in another worker')
  })

  it('keeps each person’s list apart: another trainee is sent their own, not the one kept for the first', async () => {
    const stranger = await createUserWithSession(t.db, { role: 'trainee' })
    const request = new Request('http://localhost/evidence', { headers: { Cookie: stranger.cookie } })
    const result = await settle(() => evidenceListLoader({ request, context: makeContext(t.db), params: {} }))
    expect(payloadOf<{ items: unknown[] }>(result).data.items).toEqual([])
  })
})

describe('page tags over kept data (digested once, then looked up)', () => {
  const tagOf = (data: Record<string, unknown>) =>
    pageTag({ build: 'b', session: 's', url: '/evidence', day: '2026-12-03', data })

  it('stay the same while the data does, even when an unrelated write makes it anew', () => {
    let title = 'QA'
    const make = () => ({ items: [{ title }] })
    const kept = untilNextWrite(t.db, 'tag:same', make)
    const tag = tagOf({ root: { user: 1 }, page: kept })
    expect(tagOf({ root: { user: 1 }, page: kept })).toBe(tag)
    createEvidence(t.db, trainee.user.id, item('Unrelated'))
    const remade = untilNextWrite(t.db, 'tag:same', make)
    expect(remade).not.toBe(kept)
    expect(tagOf({ root: { user: 1 }, page: remade })).toBe(tag)
    title = 'QA, revised'
    createEvidence(t.db, trainee.user.id, item('Another'))
    expect(tagOf({ root: { user: 1 }, page: untilNextWrite(t.db, 'tag:same', make) })).not.toBe(tag)
    expect(tagOf({ root: { user: 2 }, page: remade })).not.toBe(tag)
  })

  it('take a fresh part beside a kept one into account, and refuse one that cannot be read whole', () => {
    const kept = untilNextWrite(t.db, 'tag:mixed', () => ({ item: { title: 'QA' } }))
    const tag = tagOf({ page: { ...kept, conversions: { 1: 'queued' } } })
    expect(tagOf({ page: { ...kept, conversions: { 1: 'queued' } } })).toBe(tag)
    expect(tagOf({ page: { ...kept, conversions: { 1: 'done' } } })).not.toBe(tag)
    expect(tagOf({ page: { item: { title: 'QA' }, conversions: { 1: 'queued' } } })).not.toBeNull()
    expect(tagOf({ page: { ...kept, later: Promise.resolve(1) } })).toBeNull()
  })
})
