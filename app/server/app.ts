import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import type { Db } from '../../db/client'
import { converterStatus } from '~/conversion/availability.server'
import type { Env } from '~/utils/env.server'
import { RenderedPages } from '~/utils/rendered-pages.server'
import { requestLog } from '~/server/logging'
import { remixHandler } from '~/server/remix-handler'
import { precompressedAssets, publicFiles, setPrecompressedHeaders } from '~/server/static'
import { privateByDefault, refuseResourceRouteData, rejectCrossSiteRequests, securityHeaders } from '~/server/security'

export interface Readiness {
  /** True once the database is open and migrated; false again while shutting down. */
  ready: boolean
}

export interface AppOptions {
  db: Db
  env: Env
  readiness: Readiness
  /** The Remix server build, or a function returning it (the dev server reloads it). */
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** Where the browser build lives; absent in development, where Vite serves assets. */
  clientDir?: string
  /** Middleware placed before the app's routes (Vite's, in development). */
  before?: express.RequestHandler[]
  /** Where the request log goes, one JSON line per request, or false for none. Default: standard output, except under NODE_ENV=test. */
  log?: ((line: string) => void) | false
  /** Set in a cluster's worker: every response names the process that answered it (`Attain-Worker`). */
  workerPid?: number
}

export function createApp({
  db,
  env,
  readiness,
  build,
  clientDir,
  before = [],
  log,
  workerPid,
}: AppOptions): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  // First of all: it times the whole request and counts the bytes compression actually sends.
  const writeLog = log ?? (env.nodeEnv === 'test' ? false : undefined)
  if (writeLog !== false) app.use(requestLog(writeLog ? { write: writeLog } : {}))
  if (workerPid !== undefined) {
    const pid = String(workerPid)
    app.use((_req, res, next) => {
      res.setHeader('Attain-Worker', pid)
      next()
    })
  }
  app.use(compression())
  app.use(securityHeaders({ dev: env.nodeEnv === 'development' }))

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (!readiness.ready || !db.$client.open) {
      res.status(503).json({ status: 'unavailable' })
      return
    }
    try {
      db.$client.prepare('SELECT 1').get()
      res.json({
        status: 'ok',
        database: 'ok',
        conversion: converterStatus(env).available ? 'available' : 'unavailable',
      })
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'error' })
    }
  })

  for (const middleware of before) app.use(middleware)

  if (clientDir) {
    // File names under /assets carry a content hash: cache them for a year.
    // Scripts and styles go out as compressed at build time (Brotli or gzip, whichever the browser takes).
    const assets = path.join(clientDir, 'assets')
    app.use('/assets', precompressedAssets(assets))
    app.use(
      '/assets',
      express.static(assets, { immutable: true, maxAge: '1y', index: false, setHeaders: setPrecompressedHeaders }),
    )
    // The few files at the top (the favicon): only their paths reach the disk, not every page's.
    app.use(publicFiles(clientDir, express.static(clientDir, { maxAge: '1h', index: false })))
  }

  // Everything below depends on the session: private and not stored unless a route says otherwise.
  app.use(privateByDefault)
  app.use(rejectCrossSiteRequests)
  app.use(refuseResourceRouteData(build))
  // Not in development, where the code behind a page changes without the build's version changing.
  const renderedPages = new RenderedPages(env.nodeEnv === 'development' ? 0 : env.pageCacheBytes)
  app.all(
    '*',
    remixHandler({
      build,
      getLoadContext: (req, res) => ({
        db,
        env,
        cspNonce: String(res.locals.cspNonce),
        renderedPages,
        clientIp: req.ip ?? '',
        now: () => new Date(),
        onUser: (userId) => {
          res.locals.userId = userId
        },
        onPageKept: () => {
          res.locals.pageKept = true
        },
      }),
    }),
  )
  return app
}
