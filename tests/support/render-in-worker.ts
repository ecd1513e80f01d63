/** Renders a summary PDF inside a worker thread, as the server may: the snapshot comes in workerData, the result goes back as a message. */
import { parentPort, workerData } from 'node:worker_threads'
import { renderSummaryPdf } from '../../app/submission/pdf.server'
import type { PortfolioSnapshot } from '../../app/submission/snapshot'

const { snapshot, hash, draft } = workerData as { snapshot: PortfolioSnapshot; hash: string; draft: boolean }
const rendered = await renderSummaryPdf(snapshot, hash, async () => null, { draft })
parentPort?.postMessage(rendered)
