/**
 * Keeps the conversion worker process running beside the server: started
 * with it, restarted (after a pause that grows while it keeps failing) if it
 * dies, stopped with it. Not started when the server has no converter.
 */
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '../../db/project-root'
import type { Env } from '~/utils/env.server'
import { converterStatus } from '~/conversion/availability.server'

const WORKER = path.join(projectRoot, 'app/conversion/worker-main.server.ts')

export function startConversionProcess(
  env: Env,
  { log = console.log }: { log?: (line: string) => void } = {},
): () => Promise<void> {
  if (!converterStatus(env).available) {
    log(
      JSON.stringify({
        event: 'conversion_unavailable',
        command: env.conversion.command,
        message: 'No document converter: Office files are not converted to PDF. Install LibreOffice (see README).',
      }),
    )
    return async () => undefined
  }
  let child: ChildProcess | undefined
  let stopped = false
  let failures = 0
  let restartTimer: NodeJS.Timeout | undefined

  const start = () => {
    const startedAt = Date.now()
    child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.once('exit', (code, signal) => {
      child = undefined
      if (stopped) return
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1
      const wait = Math.min(30_000, 500 * 2 ** (failures - 1))
      log(JSON.stringify({ event: 'conversion_worker_exit', code, signal, restartInMs: wait }))
      restartTimer = setTimeout(start, wait)
      restartTimer.unref()
    })
  }
  start()

  return async () => {
    stopped = true
    clearTimeout(restartTimer)
    const running = child
    if (!running || running.exitCode !== null) return
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => running.kill('SIGKILL'), 10_000)
      running.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
      running.kill('SIGTERM')
    })
  }
}
