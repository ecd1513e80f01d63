/**
 * Several worker processes answer requests (WEB_CONCURRENCY=2). Each keeps caches of its own (the coverage
 * report, loader data such as the evidence list, keyed on SQLite's change counters); a write made through one
 * worker must be seen by the very next read in the other. Every response names the process that answered it (`Attain-Worker`), so the test reads until
 * both workers have answered instead of hoping the load was spread.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvidence, HttpVisitor, type RunningApp, signUpTrainee, startApp, TIMEOUTS } from './harness'

/** A GET on a connection of its own (no keep-alive), so that the cluster hands it to the next worker in turn. */
function getOnNewConnection(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; worker: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, worker: String(response.headers['attain-worker'] ?? ''), body }),
      )
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

/** Reads `path` on new connections until every one of `workers` distinct processes has answered; the answers, by worker. */
async function readFromEveryWorker(app: RunningApp, path: string, cookie: string, workers = 2) {
  const answers = new Map<string, { status: number; body: string }[]>()
  // Round-robin hands successive connections to successive workers; the bound only stops a broken cluster.
  for (let i = 0; i < 50 && answers.size < workers; i++) {
    const answer = await getOnNewConnection(app.baseUrl + path, { Cookie: cookie, Accept: 'text/html' })
    expect(answer.worker, 'every response names its worker').toMatch(/^\d+$/)
    answers.set(answer.worker, [...(answers.get(answer.worker) ?? []), answer])
  }
  expect(answers.size, 'both workers answered').toBe(workers)
  return answers
}

describe('two worker processes', () => {
  let app: RunningApp
  let trainee: HttpVisitor

  beforeAll(async () => {
    app = await startApp({ env: { WEB_CONCURRENCY: '2' } })
    trainee = new HttpVisitor(app.baseUrl)
    await signUpTrainee(trainee, {
      name: 'Wren Cluster',
      email: 'wren.cluster@example.org',
      password: 'a passphrase for two workers',
    })
  })

  afterAll(async () => {
    await app?.stop()
  })

  it('starts that many workers and says so once', async () => {
    // /healthz answers as soon as one worker listens; the primary speaks when all do.
    await expect
      .poll(() => app.output(), { timeout: TIMEOUTS.poll })
      .toMatch(/listening on http:\/\/localhost:\d+ .*2 workers/)
    expect(app.output().match(/listening on/g)).toHaveLength(1)
  })

  it('shows a write made through one worker in the next read from either', async () => {
    const cookie = trainee.cookieHeader()
    // Both workers build and keep the coverage report and the evidence list before the write.
    const pages = ['/coverage', '/evidence']
    for (const page of pages)
      for (const [, answers] of await readFromEveryWorker(app, page, cookie)) {
        expect(answers[0]!.status).toBe(200)
        expect(answers[0]!.body).not.toContain('Linac output audit written through one worker')
      }

    await createEvidence(trainee, {
      title: 'Linac output audit written through one worker',
      activityStart: '2026-03-02',
      evidenceType: 'audit',
      role: 'led',
      description: 'I measured the output of each linac against the reference chamber and reported the results.',
      claims: [{ area: 'Tech3', statement: 'I performed the output measurements myself and wrote up the results.' }],
    })

    for (const page of pages)
      for (const [worker, answers] of await readFromEveryWorker(app, page, cookie)) {
        expect(answers[0]!.status).toBe(200)
        expect(answers[0]!.body, `worker ${worker}'s first read of ${page} after the write`).toContain(
          'Linac output audit written through one worker',
        )
      }
  })
})
