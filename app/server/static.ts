import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { RequestHandler } from 'express'

/** Assets worth compressing ahead of time (images and fonts in the build are compressed already). */
export const COMPRESSIBLE = /\.(?:js|mjs|css|json|svg|txt|map)$/

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/**
 * Sends `name.br` or `name.gz` from `dir` (made at build time by app/server/precompress.ts) in place of `name` to
 * a client that accepts it, by rewriting the URL for the static handler that follows; `setPrecompressedHeaders`,
 * given to that handler, labels the file as what it encodes. Anything else passes through untouched.
 */
export function precompressedAssets(dir: string): RequestHandler {
  const available = new Set(existsSync(dir) ? readdirSync(dir) : [])
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    const name = req.path.slice(1)
    if (!COMPRESSIBLE.test(name) || name.includes('/')) return next()
    const accepted = String(req.headers['accept-encoding'] ?? '')
    res.setHeader('Vary', 'Accept-Encoding')
    const encoding =
      /\bbr\b/.test(accepted) && available.has(`${name}.br`)
        ? 'br'
        : /\bgzip\b/.test(accepted) && available.has(`${name}.gz`)
          ? 'gz'
          : null
    if (encoding) req.url = `/${name}.${encoding}${req.url.slice(req.path.length)}`
    next()
  }
}

/** For the static handler: a `.br`/`.gz` file goes out with the type of the file it encodes, and says how. */
export function setPrecompressedHeaders(res: { setHeader(name: string, value: string): unknown }, file: string) {
  const encoding = file.endsWith('.br') ? 'br' : file.endsWith('.gz') ? 'gzip' : null
  if (!encoding) return
  const original = file.slice(0, file.lastIndexOf('.'))
  res.setHeader('Content-Encoding', encoding)
  res.setHeader('Content-Type', TYPES[path.extname(original)] ?? 'application/octet-stream')
}

/**
 * Hands to `serve` (a static handler) only requests for a file at the top of `dir` (listed once, at start), and
 * passes every other request on: without this, every page costs a failed `stat` of a file that isn't there.
 * Folders have handlers of their own (`/assets`).
 */
export function publicFiles(dir: string, serve: RequestHandler): RequestHandler {
  const files = new Set(
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => `/${entry.name}`)
      : [],
  )
  return (req, res, next) => (files.has(req.path) ? serve(req, res, next) : next())
}
