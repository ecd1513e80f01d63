import http from 'node:http'
import net from 'node:net'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root, type RunningApp, startApp, TIMEOUTS } from './harness'

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A GET with node:http, which leaves the body exactly as sent (no automatic decompression). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      )
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

/** Opens a TCP connection; resolves with the socket, or rejects with the error (e.g. ECONNREFUSED). */
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the production server', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp()
  })

  afterAll(async () => {
    if (!app) return
    const code = await app.stop()
    expect(code, app.output()).toBe(0)
    expect(app.output()).toContain('Stopped cleanly')
  })

  it('reports its health at /healthz', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' })
  })

  it('serves hashed assets with a year-long immutable cache', async () => {
    const html = await (await fetch(`${app.baseUrl}/`)).text()
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!)
    const stylesheet = assets.find((asset) => asset.endsWith('.css'))
    const script = assets.find((asset) => asset.endsWith('.js'))
    expect(stylesheet, 'a stylesheet under /assets/ linked from /').toBeDefined()
    expect(script, 'a script under /assets/ referenced from /').toBeDefined()

    for (const asset of [stylesheet!, script!]) {
      const response = await fetch(`${app.baseUrl}${asset}`)
      expect(response.status, asset).toBe(200)
      const cacheControl = response.headers.get('cache-control') ?? ''
      expect(cacheControl, asset).toContain('immutable')
      expect(cacheControl, asset).toContain('max-age=31536000')
      await response.body?.cancel()
    }
  })

  it('sends scripts and styles compressed at build time, as the browser accepts them', async () => {
    const html = await (await fetch(`${app.baseUrl}/`)).text()
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!)
    const script = assets.find((asset) => asset.endsWith('.js'))!
    const plain = await rawGet(`${app.baseUrl}${script}`, { 'Accept-Encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['content-type']).toMatch(/javascript/)

    const br = await rawGet(`${app.baseUrl}${script}`, { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers.vary).toMatch(/Accept-Encoding/i)
    expect(br.headers['cache-control']).toContain('immutable')
    // The build's copy at Brotli's highest level, not the same bytes compressed again on the way out.
    expect(br.body.equals(readFileSync(path.join(root, 'build/client', `${script}.br`)))).toBe(true)
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true)

    const gz = await rawGet(`${app.baseUrl}${script}`, { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true)
  })

  it('does not cache pages as if they were assets', async () => {
    const response = await fetch(`${app.baseUrl}/framework`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control') ?? '').not.toContain('immutable')
    await response.body?.cancel()
  })

  it('compresses responses for clients that accept gzip', async () => {
    const gzipped = await rawGet(`${app.baseUrl}/framework`, { 'Accept-Encoding': 'gzip' })
    expect(gzipped.status).toBe(200)
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    const html = gunzipSync(gzipped.body).toString('utf8')
    expect(html).toContain('The competence framework')

    const plain = await rawGet(`${app.baseUrl}/framework`, { 'Accept-Encoding': 'identity' })
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(gzipped.body.length)
  })

  it('sends a page whole, as one body of known length, rather than streamed in pieces', async () => {
    const plain = await rawGet(`${app.baseUrl}/framework`, { 'Accept-Encoding': 'identity' })
    expect(plain.status).toBe(200)
    expect(plain.headers['transfer-encoding']).toBeUndefined()
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length)
    // Everything, down to the script that closes the page's data stream.
    expect(plain.body.toString('utf8')).toContain('streamController.close()')
  })
})

/** One process (WEB_CONCURRENCY=1), and a primary with two workers: SIGTERM to the primary stops them all. */
describe.each(['1', '2'])('graceful shutdown, WEB_CONCURRENCY=%s', (workers) => {
  const env = { SHUTDOWN_TIMEOUT_MS: '30000', WEB_CONCURRENCY: workers }

  it('finishes a request in flight at SIGTERM, refuses new connections, and exits 0', async () => {
    // A long force-close timeout, so only a graceful close can end the request in time.
    const app = await startApp({ env })
    try {
      const socket = await connect(app.port)
      const received: Buffer[] = []
      socket.on('data', (chunk: Buffer) => received.push(chunk))
      const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      let serverExitedFirst = false
      void app.exited.then(() => {
        serverExitedFirst = received.length === 0
      })

      // Everything but the blank line that ends the headers: the request is in flight.
      socket.write(`GET /framework HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nAccept: text/html\r\n`)
      await delay(200)

      const stopping = app.stop('SIGTERM')
      // Soon no new connection is accepted (with workers, once each has the signal from the primary).
      await expect
        .poll(
          () =>
            connect(app.port).then(
              (socket) => {
                socket.destroy()
                return 'accepted'
              },
              (error: NodeJS.ErrnoException) => error.code,
            ),
          { timeout: TIMEOUTS.poll },
        )
        .toBe('ECONNREFUSED')
      expect(app.process.exitCode, 'the server must wait for the request in flight').toBeNull()

      socket.write('\r\n')
      await socketClosed
      const response = Buffer.concat(received).toString('utf8')
      expect(response.split('\r\n')[0], app.output()).toBe('HTTP/1.1 200 OK')
      expect(response).toMatch(/content-type: text\/html/i)
      expect(serverExitedFirst).toBe(false)

      expect(await stopping, app.output()).toBe(0)
      expect(app.output()).toContain('SIGTERM received')
      expect(app.output().match(/Stopped cleanly/g), 'said once, at the end').toHaveLength(1)
      expect(app.output().trimEnd()).toMatch(/Stopped cleanly$/)
    } finally {
      await app.stop('SIGKILL')
    }
  })

  it('treats a repeated SIGTERM (npm and tsx both relay it) as the same shutdown, still exiting cleanly', async () => {
    const app = await startApp({ env })
    try {
      const socket = await connect(app.port)
      socket.on('data', () => {})
      const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      // A request in flight keeps the shutdown open while the second signal arrives.
      socket.write(`GET /framework HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nAccept: text/html\r\n`)
      await delay(200)
      app.process.kill('SIGTERM')
      await delay(200)
      const stopping = app.stop('SIGTERM')
      await delay(200)
      expect(app.process.exitCode, 'the second signal must not kill the server').toBeNull()
      expect(app.process.signalCode).toBeNull()
      socket.write('\r\n')
      await socketClosed
      expect(await stopping, app.output()).toBe(0)
      expect(app.output()).toContain('Stopped cleanly')
    } finally {
      await app.stop('SIGKILL')
    }
  })

  it('does not wait for idle keep-alive connections', async () => {
    const app = await startApp({ env })
    const agent = new http.Agent({ keepAlive: true })
    try {
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get(`${app.baseUrl}/healthz`, { agent }, (response) => {
            response.resume()
            response.on('end', () => resolve(response.statusCode ?? 0))
          })
          .on('error', reject)
      })
      expect(status).toBe(200)

      const started = Date.now()
      expect(await app.stop('SIGTERM'), app.output()).toBe(0)
      expect(Date.now() - started).toBeLessThan(5000)
      expect(app.output()).toContain('Stopped cleanly')
    } finally {
      agent.destroy()
      await app.stop('SIGKILL')
    }
  })
})
