/**
 * `npm run bench:preview -- [--pages 150] [--attachment-pages 30] [--duration 5] [--skip-build]`
 *
 * What counting a portfolio's pages costs, and what it costs everyone else.
 * In a throw-away data directory it builds a portfolio ready to submit whose
 * PDF has about `--pages` pages, `--attachment-pages` of them one attached
 * PDF, then, in one run:
 *
 *   1. renders its summary PDF on this thread, as submitting did before
 *      (the request path): the first time, then the mean of three more, with
 *      the longest stall of this thread's event loop meanwhile;
 *   2. makes the preview as the server does: gathered here, rendered in the
 *      worker thread (started beforehand, as the server starts it), cold and
 *      then cached, with the event loop's longest stall meanwhile;
 *   3. starts the production server and loads /ping (10 connections) alone,
 *      then again while the server renders the preview (a cold GET of
 *      /portfolios/:id/preview.pdf), and compares /ping's latencies.
 *
 * Prints a table and writes the figures to $TMPDIR/bench-preview.json. Exits 0
 * whatever the figures; 1 on an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { closeDatabase } from '../../db/client'
import { prepareDatabase } from '../../db/setup'
import { createSession } from '../../app/models/session.server'
import { gatherSnapshot } from '../../app/submission/submit.server'
import { filePath } from '../../app/files/store-path'
import { renderSummaryPdf } from '../../app/submission/pdf.server'
import { preparePreview, previewStatus } from '../../app/submission/preview.server'
import { renderInWorker, stopRenderWorker, warmRenderWorker } from '../../app/submission/render-pool.server'
import { serializeSnapshot, sha256Hex } from '../../app/submission/snapshot'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { DATABASE_FILE, intOption } from './lib'
import { ensureBuild, gitState, load, textTable } from './measure'
import { startServer } from './server'

const LABEL = 'bench:preview'
const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    'attachment-pages': { type: 'string' },
    duration: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
})
const targetPages = intOption('--pages', values.pages, 150, 20, 2000)
const attachmentPages = intOption('--attachment-pages', values['attachment-pages'], 30, 0, 1000)
const duration = intOption('--duration', values.duration, 5, 1, 120)

const ms = (n: number) => `${n.toFixed(1)} ms`
const now = new Date()

/** The longest the event loop was held up while `run` ran. */
async function stalls<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; maxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  const started = performance.now()
  const value = await run()
  const elapsed = performance.now() - started
  histogram.disable()
  return { value, ms: elapsed, maxStallMs: histogram.max / 1e6 }
}

async function main() {
  ensureBuild(LABEL, values['skip-build'])
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attain-bench-preview-'))
  const db = prepareDatabase(path.join(dir, DATABASE_FILE))
  try {
    // A portfolio of about the pages asked for: items of text, and one PDF of the attachment pages.
    console.log(`${LABEL}: building a portfolio of about ${targetPages} pages (${attachmentPages} of attachments)…`)
    let items = Math.max(1, Math.round((targetPages - attachmentPages) / 1.3))
    let trainee = 0
    let pages = 0
    for (let attempt = 0; attempt < 4; attempt++) {
      const built = await buildReadyPortfolio(db, {
        items,
        dataDir: dir,
        now,
        smallAttachments: false,
        longPdfPages: attachmentPages,
      })
      trainee = built.trainee.id
      pages = (await preparePreview(db, dir, trainee, now)).pages
      console.log(`${LABEL}: ${items} items → ${pages} pages`)
      if (Math.abs(pages - targetPages) <= 2) break
      items = Math.max(1, Math.round(items * ((targetPages - attachmentPages) / Math.max(1, pages - attachmentPages))))
    }
    await stopRenderWorker()

    // 1. On this thread, as on the request path before.
    const snapshot = gatherSnapshot(db, trainee, 1, now, { preview: true })
    const hash = sha256Hex(serializeSnapshot(snapshot))
    const read = async (sha: string) => fsp.readFile(filePath(dir, sha)).catch(() => null)
    const inlineCold = await stalls(() => renderSummaryPdf(snapshot, hash, read, { draft: true }))
    const inlineWarm: number[] = []
    let inlineStall = inlineCold.maxStallMs
    for (let i = 0; i < 3; i++) {
      const run = await stalls(() => renderSummaryPdf(snapshot, hash, read, { draft: true }))
      inlineWarm.push(run.ms)
      inlineStall = Math.max(inlineStall, run.maxStallMs)
    }
    const inlineMean = inlineWarm.reduce((a, b) => a + b, 0) / inlineWarm.length

    // 2. As the server does it: the worker started first (as at server start), then a cold preview, then cached.
    const workerStart = await stalls(async () => {
      warmRenderWorker()
      // A job that fails at once: answered when the worker has loaded the renderer.
      await renderInWorker({ snapshot: { ...snapshot, items: null as never }, hash, dataDir: dir }).catch(
        () => undefined,
      )
    })
    // A new database connection: nothing cached for it.
    const db2 = prepareDatabase(path.join(dir, DATABASE_FILE))
    const cold = await stalls(() => preparePreview(db2, dir, trainee, now))
    const cachedStatus = await stalls(async () => previewStatus(db2, dir, trainee, now))
    const cachedPdf = await stalls(() => preparePreview(db2, dir, trainee, now))
    closeDatabase(db2)
    await stopRenderWorker()

    // 3. The production server: /ping alone, then while the preview renders.
    const { token } = createSession(
      db,
      { userId: trainee, verified: true },
      { idleTimeoutMs: 3_600_000, absoluteTimeoutMs: 3_600_000 },
    )
    closeDatabase(db)
    const server = await startServer(dir)
    try {
      const ping = { name: '/ping', path: '/ping', headers: {} }
      await load(server.baseUrl, ping, 10, 1)
      const alone = await load(server.baseUrl, ping, 10, duration)
      const started = performance.now()
      const preview = fetch(`${server.baseUrl}/portfolios/${trainee}/preview.pdf`, {
        headers: { Cookie: `attain_session=${token}` },
      }).then(async (r) => {
        const bytes = (await r.arrayBuffer()).byteLength
        return { status: r.status, bytes, ms: performance.now() - started }
      })
      const during = await load(server.baseUrl, ping, 10, duration)
      const previewAnswer = await preview

      const rows = [
        ['PDF on the request thread (before), first', ms(inlineCold.ms), ms(inlineCold.maxStallMs)],
        ['PDF on the request thread (before), mean of 3 more', ms(inlineMean), ms(inlineStall)],
        ['render worker start (at server start)', ms(workerStart.ms), ms(workerStart.maxStallMs)],
        ['preview, cold (gather here, render in the worker)', ms(cold.ms), ms(cold.maxStallMs)],
        ['preview page count, cached', ms(cachedStatus.ms), ms(cachedStatus.maxStallMs)],
        ['preview PDF, cached', ms(cachedPdf.ms), ms(cachedPdf.maxStallMs)],
      ]
      console.log(`\n${LABEL}: a ${pages}-page portfolio (${items} items, ${attachmentPages} attachment pages)\n`)
      console.log(textTable(['what', 'time', 'longest event-loop stall'], rows))
      const pingRows = [alone, during].map((r, i) => [
        i === 0
          ? '/ping alone'
          : `/ping while the server renders the preview (${ms(previewAnswer.ms)}, HTTP ${previewAnswer.status})`,
        r.requestsPerSecond.toFixed(1),
        r.latency.p50.toFixed(1),
        r.latency.p99.toFixed(1),
        r.latency.max.toFixed(1),
      ])
      console.log('\n' + textTable(['10 connections', 'req/s', 'p50 ms', 'p99 ms', 'max ms'], pingRows))
      console.log(
        `\ncold preview / PDF on the request thread: ${(cold.ms / inlineMean).toFixed(2)}×; cached count / cold: ${(cachedStatus.ms / cold.ms).toExponential(1)}`,
      )
      writeFileSync(
        path.join(os.tmpdir(), 'bench-preview.json'),
        JSON.stringify(
          {
            git: gitState(),
            pages,
            items,
            attachmentPages,
            inlineCold,
            inlineMean,
            inlineStall,
            workerStart,
            cold,
            cachedStatus,
            cachedPdf,
            alone,
            during,
            previewAnswer,
          },
          null,
          2,
        ),
      )
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
