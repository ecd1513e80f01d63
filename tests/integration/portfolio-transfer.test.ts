import { readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countEvidence, listEvidence } from '../../app/models/evidence.server'
import { listPiiFindings } from '../../app/models/pii.server'
import { importPortfolio } from '../../app/portfolio/transfer.server'
import { getSummaryStatement, setSummaryStatement } from '../../app/models/submission.server'
import { listAuditEvents } from '../../app/models/audit.server'
import type { PortfolioExport } from '../../app/portfolio/transfer'
import { sha256Hex } from '../../app/submission/snapshot'
import { storeRoot } from '../../app/files/store.server'
import { loader as exportLoader } from '../../app/routes/portfolio.export[.]json'
import { action as importAction, loader as dataLoader } from '../../app/routes/settings.portfolio'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { payloadOf, responseOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { createUserWithSession, requestAs, type UserWithSession } from '../support/users'

let t: TestDb
const NOW = new Date('2026-06-01T09:00:00Z')
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const context = (env: Partial<ReturnType<typeof makeContext>['env']> = {}) =>
  makeContext(t.db, { now: () => NOW, env: { ...makeContext(t.db).env, dataDir: t.dir, ...env } })

type ImportResult = {
  ok: boolean
  errors?: { file: string[] }
  imported?: { items: number; attachments: number; claims: number; summaryStatement: boolean }
}

async function upload(
  who: UserWithSession,
  content: string,
  { name = 'portfolio.json', env = {} }: { name?: string; env?: Partial<ReturnType<typeof makeContext>['env']> } = {},
) {
  const form = new FormData()
  form.append('file', new File([content], name, { type: 'application/json' }))
  const request = requestAs(who.cookie, '/settings/portfolio', { method: 'POST', body: form })
  return payloadOf<ImportResult>(await settle(() => importAction({ request, context: context(env), params: {} })))
}

async function download(who: UserWithSession): Promise<{ response: Response; data: PortfolioExport }> {
  const response = await responseOf(() =>
    exportLoader({ request: requestAs(who.cookie, '/portfolio/export.json'), context: context(), params: {} }),
  )
  return { response, data: JSON.parse(await response.clone().text()) as PortfolioExport }
}

/** Everything but what differs between accounts and exports: when it was made, and whose account. */
function content(data: PortfolioExport) {
  const { exportedAt, trainee, ...rest } = data
  void exportedAt
  void trainee
  return rest
}

function filesInStore(): string[] {
  const root = storeRoot(t.dir)
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
}

const emptyFile = (items: PortfolioExport['items'] = []): PortfolioExport => ({
  format: 'attain.portfolio-export/1',
  exportedAt: '2026-05-01T10:00:00.000Z',
  trainee: { name: 'Sam Patel', specialism: 'nuclear-medicine', employer: 'Test Trust', targetSubmissionDate: null },
  framework: { id: 'ipem-mpce', version: '' },
  summaryStatement: '',
  items,
})

let owner: UserWithSession
let exported: PortfolioExport

describe('exporting and importing a live portfolio', () => {
  beforeAll(async () => {
    owner = await createUserWithSession(t.db, { role: 'trainee', name: 'Alex Morgan' })
    await buildReadyPortfolio(t.db, { items: 12, dataDir: t.dir, trainee: owner.user, now: NOW })
    setSummaryStatement(
      t.db,
      owner.user.id,
      'Over three years I have **led** audits and commissioning.\n\n- one\n- two',
      NOW,
    )
    exported = (await download(owner)).data
  })

  it('downloads every item, claim, file and the summary statement as a JSON attachment', async () => {
    const { response, data } = await download(owner)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="attain-portfolio-alex-morgan-2026-06-01.json"',
    )
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(data.format).toBe('attain.portfolio-export/1')
    expect(data.trainee).toMatchObject({
      name: 'Alex Morgan',
      specialism: 'radiotherapy-physics',
      employer: 'Test Trust',
    })
    expect(data.items).toHaveLength(12)
    expect(data.items.map((i) => i.activityStart)).toEqual([...data.items.map((i) => i.activityStart)].sort())
    expect(data.summaryStatement).toContain('**led** audits')
    const attachments = data.items.flatMap((i) => i.attachments)
    expect(attachments.length).toBeGreaterThanOrEqual(4)
    for (const a of attachments) {
      const bytes = Buffer.from(a.contentBase64, 'base64')
      expect(bytes.length).toBe(a.size)
      expect(sha256Hex(bytes)).toBe(a.sha256)
    }
    expect(data.items.every((i) => i.claims.length > 0 && i.claims.every((c) => c.statement.length > 0))).toBe(true)
    // The mentors' records are not the trainee's content.
    expect(JSON.stringify(data)).not.toMatch(/verif|declaration|Okoro/i)
    expect(listAuditEvents(t.db, { actorId: owner.user.id }).some((e) => e.action === 'portfolio.exported')).toBe(true)
  })

  it('reads the file into a fresh account, and exporting that gives the same portfolio back', async () => {
    const fresh = await createUserWithSession(t.db, { role: 'trainee' })
    const before = payloadOf<{ contents: { empty: boolean } }>(
      await dataLoader({ request: requestAs(fresh.cookie, '/settings/portfolio'), context: context(), params: {} }),
    )
    expect(before.data.contents.empty).toBe(true)

    const result = await upload(fresh, JSON.stringify(exported, null, 2))
    expect(result.status).toBe(200)
    expect(result.data.ok).toBe(true)
    expect(result.data.imported).toEqual({
      items: 12,
      attachments: exported.items.flatMap((i) => i.attachments).length,
      claims: exported.items.flatMap((i) => i.claims).length,
      summaryStatement: true,
    })
    expect(countEvidence(t.db, fresh.user.id)).toBe(12)
    // Imported items are drafts: their review starts again.
    expect(listEvidence(t.db, fresh.user.id).every((i) => i.status === 'draft')).toBe(true)
    expect(getSummaryStatement(t.db, fresh.user.id)).toBe(exported.summaryStatement)

    const again = (await download(fresh)).data
    expect(content(again)).toEqual(content(exported))
    expect(again.trainee.name).toBe(fresh.user.name)
    expect(listAuditEvents(t.db, { actorId: fresh.user.id }).some((e) => e.action === 'portfolio.imported')).toBe(true)

    const after = payloadOf<{ contents: { empty: boolean; items: number } }>(
      await dataLoader({ request: requestAs(fresh.cookie, '/settings/portfolio'), context: context(), params: {} }),
    )
    expect(after.data.contents).toMatchObject({ empty: false, items: 12 })
  })

  it('refuses to import into a portfolio that is not empty, changing nothing', async () => {
    const items = countEvidence(t.db, owner.user.id)
    const result = await upload(owner, JSON.stringify(exported))
    expect(result.status).toBe(409)
    expect(result.data.ok).toBe(false)
    expect(result.data.errors?.file.join(' ')).toMatch(/only be imported into an empty portfolio/)
    expect(countEvidence(t.db, owner.user.id)).toBe(items)

    // A summary statement alone makes a portfolio not empty either.
    const writer = await createUserWithSession(t.db, { role: 'trainee' })
    setSummaryStatement(t.db, writer.user.id, 'My statement.', NOW)
    const outcome = await importPortfolio(t.db, t.dir, writer.user.id, exported, NOW)
    expect(outcome).toMatchObject({ ok: false, reason: 'not-empty' })
    expect(countEvidence(t.db, writer.user.id)).toBe(0)
  })

  it('refuses a file whose attachment does not match its SHA-256, writing nothing', async () => {
    const fresh = await createUserWithSession(t.db, { role: 'trainee' })
    const tampered = structuredClone(exported)
    const index = tampered.items.findIndex((i) => i.attachments.length > 0)
    const attachment = tampered.items[index]!.attachments[0]!
    const bytes = Buffer.from(attachment.contentBase64, 'base64')
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10)
    attachment.contentBase64 = bytes.toString('base64')
    const storeBefore = filesInStore()

    const result = await upload(fresh, JSON.stringify(tampered))
    expect(result.status).toBe(400)
    const messages = result.data.errors?.file ?? []
    expect(messages.join('\n')).toContain(
      `items.${index}.attachments.0 (${attachment.originalName}): its content does not match its SHA-256`,
    )
    expect(countEvidence(t.db, fresh.user.id)).toBe(0)
    expect(getSummaryStatement(t.db, fresh.user.id)).toBe('')
    expect(filesInStore()).toEqual(storeBefore)
  })

  it('checks attached files as uploads are checked, and leaves nothing behind when one is refused', async () => {
    const fresh = await createUserWithSession(t.db, { role: 'trainee' })
    const page = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')
    const good = structuredClone(exported.items[0]!)
    const file = emptyFile([
      good,
      {
        ...structuredClone(exported.items[1]!),
        attachments: [
          {
            originalName: 'notes.pdf',
            mediaType: 'application/pdf',
            sha256: sha256Hex(page),
            size: page.length,
            contentBase64: page.toString('base64'),
          },
        ],
      },
    ])
    file.framework = exported.framework
    const storeBefore = filesInStore()
    const result = await upload(fresh, JSON.stringify(file))
    expect(result.status).toBe(400)
    expect(result.data.errors?.file.join('\n')).toMatch(
      /items\.1\.attachments\.0 \(notes\.pdf\): This is a web page \(HTML\)/,
    )
    expect(countEvidence(t.db, fresh.user.id)).toBe(0)
    expect(filesInStore()).toEqual(storeBefore)
  })

  it('scans imported text and files for patient-identifiable information, as saving does', async () => {
    const fresh = await createUserWithSession(t.db, { role: 'trainee' })
    const note = Buffer.from('Clinic list\nMr John Smith, NHS no. 943 476 5919\n')
    const item = {
      ...structuredClone(exported.items[0]!),
      description: 'Reviewed the plan for NHS no. 943 476 5919 with the team.',
      attachments: [
        {
          originalName: 'clinic.txt',
          mediaType: 'text/plain',
          sha256: sha256Hex(note),
          size: note.length,
          contentBase64: note.toString('base64'),
        },
      ],
    }
    const file = { ...emptyFile([item]), framework: exported.framework }
    const outcome = await importPortfolio(t.db, t.dir, fresh.user.id, file, NOW)
    expect(outcome).toMatchObject({ ok: true, items: 1, attachments: 1 })
    const [imported] = listEvidence(t.db, fresh.user.id)
    const findings = listPiiFindings(t.db, imported!.id)
    expect(findings.some((f) => f.field === 'description' && f.kind === 'nhs-number')).toBe(true)
    expect(findings.some((f) => f.field.startsWith('attachment:') && f.kind === 'nhs-number')).toBe(true)
  })

  it('says at the field when the file is not JSON, not the format, or too large', async () => {
    const fresh = await createUserWithSession(t.db, { role: 'trainee' })

    const notJson = await upload(fresh, 'this is { not json', { name: 'notes.json' })
    expect(notJson.status).toBe(400)
    expect(notJson.data.errors?.file).toEqual([
      '“notes.json” is not a JSON file. Choose the .json file that “Download my portfolio” gave you.',
    ])

    const wrong = await upload(fresh, JSON.stringify({ format: 'something-else/1', items: [{ title: 1 }] }))
    expect(wrong.status).toBe(400)
    const messages = wrong.data.errors?.file ?? []
    expect(messages[0]).toMatch(/not an Attain portfolio file/)
    expect(messages.some((m) => m.startsWith('format: '))).toBe(true)
    expect(messages.some((m) => m.startsWith('exportedAt: '))).toBe(true)
    expect(messages.some((m) => m.startsWith('items.0.title: '))).toBe(true)

    // Each item is held to the evidence form's own rules, with the path to the problem.
    const bad = structuredClone(exported)
    bad.items[2]!.title = '   '
    bad.items[3]!.claims.push({ ...bad.items[3]!.claims[0]! })
    const invalid = await upload(fresh, JSON.stringify(bad))
    expect(invalid.data.errors?.file).toEqual(
      expect.arrayContaining([
        'items.2.title: Give the item a title',
        `items.3.claims.${bad.items[3]!.claims.length - 1}.area: ${bad.items[3]!.claims[0]!.area} is claimed twice`,
      ]),
    )

    const tooLarge = await upload(fresh, JSON.stringify(exported), { env: { importMaxBytes: 1000 } })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.data.errors?.file).toEqual([
      'The file is larger than 1,000 bytes, the most that can be imported at once.',
    ])

    const nothing = payloadOf<ImportResult>(
      await settle(() =>
        importAction({
          request: requestAs(fresh.cookie, '/settings/portfolio', { method: 'POST', body: new FormData() }),
          context: context(),
          params: {},
        }),
      ),
    )
    expect(nothing.data.errors?.file).toEqual(['Choose the portfolio file (.json) to import.'])
    expect(countEvidence(t.db, fresh.user.id)).toBe(0)
  })

  it('is for trainees only', async () => {
    const mentor = await createUserWithSession(t.db, { role: 'mentor' })
    for (const run of [
      () =>
        exportLoader({ request: requestAs(mentor.cookie, '/portfolio/export.json'), context: context(), params: {} }),
      () => dataLoader({ request: requestAs(mentor.cookie, '/settings/portfolio'), context: context(), params: {} }),
      () =>
        importAction({
          request: requestAs(mentor.cookie, '/settings/portfolio', { method: 'POST', body: new FormData() }),
          context: context(),
          params: {},
        }),
    ]) {
      expect((await responseOf(run)).status).toBe(404)
    }
    const anonymous = await responseOf(() =>
      exportLoader({ request: requestAs(null, '/portfolio/export.json'), context: context(), params: {} }),
    )
    expect(anonymous.status).toBe(302)
  })
})
