/**
 * Runs in a worker thread: renders summary PDFs off the thread that answers
 * requests. One job at a time, in the order sent; progress is reported as the
 * attachments are read, which is most of the work for a long portfolio.
 */
import fsp from 'node:fs/promises'
import { parentPort } from 'node:worker_threads'
import { filePath } from '~/files/store-path'
import { renderSummaryPdf } from '~/submission/pdf.server'
import type { RenderReply, RenderRequest } from '~/submission/render-protocol'

const port = parentPort
if (!port) throw new Error('render-worker runs only as a worker thread')

async function readStored(dataDir: string, sha256: string): Promise<Uint8Array | null> {
  try {
    return await fsp.readFile(filePath(dataDir, sha256))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

let queue = Promise.resolve()

port.on('message', (request: RenderRequest) => {
  queue = queue.then(() => run(request))
})

async function run({ id, snapshot, hash, dataDir, draft }: RenderRequest): Promise<void> {
  const reply = (message: RenderReply, transfer: ArrayBuffer[] = []) => port!.postMessage(message, transfer)
  try {
    const files = new Set(snapshot.items.flatMap((item) => item.attachments.map((a) => a.sha256)))
    let read = 0
    reply({ id, kind: 'progress', done: 0, total: files.size + 1 })
    const rendered = await renderSummaryPdf(
      snapshot,
      hash,
      async (sha256) => {
        const bytes = await readStored(dataDir, sha256)
        read = Math.min(files.size, read + 1)
        reply({ id, kind: 'progress', done: read, total: files.size + 1 })
        return bytes
      },
      { draft },
    )
    const buffer = rendered.bytes.buffer.slice(
      rendered.bytes.byteOffset,
      rendered.bytes.byteOffset + rendered.bytes.byteLength,
    ) as ArrayBuffer
    reply({ id, kind: 'done', bytes: buffer, pages: rendered.pages, itemStartPages: rendered.itemStartPages }, [buffer])
  } catch (error) {
    reply({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) })
  }
}
