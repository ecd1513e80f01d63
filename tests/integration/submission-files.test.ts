import { existsSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { filePath } from '../../app/files/store.server'
import { deleteEvidence } from '../../app/models/evidence.server'
import { referencedFiles } from '../../app/models/files.server'
import { sweepFiles } from '../../app/files/sweep.server'
import { getSubmission } from '../../app/models/submission.server'
import { createSubmission } from '../../app/submission/submit.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { createTestDb, type TestDb } from '../support/test-db'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

it('keeps files a submission froze after the live portfolio drops them, until then and after the grace period', async () => {
  const now = new Date('2026-10-01T09:00:00Z')
  const portfolio = await buildReadyPortfolio(t.db, { items: 8, dataDir: t.dir, now })
  const outcome = createSubmission(t.db, portfolio.trainee.id, now)
  if (!outcome.ok) throw new Error(`not submitted: ${outcome.reason}`)
  const snapshot = getSubmission(t.db, outcome.id)!.snapshot
  const frozen = snapshot.items.flatMap((i) => i.attachments.map((a) => a.sha256))
  expect(frozen.length).toBeGreaterThan(0)

  // The trainee deletes every item that had attachments from the live portfolio.
  for (const item of snapshot.items)
    if (item.attachments.length > 0) deleteEvidence(t.db, portfolio.trainee.id, item.evidenceId)

  const referenced = referencedFiles(t.db)
  for (const sha of frozen) expect(referenced.has(sha)).toBe(true)
  const report = await sweepFiles(t.db, t.dir, { graceMs: 0, now: new Date(now.getTime() + 365 * 86_400_000) })
  expect(report.missing).toEqual([])
  for (const sha of frozen) expect(existsSync(filePath(t.dir, sha))).toBe(true)
})
