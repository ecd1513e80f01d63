/**
 * The preview PDF: the page count /coverage, /submission and the mentor's view
 * show is that PDF's; it is kept until the portfolio changes; it can be
 * downloaded by the trainee and their mentors only; and submitting is judged
 * on it (refused above 160 pages, warned above 120). What the PDF's pages say
 * is read back with poppler in tests/e2e/page-count.test.ts.
 */
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications } from '../../db/schema'
import { createEvidence } from '../../app/models/evidence.server'
import { createSession } from '../../app/models/session.server'
import { getSubmission, listSubmissions } from '../../app/models/submission.server'
import type { User } from '../../app/models/user.server'
import { loader as coverageLoader } from '../../app/routes/coverage'
import { loader as mentorTraineeLoader } from '../../app/routes/mentor.trainees.$traineeId'
import { loader as previewPdfLoader } from '../../app/routes/portfolios.$traineeId.preview[.]pdf'
import { loader as previewStatusLoader } from '../../app/routes/portfolios.$traineeId.preview[.]json'
import { action as submissionAction, loader as submissionLoader } from '../../app/routes/submission'
import { preparePreview, previewStatus, type PreviewStatus } from '../../app/submission/preview.server'
import { readEnv } from '../../app/utils/env.server'
import { makeContext } from '../support/context'
import { buildReadyPortfolio, makePdf, storeTestFile } from '../support/ready-portfolio'
import { outcomeOf } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs } from '../support/users'

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

async function ready(options: { items?: number; longPdfPages?: number } = {}) {
  const built = await buildReadyPortfolio(t.db, {
    items: options.items ?? 10,
    dataDir: t.dir,
    now: NOW,
    longPdfPages: options.longPdfPages,
  })
  return { ...built, cookie: cookieFor(built.trainee), mentorCookie: cookieFor(built.mentor) }
}

type Budget = {
  preview: { status: PreviewStatus; pdfHref: string; statusHref: string }
  report: { summary: { pages: { total: number } } }
}

const coverage = async (cookie: string) =>
  (await outcomeOf(() => coverageLoader({ request: requestAs(cookie, '/coverage'), context: context(), params: {} })))
    .data as Budget
const submissionPage = async (cookie: string) =>
  (
    await outcomeOf(() =>
      submissionLoader({ request: requestAs(cookie, '/submission'), context: context(), params: {} }),
    )
  ).data as Budget & { ready: boolean }
const mentorView = async (cookie: string, traineeId: number) =>
  (
    await outcomeOf(() =>
      mentorTraineeLoader({
        request: requestAs(cookie, `/mentor/trainees/${traineeId}`),
        context: context(),
        params: { traineeId: String(traineeId) },
      }),
    )
  ).data as Budget
const download = (cookie: string, traineeId: number | string) =>
  outcomeOf(() =>
    previewPdfLoader({
      request: requestAs(cookie, `/portfolios/${traineeId}/preview.pdf`),
      context: context(),
      params: { traineeId: String(traineeId) },
    }),
  )
const submit = (cookie: string) =>
  outcomeOf(() =>
    submissionAction({
      request: requestAs(cookie, '/submission', { form: { intent: 'submit', confirm: 'on' } }),
      context: context(),
      params: {},
    }),
  )

async function pdfPages(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount()
}

describe('the page count', () => {
  it('is the preview PDF’s on /coverage, /submission and the mentor’s view, once counted', async () => {
    const r = await ready()
    const first = await coverage(r.cookie)
    // The first look starts the render and does not wait for it.
    expect(first.preview.status).toMatchObject({ state: 'counting', lastKnown: null })
    expect(first.preview.pdfHref).toBe(`/portfolios/${r.trainee.id}/preview.pdf`)

    const preview = await preparePreview(t.db, t.dir, r.trainee.id, NOW)
    expect(await pdfPages(preview.bytes)).toBe(preview.pages)

    const after = await coverage(r.cookie)
    expect(after.preview.status).toEqual({ state: 'ready', pages: preview.pages })
    expect(after.report.summary.pages.total).toBe(preview.pages)
    const onSubmission = await submissionPage(r.cookie)
    expect(onSubmission.preview.status).toEqual({ state: 'ready', pages: preview.pages })
    expect(onSubmission.report).toBeUndefined()
    const mentor = await mentorView(r.mentorCookie, r.trainee.id)
    expect(mentor.preview.status).toEqual({ state: 'ready', pages: preview.pages })
    expect(mentor.report.summary.pages.total).toBe(preview.pages)

    const status = await outcomeOf(() =>
      previewStatusLoader({
        request: requestAs(r.cookie, `/portfolios/${r.trainee.id}/preview.json`),
        context: context(),
        params: { traineeId: String(r.trainee.id) },
      }),
    )
    expect(status.status).toBe(200)
  }, 60_000)

  it('is kept while the portfolio stays the same, and counted again when it changes', async () => {
    const r = await ready()
    const { pages } = await preparePreview(t.db, t.dir, r.trainee.id, NOW)
    expect(previewStatus(t.db, t.dir, r.trainee.id, NOW)).toEqual({ state: 'ready', pages })

    // A write elsewhere moves the database's change counters but not the portfolio: no new render.
    t.db
      .insert(notifications)
      .values({
        userId: r.mentor.id,
        kind: 'comment',
        title: 'Unrelated',
        link: '/notifications',
        createdAt: NOW.toISOString(),
      })
      .run()
    expect(previewStatus(t.db, t.dir, r.trainee.id, NOW)).toEqual({ state: 'ready', pages })

    // A new item with a three-page attachment changes it: counting, showing the last count meanwhile.
    createEvidence(
      t.db,
      r.trainee.id,
      {
        title: 'Shielding survey of the new bunker',
        activityStart: '2026-05-01',
        activityEnd: null,
        evidenceType: 'scientific-report',
        role: 'led',
        description: 'I surveyed the bunker after installation and compared the readings with the design.',
        reflection: '',
        claims: [
          {
            area: 'Sci1',
            statement: 'I planned and carried out the survey and analysed the readings myself.',
            competencies: [],
          },
        ],
      },
      [
        storeTestFile(t.dir, await makePdf('Survey', 3), {
          mediaType: 'application/pdf',
          pageCount: 3,
          originalName: 'survey.pdf',
        }),
      ],
      NOW,
    )
    expect(previewStatus(t.db, t.dir, r.trainee.id, NOW)).toMatchObject({ state: 'counting', lastKnown: pages })
    const again = await preparePreview(t.db, t.dir, r.trainee.id, NOW)
    expect(again.pages).toBeGreaterThanOrEqual(pages + 4)
    expect((await coverage(r.cookie)).report.summary.pages.total).toBe(again.pages)
  }, 60_000)
})

describe('the preview PDF download', () => {
  it('is a PDF attachment with the stored summary PDF’s headers, for the trainee and their mentor', async () => {
    const r = await ready({ items: 6 })
    const mine = await download(r.cookie, r.trainee.id)
    expect(mine.status).toBe(200)
    expect(mine.headers.get('Content-Type')).toBe('application/pdf')
    expect(mine.headers.get('Content-Disposition')).toMatch(/^attachment; filename="[a-z0-9-]+-draft\.pdf"$/)
    expect(mine.headers.get('Cache-Control')).toBe('private, no-store')
    expect(mine.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(mine.headers.get('Content-Security-Policy')).toMatch(/^sandbox/)
    expect((await download(r.mentorCookie, r.trainee.id)).status).toBe(200)
  }, 60_000)

  it('answers 404 to anyone else, and to a malformed id', async () => {
    const r = await ready({ items: 4 })
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    const unlinked = await createUserWithSession(t.db, { role: 'mentor' })
    const admin = await createUserWithSession(t.db, { role: 'admin', twoFactor: true })
    for (const cookie of [other.cookie, unlinked.cookie, admin.cookie])
      expect((await download(cookie, r.trainee.id)).status).toBe(404)
    expect((await download(r.cookie, 'abc')).status).toBe(404)
    expect((await download(r.cookie, r.mentor.id)).status).toBe(404)
  }, 60_000)
})

describe('submitting, judged on the PDF’s length', () => {
  it('is refused above 160 pages, with the figure', async () => {
    const r = await ready({ items: 8, longPdfPages: 170 })
    const { pages } = await preparePreview(t.db, t.dir, r.trainee.id, NOW)
    expect(pages).toBeGreaterThan(160)
    const refused = await submit(r.cookie)
    expect(refused.status).toBe(409)
    expect(refused.data.formError).toContain(`has ${pages} pages, over ACS’s limit of 160`)
    expect(refused.data.formError).toContain(`Cut at least ${pages - 160} pages`)
    expect(listSubmissions(t.db, r.trainee.id)).toEqual([])
    // The page says so before the trainee tries: a blocker with the figure.
    const onPage = (await submissionPage(r.cookie)) as unknown as {
      ready: boolean
      blockers: { ruleId: string; message: string }[]
    }
    expect(onPage.ready).toBe(false)
    expect(onPage.blockers.find((b) => b.ruleId === 'portfolio.over-limit')?.message).toContain(`${pages} pages`)
  }, 90_000)

  it('is refused above 160 pages even before the count was shown (the action makes it)', async () => {
    const r = await ready({ items: 8, longPdfPages: 170 })
    const refused = await submit(r.cookie)
    expect(refused.status).toBe(409)
    expect(refused.data.formError).toMatch(/has \d+ pages, over ACS’s limit of 160/)
    expect(listSubmissions(t.db, r.trainee.id)).toEqual([])
  }, 90_000)

  it('goes through between 121 and 160 pages, warned, and the submitted PDF has the previewed count', async () => {
    const r = await ready({ items: 8, longPdfPages: 110 })
    const { pages } = await preparePreview(t.db, t.dir, r.trainee.id, NOW)
    expect(pages).toBeGreaterThan(120)
    expect(pages).toBeLessThanOrEqual(160)
    const onPage = (await submissionPage(r.cookie)) as unknown as {
      ready: boolean
      warnings: number
      preview: { status: PreviewStatus }
    }
    expect(onPage.ready).toBe(true)
    expect(onPage.preview.status).toEqual({ state: 'ready', pages })

    const done = await submit(r.cookie)
    expect(done.status).toBe(302)
    const [made] = listSubmissions(t.db, r.trainee.id)
    expect(made?.pdfPages).toBe(pages)
    const submission = getSubmission(t.db, made!.id)!
    expect(submission.snapshot.coverage.summary.pages.total).toBe(pages)
    const warning = submission.snapshot.coverage.findings.find((f) => f.ruleId === 'portfolio.over-target')
    expect(warning?.severity).toBe('warning')
    expect(warning?.message).toContain(`${pages} pages`)
  }, 90_000)
})
