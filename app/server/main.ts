import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { closeDatabase } from '../../db/client'
import { formatDemoLogins, seedDemo } from '../../db/demo'
import { prepareDatabase } from '../../db/setup'
import { readEnv } from '~/utils/env.server'
import { sweepFiles } from '~/models/files.server'
import { startMailDelivery } from '~/notifications/mailer.server'
import { startDigestSchedule } from '~/notifications/digest-schedule.server'
import { startConversionProcess } from '~/conversion/supervisor.server'
import { stopRenderWorker, warmRenderWorker } from '~/submission/render-pool.server'
import { createApp, type Readiness } from '~/server/app'

const root = path.resolve(import.meta.dirname, '../..')

export async function startServer({ dev = false } = {}) {
  const env = readEnv()
  // The PDF renderer loads in its own thread while the database is prepared, not when the first PDF is asked for.
  warmRenderWorker()
  const readiness: Readiness = { ready: false }
  const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs, dataDir: env.dataDir })
  if (env.demo) console.log(formatDemoLogins(await seedDemo(db, { dataDir: env.dataDir })))
  readiness.ready = true

  let app
  if (dev) {
    const vite = await import('vite')
    const viteServer = await vite.createServer({ server: { middlewareMode: true } })
    app = createApp({
      db,
      env,
      readiness,
      before: [viteServer.middlewares],
      build: () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
    })
  } else {
    const build = (await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as ServerBuild
    app = createApp({ db, env, readiness, build, clientDir: path.join(root, 'build/client') })
  }

  // A client that sends its request slowly (or stalls mid-upload) is answered 408 and let go.
  const server: Server = createServer(
    {
      requestTimeout: env.requestTimeoutMs,
      headersTimeout: Math.min(60_000, env.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(env.requestTimeoutMs / 4))),
    },
    app,
  )
  await new Promise<void>((resolve) => server.listen(env.port, env.host, () => resolve()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.port
  console.log(`Attain listening on http://localhost:${port} (database ${env.databasePath})`)

  // Stored files no attachment uses (a form that failed after its files were stored) go after a day.
  const sweep = () =>
    sweepFiles(db, env.dataDir)
      .then((report) => console.log(JSON.stringify({ event: 'file_sweep', ...report, missing: report.missing.length })))
      .catch((error: unknown) => console.error('File sweep failed', error))
  void sweep()
  const sweepTimer = setInterval(() => void sweep(), 6 * 3_600_000)
  sweepTimer.unref()
  // E-mails queued in the outbox go every 30 seconds when SMTP_URL is set; without it they wait there for an admin.
  const stopMail = startMailDelivery(db, env)
  // The weekly digest goes once a week, from Monday 07:00 UTC; whether it has gone is kept in the database.
  const stopDigest = startDigestSchedule(db, env)
  const stopConversion = startConversionProcess(env)

  let stopping: Promise<void> | undefined
  const stop = (signal: string) => {
    stopping ??= (async () => {
      console.log(`${signal} received: finishing in-flight requests`)
      readiness.ready = false
      clearInterval(sweepTimer)
      stopDigest()
      const mailStopped = stopMail()
      const conversionStopped = stopConversion()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Keep-alive connections sit idle between requests; close them as they free up.
      const sweep = setInterval(() => server.closeIdleConnections(), 50)
      const force = setTimeout(() => server.closeAllConnections(), env.shutdownTimeoutMs)
      server.closeIdleConnections()
      await closed
      clearInterval(sweep)
      clearTimeout(force)
      await mailStopped
      await conversionStopped
      await stopRenderWorker()
      closeDatabase(db)
      console.log('Stopped cleanly')
    })()
    return stopping
  }
  // `on`, not `once`: under `npm start` the signal reaches this process twice (from the process group and relayed
  // by tsx), and a second signal with no listener would kill it mid-shutdown. Repeats join the same shutdown.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void stop(signal).then(() => process.exit(0)))
  }
  return { server, port, db, stop }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  startServer({ dev: process.argv.includes('--dev') }).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
