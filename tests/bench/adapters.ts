/**
 * `npm run bench:adapters -- [--duration 4] [--rounds 2] [--connections 10] [--skip-build]`
 *
 * How much of a request's cost is the platform, the adapter, the app's middleware and Remix itself: `/ping` (a
 * route that does nothing) through four servers, each in a process of its own, measured in turns in one run:
 *
 * - bare `node:http` answering "ok";
 * - Remix's request handler alone behind a fetch-native adapter (`@remix-run/node-fetch-server`), no middleware;
 * - Remix's request handler alone behind Express (`@remix-run/express`), no middleware;
 * - the app as it serves (Express, request log, compression, security headers, static files, the session guard).
 *
 * Each round measures every server once; the table gives each server's median over the rounds and its share of
 * bare node:http. Exits 0 with the table; 1 on an error or a non-2xx answer.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { intOption, root, UsageError } from './lib'
import { allGood, ensureBuild, load, textTable } from './measure'
import { freePort, startServer } from './server'

const USAGE = `Usage: npm run bench:adapters -- [--duration 4] [--rounds 2] [--connections 10] [--skip-build]

  --duration     seconds per server per round (default 4)
  --rounds       rounds; each measures every server once (default 2)
  --connections  concurrent connections (default 10)
  --skip-build   use build/ as it is, even if older than the sources`

/** Module code each server process runs, on the port it is given, printing "up" when it listens. */
const SERVERS: Record<string, (port: number) => string> = {
  'bare node:http': (port) =>
    `import http from 'node:http'
     http.createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1', () => console.log('up'))`,
  'Remix via node-fetch-server': (port) =>
    `import http from 'node:http'
     import { createRequestListener } from '@remix-run/node-fetch-server'
     import { createRequestHandler } from '@remix-run/node'
     const build = await import('./build/server/index.js')
     const handle = createRequestHandler(build, 'production')
     http.createServer(createRequestListener((request) => handle(request, {})))
       .listen(${port}, '127.0.0.1', () => console.log('up'))`,
  'Remix via Express': (port) =>
    `import express from 'express'
     import { createRequestHandler } from '@remix-run/express'
     const build = await import('./build/server/index.js')
     const app = express()
     app.all('*', createRequestHandler({ build, getLoadContext: () => ({}) }))
     app.listen(${port}, '127.0.0.1', () => console.log('up'))`,
}

interface Running {
  baseUrl: string
  stop(): Promise<unknown>
}

async function startModule(code: (port: number) => string): Promise<Running> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', code(port)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve())
    child.once('exit', (status) => reject(new Error(`a server for the bench exited (${status})`)))
  })
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve)
        child.kill('SIGTERM')
      }),
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const duration = intOption('duration', values.duration, 4, 1, 600)
  const rounds = intOption('rounds', values.rounds, 2, 1, 20)
  const connections = intOption('connections', values.connections, 10, 1, 1000)
  ensureBuild('bench:adapters', values['skip-build'])

  const dataDir = mkdtempSync(`${os.tmpdir()}/attain-adapters-`)
  const servers = new Map<string, Running>()
  try {
    for (const [name, code] of Object.entries(SERVERS)) servers.set(name, await startModule(code))
    servers.set('the app (all its middleware)', await startServer(dataDir))
    const figures = new Map<string, number[]>([...servers.keys()].map((name) => [name, []]))
    for (let round = 1; round <= rounds; round++) {
      for (const [name, server] of servers) {
        console.error(`bench:adapters: round ${round} of ${rounds}, ${name}, ${duration} s…`)
        const target = { name, path: '/ping', headers: {} }
        await load(server.baseUrl, target, connections, 1) // warm-up
        const result = await load(server.baseUrl, target, connections, duration)
        if (!allGood(result))
          throw new Error(`${name}: not every answer was a 2xx (${JSON.stringify(result.statusCodes)})`)
        figures.get(name)!.push(result.requestsPerSecond)
      }
    }
    const bare = median(figures.get('bare node:http')!)
    console.log(
      `\n/ping, ${connections} connections, ${rounds} round(s) of ${duration} s, median req/s; Node ${process.version}, ` +
        `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    )
    console.log(
      textTable(
        ['server', 'req/s', '% of bare'],
        [...figures].map(([name, list]) => [
          name,
          median(list).toFixed(0),
          `${((median(list) / bare) * 100).toFixed(1)} %`,
        ]),
      ),
    )
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error)
  process.exit(1)
})
