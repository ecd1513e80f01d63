import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as newAction, loader as newLoader } from '../../app/routes/evidence.new'
import { action as editAction, loader as editLoader } from '../../app/routes/evidence.$id_.edit'
import { action as viewAction, loader as viewLoader } from '../../app/routes/evidence.$id'
import { action as deleteAction } from '../../app/routes/evidence.$id_.delete'
import { loader as listLoader } from '../../app/routes/evidence._index'
import { loader as fileLoader } from '../../app/routes/evidence.$id_.files.$attachmentId'
import { action as inviteAction } from '../../app/routes/invite.$token'
import { createInvitation } from '../../app/models/mentor.server'
import { listPiiFindings } from '../../app/models/pii.server'
import { listAuditEvents } from '../../app/models/audit.server'
import { makeContext } from '../support/context'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, type UserWithSession } from '../support/users'

let t: TestDb
let context: ReturnType<typeof makeContext>
beforeAll(() => {
  t = createTestDb()
  context = makeContext(t.db, { env: { ...makeContext(t.db).env, dataDir: t.dir, uploadMaxBytes: 64 * 1024 } })
})
afterAll(() => t.cleanup())

const NHS = '943 476 5919'

type Fields = Record<string, string | string[]>
function multipart(
  cookie: string,
  url: string,
  fields: Fields,
  files: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string }[] = [],
) {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v)
  }
  for (const file of files)
    form.append('files', new File([file.bytes], file.name, { type: file.type ?? 'application/octet-stream' }))
  return new Request(new URL(url, 'http://localhost'), {
    method: 'POST',
    body: form,
    headers: { Cookie: cookie, Origin: 'http://localhost' },
  })
}
const get = (cookie: string, url: string) =>
  new Request(new URL(url, 'http://localhost'), { headers: { Cookie: cookie } })

const baseItem: Fields = {
  title: 'Annual QA of linac 3',
  activityStart: '2026-03-02',
  activityEnd: '2026-03-04',
  evidenceType: 'commissioning-qa-report',
  role: 'led',
  description: 'Measured **output** and energy with a Farmer chamber; uncertainty analysis attached.',
  reflection: 'The second day went better once the setup was scripted.',
  'claims[14].area': 'Tech3',
  'claims[14].statement': 'I performed the output and energy checks myself, following TG-142.',
  'claims[6].area': 'Sci7',
  'claims[6].statement': 'I estimated the uncertainty budget for each measurement.',
  'claims[6].competencies': ['Sci-SC6', 'Sci-SC1'],
  'claims[7].statement': 'typed but the area was not ticked',
}

async function createItem(
  trainee: UserWithSession,
  fields: Fields = baseItem,
  files: Parameters<typeof multipart>[3] = [],
) {
  const response = await responseOf(() =>
    newAction({ request: multipart(trainee.cookie, '/evidence/new', fields, files), context, params: {} }),
  )
  expect(response.status).toBe(302)
  const location = response.headers.get('Location')!
  expect(location).toMatch(/^\/evidence\/\d+\?saved=1$/)
  return Number(/\/evidence\/(\d+)/.exec(location)![1])
}

const pdf = (): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  )

describe('logging evidence', () => {
  it('saves an item with its claims and files, in one go', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await createItem(trainee, baseItem, [
      { name: 'output.pdf', bytes: pdf(), type: 'application/pdf' },
      { name: 'notes.txt', bytes: 'Chamber 1234, electrometer settings.\n', type: 'text/plain' },
    ])
    const view = payloadOf<{
      item: {
        title: string
        claims: { code: string; statement: string; competencies: { slug: string }[] }[]
        attachments: { originalName: string; pageCount: number }[]
      }
    }>(
      await settle(() =>
        viewLoader({ request: get(trainee.cookie, `/evidence/${id}`), context, params: { id: String(id) } }),
      ),
    )
    expect(view.data.item.title).toBe('Annual QA of linac 3')
    expect(view.data.item.claims.map((c) => c.code)).toEqual(['Sci7', 'Tech3'])
    expect(view.data.item.claims[0]!.competencies.map((c) => c.slug)).toEqual(['Sci-SC1', 'Sci-SC6'])
    expect(view.data.item.attachments.map((a) => a.originalName)).toEqual(['output.pdf', 'notes.txt'])
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain('evidence.created')
  })

  it('refuses bad input at the field, keeping what was typed and saving nothing', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const result = payloadOf<{
      errors: Record<string, string[]>
      values: { title: string; description: string; claims: { area: string }[] }
    }>(
      await settle(() =>
        newAction({
          request: multipart(trainee.cookie, '/evidence/new', {
            ...baseItem,
            title: '',
            role: 'supervised',
            'claims[14].statement': '   ',
          }),
          context,
          params: {},
        }),
      ),
    )
    expect(result.status).toBe(400)
    expect(Object.keys(result.data.errors)).toEqual(expect.arrayContaining(['title', 'role', 'claims.1.statement']))
    expect(result.data.errors.title?.[0]).toMatch(/title/)
    expect(result.data.errors.role?.[0]).toMatch(/led, contributed to or observed/)
    expect(result.data.errors['claims.1.statement']?.[0]).toMatch(/assessors reject bare tags/)
    expect(result.data.values.description).toBe(baseItem.description)
    expect(result.data.values.claims.map((c) => c.area)).toEqual(['Sci7', 'Tech3'])
    const list = payloadOf<{ total: number }>(
      await settle(() => listLoader({ request: get(trainee.cookie, '/evidence'), context, params: {} })),
    )
    expect(list.data.total).toBe(0)
  })

  it.each([
    [
      'an unknown competence code',
      { 'claims[3].area': 'Sci99', 'claims[3].statement': 'x' },
      /not an area of competence/,
    ],
    [
      'a malformed competence code',
      { 'claims[3].area': '<script>', 'claims[3].statement': 'x' },
      /Choose an area of competence/,
    ],
    ['a specific competency from another domain', { 'claims[6].competencies': 'Tech-SC1' }, /not in the Sci7 domain/],
    ['an end date before the start', { activityEnd: '2026-03-01' }, /before the start/],
    ['a 60,000-character description', { description: 'x'.repeat(60_000) }, /too long/],
  ])('refuses %s', async (_label, change, message) => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const result = payloadOf<{ errors: Record<string, string[]> }>(
      await settle(() =>
        newAction({
          request: multipart(trainee.cookie, '/evidence/new', { ...baseItem, ...change }),
          context,
          params: {},
        }),
      ),
    )
    expect(result.status).toBe(400)
    expect(Object.values(result.data.errors).flat().join(' ')).toMatch(message)
  })

  it('refuses a 10 MB text field with a clear message, not a 500', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const result = payloadOf<{ formError: string }>(
      await settle(() =>
        newAction({
          request: multipart(trainee.cookie, '/evidence/new', { ...baseItem, description: 'x'.repeat(10_000_000) }),
          context,
          params: {},
        }),
      ),
    )
    expect(result.status).toBe(413)
    expect(result.data.formError).toMatch(/too (long|large|big)/i)
  })

  it.each([
    [
      'an HTML file renamed .pdf',
      { name: 'report.pdf', bytes: '<!doctype html><html><script>alert(1)</script></html>', type: 'application/pdf' },
    ],
    [
      'an SVG with a script',
      {
        name: 'chart.png',
        bytes: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        type: 'image/png',
      },
    ],
    ['a file over the size limit', { name: 'big.txt', bytes: 'a'.repeat(70 * 1024), type: 'text/plain' }],
  ])('refuses %s with a message, keeping the form', async (_label, file) => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const result = payloadOf<{ errors: Record<string, string[]>; values: { title: string } }>(
      await settle(() =>
        newAction({ request: multipart(trainee.cookie, '/evidence/new', baseItem, [file]), context, params: {} }),
      ),
    )
    expect(result.status).toBe(400)
    expect(result.data.errors.files?.[0]).toContain(file.name)
    expect(result.data.values.title).toBe(baseItem.title)
  })

  it('keeps a file named ../../etc/passwd inside the store, by its hash', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await createItem(trainee, baseItem, [
      { name: '../../etc/passwd', bytes: 'root-ish text\n', type: 'text/plain' },
    ])
    const view = payloadOf<{ item: { attachments: { originalName: string; sha256: string }[] } }>(
      await settle(() =>
        viewLoader({ request: get(trainee.cookie, `/evidence/${id}`), context, params: { id: String(id) } }),
      ),
    )
    const [attachment] = view.data.item.attachments
    expect(attachment!.originalName).toBe('passwd')
    expect(existsSync(path.join(t.dir, 'files', attachment!.sha256.slice(0, 2), attachment!.sha256))).toBe(true)
    expect(existsSync(path.join(t.dir, '..', 'etc'))).toBe(false)
  })

  it('stores the same file once', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const bytes = 'identical content for dedup\n'
    await createItem(trainee, baseItem, [{ name: 'a.txt', bytes }])
    await createItem(trainee, baseItem, [{ name: 'b.txt', bytes }])
    const shaDirs = readdirSync(path.join(t.dir, 'files')).filter((d) => d !== 'tmp')
    const files = shaDirs.flatMap((d) => readdirSync(path.join(t.dir, 'files', d)))
    expect(files.length).toBe(new Set(files).size)
  })
})

describe('editing, listing and deleting', () => {
  it('edits an item, replacing claims and removing a file', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await createItem(trainee, baseItem, [{ name: 'x.txt', bytes: 'one\n' }])
    const before = payloadOf<{ item: { attachments: { id: number }[] } }>(
      await settle(() =>
        editLoader({ request: get(trainee.cookie, `/evidence/${id}/edit`), context, params: { id: String(id) } }),
      ),
    )
    const response = await responseOf(() =>
      editAction({
        request: multipart(trainee.cookie, `/evidence/${id}/edit`, {
          ...baseItem,
          title: 'Annual QA of linac 3 (revised)',
          'claims[6].area': [],
          'claims[6].statement': [],
          'claims[6].competencies': [],
          'claims[20].area': 'R&D1',
          'claims[20].statement': 'I read and appraised the AAPM report before planning the checks.',
          removeAttachment: String(before.data.item.attachments[0]!.id),
        }),
        context,
        params: { id: String(id) },
      }),
    )
    expect(response.headers.get('Location')).toBe(`/evidence/${id}?saved=1`)
    const after = payloadOf<{ item: { title: string; claims: { code: string }[]; attachments: unknown[] } }>(
      await settle(() =>
        viewLoader({ request: get(trainee.cookie, `/evidence/${id}`), context, params: { id: String(id) } }),
      ),
    )
    expect(after.data.item.title).toBe('Annual QA of linac 3 (revised)')
    expect(after.data.item.claims.map((c) => c.code)).toEqual(['Tech3', 'R&D1'])
    expect(after.data.item.attachments).toEqual([])
  })

  it('lists with filters by domain, competence, type, status and words', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    await createItem(trainee)
    await createItem(trainee, {
      title: 'Case study: breath-hold for left breast',
      activityStart: '2026-01-10',
      evidenceType: 'case-study',
      role: 'contributed',
      description: 'Deep inspiration breath hold reduced heart dose.',
      reflection: 'Talking to the radiographers mattered most.',
      'claims[7].area': 'Clin1',
      'claims[7].statement': 'I explained how setup accuracy affects the margin the clinician chooses.',
    })
    const list = async (query: string) =>
      payloadOf<{ items: { title: string }[] }>(
        await settle(() => listLoader({ request: get(trainee.cookie, `/evidence${query}`), context, params: {} })),
      ).data.items.map((i) => i.title)
    expect(await list('')).toHaveLength(2)
    expect(await list('?domain=Clin')).toEqual(['Case study: breath-hold for left breast'])
    expect(await list('?area=Tech3')).toEqual(['Annual QA of linac 3'])
    expect(await list('?type=case-study')).toEqual(['Case study: breath-hold for left breast'])
    expect(await list('?status=draft')).toHaveLength(2)
    expect(await list('?status=verified')).toEqual([])
    expect(await list('?q=radiographer')).toEqual(['Case study: breath-hold for left breast'])
    expect(await list('?q=uncertainty')).toEqual(['Annual QA of linac 3'])
    expect(await list('?q=%22%20OR%20*%20NEAR(')).toEqual([])
    expect(await list('?domain=Nonsense')).toHaveLength(2)
  })

  it('explains what to do when there is nothing yet', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const list = payloadOf<{ total: number; items: unknown[] }>(
      await settle(() => listLoader({ request: get(trainee.cookie, '/evidence'), context, params: {} })),
    )
    expect(list.data).toMatchObject({ total: 0, items: [] })
  })

  it('deletes an item after confirmation', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await createItem(trainee)
    const response = await responseOf(() =>
      deleteAction({
        request: new Request(`http://localhost/evidence/${id}/delete`, {
          method: 'POST',
          headers: { Cookie: trainee.cookie },
        }),
        context,
        params: { id: String(id) },
      }),
    )
    expect(response.headers.get('Location')).toBe('/evidence?deleted=1')
    expect(
      (
        (await settle(() =>
          viewLoader({ request: get(trainee.cookie, `/evidence/${id}`), context, params: { id: String(id) } }),
        )) as Response
      ).status,
    ).toBe(404)
  })
})

describe('patient-identifiable information', () => {
  it('is found on save, shown, and can be fixed or acknowledged', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await createItem(trainee, {
      ...baseItem,
      reflection: `Checked the plan for patient NHS number ${NHS} with Mrs Jane Smith.`,
    })
    const findings = listPiiFindings(t.db, id)
    expect(findings.map((f) => [f.field, f.kind])).toEqual(
      expect.arrayContaining([
        ['reflection', 'nhs-number'],
        ['reflection', 'person-name'],
      ]),
    )
    // The identifier itself is never stored.
    expect(JSON.stringify(t.db.$client.prepare('SELECT * FROM pii_findings').all())).not.toMatch(
      /943 ?476 ?5919|Jane Smith/,
    )

    const name = findings.find((f) => f.kind === 'person-name')!
    const refused = payloadOf<{ errors: Record<string, string[]> }>(
      await settle(() =>
        viewAction({
          request: multipart(trainee.cookie, `/evidence/${id}`, {
            intent: 'acknowledge',
            findingId: String(name.id),
            reason: '',
          }),
          context,
          params: { id: String(id) },
        }),
      ),
    )
    expect(refused.data.errors.reason?.[0]).toMatch(/Say why/)
    await settle(() =>
      viewAction({
        request: multipart(trainee.cookie, `/evidence/${id}`, {
          intent: 'acknowledge',
          findingId: String(name.id),
          reason: 'A test phantom is called Jane',
        }),
        context,
        params: { id: String(id) },
      }),
    )
    expect(listPiiFindings(t.db, id).find((f) => f.id === name.id)?.status).toBe('acknowledged')
    expect(listAuditEvents(t.db, { actorId: trainee.user.id }).map((e) => e.action)).toContain(
      'privacy.finding_acknowledged',
    )

    // Fixing the text clears the NHS number; the acknowledged name stays acknowledged.
    await responseOf(() =>
      editAction({
        request: multipart(trainee.cookie, `/evidence/${id}/edit`, {
          ...baseItem,
          reflection: 'Checked the plan with Mrs Jane Smith.',
        }),
        context,
        params: { id: String(id) },
      }),
    )
    const after = listPiiFindings(t.db, id)
    expect(after.map((f) => [f.kind, f.status])).toEqual([['person-name', 'acknowledged']])
  })

  it('is not recorded for a colleague named with their role or a hospital\u2019s address, and is for a DICOM header or a grouped MRN', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const innocent =
      'My supervisor, Dr Okafor, and Dr Sarah Patel, consultant radiologist, reviewed the audit of plans delivered at ' +
      "St James's University Hospital, Beckett Street, Leeds LS9 7TF."
    const id = await createItem(trainee, { ...baseItem, reflection: innocent })
    expect(listPiiFindings(t.db, id)).toEqual([])

    await responseOf(() =>
      editAction({
        request: multipart(trainee.cookie, `/evidence/${id}/edit`, {
          ...baseItem,
          reflection: `${innocent} The export still held PatientName=HUGHES^MARGARET and MRN: 12-345-678.`,
        }),
        context,
        params: { id: String(id) },
      }),
    )
    const findings = listPiiFindings(t.db, id)
    expect(findings.map((f) => [f.field, f.kind]).sort()).toEqual([
      ['reflection', 'hospital-number'],
      ['reflection', 'person-name'],
    ])
    expect(JSON.stringify(findings)).not.toMatch(/HUGHES|MARGARET|12-345-678|Okafor|Patel/)
  })

  it('is looked for in attached text files', async () => {
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const id = await createItem(trainee, baseItem, [
      { name: 'log.txt', bytes: `Patient NHS number ${NHS}\n`, type: 'text/plain' },
    ])
    expect(listPiiFindings(t.db, id).some((f) => f.field.startsWith('attachment:') && f.kind === 'nhs-number')).toBe(
      true,
    )
  })
})

describe('access to evidence', () => {
  it('is the owner’s and their linked mentors’ only; others get 404', async () => {
    const owner = await createUserWithSession(t.db, { role: 'trainee' })
    const other = await createUserWithSession(t.db, { role: 'trainee' })
    const linked = await createUserWithSession(t.db, { role: 'mentor' })
    const unlinked = await createUserWithSession(t.db, { role: 'mentor' })
    const id = await createItem(owner, baseItem, [{ name: 'notes.txt', bytes: 'some notes\n' }])
    const { token } = createInvitation(t.db, { traineeId: owner.user.id, note: '', ttlMs: 86_400_000 })
    await settle(() =>
      inviteAction({
        request: new Request(`http://localhost/invite/${token}`, {
          method: 'POST',
          headers: { Cookie: linked.cookie },
        }),
        context,
        params: { token },
      }),
    )
    const view = (who: UserWithSession) =>
      settle(() => viewLoader({ request: get(who.cookie, `/evidence/${id}`), context, params: { id: String(id) } }))
    const attachmentId = String(
      payloadOf<{ item: { attachments: { id: number }[] } }>(await view(owner)).data.item.attachments[0]!.id,
    )
    const file = (who: UserWithSession) =>
      settle(() =>
        fileLoader({
          request: get(who.cookie, `/evidence/${id}/files/${attachmentId}`),
          context,
          params: { id: String(id), attachmentId },
        }),
      )

    expect(payloadOf<{ canEdit: boolean }>(await view(linked)).data.canEdit).toBe(false)
    expect(((await view(other)) as Response).status).toBe(404)
    expect(((await view(unlinked)) as Response).status).toBe(404)
    expect(((await file(other)) as Response).status).toBe(404)
    expect(((await file(unlinked)) as Response).status).toBe(404)
    expect(
      (
        (await settle(() =>
          editLoader({ request: get(linked.cookie, `/evidence/${id}/edit`), context, params: { id: String(id) } }),
        )) as Response
      ).status,
    ).toBe(404)
    expect(
      (
        (await settle(() =>
          editAction({
            request: multipart(other.cookie, `/evidence/${id}/edit`, baseItem),
            context,
            params: { id: String(id) },
          }),
        )) as Response
      ).status,
    ).toBe(404)
    for (const bad of ['abc', '0x10', '-1', '99999999']) {
      expect(
        (
          (await settle(() =>
            viewLoader({ request: get(owner.cookie, '/evidence/x'), context, params: { id: bad } }),
          )) as Response
        ).status,
      ).toBe(404)
    }

    const download = (await file(owner)) as Response
    expect(download.status).toBe(200)
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment; filename="notes.txt"/)
    expect(download.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(download.headers.get('Cache-Control')).toBe('private, no-store')
    expect(download.headers.get('Content-Security-Policy')).toMatch(/^sandbox/)
    expect(await download.text()).toBe('some notes\n')
    expect(((await file(linked)) as Response).status).toBe(200)
  })

  it('new-item pages are for trainees only', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    expect(
      (
        (await settle(() =>
          newLoader({ request: get(mentor.cookie, '/evidence/new'), context, params: {} }),
        )) as Response
      ).status,
    ).toBe(404)
  })
})

describe('the file sweep', () => {
  it('removes stored files no attachment uses, keeps the rest, and reports missing ones', async () => {
    const { sweepFiles } = await import('../../app/files/sweep.server')
    const { rmSync } = await import('node:fs')
    const trainee = await createUserWithSession(t.db, { role: 'trainee' })
    const kept = await createItem(trainee, baseItem, [{ name: 'kept.txt', bytes: 'a file that stays\n' }])
    // A refused form leaves its accepted file in the store without a row.
    await settle(() =>
      newAction({
        request: multipart(trainee.cookie, '/evidence/new', { ...baseItem, title: '' }, [
          { name: 'orphan.txt', bytes: 'left behind by a failed form\n' },
        ]),
        context,
        params: {},
      }),
    )
    const store = path.join(t.dir, 'files')
    const count = () =>
      readdirSync(store)
        .filter((d) => d !== 'tmp')
        .flatMap((d) => readdirSync(path.join(store, d))).length
    const before = count()
    const fresh = await sweepFiles(t.db, t.dir, { graceMs: 3_600_000, now: new Date() })
    expect(fresh.removed).toBe(0)
    const later = await sweepFiles(t.db, t.dir, { graceMs: 3_600_000, now: new Date(Date.now() + 2 * 3_600_000) })
    // The orphan, and any file an earlier test removed from its item.
    expect(later.removed).toBeGreaterThanOrEqual(1)
    expect(count()).toBe(before - later.removed)
    expect(later.missing).toEqual([])

    const item = payloadOf<{ item: { attachments: { sha256: string }[] } }>(
      await settle(() =>
        viewLoader({ request: get(trainee.cookie, `/evidence/${kept}`), context, params: { id: String(kept) } }),
      ),
    )
    const sha = item.data.item.attachments[0]!.sha256
    rmSync(path.join(store, sha.slice(0, 2), sha))
    const report = await sweepFiles(t.db, t.dir, { graceMs: 3_600_000, now: new Date() })
    expect(report.missing).toContain(sha)
  })
})

describe('dates that are not dates', () => {
  it.each(['', 'abc', '2024-13-01', '2024-02-30'])(
    'refuses activityStart %j at the field, never a 500',
    async (value) => {
      const trainee = await createUserWithSession(t.db, { role: 'trainee' })
      const result = payloadOf<{ errors: Record<string, string[]> }>(
        await settle(() =>
          newAction({
            request: multipart(trainee.cookie, '/evidence/new', { ...baseItem, activityStart: value }),
            context,
            params: {},
          }),
        ),
      )
      expect(result.status).toBe(400)
      expect(result.data.errors.activityStart?.length).toBeGreaterThan(0)
    },
  )
})
