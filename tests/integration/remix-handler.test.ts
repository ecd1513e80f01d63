import type { AddressInfo } from 'node:net'
import { request as httpRequest } from 'node:http'
import { brotliDecompressSync } from 'node:zlib'
import compression from 'compression'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { remixRequest, sendResponse } from '../../app/server/remix-handler'

/** Answers with the Fetch Response each path makes, through compression, as the app serves. */
let base: string
let close: () => Promise<void>
let releaseStream: () => void = () => {}
let lastRequest: { url: string; method: string; cookie: string | null; body: string; aborted: Promise<void> } | null

beforeAll(async () => {
  const app = express()
  app.set('trust proxy', 'loopback')
  app.use(compression())
  app.all('*', async (req, res) => {
    const request = remixRequest(req, res)
    const aborted = new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve()))
    lastRequest = {
      url: request.url,
      method: request.method,
      cookie: request.headers.get('cookie'),
      body: request.method === 'POST' ? await request.text() : '',
      aborted,
    }
    if (req.path === '/small')
      return sendResponse(res, new Response('ok', { headers: { 'Content-Type': 'text/plain' } }))
    if (req.path === '/large')
      return sendResponse(res, new Response('evidence '.repeat(1000), { headers: { 'Content-Type': 'text/plain' } }))
    if (req.path === '/empty') return sendResponse(res, new Response(null, { status: 204 }))
    if (req.path === '/cookies') {
      const headers = new Headers({ 'Content-Type': 'text/plain' })
      headers.append('Set-Cookie', 'a=1; Path=/')
      headers.append('Set-Cookie', 'b=2; Path=/')
      return sendResponse(res, new Response('set', { status: 201, headers }))
    }
    if (req.path === '/stream') {
      const released = new Promise<void>((resolve) => (releaseStream = resolve))
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first '))
          await released
          controller.enqueue(new TextEncoder().encode('second'))
          controller.close()
        },
      })
      return sendResponse(res, new Response(body, { headers: { 'Content-Type': 'text/plain' } }))
    }
    if (req.path === '/slow') {
      await lastRequest.aborted
      return
    }
    res.status(404).end()
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => new Promise((resolve) => server.close(() => resolve()))
})
afterAll(() => close())

describe('sending a Fetch Response through Express', () => {
  it('sends a small body whole, with its length and uncompressed, even to a client that takes Brotli', async () => {
    const response = await fetch(`${base}/small`, { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(response.headers.get('content-length')).toBe('2')
    expect(await response.text()).toBe('ok')
  })

  it('compresses a whole body over 1 KB', async () => {
    const response = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      httpRequest(`${base}/large`, { headers: { 'Accept-Encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      })
        .on('error', reject)
        .end()
    })
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.body.length).toBeLessThan(1000)
    expect(brotliDecompressSync(response.body).toString()).toBe('evidence '.repeat(1000))
  })

  it('sends a streamed body as it comes: the first chunk arrives before the stream ends', async () => {
    const response = await fetch(`${base}/stream`, { headers: { 'Accept-Encoding': 'gzip' } })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!text.includes('first')) text += decoder.decode((await reader.read()).value, { stream: true })
    expect(text).toBe('first ')
    releaseStream()
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value, { stream: true })
    expect(text).toBe('first second')
  })

  it('keeps the status and every header, repeated ones too, and sends no body when there is none', async () => {
    const response = await fetch(`${base}/cookies`)
    expect(response.status).toBe(201)
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(await response.text()).toBe('set')
    const empty = await fetch(`${base}/empty`)
    expect(empty.status).toBe(204)
    expect(await empty.text()).toBe('')
  })
})

describe('the Fetch Request Remix reads', () => {
  it('has the full address, the headers and the body', async () => {
    await fetch(`${base}/small?q=1`, { method: 'POST', body: 'title=Linac', headers: { Cookie: 'attain_session=abc' } })
    expect(lastRequest).toMatchObject({
      url: `${base}/small?q=1`,
      method: 'POST',
      cookie: 'attain_session=abc',
      body: 'title=Linac',
    })
  })

  it('takes the host and port a proxy on this machine names', async () => {
    await fetch(`${base}/small`, {
      headers: { 'X-Forwarded-Host': 'attain.example:8443', 'X-Forwarded-Proto': 'https' },
    })
    expect(lastRequest?.url).toBe('https://attain.example:8443/small')
  })

  it('is aborted when the client goes before the answer', async () => {
    const client = new AbortController()
    const gone = fetch(`${base}/slow`, { signal: client.signal }).catch(() => 'gone')
    await expect.poll(() => lastRequest?.url).toBe(`${base}/slow`)
    client.abort()
    expect(await gone).toBe('gone')
    await lastRequest!.aborted
  })
})
