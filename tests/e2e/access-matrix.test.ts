/**
 * Who may reach what, over HTTP against the production server: every cell of
 * the matrix for the page itself and for its single-fetch `.data` URL, which
 * a client can ask for directly.
 *
 * Users are made the way real ones are (sign-up, invitations, sign-in) except
 * the roles nobody can sign up for, which are written into the database.
 */
import type Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  'trainee A': { name: 'Tabitha Quennell', email: 'tabitha.quennell@example.test', password: 'lantern orchard velvet compass' },
  'trainee B': { name: 'Bartholomew Oyelaran', email: 'b.oyelaran@example.test', password: 'granite pelican marmalade drift' },
  'mentor M (A’s)': { name: 'Mirabel Hargreaves', email: 'mirabel.h@example.test', password: 'copper walrus tundra sonnet' },
  'mentor N (nobody’s)': { name: 'Nikolai Featherstone', email: 'n.featherstone@example.test', password: 'saffron glacier ukulele mist' },
  'mentor E (ended with B)': { name: 'Eleanor Whitcombe', email: 'e.whitcombe@example.test', password: 'thimble harbour cactus opera' },
  'disabled trainee D': { name: 'Desmond Pryce', email: 'desmond.pryce@example.test', password: 'walnut comet lighthouse fern' },
  admin: { name: 'Agatha Stirling', email: 'agatha.stirling@example.test', password: 'ember quarry violin meadow' },
  assessor: { name: 'Octavia Brandt', email: 'octavia.brandt@example.test', password: 'pebble saxophone orbit clover' },
  'admin without 2FA': { name: 'Ignatius Fairweather', email: 'ignatius.f@example.test', password: 'marble kettle window orange' },
}

/** A status, or `→ /path` for a 302 to that exact Location. */
type Expected = number | `→ ${string}`

/** Form fields for a POST; `{A}`, `{B}`, `{M}`, `{invitationOfA}` are filled in once the users exist. */
type Form = Record<string, string>

/** `[who, method, url, expected, mustNotContain, form]`: 'others' means every other user's name and email. */
type Row = [who: Who, method: 'GET' | 'POST', url: string, expected: Expected, mustNotContain: Who[] | 'others', form?: Form]

const login = (path: string): Expected => `→ /login?redirectTo=${encodeURIComponent(path)}`
const TWO_FACTOR: Expected = '→ /settings/two-factor'

const PAGES = ['/dashboard', '/settings', '/settings/mentors', '/mentor', '/mentor/trainees/{A}', '/mentor/trainees/{B}', '/admin', '/assessor'] as const
type Page = (typeof PAGES)[number]

/** One row per page for a user; pages not listed answer 404 and show nobody else's data. */
function pagesFor(who: Who, outcomes: Partial<Record<Page, [Expected, Who[] | 'others']>>): Row[] {
  return PAGES.map((page): Row => {
    const [expected, mustNotContain] = outcomes[page] ?? [404, 'others']
    return [who, 'GET', page, expected, mustNotContain]
  })
}

const everyPage = (who: Who, expected: (page: Page) => Expected): Row[] =>
  PAGES.map((page): Row => [who, 'GET', page, expected(page), 'others'])

const GET_ROWS: Row[] = [
  ...everyPage('signed out', (page) => login(page)),

  // A trainee on the mentor's view of their own portfolio: see the last block of this file.
  ...pagesFor('trainee A', {
    '/dashboard': [200, ['trainee B', 'mentor N (nobody’s)', 'mentor E (ended with B)']],
    '/settings': [200, ['trainee B', 'mentor M (A’s)']],
    '/settings/mentors': [200, ['trainee B', 'mentor N (nobody’s)', 'mentor E (ended with B)']],
  }).filter(([, , url]) => url !== '/mentor/trainees/{A}'),

  ...pagesFor('trainee B', {
    '/dashboard': [200, ['trainee A', 'mentor M (A’s)', 'mentor E (ended with B)']],
    '/settings': [200, ['trainee A', 'mentor E (ended with B)']],
    // E's link has ended: B's list of mentors no longer names E.
    '/settings/mentors': [200, ['trainee A', 'mentor M (A’s)', 'mentor E (ended with B)']],
  }).filter(([, , url]) => url !== '/mentor/trainees/{B}'),

  ...pagesFor('mentor M (A’s)', {
    '/settings': [200, ['trainee A', 'trainee B']],
    '/mentor': [200, ['trainee B', 'mentor N (nobody’s)']],
    '/mentor/trainees/{A}': [200, ['trainee B', 'mentor N (nobody’s)', 'mentor E (ended with B)']],
  }),

  ...pagesFor('mentor N (nobody’s)', {
    '/settings': [200, 'others'],
    '/mentor': [200, 'others'],
  }),

  ...pagesFor('mentor E (ended with B)', {
    '/settings': [200, 'others'],
    '/mentor': [200, 'others'],
  }),

  // The account was disabled while signed in: the old session is worth nothing.
  ...everyPage('disabled trainee D', (page) => login(page)),

  ...pagesFor('admin', {
    '/settings': [200, ['trainee A', 'trainee B']],
    // The accounts console lists every account: that is its job.
    '/admin': [200, []],
  }),

  ...pagesFor('assessor', {
    '/settings': [200, 'others'],
    '/assessor': [200, 'others'],
  }),

  // Admins must set up two-factor sign-in before anything else.
  ...everyPage('admin without 2FA', () => TWO_FACTOR),
  ['admin without 2FA', 'GET', '/settings/two-factor', 200, 'others'],
]

const POST_ROWS: Row[] = [
  // Ending a link that is not yours: nothing there.
  ['mentor N (nobody’s)', 'POST', '/mentor?index', 404, 'others', { intent: 'end', traineeId: '{A}' }],
  ['mentor N (nobody’s)', 'POST', '/mentor.data?index', 404, 'others', { intent: 'end', traineeId: '{A}' }],
  ['mentor E (ended with B)', 'POST', '/mentor?index', 404, 'others', { intent: 'end', traineeId: '{B}' }],
  ['mentor M (A’s)', 'POST', '/mentor?index', 404, ['trainee B'], { intent: 'end', traineeId: '{B}' }],
  ['trainee A', 'POST', '/mentor.data?index', 404, 'others', { intent: 'end', traineeId: '{A}' }],
  ['trainee B', 'POST', '/settings/mentors', 404, ['trainee A', 'mentor M (A’s)'], { intent: 'end', mentorId: '{M}' }],
  ['trainee B', 'POST', '/settings/mentors.data', 404, ['trainee A', 'mentor M (A’s)'], { intent: 'end', mentorId: '{M}' }],
  // …and M still mentors A.
  ['mentor M (A’s)', 'GET', '/mentor/trainees/{A}', 200, ['trainee B']],

  // Withdrawing someone else's invitation: a form error, and the invitation still works.
  ['trainee B', 'POST', '/settings/mentors', 400, ['trainee A'], { intent: 'revoke', invitationId: '{invitationOfA}' }],
  ['trainee B', 'POST', '/settings/mentors.data', 400, ['trainee A'], { intent: 'revoke', invitationId: '{invitationOfA}' }],
  ['signed out', 'GET', '{invitationLinkOfA}', 200, ['trainee B']],

  // Mentors have no invitations to make or withdraw.
  ['mentor M (A’s)', 'POST', '/settings/mentors', 404, ['trainee A', 'trainee B'], { intent: 'revoke', invitationId: '{invitationOfA}' }],
  ['mentor N (nobody’s)', 'POST', '/settings/mentors', 404, 'others', { intent: 'invite', note: '' }],

  // No session, or a disabled account's: sign in first.
  ['signed out', 'POST', '/settings/mentors', login('/settings/mentors'), 'others', { intent: 'invite', note: '' }],
  ['disabled trainee D', 'POST', '/settings/mentors', login('/settings/mentors'), 'others', { intent: 'invite', note: '' }],
  // Remix drops `?index` before the action sees the URL, so the way back is the page itself.
  ['signed out', 'POST', '/mentor?index', login('/mentor'), 'others', { intent: 'end', traineeId: '{A}' }],
  ['signed out', 'POST', '/mentor.data?index', login('/mentor'), 'others', { intent: 'end', traineeId: '{A}' }],
]

/** Every GET row again for its `.data` URL: same status, except a redirect, which single fetch answers with 202. */
const DATA_ROWS: Row[] = GET_ROWS.map(([who, , url, expected, mustNotContain]): Row => [who, 'GET', dataUrl(url), expected, mustNotContain])

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
  const people = mustNotContain === 'others' ? (Object.keys(PEOPLE) as Who[]).filter((p) => p !== who) : mustNotContain
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
  await signUpTrainee(visitor('trainee A'), { ...PEOPLE['trainee A'], specialism: 'nuclear-medicine', employer: 'Quennell Infirmary' })
  await signUpTrainee(visitor('trainee B'), { ...PEOPLE['trainee B'], specialism: 'mri', employer: 'Oyelaran General' })
  ids.A = userId('trainee A')
  ids.B = userId('trainee B')

  const linkForM = await createInvitation(visitors.get('trainee A')!, 'for Mirabel')
  await signUpMentor(visitor('mentor M (A’s)'), linkForM, PEOPLE['mentor M (A’s)'])
  ids.M = userId('mentor M (A’s)')

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
  const n = await signIn(visitor('mentor N (nobody’s)'), PEOPLE['mentor N (nobody’s)'].email, PEOPLE['mentor N (nobody’s)'].password)
  expect(n.location).toBe('/mentor')

  // D signs up, then the account is disabled while D is signed in.
  await signUpTrainee(visitor('disabled trainee D'), PEOPLE['disabled trainee D'])
  db.prepare('UPDATE users SET disabled_at = ? WHERE email = ?').run(new Date().toISOString(), PEOPLE['disabled trainee D'].email)

  // Admin and assessor with two-factor sign-in set up: their sessions are made as if both factors were given.
  for (const who of ['admin', 'assessor'] as const) {
    const id = await insertUser(db, { ...PEOPLE[who], role: who, twoFactor: true })
    visitor(who).cookies.set('attain_session', insertSession(db, id))
  }

  // An admin without two-factor sign-in signs in with the password alone.
  await insertUser(db, { ...PEOPLE['admin without 2FA'], role: 'admin' })
  const a = await signIn(visitor('admin without 2FA'), PEOPLE['admin without 2FA'].email, PEOPLE['admin without 2FA'].password)
  expect(a.status).toBe(302)
})

afterAll(async () => {
  db?.close()
  if (!app) return
  const code = await app.stop()
  expect(code, app.output()).toBe(0)
})

describe('the access matrix', () => {
  it.each([...GET_ROWS, ...DATA_ROWS, ...POST_ROWS])('%s %s %s → %s', async (who, method, url, expected, mustNotContain, form) => {
    const visitor = visitors.get(who)!
    const target = fill(url)
    const answer =
      method === 'GET'
        ? await visitor.get(target)
        : await visitor.post(target, Object.fromEntries(Object.entries(form ?? {}).map(([k, v]) => [k, fill(v)])))
    assertOutcome(answer, target, typeof expected === 'string' ? (fill(expected) as Expected) : expected)
    for (const text of forbiddenTexts(who, mustNotContain)) {
      expect(answer.body, `${method} ${target} as ${who} must not show “${text}”`).not.toContain(text)
    }
  })

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

  it('refuses the disabled account a new sign-in', async () => {
    const answer = await signIn(new HttpVisitor(app.baseUrl), PEOPLE['disabled trainee D'].email, PEOPLE['disabled trainee D'].password)
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
