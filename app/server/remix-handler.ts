import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { createReadableStreamFromReadable, createRequestHandler } from '@remix-run/node'
import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from 'express'

/**
 * Serves Remix from Express: the adapter `@remix-run/express` provides, with one difference in how a response
 * goes out. A body that arrives whole (a loader's `new Response('ok')`, a kept page, a small JSON answer) is
 * sent with `end(body)`, so Node gives it a `Content-Length` and the compression middleware can see its size
 * (it leaves bodies under 1 KB alone: compressing two bytes costs more than sending them). A body that streams
 * is written chunk by chunk, each flushed as it comes, as before.
 */
export function remixHandler({
  build,
  mode = process.env.NODE_ENV,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode?: string
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
}): RequestHandler {
  const handleRequest = createRequestHandler(build, mode)
  return async (req, res, next) => {
    try {
      const response = await handleRequest(remixRequest(req, res), getLoadContext(req, res))
      await sendResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}

/** The Fetch `Request` Remix reads, made from Node's: the same address, headers and body, aborted if the client goes. */
export function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname honours `trust proxy` but drops the port, which X-Forwarded-Host or Host still carries.
  const port = portOf(req.get('X-Forwarded-Host')) ?? portOf(req.get('host'))
  const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`
  // Node's parsed headers, as the adapter takes them: repeats already joined the way each header joins.
  const headers: [string, string][] = []
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.push([key, value])
    else if (value) for (const each of value) headers.push([key, each])
  }
  let controller: AbortController | null = new AbortController()
  // `finish`: the whole response went out; `close` without it: the client left, so loaders may stop.
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(url, init)
}

function portOf(host: string | undefined): number | undefined {
  const port = Number.parseInt(host?.split(':')[1] ?? '', 10)
  return Number.isSafeInteger(port) ? port : undefined
}

/** Writes a Fetch `Response` to Node's: status, every header (repeated ones too), then the body. */
export async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (!response.body) {
    res.end()
    return
  }
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
  const reader = response.body.getReader()
  // Each chunk is flushed as it comes (compression would hold bytes back); `flush` is what compression adds.
  const flushable = res as ExpressResponse & { flush?: () => void }
  try {
    const first = await reader.read()
    if (first.done) {
      res.end()
      return
    }
    // Whole, if the stream ends at once: a body in memory ends within the same turn, one still being made doesn't.
    let pending = reader.read()
    const ended = await Promise.race([pending, new Promise<null>((resolve) => setImmediate(resolve, null))])
    if (ended?.done) {
      // Said here: compression sends the headers before Node could count the body. It drops this if it compresses.
      if (!res.hasHeader('Content-Length')) res.setHeader('Content-Length', first.value.byteLength)
      res.end(first.value)
      return
    }
    res.write(first.value)
    flushable.flush?.()
    for (let chunk = await pending; !chunk.done; chunk = await pending) {
      res.write(chunk.value)
      flushable.flush?.()
      pending = reader.read()
    }
    res.end()
  } catch (error) {
    res.destroy(error as Error)
    throw error
  }
}
