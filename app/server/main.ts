import cluster, { type Worker } from 'node:cluster'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { closeDatabase, openDatabase, type Db } from '../../db/client'
import { projectRoot } from '../../db/project-root'
import { readEnv, type Env } from '~/utils/env.server'
import type { Readiness } from '~/server/app'

/** Set by the primary in each worker's environment: which worker it is (1, 2, …). */
const WORKER_VARIABLE = 'ATTAIN_WORKER'

/**
 * Starts Attain. With `WEB_CONCURRENCY` above 1 (the default is one per CPU) this process becomes the cluster's
 * primary: it migrates the database, runs the background jobs and keeps that many workers answering requests on
 * one port. With 1, or in development, this one process does everything.
 */
export async function startServer({ dev = false } = {}): Promise<{ stop: (signal: string) => Promise<void> }> {
  const env = readEnv()
  if (cluster.isWorker) return startHttp(env, { dev: false, worker: Number(process.env[WORKER_VARIABLE] ?? 0) })
  if (!dev && env.webConcurrency > 1) return startPrimary(env)
  return startHttp(env, { dev, worker: 0 })
}

/** Opens, migrates and seeds the database (and the demo when asked): done once, before anything serves. */
async function prepare(env: Env): Promise<Db> {
  // Loaded only here: workers never migrate, and the demo's content is a second's work to load, for a flag.
  const { prepareDatabase } = await import('../../db/setup')
  const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs, dataDir: env.dataDir })
  if (env.demo) {
    const { formatDemoLogins, seedDemo } = await import('../../db/scripts/demo')
    console.log(formatDemoLogins(await seedDemo(db, { dataDir: env.dataDir })))
  }
  return db
}

const DATABASE_QUESTION = 'attain:database-prepared?'
const DATABASE_ANSWER = 'attain:database-prepared'

/** In a worker: resolves once the primary has migrated the database (the worker asks, so no answer is missed). */
function databasePrepared(): Promise<void> {
  return new Promise((resolve) => {
    const listen = (message: unknown) => {
      if (message !== DATABASE_ANSWER) return
      process.off('message', listen)
      resolve()
    }
    process.on('message', listen)
    process.send?.(DATABASE_QUESTION)
  })
}

/** Runs `stop` on SIGTERM and SIGINT, then exits 0; `on`, not `once` (see below). */
function onStopSignals(stop: (signal: string) => Promise<void>) {
  // Under `npm start` the signal reaches this process twice (from the process group and relayed by tsx), and a
  // second signal with no listener would kill it mid-shutdown. Repeats join the same shutdown.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void stop(signal).then(() => process.exit(0)))
  }
}

/**
 * The HTTP server: the whole app when `worker` is 0, else one worker of the cluster (no migrations, no background
 * jobs: the primary has them), which names itself in an `Attain-Worker` header (its process id).
 */
async function startHttp(env: Env, { dev, worker }: { dev: boolean; worker: number }) {
  const readiness: Readiness = { ready: false }
  const serving: { server?: Server } = {}
  let db: Db | undefined
  let stopJobs = async () => {}
  let stopping: Promise<void> | undefined
  // Registered first: a signal may come as soon as the server listens, or before.
  const stop = (signal: string) => {
    stopping ??= (async () => {
      if (!worker) console.log(`${signal} received: finishing in-flight requests`)
      readiness.ready = false
      const jobsStopped = stopJobs()
      const listening = serving.server
      if (listening?.listening) {
        const closed = new Promise<void>((resolve) => listening.close(() => resolve()))
        // Keep-alive connections sit idle between requests; close them as they free up.
        const sweep = setInterval(() => listening.closeIdleConnections(), 50)
        const force = setTimeout(() => listening.closeAllConnections(), env.shutdownTimeoutMs)
        listening.closeIdleConnections()
        await closed
        clearInterval(sweep)
        clearTimeout(force)
      }
      await jobsStopped
      await (await import('~/submission/render-pool.server')).stopRenderWorker()
      if (db) closeDatabase(db)
      console.log(worker ? JSON.stringify({ event: 'worker_stopped', worker, pid: process.pid }) : 'Stopped cleanly')
    })()
    return stopping
  }
  onStopSignals(stop)
  // Imported here, not at the top: the cluster's primary never serves, and loads only what it runs.
  const [{ createApp }, { warmRenderWorker }] = await Promise.all([
    import('~/server/app'),
    import('~/submission/render-pool.server'),
  ])
  let app
  if (dev) {
    db = await prepare(env)
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
    // A worker loads the build while the primary migrates the database, then opens it.
    const loading = import(pathToFileURL(path.join(projectRoot, 'build/server/index.js')).href) as Promise<ServerBuild>
    if (worker) {
      await databasePrepared()
      db = openDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs })
    } else {
      db = await prepare(env)
    }
    const build = await loading
    app = createApp({
      db,
      env,
      readiness,
      build,
      clientDir: path.join(projectRoot, 'build/client'),
      workerPid: worker ? process.pid : undefined,
    })
  }

  readiness.ready = true

  // A client that sends its request slowly (or stalls mid-upload) is answered 408 and let go.
  const server = createServer(
    {
      requestTimeout: env.requestTimeoutMs,
      headersTimeout: Math.min(60_000, env.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(env.requestTimeoutMs / 4))),
    },
    app,
  )
  serving.server = server
  if (stopping) return { stop }
  await new Promise<void>((resolve) => server.listen(env.port, env.host, () => resolve()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.port
  if (!worker) console.log(`Attain listening on http://localhost:${port} (database ${env.databasePath})`)
  // The PDF renderer loads in its own thread once the server answers, not on the way to the first answer (it
  // competes for the CPU) nor when the first PDF is asked for.
  setImmediate(warmRenderWorker)

  if (!worker) {
    const { startBackgroundJobs } = await import('~/server/background-jobs')
    if (!stopping) stopJobs = startBackgroundJobs(db, env)
  }
  return { stop }
}

/**
 * The cluster's primary: prepares the database, forks the workers (again when one dies), runs the background jobs,
 * and on SIGTERM stops the workers gracefully, then the jobs, then itself.
 */
async function startPrimary(env: Env) {
  // Workers start loading at once; each opens the database when the primary has prepared it.
  const prepared = prepare(env)
  const opened: { db?: Db } = {}
  let stopJobs = async () => {}
  const count = env.webConcurrency
  let stopping: Promise<void> | undefined
  const workers = new Map<number, Worker>()

  // Registered before the first worker listens: a signal may come as soon as one answers /healthz.
  const stop = (signal: string) => {
    stopping ??= (async () => {
      console.log(`${signal} received: finishing in-flight requests`)
      const exits = [...workers.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.process.exitCode !== null || worker.process.signalCode !== null) return resolve()
            worker.once('exit', () => resolve())
            // Each worker stops as a single server does: no new connections, in-flight requests finish.
            worker.process.kill('SIGTERM')
          }),
      )
      const jobsStopped = stopJobs()
      await Promise.all(exits)
      await jobsStopped
      if (opened.db) closeDatabase(opened.db)
      console.log('Stopped cleanly')
    })()
    return stopping
  }
  onStopSignals(stop)

  cluster.setupPrimary({ exec: import.meta.filename, args: [] })
  const fork = (number: number) => {
    const startedAt = Date.now()
    const worker = cluster.fork({ [WORKER_VARIABLE]: String(number) })
    workers.set(number, worker)
    worker.on('message', (message: unknown) => {
      if (message === DATABASE_QUESTION) void prepared.then(() => worker.send(DATABASE_ANSWER))
    })
    worker.once('exit', (code, signal) => {
      if (stopping) return
      // A worker that dies at once (a bad build, a port in use) is not restarted in a tight loop.
      const wait = Date.now() - startedAt < 5_000 ? 1_000 : 0
      console.log(
        JSON.stringify({
          event: 'worker_exit',
          worker: number,
          pid: worker.process.pid,
          code,
          signal,
          restartInMs: wait,
        }),
      )
      setTimeout(() => {
        if (!stopping) void fork(number).catch(() => undefined)
      }, wait).unref()
    })
    return new Promise<number>((resolve, reject) => {
      worker.once('listening', (address) => resolve(address.port))
      worker.once('exit', (code) => reject(new Error(`Worker ${number} exited (code ${code}) before it listened`)))
    })
  }
  const listening = Promise.allSettled(Array.from({ length: count }, (_, i) => fork(i + 1)))
  const db = await prepared.catch((error: unknown) => {
    stopping = Promise.resolve()
    for (const worker of workers.values()) worker.process.kill('SIGKILL')
    throw error
  })
  opened.db = db
  const ports = await listening
  const port = ports.find((p) => p.status === 'fulfilled')?.value
  if (!stopping) {
    const failed = ports.find((p) => p.status === 'rejected')
    if (port === undefined && failed) {
      // No worker could listen (the port is taken, the build is missing): stop rather than retry for ever.
      await stop('start-up failure')
      throw failed.reason
    }
    // The jobs start once the workers answer: the conversion process they start takes a second or so to load,
    // which would otherwise compete with the workers' own start for the CPU.
    const { startBackgroundJobs } = await import('~/server/background-jobs')
    if (!stopping) stopJobs = startBackgroundJobs(db, env)
    console.log(`Attain listening on http://localhost:${port} (database ${env.databasePath}; ${count} workers)`)
  }
  return { stop }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const dev = process.argv.includes('--dev')
  // Set before the app is loaded: React and Remix choose their production builds when first imported.
  if (!dev) process.env.NODE_ENV ??= 'production'
  startServer({ dev }).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
