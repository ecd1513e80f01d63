import type { Server } from 'node:http'
import compression from 'compression'
import express from 'express'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loggablePath, requestLog, type RequestLogLine } from '../../app/server/logging'

const lines: string[] = []
let server: Server
let baseUrl: string

beforeAll(async () => {
  const app = express()
  app.use(requestLog({ write: (line) => lines.push(line) }))
  app.use(compression())
  app.use((req, res, next) => {
    if (req.get('x-test-user')) res.locals.userId = Number(req.get('x-test-user'))
    next()
  })
  app.get('/healthz', (req, res) => {
    if (req.query.fail) res.status(503).json({ status: 'unavailable' })
    else res.json({ status: 'ok' })
  })
  app.get('/assets/app-123.js', (_req, res) => res.type('js').send('console.log(1)'))
  app.get('/evidence', (_req, res) => res.type('text').send('a list of items'))
  app.post('/evidence/new', express.urlencoded({ extended: false }), (_req, res) =>
    res.redirect(302, '/evidence/7?saved=1'),
  )
  app.get('/big', (_req, res) => res.type('text').send('word '.repeat(20_000)))
  app.get('/kept', (_req, res) => {
    res.locals.pageKept = true
    res.type('html').send('<p>sent as rendered before</p>')
  })
  app.get('/slow', (_req, res) => setTimeout(() => res.send('done'), 30))
  app.all('*', (_req, res) => res.status(404).send('Not found'))
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const address = server.address()
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  lines.length = 0
})

/** Fetches, reads the whole body, and waits for the log line written when the response finished. */
async function hit(
  url: string,
  init: RequestInit = {},
  expectLines = 1,
): Promise<{ status: number; body: string; logged: RequestLogLine[] }> {
  const before = lines.length
  const response = await fetch(baseUrl + url, { redirect: 'manual', ...init })
  const body = await response.text()
  for (let i = 0; i < 100 && lines.length < before + expectLines; i++) await new Promise((r) => setTimeout(r, 5))
  await new Promise((r) => setTimeout(r, 10))
  return { status: response.status, body, logged: lines.slice(before).map((l) => JSON.parse(l) as RequestLogLine) }
}

describe('the request log', () => {
  it('writes one JSON line per request with time, method, path, status, duration, user and bytes', async () => {
    const { logged, body } = await hit('/evidence', { headers: { 'x-test-user': '42' } })
    expect(logged).toHaveLength(1)
    const [line] = logged
    expect(line).toEqual({
      event: 'request',
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      method: 'GET',
      path: '/evidence',
      status: 200,
      durationMs: expect.any(Number),
      userId: 42,
      bytes: Buffer.byteLength(body),
    })
    expect(Math.abs(Date.parse(line!.time) - Date.now())).toBeLessThan(5_000)
    expect(line!.durationMs).toBeGreaterThanOrEqual(0)
    expect(Number.isInteger(line!.durationMs * 10)).toBe(true)
    expect(lines[0]).not.toContain('\n')
  })

  it('says when a page went out as rendered before, and only then', async () => {
    expect((await hit('/kept')).logged).toMatchObject([{ path: '/kept', kept: true }])
    expect((await hit('/evidence')).logged[0]).not.toHaveProperty('kept')
  })

  it('has a null user when nobody set one, and measures the time taken', async () => {
    const { logged } = await hit('/slow')
    expect(logged[0]).toMatchObject({ path: '/slow', userId: null })
    expect(logged[0]!.durationMs).toBeGreaterThanOrEqual(25)
  })

  it('never logs a query string, a body or a cookie', async () => {
    const { logged } = await hit('/evidence?q=patient+smith&page=2', {
      headers: { Cookie: 'attain_session=secret-session-token' },
    })
    expect(logged[0]!.path).toBe('/evidence')
    const posted = await hit('/evidence/new?draft=1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'attain_session=secret-session-token' },
      body: 'title=NHS+943+476+5919&reflection=private+thoughts',
    })
    expect(posted.logged[0]).toMatchObject({ method: 'POST', path: '/evidence/new', status: 302 })
    const all = lines.join('\n')
    for (const secret of ['patient', 'smith', 'page=', 'secret-session-token', '943', 'private', 'draft', 'saved=1'])
      expect(all).not.toContain(secret)
  })

  it('replaces the secret token in invitation and password-setup links', async () => {
    const { logged } = await hit('/invite/Zm9vYmFyYmF6cXV4c2VjcmV0?x=1')
    expect(logged[0]!.path).toBe('/invite/[token]')
    const data = await hit('/setup-password/c2VjcmV0LXRva2Vu.data')
    expect(data.logged[0]!.path).toBe('/setup-password/[token].data')
    expect(lines.join('\n')).not.toMatch(/Zm9v|c2Vj/)
    expect(loggablePath('/evidence/12/files/3#top')).toBe('/evidence/12/files/3')
    expect(loggablePath('/s/AbC-123_xyz/summary.pdf')).toBe('/s/[token]/summary.pdf')
    expect(loggablePath('/f/AbC-123_xyz')).toBe('/f/[token]')
    expect(loggablePath('/f/AbC-123_xyz.data')).toBe('/f/[token].data')
    expect(loggablePath('/feedback/12')).toBe('/feedback/12')
  })

  it('counts the bytes as sent, compressed', async () => {
    const { logged } = await hit('/big', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(logged[0]!.status).toBe(200)
    expect(logged[0]!.bytes).toBeGreaterThan(0)
    expect(logged[0]!.bytes).toBeLessThan(100_000 / 10)
    const plain = await hit('/big', { headers: { 'Accept-Encoding': 'identity' } })
    expect(plain.logged[0]!.bytes).toBe(100_000)
  })

  it('leaves out health checks and assets unless they fail', async () => {
    expect((await hit('/healthz', {}, 0)).logged).toEqual([])
    expect((await hit('/assets/app-123.js', {}, 0)).logged).toEqual([])
    expect((await hit('/healthz?fail=1')).logged).toMatchObject([{ path: '/healthz', status: 503 }])
    expect((await hit('/assets/missing.js')).logged).toMatchObject([{ path: '/assets/missing.js', status: 404 }])
    expect((await hit('/healthzz')).logged).toMatchObject([{ path: '/healthzz', status: 404 }])
  })
})
