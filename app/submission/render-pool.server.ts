/**
 * Summary PDFs are rendered in a worker thread, never on the thread that
 * answers requests: a long portfolio takes seconds to typeset, and every
 * other request would wait for it. One worker, started when first needed,
 * renders one PDF at a time in the order asked; a job reports its progress.
 * Should the worker die, the jobs it held fail and the next job starts a new one.
 */
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { projectRoot } from '../../db/project-root'
import type { RenderedSummary } from '~/submission/pdf.server'
import type { RenderReply, RenderRequest } from '~/submission/render-protocol'
import type { PortfolioSnapshot } from '~/submission/snapshot'

export interface RenderProgress {
  done: number
  total: number
}

interface Job {
  resolve: (rendered: RenderedSummary) => void
  reject: (error: Error) => void
  onProgress?: (progress: RenderProgress) => void
}

let worker: Worker | undefined
let nextId = 1
const jobs = new Map<number, Job>()

function failAll(error: Error): void {
  for (const job of jobs.values()) job.reject(error)
  jobs.clear()
}

function start(): Worker {
  const w = new Worker(path.join(projectRoot, 'app/submission/render-worker.mjs'))
  w.on('message', (reply: RenderReply) => {
    const job = jobs.get(reply.id)
    if (!job) return
    if (reply.kind === 'progress') {
      job.onProgress?.({ done: reply.done, total: reply.total })
      return
    }
    jobs.delete(reply.id)
    if (jobs.size === 0) w.unref()
    if (reply.kind === 'done')
      job.resolve({ bytes: new Uint8Array(reply.bytes), pages: reply.pages, itemStartPages: reply.itemStartPages })
    else job.reject(new Error(`The PDF could not be made: ${reply.message}`))
  })
  const lost = (error: Error) => {
    if (worker === w) worker = undefined
    failAll(error)
  }
  w.on('error', lost)
  w.on('exit', (code) => lost(new Error(`The PDF render worker stopped (exit code ${code})`)))
  w.unref()
  return w
}

/** Renders the summary PDF in the worker thread (see `renderSummaryPdf`, which it runs). */
export function renderInWorker(
  request: { snapshot: PortfolioSnapshot; hash: string; dataDir: string; draft?: boolean },
  onProgress?: (progress: RenderProgress) => void,
): Promise<RenderedSummary> {
  worker ??= start()
  const w = worker
  const id = nextId++
  return new Promise<RenderedSummary>((resolve, reject) => {
    jobs.set(id, { resolve, reject, onProgress })
    // While a job is out, the worker keeps the process alive; idle, it does not.
    w.ref()
    const message: RenderRequest = {
      id,
      snapshot: request.snapshot,
      hash: request.hash,
      dataDir: request.dataDir,
      draft: request.draft === true,
    }
    w.postMessage(message)
  })
}

/** Starts the worker ahead of the first job, so that job does not wait for the renderer to load. */
export function warmRenderWorker(): void {
  worker ??= start()
}

/** Stops the worker (at shutdown); jobs still out fail. */
export async function stopRenderWorker(): Promise<void> {
  const w = worker
  worker = undefined
  if (w) await w.terminate()
}
