/**
 * What caches and single fetch may do with private answers, over HTTP against
 * the production server: every page that depends on a session says
 * `Cache-Control: private, no-store`, or `private, no-cache` where it is
 * revalidated by its ETag (hashed assets keep their year), and
 * every resource route in app/routes — the files: attachments, PDFs, zips,
 * CSV, JSON — answers its `.data` URL with 404 instead of its bytes stripped
 * of their headers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../db/client'
import { createSubmission } from '../../app/submission/submit.server'
import { getUserById } from '../../app/models/user.server'
import { ALL_AREA_CODES, buildReadyPortfolio } from '../support/ready-portfolio'
import {
  createEvidence,
  createInvitation,
  dataUrl,
  HttpVisitor,
  insertSession,
  insertUser,
  openAppDatabase,
  root,
  type RunningApp,
  signUpMentor,
  signUpTrainee,
  startApp,
} from './harness'

type Who = 'signed out' | 'trainee' | 'mentor' | 'admin' | 'assessor'

const PEOPLE = {
  trainee: { name: 'Philippa Ashdown', email: 'p.ashdown@example.test', password: 'harbour lantern quartz meadow' },
  mentor: { name: 'Rowan Castellane', email: 'r.castellane@example.test', password: 'tangerine glacier violin moss' },
  admin: { name: 'Iona Marchbank', email: 'i.marchbank@example.test', password: 'copper kestrel sundial fern' },
  assessor: { name: 'Cedric Vantongeren', email: 'c.vantongeren@example.test', password: 'pebble orchard falcon drum' },
}

/** Pages that depend on who asks, with whom to ask; `{E}` an evidence item with a file, `{S}` a submission. */
const PRIVATE_PAGES: [Who, string][] = [
  ['trainee', '/dashboard'],
  ['trainee', '/evidence/{E}'],
  ['trainee', '/coverage'],
  ['trainee', '/settings'],
  ['trainee', '/submissions/{S}'],
  ['mentor', '/mentor/trainees/{A}'],
  ['admin', '/admin'],
  ['assessor', '/assessor/submissions/{S}'],
  ['signed out', '/invite/{invitation}'],
  ['signed out', '/s/{token}'],
  ['trainee', '/feedback/{R}'],
  ['signed out', '/f/{raterToken}'],
  ['signed out', '/login'],
]

/** Every resource route in app/routes, with who may fetch it and what it is. */
const RESOURCE_ROUTES: Record<string, { who: Who; url: string; status: number; file: boolean }> = {
  'evidence.$id_.files.$attachmentId.tsx': { who: 'trainee', url: '/evidence/{E}/files/{F}', status: 200, file: true },
  'portfolio.export[.]json.tsx': { who: 'trainee', url: '/portfolio/export.json', status: 200, file: true },
  'submissions.$id_.summary[.]pdf.tsx': {
    who: 'trainee',
    url: '/submissions/{S}/summary.pdf',
    status: 200,
    file: true,
  },
  'submissions.$id_.export[.]zip.tsx': { who: 'trainee', url: '/submissions/{S}/export.zip', status: 200, file: true },
  'submissions.$id_.assessment[.]csv.tsx': {
    who: 'trainee',
    url: '/submissions/{S}/assessment.csv',
    status: 200,
    file: true,
  },
  'assessor.submissions.$id_.assessment[.]csv.tsx': {
    who: 'assessor',
    url: '/assessor/submissions/{S}/assessment.csv',
    status: 200,
    file: true,
  },
  's.$token_.summary[.]pdf.tsx': { who: 'signed out', url: '/s/{token}/summary.pdf', status: 200, file: true },
  's.$token_.export[.]zip.tsx': { who: 'signed out', url: '/s/{token}/export.zip', status: 200, file: true },
  'portfolios.$traineeId.preview[.]pdf.tsx': {
    who: 'trainee',
    url: '/portfolios/{A}/preview.pdf',
    status: 200,
    file: true,
  },
  'portfolios.$traineeId.preview[.]json.tsx': {
    who: 'trainee',
    url: '/portfolios/{A}/preview.json',
    status: 200,
    file: false,
  },
  'ping.tsx': { who: 'signed out', url: '/ping', status: 200, file: false },
  'favicon[.]ico.tsx': { who: 'signed out', url: '/favicon.ico', status: 301, file: false },
  'logout.tsx': { who: 'signed out', url: '/logout', status: 302, file: false },
}

let app: RunningApp
let db: Database.Database
const visitors = new Map<Who, HttpVisitor>()
const ids: Record<string, string> = {}

const fill = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = ids[key]
    if (value === undefined) throw new Error(`No value for {${key}}`)
    return value
  })

beforeAll(async () => {
  app = await startApp()
  db = openAppDatabase(app)
  for (const who of ['signed out', 'trainee', 'mentor', 'admin', 'assessor'] as const)
    visitors.set(who, new HttpVisitor(app.baseUrl))
  const trainee = visitors.get('trainee')!
  await signUpTrainee(trainee, PEOPLE.trainee)
  const userId = (email: string) => (db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number }).id
  ids.A = String(userId(PEOPLE.trainee.email))
  await signUpMentor(visitors.get('mentor')!, await createInvitation(trainee, 'for Rowan'), PEOPLE.mentor)
  ids.invitation = new URL(await createInvitation(trainee, 'still open')).pathname.replace(/^\/invite\//, '')
  // A feedback round, and a colleague's link to its form.
  const started = await trainee.post('/feedback/new', {
    area: 'Prof7',
    ...Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [
        [`rater-${i + 1}-email`, `colleague${i + 1}@example.test`],
        [`rater-${i + 1}-relationship`, 'clinician'],
      ]).flat(),
    ),
  })
  ids.R = /^\/feedback\/(\d+)/.exec(started.location ?? '')![1]!
  const request = db.prepare('SELECT body FROM email_outbox WHERE to_address = ?').get('colleague1@example.test') as {
    body: string
  }
  ids.raterToken = /\/f\/([A-Za-z0-9_-]{43})/.exec(request.body)![1]!

  ids.E = String(
    await createEvidence(
      trainee,
      {
        title: 'Output calibration',
        activityStart: '2026-01-12',
        evidenceType: 'commissioning-qa-report',
        role: 'led',
      },
      [
        {
          name: 'calibration.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('Output within 0.5 % of the reference.\n'),
        },
      ],
    ),
  )
  ids.F = String(
    (db.prepare('SELECT id FROM evidence_attachments WHERE evidence_id = ?').get(ids.E) as { id: number }).id,
  )

  const appDb = openDatabase(path.join(app.dataDir, 'attain.db'))
  try {
    const mentorId = userId(PEOPLE.mentor.email)
    await buildReadyPortfolio(appDb, {
      dataDir: app.dataDir,
      trainee: getUserById(appDb, Number(ids.A))!,
      mentor: getUserById(appDb, mentorId)!,
    })
    const submitted = createSubmission(appDb, Number(ids.A), new Date())
    if (!submitted.ok) throw new Error(`not submitted: ${submitted.reason}`)
    ids.S = String(submitted.id)
  } finally {
    closeDatabase(appDb)
  }

  const shared = await trainee.post(fill('/submissions/{S}/sharing'), {
    intent: 'create',
    recipient: 'An ACS assessor',
    expiresOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  })
  const link = /data-testid="assessor-link"[^>]*>([^<]+)</.exec(shared.body)?.[1]?.trim()
  expect(link, shared.body.slice(0, 1000)).toBeDefined()
  ids.token = new URL(link!).pathname.replace(/^\/s\//, '')

  for (const who of ['admin', 'assessor'] as const) {
    ids[who] = String(await insertUser(db, { ...PEOPLE[who], role: who, twoFactor: true }))
    visitors.get(who)!.cookies.set('attain_session', insertSession(db, Number(ids[who])))
  }
  db.prepare(
    'INSERT INTO submission_assignments (submission_id, assessor_id, assigned_by, created_at) VALUES (?, ?, ?, ?)',
  ).run(ids.S, ids.assessor, ids.admin, new Date().toISOString())
  const released = await visitors.get('assessor')!.post(fill('/assessor/submissions/{S}'), {
    intent: 'release',
    ...Object.fromEntries(ALL_AREA_CODES.map((code) => [`judgement:${code}`, 'met'])),
    outcome: 'proceed-to-interview',
    confirm: 'on',
  })
  expect(released.status, released.body.slice(0, 500)).toBe(200)
}, 120_000)

afterAll(async () => {
  db?.close()
  if (!app) return
  const code = await app.stop()
  expect(code, app.output()).toBe(0)
})

/** Pages tagged from their data (ETag): the person's own browser may keep them, and must ask before showing them again. */
const REVALIDATED = new Set(['/dashboard', '/evidence/{E}', '/coverage'])

describe('Cache-Control', () => {
  it.each(PRIVATE_PAGES)('%s: %s and its .data are private, never for a shared cache', async (who, template) => {
    for (const url of [fill(template), dataUrl(fill(template))]) {
      const answer = await visitors.get(who)!.get(url)
      expect(answer.status, `${url}: ${answer.body.slice(0, 300)}`).toBe(200)
      const document = url === fill(template)
      expect(answer.headers.get('cache-control'), url).toBe(
        document && REVALIDATED.has(template) ? 'private, no-cache' : 'private, no-store',
      )
    }
  })

  it('is private on a redirect to sign in and on a 404', async () => {
    for (const url of ['/dashboard', '/dashboard.data', '/no-such-page']) {
      const answer = await visitors.get('signed out')!.get(url)
      expect(answer.headers.get('cache-control'), url).toBe('private, no-store')
    }
  })

  it('leaves hashed assets cached for a year', async () => {
    const html = (await visitors.get('signed out')!.get('/')).body
    const asset = /(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/.exec(html)?.[1]
    expect(asset).toBeDefined()
    const answer = await visitors.get('signed out')!.get(asset!)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toMatch(/max-age=31536000/)
    expect(answer.headers.get('cache-control')).not.toMatch(/no-store|private/)
  })
})

describe('resource routes', () => {
  it('are all listed here, found as Remix finds them: route files without a component', () => {
    const dir = path.join(root, 'app/routes')
    const resourceFiles = readdirSync(dir).filter(
      (file) => file.endsWith('.tsx') && !/export default/.test(readFileSync(path.join(dir, file), 'utf8')),
    )
    expect(resourceFiles.sort()).toEqual(Object.keys(RESOURCE_ROUTES).sort())
  })

  it.each(Object.entries(RESOURCE_ROUTES))(
    '%s: its .data URL answers 404, not the bytes',
    async (_file, { who, url, status, file }) => {
      const visitor = visitors.get(who)!
      const direct = await visitor.get(fill(url))
      expect(direct.status, `${fill(url)}: ${direct.body.slice(0, 300)}`).toBe(status)
      if (file) {
        expect(direct.headers.get('content-disposition'), url).toMatch(/^(attachment|inline);/)
        expect(direct.headers.get('x-content-type-options')).toMatch(/^nosniff\b/)
        expect(direct.headers.get('cache-control')).toBe('private, no-store')
      }

      const data = await visitor.get(dataUrl(fill(url)))
      expect(data.status, `${dataUrl(fill(url))}: ${data.body.slice(0, 300)}`).toBe(404)
      expect(data.body).toBe('Not found')
      expect(data.headers.get('content-disposition')).toBeNull()
      expect(data.headers.get('cache-control')).toBe('private, no-store')
      expect(data.headers.get('x-content-type-options')).toBe('nosniff')
      expect(data.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    },
  )

  it('serves an attachment with its sandbox policy, and its .data URL with the document policy', async () => {
    const visitor = visitors.get('trainee')!
    const file = await visitor.get(fill('/evidence/{E}/files/{F}'))
    expect(file.headers.get('content-security-policy')).toMatch(/^sandbox;/)
    const data = await visitor.get(fill('/evidence/{E}/files/{F}.data'))
    expect(data.headers.get('content-security-policy')).not.toMatch(/sandbox/)
  })

  it('still follows a redirect through the .data URL of a page that only redirects (/home)', async () => {
    const answer = await visitors.get('trainee')!.get('/home.data')
    expect(answer.status).toBe(202)
    expect(answer.body).toContain('"redirect","/dashboard"')
  })

  it('still signs out through the .data URL, as a form with JavaScript on does', async () => {
    const visitor = new HttpVisitor(app.baseUrl)
    visitor.cookies.set('attain_session', insertSession(db, Number(ids.admin)))
    const answer = await visitor.post('/logout.data', {})
    expect(answer.status).toBe(202)
    expect(visitor.sessionToken).toBeUndefined()
  })
})
