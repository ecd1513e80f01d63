import { listNotifications } from '../../app/models/notifications.server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assessorLinkOpenings, assessorLinks, submissionAssignments } from '../../db/schema'
import { listAuditEvents } from '../../app/models/audit.server'
import {
  createAssessorLink,
  listAssessorLinks,
  listSubmissionsForAdmin,
  revokeAssessorLink,
} from '../../app/models/assessor-link.server'
import { createSubmission } from '../../app/submission/submit.server'
import { action as adminAction, loader as adminLoader } from '../../app/routes/admin.submissions'
import * as zip from '../../app/routes/s.$token_.export[.]zip'
import * as pdf from '../../app/routes/s.$token_.summary[.]pdf'
import { action as linkAction, headers as linkHeaders, loader as linkLoader } from '../../app/routes/s.$token'
import { action as sharingAction, loader as sharingLoader } from '../../app/routes/submissions.$id_.sharing'
import { can } from '../../app/utils/authorization.server'
import { hashToken } from '../../app/utils/tokens.server'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

const DAY = 86_400_000
// Sessions are made on the real clock, so the test's clock starts there too.
const START = Date.now()
let clock = START
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

let t: TestDb
let trainee: UserWithSession
let submissionId: number
let other: UserWithSession
let otherSubmissionId: number

function context({ now = clock, ip = '203.0.113.7' }: { now?: number; ip?: string } = {}) {
  return makeContext(t.db, {
    now: () => new Date(now),
    clientIp: ip,
    env: { ...makeContext(t.db).env, dataDir: t.dir },
  })
}

async function submitted(who: UserWithSession): Promise<number> {
  await buildReadyPortfolio(t.db, { items: 8, dataDir: t.dir, trainee: who.user, now: new Date(clock) })
  const outcome = createSubmission(t.db, who.user.id, new Date(clock))
  if (!outcome.ok) throw new Error(`not submitted: ${outcome.reason}`)
  return outcome.id
}

beforeAll(async () => {
  t = createTestDb()
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
  other = await createUserWithSession(t.db, { role: 'trainee' })
  submissionId = await submitted(trainee)
  otherSubmissionId = await submitted(other)
})
afterAll(() => t.cleanup())

const sharingUrl = (id: number) => `/submissions/${id}/sharing`

function share(who: UserWithSession | null, id: number, form: Record<string, string>, ctx = context()) {
  return settle(() =>
    sharingAction({
      request: requestAs(who?.cookie ?? null, sharingUrl(id), { form }),
      context: ctx,
      params: { id: String(id) },
    }),
  )
}

function loadSharing(who: UserWithSession, id: number) {
  return settle(() =>
    sharingLoader({ request: requestAs(who.cookie, sharingUrl(id)), context: context(), params: { id: String(id) } }),
  )
}

interface Created {
  ok: true
  url: string
}
interface Failed {
  ok: false
  errors: Record<string, string[]>
  formError?: string
  values: Record<string, string>
}

/** Creates a link through the sharing page, as the trainee would; gives back its token. */
async function newLink(
  recipient = 'Dr Jane Smith, ACS assessor',
  expiresOn = isoDay(clock + 30 * DAY),
): Promise<string> {
  const result = payloadOf<Created>(await share(trainee, submissionId, { intent: 'create', recipient, expiresOn }))
  expect(result.status).toBe(200)
  return new URL(result.data.url).pathname.split('/').pop()!
}

function open(
  token: string,
  { cookie = null, now = clock, ip = '203.0.113.7' }: { cookie?: string | null; now?: number; ip?: string } = {},
) {
  const request = requestAs(cookie, `/s/${token}`, {
    headers: { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0' },
  })
  return settle(() => linkLoader({ request, context: context({ now, ip }), params: { token } }))
}

async function expectGone(result: unknown) {
  expect(result).toBeInstanceOf(Response)
  const response = result as Response
  expect(response.status).toBe(404)
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  return response.text()
}

describe('creating an assessor link', () => {
  it('gives a 256-bit base64url token, shown once, of which only the hash is kept', async () => {
    const token = await newLink()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    const rows = t.db.select().from(assessorLinks).where(eq(assessorLinks.submissionId, submissionId)).all()
    const row = rows.find((r) => r.tokenHash === hashToken(token))
    expect(row).toMatchObject({ recipient: 'Dr Jane Smith, ACS assessor', createdBy: trainee.user.id, revokedAt: null })
    expect(JSON.stringify(rows)).not.toContain(token)
    // The page lists the link, but never its address again.
    const page = payloadOf<{ links: { id: number }[] }>(await loadSharing(trainee, submissionId))
    expect(page.data.links.map((l) => l.id)).toContain(row!.id)
    expect(JSON.stringify(page.data)).not.toContain(token)
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain(
      'submission.link_created',
    )
  })

  it('builds the address from PUBLIC_URL when it is set, and keeps the answer out of caches', async () => {
    const ctx = makeContext(t.db, {
      now: () => new Date(clock),
      env: { ...makeContext(t.db).env, publicUrl: 'https://attain.example.org' },
    })
    const response = await responseOf(() =>
      share(trainee, submissionId, { intent: 'create', recipient: 'Prof Lee', expiresOn: isoDay(clock + DAY) }, ctx),
    )
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const body = (await response.json()) as Created
    expect(body.url).toMatch(/^https:\/\/attain\.example\.org\/s\/[A-Za-z0-9_-]{43}$/)
  })

  it('refuses an expiry in the past or more than 90 days ahead at the field, keeping what was typed', async () => {
    const before = listAssessorLinks(t.db, submissionId).length
    for (const expiresOn of [isoDay(clock - DAY), isoDay(clock + 91 * DAY)]) {
      const result = payloadOf<Failed>(
        await share(trainee, submissionId, { intent: 'create', recipient: 'Dr Jane Smith', expiresOn }),
      )
      expect(result.status).toBe(400)
      expect(result.data.errors.expiresOn?.length).toBe(1)
      expect(result.data.values).toMatchObject({ recipient: 'Dr Jane Smith', expiresOn })
    }
    const missing = payloadOf<Failed>(
      await share(trainee, submissionId, { intent: 'create', recipient: ' ', expiresOn: isoDay(clock + DAY) }),
    )
    expect(missing.data.errors.recipient).toEqual(['Say who this link is for'])
    expect(listAssessorLinks(t.db, submissionId)).toHaveLength(before)
  })

  it('offers a default expiry 30 days ahead, at most 90', async () => {
    const page = payloadOf<{ expiry: { today: string; default: string; latest: string } }>(
      await loadSharing(trainee, submissionId),
    )
    expect(page.data.expiry).toEqual({
      today: isoDay(clock),
      default: isoDay(clock + 30 * DAY),
      latest: isoDay(clock + 90 * DAY),
    })
  })
})

describe('opening a link', () => {
  it('shows the frozen submission without sign-in, privately, and logs the opening on the trainee’s page', async () => {
    const token = await newLink('Dr Opening')
    clock += 60_000
    const openedAt = new Date(clock).toISOString()
    const response = await responseOf(() => open(token, { ip: '198.51.100.23' }))
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
    expect(response.headers.get('X-Robots-Tag')).toContain('noindex')
    expect(new Headers(linkHeaders({} as never)).get('Referrer-Policy')).toBe('same-origin')
    const page = payloadOf<{
      summary: { head: { trainee: { name: string } }; hash: string; bodyHtml: string }
      assessing: unknown
    }>(await open(token))
    expect(page.data.summary.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(page.data.summary.head.trainee.name).toBe(trainee.user.name)
    expect(page.data.summary.bodyHtml).toContain('id="grid"')
    expect(page.data.assessing).toBeNull()

    const sharing = payloadOf<{
      links: { recipient: string; openings: number; lastOpenedAt: string | null; status: string }[]
      openings: { openedAt: string; ipAddress: string; what: string; recipient: string; userAgentShort: string }[]
    }>(await loadSharing(trainee, submissionId))
    expect(sharing.data.links.find((l) => l.recipient === 'Dr Opening')).toMatchObject({
      openings: 2,
      status: 'active',
    })
    expect(sharing.data.openings.filter((o) => o.recipient === 'Dr Opening').at(-1)).toEqual({
      id: expect.any(Number),
      linkId: expect.any(Number),
      recipient: 'Dr Opening',
      openedAt,
      ipAddress: '198.51.100.23',
      userAgent: expect.stringContaining('Firefox/128.0'),
      userAgentShort: 'Firefox 128 on Windows',
      what: 'summary',
    })
  })

  it('answers the same 404 for a revoked link, an expired link and a made-up token', async () => {
    const revoked = await newLink('Dr Revoked')
    const linkId = t.db
      .select({ id: assessorLinks.id })
      .from(assessorLinks)
      .where(eq(assessorLinks.tokenHash, hashToken(revoked)))
      .get()!.id
    expect(payloadOf(await open(revoked)).status).toBe(200)
    const done = payloadOf<{ ok: boolean }>(
      await share(trainee, submissionId, { intent: 'revoke', linkId: String(linkId) }),
    )
    expect(done.data.ok).toBe(true)
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain(
      'submission.link_revoked',
    )

    const expiring = await newLink('Dr Expiring', isoDay(clock))
    expect(payloadOf(await open(expiring)).status).toBe(200)
    const tomorrow = Date.parse(`${isoDay(clock + DAY)}T00:00:00.000Z`)
    expect(payloadOf(await open(expiring, { now: tomorrow - 1 })).status).toBe(200)

    const bodies = [
      await expectGone(await open(revoked)),
      await expectGone(await open(expiring, { now: tomorrow })),
      await expectGone(await open('A'.repeat(43))),
      await expectGone(await open('not-a-token')),
    ]
    expect(new Set(bodies).size).toBe(1)
    const statuses = payloadOf<{ links: { recipient: string; status: string }[] }>(
      await loadSharing(trainee, submissionId),
    ).data.links
    expect(statuses.find((l) => l.recipient === 'Dr Revoked')?.status).toBe('revoked')
    // A 404 records no opening.
    const openings = t.db.select().from(assessorLinkOpenings).where(eq(assessorLinkOpenings.linkId, linkId)).all()
    expect(openings).toHaveLength(1)
  })
})

describe('who may share', () => {
  it('keeps another trainee out of the sharing page and its actions', async () => {
    expect(((await loadSharing(other, submissionId)) as Response).status).toBe(404)
    const token = await newLink('Dr Guarded')
    const linkId = t.db
      .select({ id: assessorLinks.id })
      .from(assessorLinks)
      .where(eq(assessorLinks.tokenHash, hashToken(token)))
      .get()!.id
    const denied = await share(other, submissionId, { intent: 'revoke', linkId: String(linkId) })
    expect((denied as Response).status).toBe(404)
    const created = await share(other, submissionId, {
      intent: 'create',
      recipient: 'Mallory',
      expiresOn: isoDay(clock + DAY),
    })
    expect((created as Response).status).toBe(404)
    // Through their own submission's page the link is not theirs either.
    const sideways = payloadOf<Failed>(
      await share(other, otherSubmissionId, { intent: 'revoke', linkId: String(linkId) }),
    )
    expect(sideways.status).toBe(400)
    expect(payloadOf(await open(token)).status).toBe(200)
    expect(listAssessorLinks(t.db, submissionId).find((l) => l.id === linkId)?.status).toBe('active')
  })

  it('sends a signed-out visitor to sign in, and lets an admin share', async () => {
    const signedOut = await settle(() =>
      sharingLoader({
        request: requestAs(null, sharingUrl(submissionId)),
        context: context(),
        params: { id: String(submissionId) },
      }),
    )
    expect((signedOut as Response).status).toBe(302)
    const admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    expect(payloadOf(await loadSharing(admin, submissionId)).status).toBe(200)
    const mentorless = await createUserWithSession(t.db, { role: 'mentor' })
    expect(((await loadSharing(mentorless, submissionId)) as Response).status).toBe(404)
  })
})

describe('taking on a submission from its link', () => {
  const assess = (who: UserWithSession | null, token: string) =>
    settle(() =>
      linkAction({
        request: requestAs(who?.cookie ?? null, `/s/${token}`, { form: { intent: 'assign' } }),
        context: context(),
        params: { token },
      }),
    )
  const resource = () => ({ kind: 'submission' as const, traineeId: trainee.user.id, submissionId })

  it('assigns a signed-in assessor, once, and sends them to assess it', async () => {
    const token = await newLink('Dr Assessor')
    const assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
    expect(can(t.db, assessor.user, 'assess', resource())).toBe(false)
    const offered = payloadOf<{ assessing: { assigned: boolean } | null }>(
      await open(token, { cookie: assessor.cookie }),
    )
    expect(offered.data.assessing).toEqual({ assigned: false })

    const response = await responseOf(() => assess(assessor, token))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/assessor/submissions/${submissionId}`)
    expect(can(t.db, assessor.user, 'assess', resource())).toBe(true)
    await assess(assessor, token)
    const rows = t.db
      .select()
      .from(submissionAssignments)
      .where(eq(submissionAssignments.assessorId, assessor.user.id))
      .all()
    expect(rows).toHaveLength(1)
    expect(
      listAuditEvents(t.db, { actorId: assessor.user.id }).filter((e) => e.action === 'submission.assessor_assigned'),
    ).toHaveLength(1)
    const after = payloadOf<{ assessing: { assigned: boolean; href: string } | null }>(
      await open(token, { cookie: assessor.cookie }),
    )
    expect(after.data.assessing).toEqual({ assigned: true, href: `/assessor/submissions/${submissionId}` })
  })

  it('lets anyone else only read', async () => {
    const token = await newLink('Dr Reader')
    const someone = await createUserWithSession(t.db, { role: 'trainee' })
    expect(payloadOf<{ assessing: unknown }>(await open(token, { cookie: other.cookie })).data.assessing).toBeNull()
    for (const who of [other, someone, null]) {
      const refused = payloadOf<{ formError: string }>(await assess(who, token))
      expect(refused.status).toBe(403)
      expect(refused.data.formError).toMatch(/assessor/)
    }
    expect(can(t.db, other.user, 'assess', resource())).toBe(false)
    const assigned = t.db
      .select()
      .from(submissionAssignments)
      .all()
      .map((r) => r.assessorId)
    expect(assigned).not.toContain(other.user.id)
    expect(assigned).not.toContain(someone.user.id)
  })

  it('refuses to assign through a link that no longer works', async () => {
    const assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
    const gone = await assess(assessor, 'B'.repeat(43))
    expect((gone as Response).status).toBe(404)
  })
})

describe('the admin’s submissions list', () => {
  it('lists every submission and assigns an active assessor', async () => {
    const admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    const assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true, name: 'Aaron Assessor' })
    const page = payloadOf<{
      submissions: { id: number; traineeName: string; activeLinks: number }[]
      assessors: { id: number }[]
    }>(await adminLoader({ request: requestAs(admin.cookie, '/admin/submissions'), context: context(), params: {} }))
    expect(page.data.submissions.map((s) => s.id).sort()).toEqual([submissionId, otherSubmissionId].sort())
    expect(page.data.submissions.find((s) => s.id === submissionId)?.activeLinks).toBeGreaterThan(0)
    expect(page.data.assessors.map((a) => a.id)).toContain(assessor.user.id)

    const post = (fields: Record<string, string>) =>
      settle(() =>
        adminAction({
          request: requestAs(admin.cookie, '/admin/submissions', { form: { intent: 'assign', ...fields } }),
          context: context(),
          params: {},
        }),
      )
    const resource = { kind: 'submission' as const, traineeId: other.user.id, submissionId: otherSubmissionId }
    expect(can(t.db, assessor.user, 'assess', resource)).toBe(false)
    const done = payloadOf<{ ok: boolean; added: boolean }>(
      await post({ submissionId: String(otherSubmissionId), assessorId: String(assessor.user.id) }),
    )
    expect(done.data).toMatchObject({ ok: true, added: true })
    expect(can(t.db, assessor.user, 'assess', resource)).toBe(true)
    expect(listAuditEvents(t.db, { actorId: admin.user.id }).map((e) => e.action)).toContain(
      'submission.assessor_assigned',
    )
    // The assessor is told, with a link to the page where they judge it.
    expect(listNotifications(t.db, assessor.user.id)).toEqual([
      expect.objectContaining({ kind: 'submission_assigned', link: `/assessor/submissions/${otherSubmissionId}` }),
    ])
    const again = payloadOf<{ ok: boolean; added: boolean }>(
      await post({ submissionId: String(otherSubmissionId), assessorId: String(assessor.user.id) }),
    )
    expect(again.data).toMatchObject({ ok: true, added: false })
    expect(listSubmissionsForAdmin(t.db).find((s) => s.id === otherSubmissionId)?.assessors).toEqual([
      { id: assessor.user.id, name: 'Aaron Assessor' },
    ])

    // Only an active assessor account, chosen, on a submission that exists.
    const notAssessor = payloadOf<Failed>(
      await post({ submissionId: String(otherSubmissionId), assessorId: String(other.user.id) }),
    )
    expect(notAssessor.status).toBe(400)
    expect(notAssessor.data.errors.assessorId?.length).toBe(1)
    const unchosen = payloadOf<Failed>(await post({ submissionId: String(otherSubmissionId), assessorId: '' }))
    expect(unchosen.data.errors.assessorId).toEqual(['Choose an assessor'])
    expect(((await post({ submissionId: '999999', assessorId: String(assessor.user.id) })) as Response).status).toBe(
      404,
    )

    // Assigned by mistake: the admin removes the assessor, who can then no longer reach it.
    const unassign = () =>
      settle(() =>
        adminAction({
          request: requestAs(admin.cookie, '/admin/submissions', {
            form: { intent: 'unassign', submissionId: String(otherSubmissionId), assessorId: String(assessor.user.id) },
          }),
          context: context(),
          params: {},
        }),
      )
    expect(payloadOf<{ ok: boolean; removed: boolean }>(await unassign()).data).toMatchObject({
      ok: true,
      removed: true,
    })
    expect(can(t.db, assessor.user, 'assess', resource)).toBe(false)
    expect(can(t.db, assessor.user, 'view', resource)).toBe(false)
    expect(listAuditEvents(t.db, { actorId: admin.user.id }).map((e) => e.action)).toContain(
      'submission.assessor_unassigned',
    )
    expect(payloadOf<{ ok: boolean; removed: boolean }>(await unassign()).data).toMatchObject({
      ok: true,
      removed: false,
    })
  })

  it('is not there for anyone but an admin', async () => {
    for (const who of [
      trainee,
      await createUserWithSession(t.db, { role: 'assessor', twoFactor: true }),
      await createUserWithSession(t.db, { role: 'mentor' }),
    ]) {
      const page = await settle(() =>
        adminLoader({ request: requestAs(who.cookie, '/admin/submissions'), context: context(), params: {} }),
      )
      expect((page as Response).status).toBe(404)
      const assign = await settle(() =>
        adminAction({
          request: requestAs(who.cookie, '/admin/submissions', {
            form: { intent: 'assign', submissionId: String(submissionId), assessorId: String(who.user.id) },
          }),
          context: context(),
          params: {},
        }),
      )
      expect((assign as Response).status).toBe(404)
      const unassign = await settle(() =>
        adminAction({
          request: requestAs(who.cookie, '/admin/submissions', {
            form: { intent: 'unassign', submissionId: String(submissionId), assessorId: String(who.user.id) },
          }),
          context: context(),
          params: {},
        }),
      )
      expect((unassign as Response).status).toBe(404)
    }
  })
})

describe('downloads through a link', () => {
  it('answer 404 for a bad token, and the file for a good one, recording the opening', async () => {
    const token = await newLink('Dr Downloads')
    for (const [route, what, type] of [
      [pdf, 'pdf', 'application/pdf'],
      [zip, 'export', 'application/zip'],
    ] as const) {
      const bad = await settle(() =>
        route.loader({ request: requestAs(null, '/s/x/file'), context: context(), params: { token: 'C'.repeat(43) } }),
      )
      await expectGone(bad)
      const good = await responseOf(() =>
        route.loader({ request: requestAs(null, '/s/x/file'), context: context(), params: { token } }),
      )
      expect(good.status).toBe(200)
      expect(good.headers.get('Content-Type')).toContain(type)
      expect(good.headers.get('Referrer-Policy')).toBe('same-origin')
      expect((await good.arrayBuffer()).byteLength).toBeGreaterThan(0)
      const link = t.db
        .select({ id: assessorLinks.id })
        .from(assessorLinks)
        .where(eq(assessorLinks.tokenHash, hashToken(token)))
        .get()!
      const whats = t.db
        .select({ what: assessorLinkOpenings.what })
        .from(assessorLinkOpenings)
        .where(eq(assessorLinkOpenings.linkId, link.id))
        .all()
      expect(whats.map((w) => w.what)).toContain(what)
    }
  }, 60_000)
})

describe('the link model', () => {
  it('scopes revocation by submission', () => {
    const { id } = createAssessorLink(
      t.db,
      { submissionId, recipient: 'Scoped', expiresAt: new Date(clock + DAY), createdBy: trainee.user.id },
      new Date(clock),
    )
    expect(revokeAssessorLink(t.db, otherSubmissionId, id, new Date(clock))).toBe(false)
    expect(revokeAssessorLink(t.db, submissionId, id, new Date(clock))).toBe(true)
    expect(revokeAssessorLink(t.db, submissionId, id, new Date(clock))).toBe(false)
  })
})
