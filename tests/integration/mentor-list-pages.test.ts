/**
 * The mentor's list of trainees shows each portfolio's page count: the preview
 * PDF's where one is made for the portfolio as it stands, else the estimate,
 * marked as such. Listing never starts a render.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mentorLinks } from '../../db/schema'
import { createEvidence } from '../../app/models/evidence.server'
import { coverageReportFor } from '../../app/portfolio/coverage.server'
import { createSession } from '../../app/models/session.server'
import type { User } from '../../app/models/user.server'
import { loader as mentorHomeLoader } from '../../app/routes/mentor._index'
import { preparePreview, previewsRendering } from '../../app/submission/preview.server'
import { readEnv } from '../../app/utils/env.server'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { outcomeOf } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { requestAs } from '../support/users'

const NOW = new Date('2026-06-01T09:00:00Z')
let t: TestDb

beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const context = () => makeContext(t.db, { now: () => NOW, env: { ...makeContext(t.db).env, dataDir: t.dir } })

function cookieFor(user: User): string {
  const { token } = createSession(t.db, { userId: user.id, verified: true }, readEnv({ NODE_ENV: 'test' }).session)
  return `attain_session=${token}`
}

interface Row {
  traineeId: number
  pages: number
  pagesMeasured: boolean
  blockers: number
}

async function list(cookie: string): Promise<Map<number, Row>> {
  const { data } = await outcomeOf(() =>
    mentorHomeLoader({ request: requestAs(cookie, '/mentor'), context: context(), params: {} }),
  )
  return new Map((data as { trainees: Row[] }).trainees.map((row) => [row.traineeId, row]))
}

describe('the page count on the mentor’s list of trainees', () => {
  it('is the preview PDF’s where one is made, else the estimate, and listing renders nothing', async () => {
    const a = await buildReadyPortfolio(t.db, { items: 4, dataDir: t.dir, now: NOW })
    const b = await buildReadyPortfolio(t.db, { items: 3, dataDir: t.dir, now: NOW })
    t.db
      .insert(mentorLinks)
      .values({ traineeId: b.trainee.id, mentorId: a.mentor.id, createdAt: NOW.toISOString() })
      .run()
    const mentorCookie = cookieFor(a.mentor)
    const estimate = (traineeId: number) => coverageReportFor(t.db, traineeId, NOW).summary.pages.total

    // No preview made yet: both rows are estimates, and looking at the list starts no render.
    let rows = await list(mentorCookie)
    expect(rows.get(a.trainee.id)).toMatchObject({ pages: estimate(a.trainee.id), pagesMeasured: false })
    expect(rows.get(b.trainee.id)).toMatchObject({ pages: estimate(b.trainee.id), pagesMeasured: false })
    expect(previewsRendering(t.db)).toBe(0)

    // Once A's preview is made (as opening A's own pages does), A's row shows its count.
    const { pages } = await preparePreview(t.db, t.dir, a.trainee.id, NOW)
    expect(pages).not.toBe(estimate(a.trainee.id))
    rows = await list(mentorCookie)
    expect(rows.get(a.trainee.id)).toMatchObject({ pages, pagesMeasured: true })
    // Its blockers are judged on the same figure as the trainee's own report.
    expect(rows.get(a.trainee.id)!.blockers).toBe(coverageReportFor(t.db, a.trainee.id, NOW, pages).summary.blockers)
    expect(rows.get(b.trainee.id)).toMatchObject({ pagesMeasured: false })
    expect(previewsRendering(t.db)).toBe(0)

    // A write elsewhere (someone signs in) leaves A's portfolio, and so its count, as it was.
    cookieFor(b.trainee)
    rows = await list(mentorCookie)
    expect(rows.get(a.trainee.id)).toMatchObject({ pages, pagesMeasured: true })

    // A's portfolio changes: the count no longer holds, so the row falls back to the estimate, without a render.
    createEvidence(
      t.db,
      a.trainee.id,
      {
        title: 'Reflection on a failed output check',
        evidenceType: 'reflection',
        activityStart: '2026-05-20',
        activityEnd: null,
        role: 'led',
        description: 'What happened when the output check failed, and what I changed. '.repeat(60),
        reflection: '',
        claims: [],
      },
      [],
      NOW,
    )
    rows = await list(mentorCookie)
    expect(rows.get(a.trainee.id)).toMatchObject({ pages: estimate(a.trainee.id), pagesMeasured: false })
    expect(previewsRendering(t.db)).toBe(0)
  }, 60_000)
})
