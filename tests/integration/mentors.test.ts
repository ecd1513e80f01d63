import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mentorInvitations, users } from '../../db/schema'
import { action as mentorsSettingsAction, loader as mentorsSettingsLoader } from '../../app/routes/settings.mentors'
import { action as inviteAction, loader as inviteLoader } from '../../app/routes/invite.$token'
import { action as signupAction, loader as signupLoader } from '../../app/routes/signup'
import { action as mentorHomeAction, loader as mentorHomeLoader } from '../../app/routes/mentor._index'
import { loader as traineeLoader } from '../../app/routes/mentor.trainees.$traineeId'
import { createInvitation, listMentorsOfTrainee } from '../../app/models/mentor.server'
import { getUserByEmail } from '../../app/models/user.server'
import { can } from '../../app/utils/authorization.server'
import { listAuditEvents } from '../../app/models/audit.server'
import { makeContext } from '../support/context'
import { payloadOf, responseOf, settle } from '../support/responses'
import { confirmSignupFromEmail } from '../support/signup'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const ctx = (overrides: Parameters<typeof makeContext>[1] = {}) => makeContext(t.db, overrides)
const call = <T>(
  fn: (a: { request: Request; context: ReturnType<typeof ctx>; params: Record<string, string> }) => T,
  request: Request,
  params: Record<string, string> = {},
  context = ctx(),
) => settle(() => fn({ request, context, params }))

async function invite(trainee: UserWithSession, note = 'Dr Patel, local supervisor'): Promise<string> {
  const result = payloadOf<{ link: string }>(
    await call(
      mentorsSettingsAction,
      requestAs(trainee.cookie, '/settings/mentors', { form: { intent: 'invite', note } }),
    ),
  )
  expect(result.data.link).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/)
  return result.data.link.split('/invite/')[1]!
}

describe('mentor invitations', () => {
  it('are created by a trainee, shown once, and stored only as a hash', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const token = await invite(trainee)
    const stored = t.db.select().from(mentorInvitations).where(eq(mentorInvitations.traineeId, trainee.user.id)).all()
    expect(stored).toHaveLength(1)
    expect(JSON.stringify(stored)).not.toContain(token)
    const page = payloadOf<{ invitations: { note: string }[] }>(
      await call(mentorsSettingsLoader, requestAs(trainee.cookie, '/settings/mentors')),
    )
    expect(page.data.invitations.map((i) => i.note)).toEqual(['Dr Patel, local supervisor'])
    expect(JSON.stringify(page.data)).not.toContain(token)
  })

  it('are only for trainees', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    expect(
      ((await call(mentorsSettingsLoader, requestAs(mentor.cookie, '/settings/mentors'))) as Response).status,
    ).toBe(404)
    expect(
      (
        (await call(
          mentorsSettingsAction,
          requestAs(mentor.cookie, '/settings/mentors', { form: { intent: 'invite' } }),
        )) as Response
      ).status,
    ).toBe(404)
  })

  it('let a new mentor sign up and be linked, once', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee', name: 'Tom Okafor' })
    const token = await invite(trainee)
    const page = payloadOf<{ invitation: { traineeName: string } }>(
      await call(signupLoader, requestAs(null, `/signup?invite=${token}`)),
    )
    expect(page.data.invitation.traineeName).toBe('Tom Okafor')

    const response = await responseOf(() =>
      signupAction({
        request: requestAs(null, `/signup?invite=${token}`, {
          form: { name: 'Dr Ana Patel', email: 'ana.patel@example.nhs.uk', password: 'teal heron over the bunker' },
        }),
        context: ctx(),
        params: {},
      }),
    )
    expect(response.headers.get('Location')).toBe('/signup/sent')
    const confirmed = (await confirmSignupFromEmail(t.db, 'ana.patel@example.nhs.uk', ctx())) as Response
    expect(confirmed.headers.get('Location')).toBe(`/mentor/trainees/${trainee.user.id}`)
    const mentor = getUserByEmail(t.db, 'ana.patel@example.nhs.uk')!
    expect(mentor.role).toBe('mentor')
    expect(listMentorsOfTrainee(t.db, trainee.user.id).map((m) => m.mentorId)).toEqual([mentor.id])

    // Single use: the link is gone for everyone now.
    expect(((await call(inviteLoader, requestAs(null, `/invite/${token}`), { token })) as Response).status).toBe(404)
    expect(((await call(signupLoader, requestAs(null, `/signup?invite=${token}`))) as Response).status).toBe(404)
  })

  it('let an existing mentor accept while signed in', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const token = await invite(trainee)
    const view = payloadOf<{ viewer: { role: string } }>(
      await call(inviteLoader, requestAs(mentor.cookie, `/invite/${token}`), { token }),
    )
    expect(view.data.viewer.role).toBe('mentor')
    const response = await responseOf(() =>
      inviteAction({
        request: requestAs(mentor.cookie, `/invite/${token}`, { method: 'POST' }),
        context: ctx(),
        params: { token },
      }),
    )
    expect(response.headers.get('Location')).toBe(`/mentor/trainees/${trainee.user.id}`)
    expect(can(t.db, mentor.user, 'view', { kind: 'portfolio', traineeId: trainee.user.id })).toBe(true)
    expect(listAuditEvents(t.db, { actorId: mentor.user.id }).map((e) => e.action)).toContain(
      'mentor.invitation_accepted',
    )
  })

  it('cannot be accepted by a trainee, and a signed-out visitor is asked to sign in', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    const token = await invite(trainee)
    const refused = payloadOf<{ formError: string }>(
      await call(inviteAction, requestAs(other.cookie, `/invite/${token}`, { method: 'POST' }), { token }),
    )
    expect(refused.data.formError).toMatch(/Only a mentor account/)
    const signedOut = (await call(inviteAction, requestAs(null, `/invite/${token}`, { method: 'POST' }), {
      token,
    })) as Response
    expect(signedOut.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`)
    expect(listMentorsOfTrainee(t.db, trainee.user.id)).toEqual([])
  })

  it('expire, and can be withdrawn', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const expiring = createInvitation(t.db, { traineeId: trainee.user.id, note: '', ttlMs: 14 * 86_400_000 })
    const afterExpiry = ctx({ now: () => new Date(Date.now() + 15 * 86_400_000) })
    expect(
      (
        (await call(
          inviteLoader,
          requestAs(mentor.cookie, `/invite/${expiring.token}`),
          { token: expiring.token },
          afterExpiry,
        )) as Response
      ).status,
    ).toBe(404)

    const token = await invite(trainee)
    const [open] = payloadOf<{ invitations: { id: number }[] }>(
      await call(mentorsSettingsLoader, requestAs(trainee.cookie, '/settings/mentors')),
    ).data.invitations
    const revoked = payloadOf<{ ok: boolean }>(
      await call(
        mentorsSettingsAction,
        requestAs(trainee.cookie, '/settings/mentors', { form: { intent: 'revoke', invitationId: String(open!.id) } }),
      ),
    )
    expect(revoked.data.ok).toBe(true)
    expect(
      (
        (await call(inviteAction, requestAs(mentor.cookie, `/invite/${token}`, { method: 'POST' }), {
          token,
        })) as Response
      ).status,
    ).toBe(404)
  })

  it('cannot be withdrawn by another trainee', async () => {
    const owner = await createUserWithSession(t.db, { role: 'trainee' })
    const intruder = await createUserWithSession(t.db, { role: 'trainee' })
    const token = await invite(owner)
    const [open] = payloadOf<{ invitations: { id: number }[] }>(
      await call(mentorsSettingsLoader, requestAs(owner.cookie, '/settings/mentors')),
    ).data.invitations
    const result = payloadOf<{ formError: string }>(
      await call(
        mentorsSettingsAction,
        requestAs(intruder.cookie, '/settings/mentors', { form: { intent: 'revoke', invitationId: String(open!.id) } }),
      ),
    )
    expect(result.status).toBe(400)
    expect(
      ((await call(inviteLoader, requestAs(null, `/invite/${token}`), { token })) as { trainee: unknown }).trainee,
    ).toBeDefined()
  })

  it('answer 404 for a made-up token, without a 500 for odd ones', async () => {
    for (const token of ['nope', 'x'.repeat(5000), '../../etc/passwd']) {
      expect(((await call(inviteLoader, requestAs(null, `/invite/x`), { token })) as Response).status).toBe(404)
    }
  })
})

describe('mentor links', () => {
  async function linked() {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const token = await invite(trainee)
    await call(inviteAction, requestAs(mentor.cookie, `/invite/${token}`, { method: 'POST' }), { token })
    return { trainee, mentor }
  }

  it('let a mentor see their trainees and no one else’s', async () => {
    const { trainee, mentor } = await linked()
    const stranger = await createUserWithSession(t.db, { role: 'trainee', name: 'Someone Else' })
    const list = payloadOf<{ trainees: { traineeId: number }[] }>(
      await call(mentorHomeLoader, requestAs(mentor.cookie, '/mentor')),
    )
    expect(list.data.trainees.map((x) => x.traineeId)).toEqual([trainee.user.id])
    const page = payloadOf<{ trainee: { name: string } }>(
      await call(traineeLoader, requestAs(mentor.cookie, `/mentor/trainees/${trainee.user.id}`), {
        traineeId: String(trainee.user.id),
      }),
    )
    expect(page.data.trainee.name).toBe(trainee.user.name)
    const other = (await call(traineeLoader, requestAs(mentor.cookie, `/mentor/trainees/${stranger.user.id}`), {
      traineeId: String(stranger.user.id),
    })) as Response
    expect(other.status).toBe(404)
    for (const traineeId of ['abc', '-1', '0', '1e9999']) {
      expect(
        ((await call(traineeLoader, requestAs(mentor.cookie, '/mentor/trainees/x'), { traineeId })) as Response).status,
      ).toBe(404)
    }
  })

  it('can be ended by the trainee', async () => {
    const { trainee, mentor } = await linked()
    const result = payloadOf<{ ok: boolean }>(
      await call(
        mentorsSettingsAction,
        requestAs(trainee.cookie, '/settings/mentors', { form: { intent: 'end', mentorId: String(mentor.user.id) } }),
      ),
    )
    expect(result.data.ok).toBe(true)
    const after = (await call(traineeLoader, requestAs(mentor.cookie, `/mentor/trainees/${trainee.user.id}`), {
      traineeId: String(trainee.user.id),
    })) as Response
    expect(after.status).toBe(404)
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain('mentor.link_ended')
  })

  it('can be ended by the mentor', async () => {
    const { trainee, mentor } = await linked()
    const result = payloadOf<{ ok: boolean }>(
      await call(
        mentorHomeAction,
        requestAs(mentor.cookie, '/mentor', { form: { intent: 'end', traineeId: String(trainee.user.id) } }),
      ),
    )
    expect(result.data.ok).toBe(true)
    expect(can(t.db, mentor.user, 'view', { kind: 'portfolio', traineeId: trainee.user.id })).toBe(false)
  })

  it('cannot be ended by a mentor who is not part of it', async () => {
    const { trainee, mentor } = await linked()
    const other = await createUserWithSession(t.db, { role: 'mentor' })
    const result = (await call(
      mentorHomeAction,
      requestAs(other.cookie, '/mentor', { form: { intent: 'end', traineeId: String(trainee.user.id) } }),
    )) as Response
    expect(result.status).toBe(404)
    expect(can(t.db, mentor.user, 'view', { kind: 'portfolio', traineeId: trainee.user.id })).toBe(true)
  })

  it('stop counting when either account is disabled', async () => {
    const { trainee, mentor } = await linked()
    t.db.update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.id, trainee.user.id)).run()
    expect(can(t.db, mentor.user, 'view', { kind: 'portfolio', traineeId: trainee.user.id })).toBe(false)
    const page = payloadOf<{ trainees: unknown[] }>(await call(mentorHomeLoader, requestAs(mentor.cookie, '/mentor')))
    expect(page.data.trainees).toEqual([])
  })
})

describe('who may do what', () => {
  it('follows the rules for every role and resource', async () => {
    const traineeA = await createUserWithSession(t.db, { role: 'trainee' })
    const traineeB = await createUserWithSession(t.db, { role: 'trainee' })
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const assessor = await createUserWithSession(t.db, { role: 'assessor', twoFactor: true })
    const admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    const token = await invite(traineeA)
    await call(inviteAction, requestAs(mentor.cookie, `/invite/${token}`, { method: 'POST' }), { token })

    const A = traineeA.user.id
    const B = traineeB.user.id
    const M = mentor.user.id
    const cases: [string, UserWithSession, Parameters<typeof can>[2], Parameters<typeof can>[3], boolean][] = [
      ['trainee views own portfolio', traineeA, 'view', { kind: 'portfolio', traineeId: A }, true],
      ['trainee edits own portfolio', traineeA, 'edit', { kind: 'portfolio', traineeId: A }, true],
      ['trainee views another’s portfolio', traineeA, 'view', { kind: 'portfolio', traineeId: B }, false],
      ['trainee edits another’s portfolio', traineeA, 'edit', { kind: 'portfolio', traineeId: B }, false],
      ['linked mentor views the portfolio', mentor, 'view', { kind: 'portfolio', traineeId: A }, true],
      ['linked mentor edits the portfolio', mentor, 'edit', { kind: 'portfolio', traineeId: A }, false],
      ['mentor views an unlinked portfolio', mentor, 'view', { kind: 'portfolio', traineeId: B }, false],
      ['assessor views a trainee’s private portfolio', assessor, 'view', { kind: 'portfolio', traineeId: A }, false],
      ['admin views a trainee’s portfolio', admin, 'view', { kind: 'portfolio', traineeId: A }, false],
      ['trainee manages own invitations', traineeA, 'edit', { kind: 'invitations', traineeId: A }, true],
      ['trainee manages another’s invitations', traineeB, 'edit', { kind: 'invitations', traineeId: A }, false],
      ['mentor manages invitations', mentor, 'edit', { kind: 'invitations', traineeId: A }, false],
      ['trainee ends own link', traineeA, 'end', { kind: 'mentorLink', traineeId: A, mentorId: M }, true],
      ['mentor ends own link', mentor, 'end', { kind: 'mentorLink', traineeId: A, mentorId: M }, true],
      ['other trainee ends the link', traineeB, 'end', { kind: 'mentorLink', traineeId: A, mentorId: M }, false],
      ['admin resets a link', admin, 'end', { kind: 'mentorLink', traineeId: A, mentorId: M }, true],
      ['admin manages accounts', admin, 'view', { kind: 'accounts' }, true],
      ['trainee manages accounts', traineeA, 'view', { kind: 'accounts' }, false],
      ['mentor manages accounts', mentor, 'view', { kind: 'accounts' }, false],
      ['assessor manages accounts', assessor, 'view', { kind: 'accounts' }, false],
    ]
    for (const [label, who, action, resource, expected] of cases) {
      expect(can(t.db, who.user, action, resource), label).toBe(expected)
    }
    const disabledMentor = { ...mentor.user, disabledAt: new Date().toISOString() }
    expect(can(t.db, disabledMentor, 'view', { kind: 'portfolio', traineeId: A }), 'disabled mentor').toBe(false)
  })
})
