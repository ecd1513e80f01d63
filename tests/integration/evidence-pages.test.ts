/**
 * /evidence pages through a long list by cursor: 50 items a page, the filters
 * and the search kept from page to page, a count of where the page is, and a
 * bad or stale cursor answered with the first page, never an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader } from '../../app/routes/evidence._index'
import { createEvidence, deleteEvidence } from '../../app/models/evidence.server'
import type { PageInfo } from '../../app/utils/pagination'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'

let t: TestDb
let trainee: UserWithSession
/** Item ids, newest activity first, as the list shows them. */
const order: number[] = []
/** The case studies among them, in the same order. */
const caseStudies: number[] = []

beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
  const created: { id: number; day: string; caseStudy: boolean }[] = []
  // 130 items over 65 days, two on each day, so that ties on the date are broken by id across page boundaries.
  for (let i = 0; i < 130; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10)
    const caseStudy = i % 2 === 0
    const id = createEvidence(t.db, trainee.user.id, {
      title: `${caseStudy ? 'Case study' : 'Output check'} ${i + 1}`,
      activityStart: day,
      activityEnd: null,
      evidenceType: caseStudy ? 'case-study' : 'commissioning-qa-report',
      role: 'led',
      description: caseStudy ? 'A breath-hold case with the radiographers.' : 'Output measured with a Farmer chamber.',
      reflection: '',
      claims: [{ area: caseStudy ? 'Clin1' : 'Tech3', statement: 'I did this myself.', competencies: [] }],
    })
    created.push({ id, day, caseStudy })
  }
  created.sort((a, b) => (a.day === b.day ? b.id - a.id : a.day < b.day ? 1 : -1))
  order.push(...created.map((c) => c.id))
  caseStudies.push(...created.filter((c) => c.caseStudy).map((c) => c.id))
})
afterAll(() => t.cleanup())

type Listing = { items: { id: number }[]; page: PageInfo; total: number }

async function list(query: string, who = trainee): Promise<Listing> {
  const request = new URL(`/evidence${query}`, 'http://localhost')
  const result = await settle(() =>
    loader({
      request: new Request(request, { headers: { Cookie: who.cookie } }),
      context: makeContext(t.db),
      params: {},
    }),
  )
  return payloadOf<Listing>(result).data
}

const ids = (l: Listing) => l.items.map((i) => i.id)

describe('paging through /evidence', () => {
  it('shows 50 items a page, newest first, with where the page is and links onward', async () => {
    const first = await list('')
    expect(ids(first)).toEqual(order.slice(0, 50))
    expect(first.page).toMatchObject({ total: 130, start: 1, end: 50, page: 1, pages: 3, prev: undefined })
    expect(first.page.next).toBeDefined()

    const second = await list(`?after=${encodeURIComponent(first.page.next!)}`)
    expect(ids(second)).toEqual(order.slice(50, 100))
    expect(second.page).toMatchObject({ start: 51, end: 100, page: 2, pages: 3 })

    const third = await list(`?after=${encodeURIComponent(second.page.next!)}`)
    expect(ids(third)).toEqual(order.slice(100))
    expect(third.page).toMatchObject({ start: 101, end: 130, page: 3, pages: 3, next: undefined })

    const back = await list(`?before=${encodeURIComponent(third.page.prev!)}`)
    expect(ids(back)).toEqual(order.slice(50, 100))
    expect(back.page).toMatchObject({ start: 51, end: 100, page: 2 })
    const backAgain = await list(`?before=${encodeURIComponent(back.page.prev!)}`)
    expect(ids(backAgain)).toEqual(order.slice(0, 50))
    expect(backAgain.page).toMatchObject({ start: 1, page: 1, prev: undefined })
  })

  it('keeps the filters and the search on every page, counting only what matches', async () => {
    const first = await list('?type=case-study&q=breath')
    expect(ids(first)).toEqual(caseStudies.slice(0, 50))
    expect(first.page).toMatchObject({ total: 65, pages: 2 })
    expect(first.total).toBe(130)
    const second = await list(`?type=case-study&q=breath&after=${encodeURIComponent(first.page.next!)}`)
    expect(ids(second)).toEqual(caseStudies.slice(50))
    expect(second.page).toMatchObject({ start: 51, end: 65, page: 2, next: undefined })

    const byArea = await list('?area=Tech3')
    expect(byArea.page.total).toBe(65)
    expect(byArea.items.every((i) => !caseStudies.includes(i.id))).toBe(true)
  })

  it('answers a malformed, foreign or oversized cursor with the first page', async () => {
    for (const bad of ['nonsense', '0.2026-01-01', '-3.x', `1.${'x'.repeat(400)}`, '99999999999999999999.a', '']) {
      for (const param of ['after', 'before']) {
        const answer = await list(`?${param}=${encodeURIComponent(bad)}`)
        expect(ids(answer), `${param}=${bad}`).toEqual(order.slice(0, 50))
      }
    }
    expect(ids(await list('?after=1&after=2&before=x'))).toEqual(order.slice(0, 50))
  })

  it('carries on after the item a cursor names was deleted, and starts again from a cursor past the end', async () => {
    const first = await list('')
    const lastShown = first.items.at(-1)!.id
    const second = await list(`?after=${encodeURIComponent(first.page.next!)}`)
    expect(deleteEvidence(t.db, trainee.user.id, lastShown)).toBeTruthy()
    order.splice(order.indexOf(lastShown), 1)
    const stale = await list(`?after=${encodeURIComponent(first.page.next!)}`)
    expect(ids(stale)).toEqual(ids(second))
    expect(stale.page).toMatchObject({ start: 50, total: 129 })

    expect(ids(await list('?after=1.1900-01-01'))).toEqual(order.slice(0, 50))
    expect(ids(await list('?before=1.2999-01-01'))).toEqual(order.slice(0, 50))
  })

  it('never pages into another trainee’s items', async () => {
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    const theirs = await list(`?after=${encodeURIComponent(`${order[10]}.2999-01-01`)}`, other)
    expect(theirs.items).toEqual([])
    expect(theirs.page).toMatchObject({ total: 0, start: 0, end: 0, pages: 1 })
  })
})
