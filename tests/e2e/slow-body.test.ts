import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpVisitor, signUpTrainee, startApp, type RunningApp } from './harness'
import { scaled } from './timeouts'

let app: RunningApp
beforeAll(async () => {
  app = await startApp({ env: { REQUEST_TIMEOUT_MS: '2000' } })
})
afterAll(async () => {
  if (app) await app.stop()
})

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket))
    socket.once('error', reject)
  })
}

describe('a request body trickled in slowly', () => {
  it('from a signed-out visitor is answered at once, without waiting for the body', async () => {
    const socket = await openSocket(app.baseUrl)
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    const { host } = new URL(app.baseUrl)
    socket.write(
      `POST /evidence/new HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${app.baseUrl}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 10000000\r\n\r\n--x\r\n`,
    )
    await expect.poll(() => answer, { timeout: scaled(1500) }).toMatch(/^HTTP\/1\.1 302/)
    expect(answer).toMatch(/Location: \/login/i)
    socket.destroy()
  })

  it(
    'from a signed-in trainee holds up no one else, and is cut off with a 408 once the request timeout passes',
    async () => {
      const visitor = new HttpVisitor(app.baseUrl)
      await signUpTrainee(visitor, {
        name: 'Slow Uploader',
        email: 'slow.uploader@example.nhs.uk',
        password: 'a slow and patient passphrase',
      })
      const socket = await openSocket(app.baseUrl)
      let answer = ''
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      const { host } = new URL(app.baseUrl)
      socket.write(
        `POST /evidence/new HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${app.baseUrl}\r\nCookie: ${visitor.cookieHeader()}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 10000000\r\n\r\n--x\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4\n`,
      )
      // Others are served while the upload stalls.
      const started = Date.now()
      const health = await fetch(`${app.baseUrl}/healthz`)
      expect(health.status).toBe(200)
      expect(Date.now() - started).toBeLessThan(1500)

      await closed
      expect(answer).toMatch(/^HTTP\/1\.1 408/)
      expect(app.output()).not.toMatch(/\b500\b|Unhandled|uncaught/i)
    },
    scaled(20_000),
  )
})
