/**
 * `npm run proof:concurrency -- [--clients 50] [--seconds 30] [--workers 1]`
 *
 * Concurrency proof: N trainees, each signed up over HTTP with a session of
 * their own, save evidence at the same time on the production server: each
 * client logs an item (a multipart POST to /evidence/new with a small file)
 * and edits it (POST /evidence/<id>/edit), over and over until the time is
 * up. Every answer but the expected 302 counts as an error (a 500, or a body
 * mentioning SQLITE_BUSY, especially). At the end the database is compared
 * with what the clients saw acknowledged: per trainee, as many items as
 * acknowledged creates, and each item's title the last acknowledged one (no
 * lost write).
 *
 * Needs the production build (`npm run build`). Exits 1 on any error or lost write.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { HttpVisitor, openAppDatabase, root, signUpTrainee, startApp, type RunningApp } from '../e2e/harness-core'

export interface ConcurrencyProofOptions {
  clients: number
  seconds: number
  /** Worker processes answering requests (WEB_CONCURRENCY); default 1. */
  workers?: number
  log?: (line: string) => void
}

export interface ConcurrencyProofResult {
  clients: number
  seconds: number
  requests: number
  creates: number
  edits: number
  /** Unexpected answers by status (`network` for a failed connection, `busy` for a body mentioning SQLITE_BUSY). */
  errors: Record<string, number>
  errorSamples: string[]
  /** Trainees whose item count differs from their acknowledged creates, and items whose title is not the last acknowledged one. */
  lostWrites: string[]
  p50: number
  p99: number
  summary: string
}

interface Item {
  id: number
  /** The title the last acknowledged save gave it. */
  title: string
  /** Titles of saves that failed without an answer we can trust: any of them may be in the database instead. */
  uncertain: string[]
}

const PASSWORD = 'concurrency proof password 2026'

function evidenceForm(title: string, n: number, withFile: boolean): FormData {
  const form = new FormData()
  form.append('title', title)
  form.append('activityStart', '2026-03-02')
  form.append('activityEnd', '')
  form.append('evidenceType', 'audit')
  form.append('role', 'led')
  form.append('description', 'Checked the linac output against the reference chamber.')
  form.append('reflection', `Run ${n}.`)
  form.append('claims[0].area', 'Tech3')
  form.append('claims[0].statement', `I performed output check ${n} myself.`)
  if (withFile) {
    const content = `Chamber readings, run ${n}: ${randomBytes(16).toString('hex')}\n`
    form.append('files', new Blob([content], { type: 'text/plain' }), `readings-${n}.txt`)
  }
  return form
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export async function runConcurrencyProof(options: ConcurrencyProofOptions): Promise<ConcurrencyProofResult> {
  const log = options.log ?? (() => {})
  let app: RunningApp | undefined
  try {
    app = await startApp({ env: { WEB_CONCURRENCY: String(options.workers ?? 1) } })
    const running = app
    const run = randomBytes(3).toString('hex')

    // Sign the trainees up, a few at a time (password hashing is the slow part).
    const visitors: HttpVisitor[] = []
    const emails: string[] = []
    for (let i = 0; i < options.clients; i += 8) {
      const batch = Array.from({ length: Math.min(8, options.clients - i) }, (_, j) => i + j)
      await Promise.all(
        batch.map(async (c) => {
          const visitor = new HttpVisitor(running.baseUrl)
          const email = `load-${run}-${c}@example.test`
          await signUpTrainee(visitor, { name: `Trainee ${c}`, email, password: PASSWORD })
          visitors[c] = visitor
          emails[c] = email
        }),
      )
    }
    log(`${options.clients} trainees signed up`)

    const latencies: number[] = []
    const errors: Record<string, number> = {}
    const errorSamples: string[] = []
    const itemsByClient: Item[][] = visitors.map(() => [])
    const createsByClient: number[] = visitors.map(() => 0)
    const uncertainCreates: number[] = visitors.map(() => 0)
    let creates = 0
    let edits = 0

    const fail = (kind: string, sample: string) => {
      errors[kind] = (errors[kind] ?? 0) + 1
      if (errorSamples.length < 10) errorSamples.push(sample)
    }

    /** One POST; returns the evidence id from the expected redirect, or null (and counts the error). */
    const save = async (
      visitor: HttpVisitor,
      url: string,
      form: FormData,
      expectId?: number,
    ): Promise<number | null> => {
      const started = performance.now()
      let response: Response
      try {
        response = await fetch(new URL(url, visitor.baseUrl), {
          method: 'POST',
          headers: { Cookie: visitor.cookieHeader(), Origin: visitor.baseUrl },
          body: form,
          redirect: 'manual',
        })
      } catch (error) {
        fail('network', `${url}: ${error instanceof Error ? String(error.cause ?? error.message) : String(error)}`)
        return null
      }
      const body = await response.text()
      latencies.push(performance.now() - started)
      const location = response.headers.get('location') ?? ''
      const id = /^\/evidence\/(\d+)\?saved=1$/.exec(location)?.[1]
      if (/SQLITE_BUSY|database is locked/i.test(body)) {
        fail('busy', `${url}: ${response.status} ${body.slice(0, 200)}`)
        return null
      }
      if (response.status !== 302 || !id || (expectId !== undefined && Number(id) !== expectId)) {
        fail(String(response.status), `${url}: ${response.status} ${location} ${body.slice(0, 200)}`)
        return null
      }
      return Number(id)
    }

    const deadline = performance.now() + options.seconds * 1000
    let sequence = 0
    const client = async (c: number) => {
      const visitor = visitors[c]!
      while (performance.now() < deadline) {
        const n = ++sequence
        const title = `Client ${c} item ${n}`
        const id = await save(visitor, '/evidence/new', evidenceForm(title, n, true))
        if (id === null) {
          uncertainCreates[c]!++
          continue
        }
        creates++
        createsByClient[c]!++
        const item: Item = { id, title, uncertain: [] }
        itemsByClient[c]!.push(item)
        if (performance.now() >= deadline) break
        const edited = `${title} (edited)`
        const editId = await save(visitor, `/evidence/${id}/edit`, evidenceForm(edited, n, false), id)
        if (editId === null) item.uncertain.push(edited)
        else {
          edits++
          item.title = edited
        }
      }
    }
    const loadStarted = performance.now()
    await Promise.all(visitors.map((_, c) => client(c)))
    const loadSeconds = (performance.now() - loadStarted) / 1000
    log(`load done in ${loadSeconds.toFixed(1)} s`)

    // Compare with the database.
    const lostWrites: string[] = []
    const db = openAppDatabase(running)
    try {
      const userId = db.prepare('SELECT id FROM users WHERE email = ?').pluck()
      const itemsOf = db.prepare('SELECT id, title FROM evidence_items WHERE trainee_id = ?')
      visitors.forEach((_, c) => {
        const traineeId = userId.get(emails[c]) as number
        const rows = itemsOf.all(traineeId) as { id: number; title: string }[]
        const expected = createsByClient[c]!
        if (rows.length < expected || rows.length > expected + uncertainCreates[c]!) {
          lostWrites.push(`trainee ${c}: ${rows.length} items in the database, ${expected} acknowledged creates`)
        }
        const titles = new Map(rows.map((r) => [r.id, r.title]))
        for (const item of itemsByClient[c]!) {
          const title = titles.get(item.id)
          if (title === undefined) lostWrites.push(`trainee ${c}: item #${item.id} “${item.title}” is missing`)
          else if (title !== item.title && !item.uncertain.includes(title)) {
            lostWrites.push(`trainee ${c}: item #${item.id} is “${title}”, last acknowledged “${item.title}”`)
          }
        }
      })
    } finally {
      db.close()
    }

    const exitCode = await running.stop('SIGTERM')
    app = undefined
    if (exitCode !== 0) fail('server-exit', `The server exited with ${exitCode} on SIGTERM`)

    const sorted = [...latencies].sort((a, b) => a - b)
    const p50 = percentile(sorted, 50)
    const p99 = percentile(sorted, 99)
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0)
    const byStatus = Object.entries(errors)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')
    const requests = latencies.length + (errors.network ?? 0)
    const summary =
      `Concurrency proof: clients ${options.clients}, seconds ${options.seconds}, requests ${requests} (${(requests / loadSeconds).toFixed(1)}/s), ` +
      `creates ${creates}, edits ${edits}, errors ${errorCount}${byStatus ? ` (${byStatus})` : ''}, lost writes ${lostWrites.length}, ` +
      `latency p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`
    return {
      clients: options.clients,
      seconds: options.seconds,
      requests,
      creates,
      edits,
      errors,
      errorSamples,
      lostWrites,
      p50,
      p99,
      summary,
    }
  } finally {
    if (app) await app.stop('SIGKILL')
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '30' },
      workers: { type: 'string', default: '1' },
    },
  })
  const clients = Number(values.clients)
  const seconds = Number(values.seconds)
  const workers = Number(values.workers)
  if (!Number.isInteger(clients) || clients < 1 || !(seconds > 0) || !Number.isInteger(workers) || workers < 1) {
    console.error('Usage: npm run proof:concurrency -- [--clients 50] [--seconds 30] [--workers 1]')
    process.exit(2)
  }
  if (!existsSync(path.join(root, 'build/server/index.js'))) {
    console.error('No production build: run `npm run build` first.')
    process.exit(2)
  }
  const result = await runConcurrencyProof({ clients, seconds, workers, log: (l) => console.log(l) })
  console.log(result.summary)
  for (const sample of result.errorSamples) console.log(`error: ${sample}`)
  for (const lost of result.lostWrites.slice(0, 20)) console.log(`lost write: ${lost}`)
  const errorCount = Object.values(result.errors).reduce((a, b) => a + b, 0)
  process.exit(errorCount === 0 && result.lostWrites.length === 0 ? 0 : 1)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
