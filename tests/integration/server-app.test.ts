import type { AddressInfo } from 'node:net'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type Readiness } from '../../app/server/app'
import { readEnv } from '../../app/utils/env.server'
import { createTestDb, type TestDb } from '../support/test-db'

let t: TestDb
let base: string
let close: () => Promise<void>
const readiness: Readiness = { ready: true }

beforeAll(async () => {
  t = createTestDb()
  const app = createApp({
    db: t.db,
    env: readEnv({ NODE_ENV: 'test' }),
    readiness,
    // Only /healthz and the middleware are exercised here; no page is rendered.
    build: () => Promise.reject(new Error('no pages in this test')) as Promise<ServerBuild>,
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => new Promise((resolve) => server.close(() => resolve()))
})
afterAll(async () => {
  await close()
  t.cleanup()
})

describe('/healthz', () => {
  it('answers 200 with a small JSON body when the database is open and migrated', async () => {
    const response = await fetch(`${base}/healthz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'ok',
      conversion: expect.stringMatching(/^(available|unavailable)$/),
    })
  })

  it('reports conversion unavailable when the server has no document converter, and still answers 200', async () => {
    const app = createApp({
      db: t.db,
      env: readEnv({ NODE_ENV: 'test', CONVERT_COMMAND: '/nonexistent/soffice' }),
      readiness,
      build: () => Promise.reject(new Error('no pages in this test')) as Promise<ServerBuild>,
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok', conversion: 'unavailable' })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('answers 503 while not ready (starting or shutting down)', async () => {
    readiness.ready = false
    try {
      const response = await fetch(`${base}/healthz`)
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ status: 'unavailable' })
    } finally {
      readiness.ready = true
    }
  })
})

describe('cross-site requests', () => {
  it('are refused before reaching the app', async () => {
    const response = await fetch(`${base}/login`, { method: 'POST', headers: { Origin: 'https://evil.example' } })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
  })
})
