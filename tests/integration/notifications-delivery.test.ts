import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emailOutbox } from '../../db/schema'
import { notify, pendingEmails } from '../../app/models/notifications.server'
import { deliverOutbox, startMailDelivery, type MailMessage, type Mailer } from '../../app/notifications/mailer.server'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession } from '../support/users'

const NOW = new Date('2025-03-03T09:00:00.000Z')
const FROM = 'Attain <no-reply@attain.example.nhs.uk>'
const SITE = { publicUrl: 'https://attain.example.nhs.uk' }

let t: TestDb

beforeEach(() => {
  t = createTestDb()
})
afterEach(() => {
  vi.useRealTimers()
  t.cleanup()
})

/** Queues one e-mail for each of `count` new mentors; their addresses, in order. */
async function queue(count: number): Promise<string[]> {
  const addresses: string[] = []
  for (let i = 0; i < count; i++) {
    const { user } = await createUserWithSession(t.db, { role: 'mentor' })
    notify(t.db, { userIds: [user.id], kind: 'review_requested', title: `Review ${i + 1}`, link: '/mentor' }, NOW, SITE)
    addresses.push(user.email)
  }
  return addresses
}

const rows = () => t.db.select().from(emailOutbox).orderBy(emailOutbox.id).all()

/** A mailer that keeps what it is given and refuses the addresses it is told to. */
function fakeMailer(refuse: (to: string) => boolean = () => false) {
  const sent: MailMessage[] = []
  const mailer: Mailer = {
    async send(message) {
      if (refuse(message.to))
        throw Object.assign(new Error(`Mailbox unavailable: ${message.to}`), { code: 'EENVELOPE' })
      sent.push(message)
    },
  }
  return { mailer, sent }
}

describe('deliverOutbox', () => {
  it('sends waiting e-mails oldest first and marks them sent', async () => {
    const addresses = await queue(3)
    const { mailer, sent } = fakeMailer()
    const report = await deliverOutbox(t.db, mailer, { from: FROM, now: NOW })
    expect(report).toEqual({ attempted: 3, sent: 3, failed: 0 })
    expect(sent.map((m) => m.to)).toEqual(addresses)
    expect(sent[0]).toMatchObject({
      from: FROM,
      subject: 'Review 1',
      text: expect.stringContaining('https://attain.example.nhs.uk/mentor'),
    })
    expect(rows().every((r) => r.sentAt === NOW.toISOString() && r.attempts === 1 && r.lastError === null)).toBe(true)

    // Nothing is sent twice.
    expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW })).toEqual({ attempted: 0, sent: 0, failed: 0 })
    expect(sent).toHaveLength(3)
  })

  it('records a failure, carries on with the rest, and tries the failed one again later', async () => {
    const [bad, good] = await queue(2)
    let refusing = true
    const { mailer, sent } = fakeMailer((to) => refusing && to === bad)

    expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW })).toEqual({ attempted: 2, sent: 1, failed: 1 })
    expect(sent.map((m) => m.to)).toEqual([good])
    const [failed, delivered] = rows()
    expect(failed).toMatchObject({
      toAddress: bad,
      sentAt: null,
      attempts: 1,
      lastError: `EENVELOPE: Mailbox unavailable: ${bad}`,
    })
    expect(delivered).toMatchObject({ toAddress: good, sentAt: NOW.toISOString() })

    refusing = false
    expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW })).toEqual({ attempted: 1, sent: 1, failed: 0 })
    expect(rows()[0]).toMatchObject({ sentAt: NOW.toISOString(), attempts: 2 })
  })

  it('gives up on an e-mail after maxAttempts, keeping its last error', async () => {
    await queue(1)
    const { mailer } = fakeMailer(() => true)
    for (let i = 0; i < 3; i++) {
      expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW, maxAttempts: 3 })).toMatchObject({ failed: 1 })
    }
    expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW, maxAttempts: 3 })).toEqual({
      attempted: 0,
      sent: 0,
      failed: 0,
    })
    expect(rows()[0]).toMatchObject({
      sentAt: null,
      attempts: 3,
      lastError: expect.stringContaining('Mailbox unavailable'),
    })
    expect(pendingEmails(t.db, 10, { maxAttempts: 3 })).toEqual([])
    // A higher limit would try it again.
    expect(pendingEmails(t.db, 10, { maxAttempts: 5 })).toHaveLength(1)
  })

  it('sends at most a batch at a time', async () => {
    await queue(3)
    const { mailer, sent } = fakeMailer()
    expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW, batch: 2 })).toMatchObject({ sent: 2 })
    expect(sent).toHaveLength(2)
    expect(rows().filter((r) => r.sentAt === null)).toHaveLength(1)
  })

  it('never throws, even for a mailer that throws synchronously or rejects with a non-error', async () => {
    await queue(2)
    let calls = 0
    const mailer: Mailer = {
      send() {
        calls += 1
        if (calls === 1) throw new Error('boom')
        return Promise.reject('refused')
      },
    }
    await expect(deliverOutbox(t.db, mailer, { from: FROM, now: NOW })).resolves.toEqual({
      attempted: 2,
      sent: 0,
      failed: 2,
    })
    expect(rows().map((r) => r.lastError)).toEqual(['boom', 'refused'])
  })

  it('stops when aborted without counting an attempt', async () => {
    await queue(2)
    const abort = new AbortController()
    const mailer: Mailer = {
      async send() {
        abort.abort()
        throw new Error('aborted')
      },
    }
    expect(await deliverOutbox(t.db, mailer, { from: FROM, now: NOW, signal: abort.signal })).toEqual({
      attempted: 0,
      sent: 0,
      failed: 0,
    })
    expect(rows().every((r) => r.attempts === 0 && r.lastError === null)).toBe(true)
  })

  it('does not throw when the database is closed', async () => {
    await queue(1)
    const { mailer } = fakeMailer()
    t.db.$client.close()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(deliverOutbox(t.db, mailer, { from: FROM, now: NOW })).resolves.toEqual({
      attempted: 0,
      sent: 0,
      failed: 0,
    })
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })
})

describe('startMailDelivery', () => {
  const mail = (smtpUrl: string | null) => ({ mail: { smtpUrl, from: FROM } })

  it('schedules nothing without SMTP', async () => {
    await queue(1)
    const setInterval = vi.spyOn(globalThis, 'setInterval')
    const lines: string[] = []
    const stop = startMailDelivery(t.db, mail(null), { log: (l) => lines.push(l) })
    expect(setInterval).not.toHaveBeenCalled()
    setInterval.mockRestore()
    await stop()
    expect(lines.join('\n')).toMatch(/e-mails are kept in the outbox/)
    expect(rows()[0]).toMatchObject({ sentAt: null, attempts: 0 })
  })

  it('sends at once and then every interval, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    await queue(1)
    const { mailer, sent } = fakeMailer()
    const lines: string[] = []
    const stop = startMailDelivery(t.db, mail('smtp://localhost:2525'), {
      mailer,
      intervalMs: 30_000,
      log: (l) => lines.push(l),
    })
    await vi.waitFor(() => expect(lines).toHaveLength(1))
    expect(sent).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'mail_delivery', sent: 1 })

    await queue(1)
    vi.advanceTimersByTime(30_000)
    await vi.waitFor(() => expect(sent).toHaveLength(2))

    await stop()
    await queue(1)
    vi.advanceTimersByTime(90_000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(sent).toHaveLength(2)
    expect(rows().filter((r) => r.sentAt === null)).toHaveLength(1)
  })

  it('does not start a run while one is still going', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    await queue(1)
    let release!: () => void
    let calls = 0
    const mailer: Mailer = {
      send() {
        calls += 1
        return new Promise<void>((resolve) => (release = resolve))
      },
    }
    const stop = startMailDelivery(t.db, mail('smtp://localhost:2525'), { mailer, log: () => {} })
    vi.advanceTimersByTime(120_000)
    expect(calls).toBe(1)
    release()
    await stop()
    expect(t.db.select().from(emailOutbox).where(eq(emailOutbox.attempts, 1)).all()).toHaveLength(1)
  })
})
