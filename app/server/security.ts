import { randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'

/**
 * Headers every response carries — documents, `.data` responses, files —
 * with a fresh nonce per request for the few inline scripts Remix renders.
 */
// Attached files carry a stricter policy of their own (a sandbox), set by their route.
const FILE_PATH = /^\/evidence\/[^/]+\/files\//

export function securityHeaders({ dev = false } = {}): RequestHandler {
  return (req, res, next) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    if (FILE_PATH.test(req.path)) {
      res.setHeader('Referrer-Policy', 'same-origin')
      res.setHeader('X-Frame-Options', 'DENY')
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
      return next()
    }
    const policy = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // Vite injects styles from script while developing; built CSS is linked.
      dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]
    res.setHeader('Content-Security-Policy', policy.join('; '))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    // same-origin, not no-referrer: with no-referrer, browsers send `Origin: null` on form posts.
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses any request that could change something when the browser says it
 * comes from another site. Browsers send `Sec-Fetch-Site` and `Origin` with
 * every form post and fetch; a request with neither did not come from a
 * page, and so carries no one's ambient cookies by accident.
 */
export const rejectCrossSiteRequests: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const site = req.get('sec-fetch-site')
  const origin = req.get('origin')
  const expected = `${req.protocol}://${req.get('host') ?? ''}`
  if ((site && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== expected)) {
    res.status(403).type('text/plain').send('Cross-site request refused.')
    return
  }
  next()
}
