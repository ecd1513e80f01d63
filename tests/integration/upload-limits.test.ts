import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as newAction } from '../../app/routes/evidence.new'
import { makeContext } from '../support/context'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'

/** Limits on the files one evidence form carries, told at the files field, with the rest of the form kept. */

let t: TestDb
let trainee: UserWithSession
let context: ReturnType<typeof makeContext>
beforeAll(async () => {
  t = createTestDb()
  context = makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir, uploadMaxFiles: 20 } })
  trainee = await createUserWithSession(t.db, { role: 'trainee' })
})
afterAll(() => t.cleanup())

const item = {
  title: 'Annual QA of linac 3',
  activityStart: '2026-03-02',
  evidenceType: 'commissioning-qa-report',
  role: 'led',
  description: 'Output and energy checks.',
}

function post(files: File[]) {
  const form = new FormData()
  for (const [key, value] of Object.entries(item)) form.append(key, value)
  for (const file of files) form.append('files', file)
  const request = new Request('http://localhost/evidence/new', {
    method: 'POST',
    body: form,
    headers: { Cookie: trainee.cookie, Origin: 'http://localhost' },
  })
  return settle(() => newAction({ request, context, params: {} }))
}

const textFile = (i: number) =>
  new File([`Measurement log ${i}: output within tolerance.\n`], `log-${i}.txt`, { type: 'text/plain' })
const evidenceCount = () =>
  (
    t.db.$client.prepare('SELECT count(*) AS n FROM evidence_items WHERE trainee_id = ?').get(trainee.user.id) as {
      n: number
    }
  ).n

describe('files on one evidence form', () => {
  it('refuses more than UPLOAD_MAX_FILES at the files field, in one message, and saves nothing', async () => {
    const before = evidenceCount()
    const { status, data } = payloadOf<{ errors: Record<string, string[]>; values: Record<string, unknown> }>(
      await post(Array.from({ length: 60 }, (_, i) => textFile(i))),
    )
    expect(status).toBe(400)
    expect(data.errors.files).toEqual([
      'log-20.txt, log-21.txt, log-22.txt and 37 more were not attached: At most 20 files can be attached at once. Attach the others in another save.',
    ])
    expect(data.values.title).toBe(item.title)
    expect(evidenceCount()).toBe(before)
  })

  it('accepts exactly UPLOAD_MAX_FILES', async () => {
    const result = await post(Array.from({ length: 20 }, (_, i) => textFile(100 + i)))
    expect(result).toBeInstanceOf(Response)
    expect((result as Response).status).toBe(302)
  })

  it('says at the field that a named file is empty, instead of dropping it', async () => {
    const { status, data } = payloadOf<{ errors: Record<string, string[]> }>(
      await post([new File([], 'results.pdf', { type: 'application/pdf' })]),
    )
    expect(status).toBe(400)
    expect(data.errors.files).toEqual([
      'results.pdf was not attached: The file is empty (0 bytes). Check it opens on your computer, then choose it again.',
    ])
  })

  it('still ignores the nameless empty part of a file input left empty', async () => {
    const result = await post([new File([], '', { type: 'application/octet-stream' })])
    expect((result as Response).status).toBe(302)
  })
})
