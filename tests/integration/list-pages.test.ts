/**
 * Every list that grows is read a page at a time by cursor: notifications,
 * the e-mail outbox, the audit trail on /admin and the submissions on
 * /admin/submissions. Page boundaries, the way back, and a bad cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as notificationsLoader } from '../../app/routes/notifications'
import { loader as outboxLoader } from '../../app/routes/admin.outbox'
import { loader as adminLoader } from '../../app/routes/admin._index'
import { loader as submissionsLoader } from '../../app/routes/admin.submissions'
import { notify } from '../../app/models/notifications.server'
import { recordAudit } from '../../app/models/audit.server'
import { listSubmissionsForAdminPage } from '../../app/models/assessor-link.server'
import type { PageInfo } from '../../app/utils/pagination'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'

let t: TestDb
let trainee: UserWithSession
let admin: UserWithSession

beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
  admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
  // 120 notifications (and as many e-mails), several in the same millisecond, so ties are broken by id.
  for (let i = 0; i < 120; i++) {
    notify(
      t.db,
      { userIds: [trainee.user.id], kind: 'comment', title: `Comment ${i + 1}`, link: '/dashboard' },
      new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))),
      { publicUrl: null },
    )
  }
  for (let i = 0; i < 70; i++)
    recordAudit(t.db, { actorId: admin.user.id, action: 'admin.account_created', subjectType: 'user', subjectId: i })
})
afterAll(() => t.cleanup())

type Loader = (args: { request: Request; context: ReturnType<typeof makeContext>; params: object }) => unknown

async function load<T>(loader: Loader, who: UserWithSession, url: string): Promise<T> {
  const request = new Request(new URL(url, 'http://localhost'), { headers: { Cookie: who.cookie } })
  return payloadOf<T>(await settle(() => loader({ request, context: makeContext(t.db), params: {} }))).data
}

/** Walks a list forward to its end and back to its start, checking every row is seen once, in order. */
async function walk(fetch: (query: string) => Promise<{ ids: number[]; page: PageInfo }>, total: number) {
  const seen: number[] = []
  let query = ''
  const pages: { ids: number[]; page: PageInfo }[] = []
  for (;;) {
    const answer = await fetch(query)
    pages.push(answer)
    expect(answer.page.start).toBe(seen.length + 1)
    seen.push(...answer.ids)
    expect(answer.page.end).toBe(seen.length)
    if (!answer.page.next) break
    query = `?after=${encodeURIComponent(answer.page.next)}`
  }
  expect(seen).toHaveLength(total)
  expect(new Set(seen).size).toBe(total)
  expect(pages.every((p) => p.ids.length <= 50)).toBe(true)
  // And back again, page by page.
  for (let i = pages.length - 1; i > 0; i--) {
    const back = await fetch(`?before=${encodeURIComponent(pages[i]!.page.prev!)}`)
    expect(back.ids).toEqual(pages[i - 1]!.ids)
  }
  expect((await fetch('?after=garbage')).ids).toEqual(pages[0]!.ids)
  expect((await fetch('?before=-1.2026')).ids).toEqual(pages[0]!.ids)
  return seen
}

describe('lists read a page at a time', () => {
  it('notifications: 50 a page, newest first', async () => {
    const seen = await walk(async (query) => {
      const d = await load<{ notifications: { id: number }[]; page: PageInfo }>(
        notificationsLoader as Loader,
        trainee,
        `/notifications${query}`,
      )
      return { ids: d.notifications.map((n) => n.id), page: d.page }
    }, 120)
    expect(seen).toEqual([...seen].sort((a, b) => b - a))
  })

  it('the outbox', async () => {
    await walk(async (query) => {
      const d = await load<{ emails: { id: number }[]; page: PageInfo }>(
        outboxLoader as Loader,
        admin,
        `/admin/outbox${query}`,
      )
      return { ids: d.emails.map((e) => e.id), page: d.page }
    }, 120)
  })

  it('the audit trail on /admin', async () => {
    const total = (t.db.$client.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n
    expect(total).toBeGreaterThan(50)
    await walk(async (query) => {
      const d = await load<{ events: { id: number }[]; eventsPage: PageInfo }>(
        adminLoader as Loader,
        admin,
        `/admin${query}`,
      )
      return { ids: d.events.map((e) => e.id), page: d.eventsPage }
    }, total)
  })

  it('submissions on /admin/submissions, with an empty list when there are none', async () => {
    const d = await load<{ submissions: unknown[]; page: PageInfo }>(
      submissionsLoader as Loader,
      admin,
      '/admin/submissions?after=3.x',
    )
    expect(d.submissions).toEqual([])
    expect(d.page).toMatchObject({ total: 0, start: 0, end: 0, pages: 1 })
    expect(listSubmissionsForAdminPage(t.db, {}).page.total).toBe(0)
  })
})
