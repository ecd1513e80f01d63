/**
 * Who may reach what, over HTTP against the production server: every cell of
 * the matrix for the page itself and for its single-fetch `.data` URL, which
 * a client can ask for directly.
 *
 * Users are made the way real ones are (sign-up, invitations, sign-in) except
 * the roles nobody can sign up for, which are written into the database.
 * Trainee A's complete portfolio is written through the app's own model
 * functions and submitted; A shares the submission by link. Files (PDF, zip,
 * CSV, JSON) are resource routes: they have no `.data` URL.
 */
import path from 'node:path'
import type Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, openDatabase } from '../../db/client'
import { createRound } from '../../app/models/feedback.server'
import { createSubmission } from '../../app/submission/submit.server'
import { getUserById } from '../../app/models/user.server'
import { ALL_AREA_CODES, buildReadyPortfolio } from '../support/ready-portfolio'
import { patternOfUrl, routeFiles } from '../support/route-files'
import {
  createInvitation,
  dataUrl,
  type HttpAnswer,
  HttpVisitor,
  insertSession,
  insertUser,
  openAppDatabase,
  type RunningApp,
  signIn,
  signUpMentor,
  signUpTrainee,
  startApp,
} from './harness'

type Who =
  | 'signed out'
  | 'trainee A'
  | 'trainee B'
  | 'mentor M (A’s)'
  | 'mentor N (nobody’s)'
  | 'mentor E (ended with B)'
  | 'disabled trainee D'
  | 'admin'
  | 'assessor'
  | 'admin without 2FA'

const PEOPLE: Record<Exclude<Who, 'signed out'>, { name: string; email: string; password: string }> = {
  'trainee A': {
    name: 'Tabitha Quennell',
    email: 'tabitha.quennell@example.test',
    password: 'lantern orchard velvet compass',
  },
  'trainee B': {
    name: 'Bartholomew Oyelaran',
    email: 'b.oyelaran@example.test',
    password: 'granite pelican marmalade drift',
  },
  'mentor M (A’s)': {
    name: 'Mirabel Hargreaves',
    email: 'mirabel.h@example.test',
    password: 'copper walrus tundra sonnet',
  },
  'mentor N (nobody’s)': {
    name: 'Nikolai Featherstone',
    email: 'n.featherstone@example.test',
    password: 'saffron glacier ukulele mist',
  },
  'mentor E (ended with B)': {
    name: 'Eleanor Whitcombe',
    email: 'e.whitcombe@example.test',
    password: 'thimble harbour cactus opera',
  },
  'disabled trainee D': {
    name: 'Desmond Pryce',
    email: 'desmond.pryce@example.test',
    password: 'walnut comet lighthouse fern',
  },
  admin: { name: 'Agatha Stirling', email: 'agatha.stirling@example.test', password: 'ember quarry violin meadow' },
  assessor: { name: 'Octavia Brandt', email: 'octavia.brandt@example.test', password: 'pebble saxophone orbit clover' },
  'admin without 2FA': {
    name: 'Ignatius Fairweather',
    email: 'ignatius.f@example.test',
    password: 'marble kettle window orange',
  },
}

/** A status, or `→ /path` for a 302 to that exact Location. */
type Expected = number | `→ ${string}`

/** Form fields for a POST; `{A}`, `{B}`, `{M}`, `{invitationOfA}`, `{linkOfA}`… are filled in once they exist. */
type Form = Record<string, string>

/** `[who, method, url, expected, mustNotContain, form]`: 'others' means every other user's name and email. */
type Row = [
  who: Who,
  method: 'GET' | 'POST',
  url: string,
  expected: Expected,
  mustNotContain: Who[] | 'others',
  form?: Form,
]

const login = (path: string): Expected => `→ /login?redirectTo=${encodeURIComponent(path)}`
const TWO_FACTOR: Expected = '→ /settings/two-factor'

/** `{S}` is A's submission; `{R}` A's feedback round. */
const PAGES = [
  '/dashboard',
  '/record',
  '/feedback',
  '/feedback/new',
  '/feedback/{R}',
  '/settings',
  '/settings/mentors',
  '/settings/portfolio',
  '/submission',
  '/mentor',
  '/mentor/trainees/{A}',
  '/mentor/trainees/{B}',
  '/admin',
  '/admin/submissions',
  '/assessor',
  '/submissions/{S}',
  '/submissions/{S}/sharing',
  '/submissions/{S}/assessment',
  '/assessor/submissions/{S}',
] as const
/** Resource routes: the files themselves, so no `.data` URL. */
const FILES = [
  '/portfolio/export.json',
  '/submissions/{S}/summary.pdf',
  '/submissions/{S}/export.zip',
  '/submissions/{S}/assessment.csv',
  '/assessor/submissions/{S}/assessment.csv',
  '/portfolios/{A}/preview.pdf',
  '/portfolios/{A}/preview.json',
] as const
type Page = (typeof PAGES)[number] | (typeof FILES)[number]
const ALL_PAGES: readonly Page[] = [...PAGES, ...FILES]

/** What A's assessor link opens, `{token}` being its secret: the same for everyone holding it, signed in or not. */
const LINK_PAGES = ['/s/{token}'] as const
const LINK_FILES = ['/s/{token}/summary.pdf', '/s/{token}/export.zip'] as const
/** A colleague's link to the feedback form on A, `{raterToken}` its secret: it names A and no one else. */
const RATER_PAGES = ['/f/{raterToken}'] as const
const raterPages = (who: Who): Row[] =>
  RATER_PAGES.map((page): Row => [who, 'GET', page, 200, everyoneBut('trainee A')])

const isFile = (url: string) => ([...FILES, ...LINK_FILES] as readonly string[]).includes(url)

/** Everyone but these (and the visitor, always): for pages that rightly name someone, such as a submission naming its trainee and mentor. */
const everyoneBut = (...shown: Who[]): Who[] => (Object.keys(PEOPLE) as Who[]).filter((p) => !shown.includes(p))
/** A's submitted portfolio names A, and M as the mentor who verified A's claims and signed the declaration. */
const SHOWS_A_AND_M = everyoneBut('trainee A', 'mentor M (A’s)')

/** One row per page for a user; pages not listed answer 404 and show nobody else's data. */
function pagesFor(who: Who, outcomes: Partial<Record<Page, [Expected, Who[] | 'others']>>): Row[] {
  return ALL_PAGES.map((page): Row => {
    const [expected, mustNotContain] = outcomes[page] ?? [404, 'others']
    return [who, 'GET', page, expected, mustNotContain]
  })
}

const everyPage = (who: Who, expected: (page: Page) => Expected): Row[] =>
  ALL_PAGES.map((page): Row => [who, 'GET', page, expected(page), 'others'])

const linkPages = (who: Who): Row[] =>
  [...LINK_PAGES, ...LINK_FILES].map((page): Row => [who, 'GET', page, 200, SHOWS_A_AND_M])

/** The form an assessor sends to release judgements: every area met. */
const RELEASE: Form = {
  intent: 'release',
  ...Object.fromEntries(ALL_AREA_CODES.map((code) => [`judgement:${code}`, 'met'])),
  outcome: 'proceed-to-interview',
  confirm: 'on',
}

const GET_ROWS: Row[] = [
  ...everyPage('signed out', (page) => login(page)),
  ...linkPages('signed out'),
  ...raterPages('signed out'),
  ...raterPages('trainee B'),
  ...raterPages('mentor N (nobody’s)'),

  // A trainee on the mentor's view of their own portfolio: see the last block of this file.
  ...pagesFor('trainee A', {
    '/dashboard': [200, ['trainee B', 'mentor N (nobody’s)', 'mentor E (ended with B)']],
    '/record': [200, 'others'],
    '/settings': [200, ['trainee B', 'mentor M (A’s)']],
    '/settings/mentors': [200, ['trainee B', 'mentor N (nobody’s)', 'mentor E (ended with B)']],
    '/settings/portfolio': [200, 'others'],
    '/portfolio/export.json': [200, 'others'],
    '/feedback': [200, 'others'],
    '/feedback/new': [200, 'others'],
    '/feedback/{R}': [200, 'others'],
    // The mentor's declaration stands: the page names who signed it.
    '/submission': [200, SHOWS_A_AND_M],
    '/submissions/{S}': [200, SHOWS_A_AND_M],
    '/submissions/{S}/summary.pdf': [200, SHOWS_A_AND_M],
    '/submissions/{S}/export.zip': [200, SHOWS_A_AND_M],
    '/submissions/{S}/sharing': [200, 'others'],
    // Nothing released yet: the page says so, and there is no CSV to download.
    '/submissions/{S}/assessment': [200, 'others'],
    // The preview of the live portfolio names the mentor who signed the declaration.
    '/portfolios/{A}/preview.pdf': [200, SHOWS_A_AND_M],
    '/portfolios/{A}/preview.json': [200, 'others'],
  }).filter(([, , url]) => url !== '/mentor/trainees/{A}'),
  ...linkPages('trainee A'),

  ...pagesFor('trainee B', {
    '/dashboard': [200, ['trainee A', 'mentor M (A’s)', 'mentor E (ended with B)']],
    '/record': [200, 'others'],
    '/settings': [200, ['trainee A', 'mentor E (ended with B)']],
    // E's link has ended: B's list of mentors no longer names E.
    '/settings/mentors': [200, ['trainee A', 'mentor M (A’s)', 'mentor E (ended with B)']],
    '/settings/portfolio': [200, 'others'],
    '/portfolio/export.json': [200, 'others'],
    '/submission': [200, 'others'],
    // B's own (empty) list and form; A's round answers 404.
    '/feedback': [200, 'others'],
    '/feedback/new': [200, 'others'],
  }).filter(([, , url]) => url !== '/mentor/trainees/{B}'),
  // Holding the link is all it takes, even for another trainee.
  ...linkPages('trainee B'),

  ...pagesFor('mentor M (A’s)', {
    '/settings': [200, ['trainee A', 'trainee B']],
    '/mentor': [200, ['trainee B', 'mentor N (nobody’s)']],
    '/mentor/trainees/{A}': [200, ['trainee B', 'mentor N (nobody’s)', 'mentor E (ended with B)']],
    // A's mentor follows A's feedback round (counts, and the results once released), not who was asked.
    '/feedback/{R}': [200, 'others'],
    // A linked mentor reads the submission, but neither shares it nor reads its assessment.
    '/submissions/{S}': [200, SHOWS_A_AND_M],
    '/submissions/{S}/summary.pdf': [200, SHOWS_A_AND_M],
    '/submissions/{S}/export.zip': [200, SHOWS_A_AND_M],
    '/portfolios/{A}/preview.pdf': [200, SHOWS_A_AND_M],
    '/portfolios/{A}/preview.json': [200, 'others'],
  }),
  ...linkPages('mentor M (A’s)'),

  ...pagesFor('mentor N (nobody’s)', {
    '/settings': [200, 'others'],
    '/mentor': [200, 'others'],
  }),
  ...linkPages('mentor N (nobody’s)'),

  ...pagesFor('mentor E (ended with B)', {
    '/settings': [200, 'others'],
    '/mentor': [200, 'others'],
  }),
  ...linkPages('mentor E (ended with B)'),

  // The account was disabled while signed in: the old session is worth nothing (the link needs none).
  ...everyPage('disabled trainee D', (page) => login(page)),
  ...linkPages('disabled trainee D'),

  ...pagesFor('admin', {
    '/settings': [200, ['trainee A', 'trainee B']],
    // The accounts console lists every account: that is its job.
    '/admin': [200, []],
    // Every submission with its trainee, and every assessor account to assign.
    '/admin/submissions': [200, everyoneBut('trainee A', 'assessor')],
    '/submissions/{S}': [200, SHOWS_A_AND_M],
    '/submissions/{S}/summary.pdf': [200, SHOWS_A_AND_M],
    '/submissions/{S}/export.zip': [200, SHOWS_A_AND_M],
    // The table of links names who made each: A.
    '/submissions/{S}/sharing': [200, everyoneBut('trainee A')],
    '/submissions/{S}/assessment': [200, 'others'],
  }),
  ...linkPages('admin'),

  // Not assigned to A's submission yet (see the end of this file for once it is).
  ...pagesFor('assessor', {
    '/settings': [200, 'others'],
    '/assessor': [200, 'others'],
  }),
  ...linkPages('assessor'),

  // Admins must set up two-factor sign-in before anything else.
  ...everyPage('admin without 2FA', () => TWO_FACTOR),
  ['admin without 2FA', 'GET', '/settings/two-factor', 200, 'others'],
  ...linkPages('admin without 2FA'),
]

const POST_ROWS: Row[] = [
  // A's feedback round is A's to remind and release: for anyone else, nothing there.
  ['trainee B', 'POST', '/feedback/{R}', 404, ['trainee A', 'mentor M (A’s)'], { intent: 'remind' }],
  ['trainee B', 'POST', '/feedback/{R}.data', 404, ['trainee A', 'mentor M (A’s)'], { intent: 'release' }],
  ['mentor M (A’s)', 'POST', '/feedback/{R}', 404, ['trainee B'], { intent: 'release' }],
  ['signed out', 'POST', '/feedback/{R}', login('/feedback/{R}'), 'others', { intent: 'remind' }],
  // Ending a link that is not yours: nothing there.
  ['mentor N (nobody’s)', 'POST', '/mentor?index', 404, 'others', { intent: 'end', traineeId: '{A}' }],
  ['mentor N (nobody’s)', 'POST', '/mentor.data?index', 404, 'others', { intent: 'end', traineeId: '{A}' }],
  ['mentor E (ended with B)', 'POST', '/mentor?index', 404, 'others', { intent: 'end', traineeId: '{B}' }],
  ['mentor M (A’s)', 'POST', '/mentor?index', 404, ['trainee B'], { intent: 'end', traineeId: '{B}' }],
  ['trainee A', 'POST', '/mentor.data?index', 404, 'others', { intent: 'end', traineeId: '{A}' }],
  ['trainee B', 'POST', '/settings/mentors', 404, ['trainee A', 'mentor M (A’s)'], { intent: 'end', mentorId: '{M}' }],
  [
    'trainee B',
    'POST',
    '/settings/mentors.data',
    404,
    ['trainee A', 'mentor M (A’s)'],
    { intent: 'end', mentorId: '{M}' },
  ],
  // …and M still mentors A.
  ['mentor M (A’s)', 'GET', '/mentor/trainees/{A}', 200, ['trainee B']],

  // Withdrawing someone else's invitation: a form error, and the invitation still works.
  ['trainee B', 'POST', '/settings/mentors', 400, ['trainee A'], { intent: 'revoke', invitationId: '{invitationOfA}' }],
  [
    'trainee B',
    'POST',
    '/settings/mentors.data',
    400,
    ['trainee A'],
    { intent: 'revoke', invitationId: '{invitationOfA}' },
  ],
  ['signed out', 'GET', '{invitationLinkOfA}', 200, ['trainee B']],

  // Mentors have no invitations to make or withdraw.
  [
    'mentor M (A’s)',
    'POST',
    '/settings/mentors',
    404,
    ['trainee A', 'trainee B'],
    { intent: 'revoke', invitationId: '{invitationOfA}' },
  ],
  ['mentor N (nobody’s)', 'POST', '/settings/mentors', 404, 'others', { intent: 'invite', note: '' }],

  // No session, or a disabled account's: sign in first.
  ['signed out', 'POST', '/settings/mentors', login('/settings/mentors'), 'others', { intent: 'invite', note: '' }],
  [
    'disabled trainee D',
    'POST',
    '/settings/mentors',
    login('/settings/mentors'),
    'others',
    { intent: 'invite', note: '' },
  ],
  // Remix drops `?index` before the action sees the URL, so the way back is the page itself.
  ['signed out', 'POST', '/mentor?index', login('/mentor'), 'others', { intent: 'end', traineeId: '{A}' }],
  ['signed out', 'POST', '/mentor.data?index', login('/mentor'), 'others', { intent: 'end', traineeId: '{A}' }],

  // Changing or deleting another trainee's experience record: nothing there, and A's post is unchanged.
  [
    'trainee B',
    'POST',
    '/record',
    404,
    ['trainee A'],
    { intent: 'save-post', id: '{postOfA}', employer: 'B', jobTitle: 'B', startDate: '2020-01-01' },
  ],
  ['trainee B', 'POST', '/record.data', 404, ['trainee A'], { intent: 'delete-post', id: '{postOfA}' }],
  ['mentor M (A’s)', 'POST', '/record', 404, ['trainee B'], { intent: 'delete-post', id: '{postOfA}' }],
  ['signed out', 'POST', '/record', login('/record'), 'others', { intent: 'delete-post', id: '{postOfA}' }],
  ['trainee A', 'GET', '/record', 200, 'others'],

  // Making or revoking a link on someone else's submission: nothing there…
  [
    'trainee B',
    'POST',
    '/submissions/{S}/sharing',
    404,
    ['trainee A', 'mentor M (A’s)'],
    { intent: 'create', recipient: 'A friend of B', expiresOn: '{inAWeek}' },
  ],
  [
    'trainee B',
    'POST',
    '/submissions/{S}/sharing.data',
    404,
    ['trainee A', 'mentor M (A’s)'],
    { intent: 'create', recipient: 'A friend of B', expiresOn: '{inAWeek}' },
  ],
  [
    'trainee B',
    'POST',
    '/submissions/{S}/sharing',
    404,
    ['trainee A', 'mentor M (A’s)'],
    { intent: 'revoke', linkId: '{linkOfA}' },
  ],
  [
    'trainee B',
    'POST',
    '/submissions/{S}/sharing.data',
    404,
    ['trainee A', 'mentor M (A’s)'],
    { intent: 'revoke', linkId: '{linkOfA}' },
  ],
  // …nor for the mentor, who may read the submission but not share it, nor for an assessor.
  ['mentor M (A’s)', 'POST', '/submissions/{S}/sharing', 404, ['trainee B'], { intent: 'revoke', linkId: '{linkOfA}' }],
  ['assessor', 'POST', '/submissions/{S}/sharing', 404, 'others', { intent: 'revoke', linkId: '{linkOfA}' }],
  [
    'signed out',
    'POST',
    '/submissions/{S}/sharing',
    login('/submissions/{S}/sharing'),
    'others',
    { intent: 'revoke', linkId: '{linkOfA}' },
  ],
  // …and the link still works.
  ['signed out', 'GET', '/s/{token}', 200, SHOWS_A_AND_M],

  // Only an assessor account can take a submission on through its link (the page says so, under the summary).
  ['mentor M (A’s)', 'POST', '/s/{token}', 403, SHOWS_A_AND_M, { intent: 'assign' }],
  ['signed out', 'POST', '/s/{token}', 403, SHOWS_A_AND_M, { intent: 'assign' }],

  // Judgements from anyone but an assessor assigned to the submission: nothing there.
  ['mentor M (A’s)', 'POST', '/assessor/submissions/{S}', 404, ['trainee B'], RELEASE],
  ['mentor N (nobody’s)', 'POST', '/assessor/submissions/{S}', 404, 'others', RELEASE],
  ['assessor', 'POST', '/assessor/submissions/{S}', 404, 'others', RELEASE],
  ['assessor', 'POST', '/assessor/submissions/{S}.data', 404, 'others', RELEASE],
  ['trainee A', 'POST', '/assessor/submissions/{S}', 404, 'others', RELEASE],
  ['trainee A', 'POST', '/assessor/submissions/{S}.data', 404, 'others', RELEASE],
  ['admin', 'POST', '/assessor/submissions/{S}', 404, 'others', RELEASE],
]

/** Every GET row of a page again for its `.data` URL: same status, except a redirect, which single fetch answers with 202. */
const dataRows = (rows: Row[]): Row[] =>
  rows
    .filter(([, , url]) => !isFile(url))
    .map(([who, , url, expected, mustNotContain]): Row => [who, 'GET', dataUrl(url), expected, mustNotContain])
const DATA_ROWS = dataRows(GET_ROWS)

let app: RunningApp
let db: Database.Database
const visitors = new Map<Who, HttpVisitor>()
const ids: Record<string, string> = {}

/** Puts the ids in: `{A}`, or `%7BA%7D` inside an encoded `redirectTo`. */
function fill(template: string): string {
  return template.replace(/\{(\w+)\}|%7B(\w+)%7D/g, (_, plain: string | undefined, encoded: string | undefined) => {
    const key = (plain ?? encoded)!
    const value = ids[key]
    if (value === undefined) throw new Error(`No value for {${key}}`)
    return value
  })
}

function forbiddenTexts(who: Who, mustNotContain: Who[] | 'others'): string[] {
  const people = (mustNotContain === 'others' ? (Object.keys(PEOPLE) as Who[]) : mustNotContain).filter(
    (p) => p !== who,
  )
  return people.flatMap((p) => {
    const person = PEOPLE[p as keyof typeof PEOPLE]
    return [person.name, person.email]
  })
}

function assertOutcome(answer: HttpAnswer, url: string, expected: Expected) {
  const isData = new URL(url, app.baseUrl).pathname.endsWith('.data')
  const context = `${answer.status} ${answer.location ?? ''}\n${answer.body.slice(0, 600)}`
  if (typeof expected === 'number') {
    expect(answer.status, context).toBe(expected)
    return
  }
  const location = expected.slice(2)
  if (isData) {
    // Single fetch cannot answer a fetch() with a 3xx (it would be followed): it sends 202 and the redirect in the body.
    expect(answer.status, context).toBe(202)
    expect(answer.body, context).toContain(`"redirect",${JSON.stringify(location)}`)
  } else {
    expect(answer.status, context).toBe(302)
    expect(answer.location, context).toBe(location)
  }
}

beforeAll(async () => {
  app = await startApp()
  db = openAppDatabase(app)
  const visitor = (who: Who) => {
    const v = new HttpVisitor(app.baseUrl)
    visitors.set(who, v)
    return v
  }
  const userId = (who: keyof typeof PEOPLE) =>
    String((db.prepare('SELECT id FROM users WHERE email = ?').get(PEOPLE[who].email) as { id: number }).id)

  visitor('signed out')

  // Trainees sign up; A invites M, who signs up through the link.
  await signUpTrainee(visitor('trainee A'), {
    ...PEOPLE['trainee A'],
    specialism: 'nuclear-medicine',
    employer: 'Quennell Infirmary',
  })
  await signUpTrainee(visitor('trainee B'), { ...PEOPLE['trainee B'], specialism: 'mri', employer: 'Oyelaran General' })
  ids.A = userId('trainee A')
  ids.B = userId('trainee B')

  const linkForM = await createInvitation(visitors.get('trainee A')!, 'for Mirabel')
  await signUpMentor(visitor('mentor M (A’s)'), linkForM, PEOPLE['mentor M (A’s)'])
  ids.M = userId('mentor M (A’s)')

  // A's portfolio is complete (verified by M, who signs the declaration), and A submits it.
  const appDb = openDatabase(path.join(app.dataDir, 'attain.db'))
  try {
    await buildReadyPortfolio(appDb, {
      dataDir: app.dataDir,
      trainee: getUserById(appDb, Number(ids.A))!,
      mentor: getUserById(appDb, Number(ids.M))!,
    })
    const submitted = createSubmission(appDb, Number(ids.A), new Date())
    if (!submitted.ok) throw new Error(`A's portfolio was not submitted: ${submitted.reason}`)
    ids.S = String(submitted.id)
    ids.postOfA = String(
      (appDb.$client.prepare('SELECT id FROM record_posts WHERE trainee_id = ? LIMIT 1').get(ids.A) as { id: number })
        .id,
    )
  } finally {
    closeDatabase(appDb)
  }

  // A shares the submission with an assessor by link.
  ids.inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  const shared = await visitors
    .get('trainee A')!
    .post(fill('/submissions/{S}/sharing'), { intent: 'create', recipient: 'An ACS assessor', expiresOn: ids.inAWeek })
  const link = /data-testid="assessor-link"[^>]*>([^<]+)</.exec(shared.body)?.[1]?.trim()
  expect(link, shared.body.slice(0, 1000)).toBeDefined()
  ids.token = new URL(link!).pathname.replace(/^\/s\//, '')
  // A asks six colleagues for feedback.
  const feedbackDb = openDatabase(path.join(app.dataDir, 'attain.db'))
  try {
    ids.R = String(
      createRound(
        feedbackDb,
        {
          traineeId: Number(ids.A),
          traineeName: PEOPLE['trainee A'].name,
          areaCodes: ['Com2', 'Prof7'],
          raters: Array.from({ length: 6 }, (_, i) => ({
            email: `colleague${i + 1}@quennell.example.test`,
            relationship: 'clinician' as const,
          })),
        },
        new Date(),
        { publicUrl: null },
      ),
    )
  } finally {
    closeDatabase(feedbackDb)
  }
  const raterMail = db
    .prepare('SELECT body FROM email_outbox WHERE to_address = ?')
    .get('colleague1@quennell.example.test') as { body: string }
  ids.raterToken = /\/f\/([A-Za-z0-9_-]{43})/.exec(raterMail.body)![1]!
  ids.linkOfA = String(
    (db.prepare('SELECT id FROM assessor_links WHERE submission_id = ?').get(ids.S) as { id: number }).id,
  )

  // E mentors B, then B ends the link.
  const linkForE = await createInvitation(visitors.get('trainee B')!, 'for Eleanor')
  await signUpMentor(visitor('mentor E (ended with B)'), linkForE, PEOPLE['mentor E (ended with B)'])
  ids.E = userId('mentor E (ended with B)')
  const ended = await visitors.get('trainee B')!.post('/settings/mentors', { intent: 'end', mentorId: ids.E })
  expect(ended.status, ended.body.slice(0, 500)).toBe(200)
  expect(ended.body).toContain('is no longer your mentor')

  // A second invitation from A stays open, for B to try to withdraw.
  ids.invitationLinkOfA = new URL(await createInvitation(visitors.get('trainee A')!, 'still open')).pathname
  const settingsOfA = await visitors.get('trainee A')!.get('/settings/mentors')
  const invitationId = /name="invitationId" value="(\d+)"/.exec(settingsOfA.body)?.[1]
  expect(invitationId, 'the open invitation on A’s settings page').toBeDefined()
  ids.invitationOfA = invitationId!

  // N is a mentor nobody invited (as an administrator would create one); signs in with a password.
  await insertUser(db, { ...PEOPLE['mentor N (nobody’s)'], role: 'mentor' })
  const n = await signIn(
    visitor('mentor N (nobody’s)'),
    PEOPLE['mentor N (nobody’s)'].email,
    PEOPLE['mentor N (nobody’s)'].password,
  )
  expect(n.location).toBe('/mentor')

  // D signs up, then the account is disabled while D is signed in.
  await signUpTrainee(visitor('disabled trainee D'), PEOPLE['disabled trainee D'])
  db.prepare('UPDATE users SET disabled_at = ? WHERE email = ?').run(
    new Date().toISOString(),
    PEOPLE['disabled trainee D'].email,
  )

  // Admin and assessor with two-factor sign-in set up: their sessions are made as if both factors were given.
  for (const who of ['admin', 'assessor'] as const) {
    const id = await insertUser(db, { ...PEOPLE[who], role: who, twoFactor: true })
    ids[who] = String(id)
    visitor(who).cookies.set('attain_session', insertSession(db, id))
  }

  // An admin without two-factor sign-in signs in with the password alone.
  await insertUser(db, { ...PEOPLE['admin without 2FA'], role: 'admin' })
  const a = await signIn(
    visitor('admin without 2FA'),
    PEOPLE['admin without 2FA'].email,
    PEOPLE['admin without 2FA'].password,
  )
  expect(a.status).toBe(302)
})

afterAll(async () => {
  db?.close()
  if (!app) return
  const code = await app.stop()
  expect(code, app.output()).toBe(0)
})

async function checkRow(...[who, method, url, expected, mustNotContain, form]: Row) {
  const visitor = visitors.get(who)!
  const target = fill(url)
  const answer =
    method === 'GET'
      ? await visitor.get(target)
      : await visitor.post(target, Object.fromEntries(Object.entries(form ?? {}).map(([k, v]) => [k, fill(v)])))
  assertOutcome(answer, target, typeof expected === 'string' ? (fill(expected) as Expected) : expected)
  // Every answer here depends on a session: never kept by a shared cache, and by the person's own browser only where
  // the page is tagged from its data, to be asked for again before it is shown (private-responses.test.ts).
  expect(answer.headers.get('cache-control'), `${method} ${target} as ${who}`).toBe(
    method === 'GET' && answer.status === 200 && answer.headers.has('etag') ? 'private, no-cache' : 'private, no-store',
  )
  for (const text of forbiddenTexts(who, mustNotContain)) {
    expect(answer.body, `${method} ${target} as ${who} must not show “${text}”`).not.toContain(text)
  }
}

/**
 * Routes outside the matrix above, each with the reason. Every file in app/routes must be in the matrix or here
 * (checked below), so a new route cannot be forgotten: add its row to the matrix, or say here why it needs none.
 */
const OUTSIDE_THE_MATRIX: Record<string, string> = {
  '/': 'public landing page',
  '/home': 'public landing page',
  '/login': 'public sign-in',
  '/login/two-factor': 'the second sign-in step, for the user half signed in (tests/integration/two-factor.test.ts)',
  '/logout': 'ends the caller’s own session only',
  '/signup': 'public sign-up',
  '/signup/sent': 'public page: check your e-mail',
  '/signup/confirm/:': 'opened by its secret token (tests/integration/signup-enumeration.test.ts, auth.test.ts)',
  '/framework': 'the public competence framework',
  '/framework/:': 'the public competence framework',
  '/ping': 'trivial public route for benchmarks',
  '/favicon.ico': 'public icon',
  '/invite/:': 'opened by its secret token (tests/integration/mentors.test.ts)',
  '/setup-password/:': 'opened by its secret token (tests/integration/admin.test.ts)',
  '/coverage': 'the signed-in trainee’s own coverage; no id to reach another’s',
  '/evidence': 'the signed-in trainee’s own list; no id to reach another’s',
  '/evidence/new': 'creates in the signed-in trainee’s own portfolio',
  '/evidence/:': 'per-item access: tests/integration/evidence.test.ts and review.test.ts',
  '/evidence/:/edit': 'per-item access: tests/integration/evidence.test.ts',
  '/evidence/:/delete': 'per-item access: tests/integration/evidence.test.ts',
  '/evidence/:/revisions': 'per-item access: tests/integration/review.test.ts',
  '/evidence/:/files/:': 'per-file access: tests/integration/evidence.test.ts',
  '/mentor/reviews': 'the signed-in mentor’s own queue',
  '/mentor/reviews/:': 'per-item access: tests/integration/review.test.ts',
  '/notifications': 'the signed-in user’s own notifications',
  '/admin/outbox':
    'admins only: tests/integration/notifications.test.ts; its digest action: tests/integration/digest.test.ts',
  '/settings/notifications': 'the signed-in user’s own setting',
  '/settings/password': 'the signed-in user’s own password',
  '/settings/sessions': 'the signed-in user’s own sessions',
  '/settings/two-factor': 'the signed-in user’s own second factor',
}

describe('the list of routes', () => {
  it('puts every route in app/routes in the matrix or names why it is outside it', () => {
    const inMatrix = new Set(
      [...ALL_PAGES, ...LINK_PAGES, ...LINK_FILES, ...RATER_PAGES, '/settings'].map(patternOfUrl),
    )
    const routes = routeFiles().map((route) => route.pattern)
    expect(routes.length).toBeGreaterThan(40)
    expect(routes.filter((pattern) => !inMatrix.has(pattern) && !(pattern in OUTSIDE_THE_MATRIX))).toEqual([])
    // And nothing listed here is stale.
    expect(Object.keys(OUTSIDE_THE_MATRIX).filter((pattern) => !routes.includes(pattern))).toEqual([])
  })
})

describe('the access matrix', () => {
  it.each([...GET_ROWS, ...DATA_ROWS, ...POST_ROWS])('%s %s %s → %s', checkRow)

  it('shows M the trainee they mentor, by name', async () => {
    const page = await visitors.get('mentor M (A’s)')!.get(fill('/mentor/trainees/{A}'))
    expect(page.body).toContain(PEOPLE['trainee A'].name)
    expect(page.body).toContain(PEOPLE['trainee A'].email)
    const list = await visitors.get('mentor M (A’s)')!.get('/mentor')
    expect(list.body).toContain(PEOPLE['trainee A'].name)
  })

  it('answers a 404 for a withdrawn-from page with the error view, not the page', async () => {
    const answer = await visitors.get('mentor E (ended with B)')!.get(fill('/mentor/trainees/{B}'))
    expect(answer.status).toBe(404)
    expect(answer.body).toContain('Page not found')
    expect(answer.body).not.toContain('Oyelaran General')
  })

  it('deleted the disabled account’s session when it was next used', () => {
    const { n } = db
      .prepare('SELECT count(*) AS n FROM sessions JOIN users ON users.id = sessions.user_id WHERE users.email = ?')
      .get(PEOPLE['disabled trainee D'].email) as { n: number }
    expect(n).toBe(0)
  })

  it('left A’s one link as it was, after B tried to add and revoke links', () => {
    const links = db
      .prepare('SELECT recipient, revoked_at AS revokedAt FROM assessor_links WHERE submission_id = ?')
      .all(ids.S)
    expect(links).toEqual([{ recipient: 'An ACS assessor', revokedAt: null }])
  })

  it('refuses the disabled account a new sign-in', async () => {
    const answer = await signIn(
      new HttpVisitor(app.baseUrl),
      PEOPLE['disabled trainee D'].email,
      PEOPLE['disabled trainee D'].password,
    )
    expect(answer.status).toBe(400)
    expect(answer.body).toContain('This account has been disabled.')
  })
})

describe('a trainee on the mentor’s view of their own portfolio', () => {
  const rows: Row[] = [
    ['trainee A', 'GET', '/mentor/trainees/{A}', 404, 'others'],
    ['trainee A', 'GET', '/mentor/trainees/{A}.data', 404, 'others'],
    ['trainee B', 'GET', '/mentor/trainees/{B}', 404, 'others'],
  ]
  it.each(rows)('%s %s %s → %s', async (who, _method, url, expected) => {
    const answer = await visitors.get(who)!.get(fill(url))
    assertOutcome(answer, url, expected)
  })
})

describe('an assessor once assigned to A’s submission', () => {
  // The assessor reads the submission and records judgements on it; sharing it and the trainee's view of the assessment stay the trainee's.
  const assigned = pagesFor('assessor', {
    '/settings': [200, 'others'],
    '/assessor': [200, everyoneBut('trainee A')],
    '/submissions/{S}': [200, SHOWS_A_AND_M],
    '/submissions/{S}/summary.pdf': [200, SHOWS_A_AND_M],
    '/submissions/{S}/export.zip': [200, SHOWS_A_AND_M],
    '/assessor/submissions/{S}': [200, SHOWS_A_AND_M],
    '/assessor/submissions/{S}/assessment.csv': [200, 'others'],
  })
  const rows: Row[] = [
    ...assigned,
    ...dataRows(assigned),
    // Released judgements: now A and admins can download them, signed with the assessor's name, and nobody else.
    ['assessor', 'POST', '/assessor/submissions/{S}', 200, SHOWS_A_AND_M, RELEASE],
    ['trainee A', 'GET', '/submissions/{S}/assessment.csv', 200, everyoneBut('assessor')],
    ['admin', 'GET', '/submissions/{S}/assessment.csv', 200, everyoneBut('assessor')],
    ['trainee B', 'GET', '/submissions/{S}/assessment.csv', 404, 'others'],
    ['mentor M (A’s)', 'GET', '/submissions/{S}/assessment.csv', 404, 'others'],
    ['assessor', 'GET', '/submissions/{S}/assessment.csv', 404, 'others'],
    ['signed out', 'GET', '/submissions/{S}/assessment.csv', login('/submissions/{S}/assessment.csv'), 'others'],
  ]

  beforeAll(() => {
    db.prepare(
      'INSERT INTO submission_assignments (submission_id, assessor_id, assigned_by, created_at) VALUES (?, ?, ?, ?)',
    ).run(ids.S, ids.assessor, ids.admin, new Date().toISOString())
  })

  it.each(rows)('%s %s %s → %s', checkRow)
})
