/**
 * Accounts in the browser: a trainee signs up and invites a mentor, the mentor
 * joins through the link, the trainee ends the link; and the sign-in, sign-up
 * and session behaviour around it.
 */
import { createHash, randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  HttpVisitor,
  type RunningApp,
  SESSION_COOKIE,
  screenshot,
  signUpTrainee,
  usePages,
  realProblems,
  latestEmailTo,
  signupLinkFor,
  useApp,
  waitForHydration,
} from './harness'

let app: RunningApp
let browser: Browser
let db: Database.Database

useApp((running) => ({ app, browser, db } = running))

/** A page in a fresh browser profile, closed after the test. */
const freshPage = usePages(() => ({ app, browser }))

async function sessionCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

async function signInInBrowser(page: Page, email: string, password: string) {
  await waitForHydration(page, 'form')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** A trainee made over HTTP, for tests about something other than signing up. */
async function traineeAccount(label: string) {
  const suffix = randomBytes(4).toString('hex')
  const trainee = {
    name: `Philippa ${label} Goodwin`,
    email: `${label.toLowerCase()}-${suffix}@example.test`,
    password: 'correct horse battery staple',
    employer: 'Northern Cancer Centre',
  }
  await signUpTrainee(new HttpVisitor(app.baseUrl), trainee)
  return trainee
}

describe('a trainee and a mentor', () => {
  const trainee = {
    name: 'Rosalind Achterberg',
    email: 'rosalind.achterberg@example.test',
    password: 'correct horse battery staple',
    employer: 'Leeds Teaching Hospitals NHS Trust',
    targetSubmissionDate: '2027-09-30',
  }
  const mentor = {
    name: 'Dr Kwame Mensah-Patel',
    email: 'kwame.mensah@example.test',
    password: 'velvet thunder pocket lighthouse',
  }

  it('sign up, link through an invitation, and part', async () => {
    // The trainee signs up.
    const t = await freshPage()
    await t.goto('/signup')
    await waitForHydration(t, 'form')
    await t.getByLabel('Full name').fill(trainee.name)
    await t.getByLabel('Email address').fill(trainee.email)
    await t.getByLabel('Password', { exact: true }).fill(trainee.password)
    await t.getByLabel('Specialism').selectOption('radiotherapy-physics')
    await t.getByLabel('Employer').fill(trainee.employer)
    await t.getByLabel('Target submission date').fill(trainee.targetSubmissionDate)
    await t.getByRole('button', { name: 'Create account' }).click()
    // Every sign-up is answered the same way; the e-mail finishes it.
    await t.waitForURL((url) => url.pathname === '/signup/sent')
    await expect.poll(() => t.getByRole('heading', { level: 1 }).textContent()).toBe('Check your e-mail')
    expect(latestEmailTo(app.baseUrl, trainee.email).subject).toBe('Finish creating your Attain account')
    await t.goto(signupLinkFor(app.baseUrl, trainee.email))
    expect(await t.locator('main').textContent()).toContain(trainee.email)
    await waitForHydration(t, 'form')
    await t.getByRole('button', { name: 'Create my account' }).click()
    await t.waitForURL((url) => url.pathname === '/dashboard')
    await expect.poll(() => t.getByRole('heading', { level: 1 }).textContent()).toBe('Your portfolio')
    expect(await t.locator('main').textContent()).toContain(`Welcome, ${trainee.name}.`)
    expect(await t.locator('main .eyebrow').textContent()).toBe(`Radiotherapy physics · ${trainee.employer}`)
    await screenshot(t, 'accounts-dashboard')

    // …and creates an invitation.
    await t.goto('/settings/mentors')
    await waitForHydration(t, 'form')
    await t.getByLabel('Who is it for? (optional)').fill('Dr Mensah-Patel, local supervisor')
    await t.getByRole('button', { name: 'Create invitation link' }).click()
    const linkElement = t.getByTestId('invitation-link')
    await linkElement.waitFor()
    const link = (await linkElement.textContent())!.trim()
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/invite/[A-Za-z0-9_-]{43}$`))
    await screenshot(t, 'accounts-invitation')

    // The mentor opens the link in another browser and creates an account.
    const m = await freshPage()
    const invitationResponse = await m.goto(link)
    expect(invitationResponse?.status()).toBe(200)
    expect(await m.getByRole('heading', { level: 1 }).textContent()).toBe(
      `${trainee.name} invites you to mentor their portfolio`,
    )
    await waitForHydration(m)
    await m.getByRole('link', { name: 'Create a mentor account' }).click()
    await m.waitForURL((url) => url.pathname === '/signup' && url.searchParams.has('invite'))
    await expect.poll(() => m.getByRole('heading', { level: 1 }).textContent()).toBe('Create your mentor account')
    expect(await m.getByLabel('Specialism').count()).toBe(0)
    await m.getByLabel('Full name').fill(mentor.name)
    await m.getByLabel('Email address').fill(mentor.email)
    await m.getByLabel('Password', { exact: true }).fill(mentor.password)
    await m.getByRole('button', { name: 'Create account' }).click()
    await m.waitForURL((url) => url.pathname === '/signup/sent')
    await m.goto(signupLinkFor(app.baseUrl, mentor.email))
    await waitForHydration(m, 'form')
    await m.getByRole('button', { name: 'Create my account' }).click()
    await m.waitForURL(/\/mentor\/trainees\/\d+$/)
    const traineePath = new URL(m.url()).pathname
    await expect.poll(() => m.getByRole('heading', { level: 1 }).textContent()).toBe(trainee.name)
    expect(await m.locator('.facts').textContent()).toContain(trainee.email)
    expect(await m.locator('.facts').textContent()).toContain(`${mentor.name} (you)`)
    await screenshot(t, 'accounts-mentor-trainee')

    // The mentor's list shows the trainee.
    await m.goto('/mentor')
    expect(await m.getByRole('heading', { level: 1 }).textContent()).toBe('Your trainees')
    expect(await m.getByRole('link', { name: trainee.name }).getAttribute('href')).toBe(traineePath)

    // The used link does not work again, for anyone.
    const reused = await m.goto(link)
    expect(reused?.status()).toBe(404)
    expect(await m.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    const stranger = await freshPage()
    expect((await stranger.goto(link))?.status()).toBe(404)
    expect(await stranger.getByRole('alert').textContent()).toContain(
      'This invitation link has expired, been used or been withdrawn.',
    )
    expect(await stranger.locator('body').textContent()).not.toContain(trainee.name)

    // The mentor has the trainee's page open…
    expect((await m.goto(traineePath))?.status()).toBe(200)
    expect(await m.getByRole('heading', { level: 1 }).textContent()).toBe(trainee.name)

    // …when the trainee ends the link.
    await t.goto('/settings/mentors')
    await waitForHydration(t, 'form')
    expect(await t.locator('table').textContent()).toContain(mentor.email)
    let question = ''
    t.once('dialog', (dialog) => {
      question = dialog.message()
      void dialog.accept()
    })
    await t.getByRole('button', { name: `End link with ${mentor.name}` }).click()
    await expect
      .poll(() => t.getByRole('status').first().textContent())
      .toBe(`${mentor.name} is no longer your mentor.`)
    expect(question).toBe(`End ${mentor.name}’s access to your portfolio?`)
    await expect.poll(() => t.getByRole('heading', { name: 'No mentor yet' }).count()).toBe(1)

    // Reloading, the mentor no longer sees the trainee.
    const gone = await m.reload()
    expect(gone?.status()).toBe(404)
    expect(await m.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    expect(await m.locator('main').textContent()).not.toContain(trainee.email)
    await m.goto('/mentor')
    expect(await m.getByRole('heading', { name: 'No trainees linked to you' }).count()).toBe(1)
    expect(await m.locator('main').textContent()).not.toContain(trainee.name)

    // Nor by navigating inside the app, which loads `.data`.
    await waitForHydration(m)
    await m.evaluate((path) => {
      const a = document.createElement('a')
      a.href = path
      a.textContent = 'back to the trainee'
      document.querySelector('main')!.append(a)
    }, traineePath)
    // A plain link is a full page load; a Remix navigation goes through the router.
    await m.getByRole('link', { name: 'Trainees', exact: true }).click()
    await m.waitForURL((url) => url.pathname === '/mentor')

    // A second invitation, withdrawn before use, does not work either.
    await t.getByLabel('Who is it for? (optional)').fill('External adviser')
    await t.getByRole('button', { name: 'Create invitation link' }).click()
    await expect.poll(async () => (await t.getByTestId('invitation-link').textContent())?.trim()).not.toBe(link)
    const second = (await t.getByTestId('invitation-link').textContent())!.trim()
    expect(second).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/)
    await t.getByRole('button', { name: 'Withdraw External adviser' }).click()
    await expect.poll(() => t.getByRole('status').first().textContent()).toBe('Invitation withdrawn.')
    await expect.poll(() => t.getByRole('heading', { name: 'Invitations waiting' }).count()).toBe(0)
    const withdrawn = await freshPage()
    expect((await withdrawn.goto(second))?.status()).toBe(404)
    expect(await withdrawn.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')

    expect(realProblems(t)).toEqual([])
    expect(realProblems(m)).toEqual([])
  })
})

describe('signing in and signing up', () => {
  it('says a wrong password is not right, at the form, and keeps the email', async () => {
    const trainee = await traineeAccount('Wrong')
    const page = await freshPage()
    await page.goto('/login')
    await signInInBrowser(page, trainee.email, 'this is not the passphrase')
    const alert = page.locator('form [role="alert"]')
    await alert.waitFor()
    expect(await alert.textContent()).toBe('The email address or password is not right.')
    expect(await page.getByLabel('Email address').inputValue()).toBe(trainee.email)
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('this is not the passphrase')
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await sessionCookie(page)).toBeUndefined()
    expect(realProblems(page)).toEqual([])
  })

  it('says the same without JavaScript, and fills the email in again but never the password', async () => {
    const trainee = await traineeAccount('NoJs')
    const page = await freshPage({ javaScriptEnabled: false })
    await page.goto('/login')
    await page.getByLabel('Email address').fill(trainee.email)
    await page.getByLabel('Password', { exact: true }).fill('this is not the passphrase')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ])
    expect(response.status()).toBe(400)
    await page.waitForLoadState()
    expect(await page.locator('form [role="alert"]').textContent()).toBe('The email address or password is not right.')
    expect(await page.getByLabel('Email address').inputValue()).toBe(trainee.email)
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('')
  })

  it('refuses a weak password at the password field and keeps the name and email', async () => {
    const page = await freshPage()
    await page.goto('/signup')
    await waitForHydration(page, 'form')
    await page.getByLabel('Full name').fill('Cornelius Weakley')
    await page.getByLabel('Email address').fill('cornelius.weakley@example.test')
    await page.getByLabel('Password', { exact: true }).fill('password1234')
    await page.getByLabel('Specialism').selectOption('mri')
    await page.getByRole('button', { name: 'Create account' }).click()

    const password = page.getByLabel('Password', { exact: true })
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await password.getAttribute('aria-describedby'))!.split(' ')
    const errorId = describedBy.find((id) => id.endsWith('-error'))
    expect(errorId, 'the password field points at its error').toBeDefined()
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('Use at least 15 characters.')

    expect(await page.getByLabel('Full name').inputValue()).toBe('Cornelius Weakley')
    expect(await page.getByLabel('Email address').inputValue()).toBe('cornelius.weakley@example.test')
    expect(await page.getByLabel('Specialism').inputValue()).toBe('mri')
    expect(new URL(page.url()).pathname).toBe('/signup')
    expect(db.prepare('SELECT count(*) AS n FROM users WHERE email = ?').get('cornelius.weakley@example.test')).toEqual(
      { n: 0 },
    )
  })

  it('starts a new session at sign-in rather than adopting the cookie it was given', async () => {
    const trainee = await traineeAccount('Fixation')
    const page = await freshPage()
    const planted = randomBytes(32).toString('base64url')
    expect(planted).toHaveLength(43)
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: planted, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }])

    await page.goto('/login')
    expect(await sessionCookie(page)).toBe(planted)
    await signInInBrowser(page, trainee.email, trainee.password)
    await page.waitForURL((url) => url.pathname === '/dashboard')

    const issued = await sessionCookie(page)
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(issued).not.toBe(planted)
    // The planted value opens nothing.
    const replay = await fetch(`${app.baseUrl}/dashboard`, {
      headers: { Cookie: `${SESSION_COOKIE}=${planted}` },
      redirect: 'manual',
    })
    expect(replay.status).toBe(302)
  })
})

describe('sessions', () => {
  it('keeps what was typed when the session ends mid-edit, and saves it after signing in again', async () => {
    const trainee = await traineeAccount('Draft')
    const page = await freshPage()
    await page.goto('/login')
    await signInInBrowser(page, trainee.email, trainee.password)
    await page.waitForURL((url) => url.pathname === '/dashboard')

    await page.goto('/settings')
    await waitForHydration(page, 'form')
    const employer = page.getByLabel('Employer')
    expect(await employer.inputValue()).toBe(trainee.employer)
    await employer.fill('The Christie NHS Foundation Trust, Manchester')

    // The session ends on the server while the form is open.
    const token = await sessionCookie(page)
    const ended = db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(token!))
    expect(ended.changes).toBe(1)

    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.waitForURL((url) => url.pathname === '/login')
    expect(new URL(page.url()).search).toBe('?redirectTo=%2Fsettings')
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Sign in to continue.')

    await signInInBrowser(page, trainee.email, trainee.password)
    await page.waitForURL((url) => url.pathname === '/settings')
    await expect
      .poll(() => page.getByLabel('Employer').inputValue())
      .toBe('The Christie NHS Foundation Trust, Manchester')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'We kept what you typed' }).count()).toBe(1)
    await screenshot(page, 'accounts-draft-restored')

    // Nothing was saved yet: the first attempt never reached the profile.
    const before = db
      .prepare('SELECT employer FROM trainee_profiles WHERE user_id = (SELECT id FROM users WHERE email = ?)')
      .get(trainee.email) as { employer: string }
    expect(before.employer).toBe(trainee.employer)

    await page.getByRole('button', { name: 'Save profile' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Profile saved.' }).count()).toBe(1)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'We kept what you typed' }).count()).toBe(0)
    const after = db
      .prepare('SELECT employer FROM trainee_profiles WHERE user_id = (SELECT id FROM users WHERE email = ?)')
      .get(trainee.email) as { employer: string }
    expect(after.employer).toBe('The Christie NHS Foundation Trust, Manchester')

    // The draft is gone: a fresh visit shows the saved profile and no notice.
    await page.reload()
    await waitForHydration(page, 'form')
    expect(await page.getByLabel('Employer').inputValue()).toBe('The Christie NHS Foundation Trust, Manchester')
    expect(await page.getByText('We kept what you typed').count()).toBe(0)
    expect(realProblems(page)).toEqual([])
  })

  it('ends the session on the server at sign-out, so the old cookie opens nothing', async () => {
    const trainee = await traineeAccount('SignOut')
    const page = await freshPage()
    await page.goto('/login')
    await signInInBrowser(page, trainee.email, trainee.password)
    await page.waitForURL((url) => url.pathname === '/dashboard')
    const token = await sessionCookie(page)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)

    // The cookie works before signing out…
    const before = await fetch(`${app.baseUrl}/dashboard`, {
      headers: { Cookie: `${SESSION_COOKIE}=${token}` },
      redirect: 'manual',
    })
    expect(before.status).toBe(200)
    await before.body?.cancel()

    await waitForHydration(page)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    expect(await sessionCookie(page)).toBeUndefined()

    // …and not after, even replayed by hand.
    const after = await fetch(`${app.baseUrl}/dashboard`, {
      headers: { Cookie: `${SESSION_COOKIE}=${token}` },
      redirect: 'manual',
    })
    expect(after.status).toBe(302)
    expect(after.headers.get('location')).toBe('/login?redirectTo=%2Fdashboard')
    expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE id_hash = ?').get(sha256(token!))).toEqual({ n: 0 })
  })
})
