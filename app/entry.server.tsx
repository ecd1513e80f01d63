import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '~/components/nonce'
import { acceptsGzip, documentTag, ifNoneMatchHas, REVALIDATED_CACHE_CONTROL } from '~/utils/http-cache.server'

export const streamTimeout = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A page that opts in is tagged from its data; a browser that already holds it is answered before rendering,
  // and a page this process has rendered before under the same tag is sent again with this response's nonce.
  const page = documentTag(request, responseStatusCode, responseHeaders, remixContext, loadContext.now())
  if (page?.browserMayKeep) {
    responseHeaders.set('ETag', page.tag)
    responseHeaders.set('Cache-Control', REVALIDATED_CACHE_CONTROL)
    if (ifNoneMatchHas(request.headers.get('If-None-Match'), page.tag))
      return new Response(null, { status: 304, headers: responseHeaders })
  }
  const pages = page ? loadContext.renderedPages : undefined
  if (page && pages) {
    // The same page being rendered for another request right now (a burst of reloads): wait for that one.
    const inFlight = pages.inFlight(page.tag)
    if (inFlight) await inFlight
    const gzip = acceptsGzip(request.headers.get('Accept-Encoding'))
    const kept = pages.get(page.tag, loadContext.cspNonce, gzip ? 'gzip' : 'identity')
    if (kept) {
      loadContext.onPageKept?.()
      // Kept compressed: the server's compression leaves an encoded body as it is.
      if (gzip) responseHeaders.set('Content-Encoding', 'gzip')
      responseHeaders.append('Vary', 'Accept-Encoding')
      return htmlResponse(kept, responseHeaders, responseStatusCode)
    }
  }
  // The whole document is rendered before anything is sent, and goes out as one body. No page streams deferred
  // data, so streaming would only split the same bytes into React's 2 KB writes, each passed through a web stream
  // and the compressor separately: measured, that cost more than rendering the page (README, Performance).
  const rendered = new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = []
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={loadContext.cspNonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={loadContext.cspNonce} />
      </NonceProvider>,
      {
        nonce: loadContext.cspNonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          const document = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk)
              callback()
            },
            final(callback) {
              const body = Buffer.concat(chunks)
              // Kept only if rendering went as the tag promised: an error while rendering turned it into a 500.
              if (page && responseStatusCode === 200)
                loadContext.renderedPages?.set(page.tag, body, loadContext.cspNonce)
              resolve(htmlResponse(body, responseHeaders, responseStatusCode))
              callback()
            },
          })
          pipe(document)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // An error in the shell is the caller's to report (onShellError); any later one is logged here.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
  if (page) pages?.track(page.tag, rendered)
  return rendered
}

function htmlResponse(body: Buffer<ArrayBuffer>, headers: Headers, status: number): Response {
  headers.set('Content-Type', 'text/html; charset=utf-8')
  headers.set('Content-Length', String(body.byteLength))
  return new Response(body, { headers, status })
}
