/**
 * `npx tsx tests/bench/hot-queries.ts [--items 500] [--rounds 2000]`
 *
 * The queries behind every request and the evidence list, the way they are
 * run now against the way they were, taking turns in one process on one
 * throw-away database (a trainee with N items), so the ratios hold whatever
 * else the machine is doing:
 *
 * - the request's session, user and unread count: drizzle building and
 *   SQLite compiling each query on every request (before), or prepared once
 *   per connection (now);
 * - the framework: five queries per page (before), or one prepared query for
 *   its version and the framework kept per version (now);
 * - /evidence's data: every item with its codes and counts (before), or one
 *   page of 50 by cursor with its count and position (now).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { and, count, eq, isNull } from 'drizzle-orm'
import { defaultFramework } from '../../competences/index'
import { notifications, sessions, users } from '../../db/schema'
import { closeDatabase } from '../../db/client'
import { prepareDatabase } from '../../db/setup'
import { createEvidence, listEvidence, listEvidencePage } from '../../app/models/evidence.server'
import { getFramework, requireCurrentFramework } from '../../app/models/framework.server'
import { unreadCount } from '../../app/models/notifications.server'
import { createSession, findSession } from '../../app/models/session.server'
import { createTrainee, getUserById, publicUserColumns } from '../../app/models/user.server'
import { readEnv } from '../../app/utils/env.server'
import { hashToken } from '../../app/utils/tokens.server'
import { intOption } from './lib'

const { values } = parseArgs({ options: { items: { type: 'string' }, rounds: { type: 'string' } } })
const items = intOption('items', values.items, 500, 1, 100_000)
const rounds = intOption('rounds', values.rounds, 2000, 10, 1_000_000)

const dir = mkdtempSync(path.join(tmpdir(), 'attain-hot-queries-'))
const db = prepareDatabase(path.join(dir, 'attain.db'))
try {
  const trainee = createTrainee(
    db,
    { email: 'bench@example.test', name: 'Bench Trainee', passwordHash: 'x' },
    { specialism: 'radiotherapy-physics', employer: 'Bench', targetSubmissionDate: null },
  )
  const codes = defaultFramework.domains.flatMap((d) => d.areas.map((a) => a.code))
  db.transaction(() => {
    for (let i = 0; i < items; i++)
      createEvidence(db, trainee.id, {
        title: `Item ${i + 1}`,
        activityStart: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
        activityEnd: null,
        evidenceType: 'audit',
        role: 'led',
        description: 'Audited the dose records against the local reference levels.',
        reflection: '',
        claims: [0, 1, 2, 3, 4].map((k) => ({
          area: codes[(i + k * 7) % codes.length]!,
          statement: 'I did the analysis myself and explained it to the team.',
          competencies: [],
        })),
      })
  })
  const policy = readEnv({ NODE_ENV: 'production' }).session
  const { token } = createSession(db, { userId: trainee.id, verified: true }, policy)

  const before = {
    request: () => {
      const session = db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, hashToken(token)))
        .get()!
      db.select(publicUserColumns).from(users).where(eq(users.id, session.userId)).get()
      db.select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, session.userId), isNull(notifications.readAt)))
        .get()
    },
    framework: () => getFramework(db, { slug: defaultFramework.id, version: defaultFramework.version }),
    evidence: () => listEvidence(db, trainee.id, {}),
  }
  const now = {
    request: () => {
      const session = findSession(db, token, policy)!
      getUserById(db, session.userId)
      unreadCount(db, session.userId)
    },
    framework: () => requireCurrentFramework(db),
    evidence: () => listEvidencePage(db, trainee.id, {}, {}),
  }

  const time = (run: () => unknown, n: number) => {
    const start = performance.now()
    for (let i = 0; i < n; i++) run()
    return (performance.now() - start) / n
  }
  console.log(`${items} items; ${rounds} rounds of each, taking turns in blocks of ${rounds / 10}\n`)
  console.log('| work | before (mean) | now (mean) | before ÷ now |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const name of ['request', 'framework', 'evidence'] as const) {
    // The evidence list is much slower per call: fewer rounds of it.
    const n = name === 'evidence' ? Math.max(10, Math.round(rounds / 50)) : rounds
    let a = 0
    let b = 0
    time(before[name], Math.min(n, 50))
    time(now[name], Math.min(n, 50))
    for (let block = 0; block < 10; block++) {
      a += time(before[name], n / 10) / 10
      b += time(now[name], n / 10) / 10
    }
    const label = {
      request: 'session + user + unread count (every signed-in request)',
      framework: 'the framework (every page that shows it)',
      evidence: `/evidence's data for ${items} items`,
    }[name]
    const ms = (x: number) => (x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(2)} ms`)
    console.log(`| ${label} | ${ms(a)} | ${ms(b)} | ${(a / b).toFixed(1)}× |`)
  }
} finally {
  closeDatabase(db)
  rmSync(dir, { recursive: true, force: true })
}
