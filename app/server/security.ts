import { randomBytes } from 'node:crypto'
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'
import type { RequestHandler } from 'express'

/**
 * Headers every response carries — documents, `.data` responses, files —
 * with a fresh nonce per request for the few inline scripts Remix renders.
 */
// Attached files carry a stricter policy of their own (a sandbox), set by their route.
// Only the file itself: its `.data` URL is no file (see `refuseResourceRouteData`).
export const FILE_PATH = /^\/evidence\/[^/]+\/files\/\d+$/

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
    // A 304 has no body: the browser shows the page it holds, whose inline scripts carry the nonce of the
    // response it came with. A 304's headers replace the stored ones, so it must not bring a policy with
    // another nonce; without one, the stored policy (matching the stored page) stays.
    const writeHead = res.writeHead
    res.writeHead = function (this: typeof res, ...args: unknown[]) {
      if ((typeof args[0] === 'number' ? args[0] : this.statusCode) === 304)
        this.removeHeader('Content-Security-Policy')
      return (writeHead as (...a: unknown[]) => typeof res).apply(this, args)
    } as typeof res.writeHead
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
 * Refuses any request that could change something unless it proves it comes
 * from this site's own pages: an `Origin` equal to this site's, or, without
 * `Origin`, `Sec-Fetch-Site: same-origin`. Every current browser sends `Origin`
 * with a form post or fetch, and `Sec-Fetch-Site` too; a request with neither
 * (an old browser, a `Referer` alone) is refused rather than trusted. A
 * non-browser client sends `Origin` with the site's own address, as the
 * benchmarks and tests do. (Why no CSRF token: see the README's Security section.)
 */
export const rejectCrossSiteRequests: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const site = req.get('sec-fetch-site')
  const origin = req.get('origin')
  const expected = `${req.protocol}://${req.get('host') ?? ''}`
  const siteSaysSame = site === undefined || site === 'same-origin'
  const proven = origin !== undefined ? origin === expected && siteSaysSame : site === 'same-origin'
  if (!proven) {
    res.status(403).type('text/plain').send('Cross-site request refused.')
    return
  }
  next()
}

/**
 * Every answer from the app is private and not stored by default: nearly
 * every page depends on who is signed in (the header names them). A route
 * that sets its own `Cache-Control` keeps it; static files set theirs before
 * this runs (hashed assets: a year).
 */
export const privateByDefault: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead
  res.writeHead = function (this: typeof res, ...args: unknown[]) {
    if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'private, no-store')
    return (writeHead as (...a: unknown[]) => typeof res).apply(this, args)
  } as typeof res.writeHead
  next()
}

type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children: RouteNode[] }
const routeTrees = new WeakMap<ServerBuild, RouteNode[]>()

function routeTree(build: ServerBuild): RouteNode[] {
  let tree = routeTrees.get(build)
  if (!tree) {
    const nodes = new Map<string, RouteNode>()
    for (const route of Object.values(build.routes)) {
      if (route)
        nodes.set(route.id, {
          id: route.id,
          path: route.path,
          index: route.index,
          caseSensitive: route.caseSensitive,
          children: [],
        })
    }
    tree = []
    for (const route of Object.values(build.routes)) {
      if (!route) continue
      const node = nodes.get(route.id)!
      const parent = route.parentId ? nodes.get(route.parentId) : undefined
      ;(parent ? parent.children : tree).push(node)
    }
    routeTrees.set(build, tree)
  }
  return tree
}

/**
 * A `.data` URL of a resource route (a file: a PDF, a zip, an attachment, a
 * CSV, JSON) answers 404 to a GET. Single fetch would otherwise run the route's loader
 * and wrap its bytes, dropping `Content-Disposition`, `nosniff`, the sandbox
 * policy and `no-store`. Resource routes are found as Remix finds them: the
 * deepest matching route has no component and no error boundary.
 */
export function refuseResourceRouteData(build: ServerBuild | (() => Promise<ServerBuild>)): RequestHandler {
  return (req, res, next) => {
    // Reads only: a form posted to a resource route's action (signing out) goes through `.data` with JavaScript on.
    if (!SAFE_METHODS.has(req.method) || !req.path.endsWith('.data')) return next()
    const pathname = req.path.replace(/\.data$/, '').replace(/^\/_root$/, '/')
    Promise.resolve(typeof build === 'function' ? build() : build).then((current) => {
      const matches = matchRoutes(routeTree(current) as Parameters<typeof matchRoutes>[0], pathname)
      const deepest = matches?.at(-1)?.route.id
      const module = deepest ? current.routes[deepest]?.module : undefined
      if (module && module.default == null && module.ErrorBoundary == null) {
        res.status(404).type('text/plain').send('Not found')
        return
      }
      next()
    }, next)
  }
}
