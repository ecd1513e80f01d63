import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvidence } from '../../app/models/evidence.server'
import { createSubmission } from '../../app/submission/submit.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { loader as dashboardLoader } from '../../app/routes/dashboard'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

describe('the trainee dashboard', () => {
  it('guides a new trainee: the ACS rules and good evidence for every domain', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const { data } = payloadOf<{ evidenceCount: number; guide: { key: string; goodEvidence: string[] }[] }>(
      await settle(() =>
        dashboardLoader({ request: requestAs(trainee.cookie, '/dashboard'), context: makeContext(t.db), params: {} }),
      ),
    )
    expect(data.evidenceCount).toBe(0)
    expect(data.guide.map((d) => d.key)).toEqual(['Sci', 'Clin', 'Tech', 'R&D', 'Com', 'PS', 'Prof'])
    expect(data.guide.every((d) => d.goodEvidence.length > 0)).toBe(true)
  })

  it('counts the trainee’s evidence once there is some', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    createEvidence(t.db, trainee.user.id, {
      title: 'Monthly linac QA',
      activityStart: '2026-01-05',
      activityEnd: null,
      evidenceType: 'commissioning-qa-report',
      role: 'led',
      description: '',
      reflection: '',
      claims: [],
    })
    const { data } = payloadOf<{ evidenceCount: number }>(
      await settle(() =>
        dashboardLoader({ request: requestAs(trainee.cookie, '/dashboard'), context: makeContext(t.db), params: {} }),
      ),
    )
    expect(data.evidenceCount).toBe(1)
  })

  it('shows the latest submission once there is one', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const load = async () =>
      payloadOf<{ lastSubmission: { id: number; number: number } | null }>(
        await settle(() =>
          dashboardLoader({ request: requestAs(trainee.cookie, '/dashboard'), context: makeContext(t.db), params: {} }),
        ),
      ).data
    expect((await load()).lastSubmission).toBeNull()
    await buildReadyPortfolio(t.db, { items: 3, trainee: trainee.user })
    const first = createSubmission(t.db, trainee.user.id)
    const second = createSubmission(t.db, trainee.user.id)
    if (!first.ok || !second.ok) throw new Error('not submitted')
    expect((await load()).lastSubmission).toMatchObject({ id: second.id, number: 2 })
  })

  it('is for trainees only', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    const response = (await settle(() =>
      dashboardLoader({ request: requestAs(mentor.cookie, '/dashboard'), context: makeContext(t.db), params: {} }),
    )) as Response
    expect(response.status).toBe(404)
  })
})
