import fs from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mentorDeclarations, mentorLinks, users } from '../../db/schema'
import { closeDatabase, openDatabase } from '../../db/client'
import { MIGRATIONS_FOLDER, runMigrations } from '../../db/migrate'
import { readJournal } from '../../db/scripts/backup'
import { action as mentorsSettingsAction, loader as mentorsSettingsLoader } from '../../app/routes/settings.mentors'
import { action as inviteAction } from '../../app/routes/invite.$token'
import { action as traineePageAction, loader as traineePageLoader } from '../../app/routes/mentor.trainees.$traineeId'
import { loader as coverageLoader } from '../../app/routes/coverage'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { setSpecialism } from '../../app/models/roles.server'
import { can } from '../../app/utils/authorization.server'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const call = <T>(
  fn: (a: { request: Request; context: ReturnType<typeof makeContext>; params: Record<string, string> }) => T,
  request: Request,
  params: Record<string, string> = {},
) => settle(() => fn({ request, context: makeContext(t.db), params }))

async function invite(trainee: UserWithSession, role?: string): Promise<string> {
  const form: Record<string, string> = { intent: 'invite', note: '' }
  if (role) form.role = role
  const result = payloadOf<{ link: string }>(
    await call(mentorsSettingsAction, requestAs(trainee.cookie, '/settings/mentors', { form })),
  )
  return result.data.link.split('/invite/')[1]!
}

async function accept(mentor: UserWithSession, token: string) {
  const answer = (await call(inviteAction, requestAs(mentor.cookie, `/invite/${token}`, { form: {} }), {
    token,
  })) as Response
  expect(answer.status).toBe(302)
}

function linkRole(traineeId: number, mentorId: number) {
  return t.db
    .select({ role: mentorLinks.role })
    .from(mentorLinks)
    .where(and(eq(mentorLinks.traineeId, traineeId), eq(mentorLinks.mentorId, mentorId), isNull(mentorLinks.endedAt)))
    .get()?.role
}

describe('supervisors and External Advisers', () => {
  it('are invited as such, and the link keeps the role the invitation named', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const supervisor = await createUserWithSession(t.db, { role: 'mentor', name: 'Dr Ada Lowe' })
    const adviser = await createUserWithSession(t.db, { role: 'mentor', name: 'Dr Ben Yusuf' })
    await accept(supervisor, await invite(trainee))
    await accept(adviser, await invite(trainee, 'external-adviser'))
    expect(linkRole(trainee.user.id, supervisor.user.id)).toBe('supervisor')
    expect(linkRole(trainee.user.id, adviser.user.id)).toBe('external-adviser')
    const page = payloadOf<{ mentors: { name: string; role: string }[] }>(
      await call(mentorsSettingsLoader, requestAs(trainee.cookie, '/settings/mentors')),
    )
    expect(page.data.mentors.map((m) => [m.name, m.role])).toEqual([
      ['Dr Ada Lowe', 'supervisor'],
      ['Dr Ben Yusuf', 'external-adviser'],
    ])
    const coverage = payloadOf<{ mentors: string[]; signers: string }>(
      await call(coverageLoader, requestAs(trainee.cookie, '/coverage')),
    )
    expect(coverage.data.mentors).toEqual(['Dr Ada Lowe, supervisor', 'Dr Ben Yusuf, IPEM External Adviser'])
    expect(coverage.data.signers).toBe('your IPEM External Adviser')
  })

  it('refuse a role that does not exist, at the field', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const result = payloadOf<{ errors: Record<string, string[]> }>(
      await call(
        mentorsSettingsAction,
        requestAs(trainee.cookie, '/settings/mentors', { form: { intent: 'invite', role: 'assessor' } }),
      ),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors.role).toEqual(['Choose whether they will be your supervisor or your External Adviser'])
  })

  it('let the External Adviser sign the declaration, and a supervisor only while no adviser is linked', async () => {
    const supervisor = await createUserWithSession(t.db, { role: 'mentor' })
    const adviser = await createUserWithSession(t.db, { role: 'mentor' })
    const { trainee } = await buildReadyPortfolio(t.db, { items: 8, mentor: supervisor.user, sign: false })
    t.db.insert(mentorLinks).values({ traineeId: trainee.id, mentorId: supervisor.user.id, createdAt: 'x' }).run()
    const portfolio = { kind: 'portfolio', traineeId: trainee.id } as const
    expect(can(t.db, supervisor.user, 'declare', portfolio)).toBe(true)
    expect(can(t.db, adviser.user, 'declare', portfolio)).toBe(false)

    t.db
      .insert(mentorLinks)
      .values({ traineeId: trainee.id, mentorId: adviser.user.id, role: 'external-adviser', createdAt: 'x' })
      .run()
    expect(can(t.db, supervisor.user, 'declare', portfolio)).toBe(false)
    expect(can(t.db, supervisor.user, 'review', portfolio)).toBe(true)
    expect(can(t.db, adviser.user, 'declare', portfolio)).toBe(true)

    const params = { traineeId: String(trainee.id) }
    const url = `/mentor/trainees/${trainee.id}`
    const page = payloadOf<{ mayDeclare: boolean; signers: string; mentors: { name: string }[] }>(
      await call(traineePageLoader, requestAs(supervisor.cookie, url), params),
    )
    expect(page.data.mayDeclare).toBe(false)
    expect(page.data.signers).toBe('your IPEM External Adviser')
    const refused = payloadOf<{ ok: boolean; formError: string }>(
      await call(traineePageAction, requestAs(supervisor.cookie, url, { form: {} }), params),
    )
    expect(refused.data).toEqual({
      ok: false,
      formError: 'The declaration is signed by the trainee’s IPEM External Adviser, not by you.',
    })
    const declarations = () =>
      t.db.select().from(mentorDeclarations).where(eq(mentorDeclarations.traineeId, trainee.id)).all()
    expect(declarations()).toEqual([])
    const signed = payloadOf<{ ok: boolean }>(
      await call(traineePageAction, requestAs(adviser.cookie, url, { form: {} }), params),
    )
    expect(signed.data.ok).toBe(true)
    expect(declarations().map((d) => d.mentorId)).toEqual([adviser.user.id])
  })
})

describe('a verifier outside the item’s specialism', () => {
  it('is pointed out on coverage for scientific, clinical and technical claims only', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor', name: 'Dr Cara Nwosu' })
    const { trainee, claims } = await buildReadyPortfolio(t.db, { items: 8, mentor: mentor.user })
    const outside = () =>
      coverageReportFor(t.db, trainee.id, new Date()).findings.filter(
        (f) => f.ruleId === 'claim.verifier-outside-specialism',
      )
    // No specialism recorded: nothing to say.
    expect(outside()).toEqual([])
    setSpecialism(t.db, mentor.user.id, 'nuclear-medicine')
    const findings = outside()
    const specialistClaims = [...claims.values()].flat().filter((code) => /^(Sci|Clin|Tech)\d/.test(code))
    expect(findings).toHaveLength(specialistClaims.length)
    expect(findings[0]).toMatchObject({ severity: 'warning', target: { kind: 'item' } })
    expect(findings[0]!.message).toMatch(
      /^Dr Cara Nwosu \(Nuclear medicine\) verified the (Sci|Clin|Tech)\d claim of “.+”, a Radiotherapy physics item\. Ask a supervisor in Radiotherapy physics to review it as well\.$/,
    )
    const report = coverageReportFor(t.db, trainee.id, new Date())
    expect(report.summary.warnings).toBe(report.findings.filter((f) => f.severity === 'warning').length)
    setSpecialism(t.db, mentor.user.id, 'radiotherapy-physics')
    expect(outside()).toEqual([])
  })
})

describe('the migration that gives links a role', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('makes every existing link and open invitation a supervisor’s, losing nothing', () => {
    const journal = readJournal()
    const at = journal.findIndex((e) => e.tag.endsWith('_roles_and_digests'))
    expect(at).toBeGreaterThan(0)
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'attain-roles-migration-'))
    dirs.push(dir)
    // The migrations folder as it was before roles.
    const before = path.join(dir, 'migrations')
    fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true })
    const journalFile = path.join(before, 'meta', '_journal.json')
    const data = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
    for (const entry of data.entries.slice(at)) fs.rmSync(path.join(before, `${entry.tag}.sql`))
    data.entries = data.entries.slice(0, at)
    fs.writeFileSync(journalFile, JSON.stringify(data, null, 2))

    const db = openDatabase(path.join(dir, 'attain.db'))
    try {
      runMigrations(db, before)
      const sqlite = db.$client
      const addUser = sqlite.prepare(
        "INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'x', '2025-01-01', '2025-01-01')",
      )
      const ids = ['t1', 't2', 'm1', 'm2', 'm3'].map(
        (n, i) => addUser.run(`${n}@example.nhs.uk`, n, i < 2 ? 'trainee' : 'mentor').lastInsertRowid as number,
      )
      const [t1, t2, m1, m2, m3] = ids as [number, number, number, number, number]
      const addLink = sqlite.prepare(
        'INSERT INTO mentor_links (trainee_id, mentor_id, created_at, ended_at, ended_by) VALUES (?, ?, ?, ?, ?)',
      )
      addLink.run(t1, m1, '2025-02-01T00:00:00.000Z', null, null)
      addLink.run(t1, m2, '2025-03-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', t1)
      addLink.run(t2, m2, '2025-04-01T00:00:00.000Z', null, null)
      addLink.run(t2, m3, '2025-05-01T00:00:00.000Z', null, null)
      sqlite
        .prepare(
          "INSERT INTO mentor_invitations (trainee_id, token_hash, note, created_at, expires_at) VALUES (?, 'h', 'Dr P', '2025-01-01', '2099-01-01')",
        )
        .run(t1)
      const linksBefore = sqlite.prepare('SELECT * FROM mentor_links ORDER BY id').all()

      runMigrations(db)

      const linksAfter = sqlite.prepare('SELECT * FROM mentor_links ORDER BY id').all() as Record<string, unknown>[]
      expect(linksAfter).toEqual((linksBefore as Record<string, unknown>[]).map((l) => ({ ...l, role: 'supervisor' })))
      expect(sqlite.prepare('SELECT role FROM mentor_invitations').pluck().all()).toEqual(['supervisor'])
      // Everyone keeps receiving the digest until they turn it off; no one has a specialism until they record one.
      expect(db.select({ d: users.weeklyDigest, s: users.specialism }).from(users).all()).toEqual(
        ids.map(() => ({ d: true, s: null })),
      )
    } finally {
      closeDatabase(db)
    }
  })
})
