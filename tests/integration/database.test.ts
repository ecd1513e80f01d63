import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultFramework } from '../../competences/index'
import { MIGRATIONS_FOLDER, runMigrations } from '../../db/migrate'
import { competenceAreas, domains, frameworks, specificCompetencies } from '../../db/schema'
import { seedFramework } from '../../db/seed'
import { getFramework } from '../../app/models/framework.server'
import { cloneFramework } from '../support/fixtures'
import { createEmptyTestDb, createTestDb, type TestDb } from '../support/test-db'

let current: TestDb | undefined
afterEach(() => current?.cleanup())
const fresh = () => (current = createTestDb())
const empty = () => (current = createEmptyTestDb())

const ref = { slug: defaultFramework.id, version: defaultFramework.version }

function dump(t: TestDb) {
  const tables = t.db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => [name, t.db.$client.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]),
  )
}

function schemaSql(t: TestDb) {
  return t.db.$client.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()
}

describe('connections', () => {
  it('use WAL, enforce foreign keys and wait when the database is busy', () => {
    const t = fresh()
    expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(t.db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(t.db.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
  })

  it('refuse a row that points at nothing', () => {
    const t = fresh()
    expect(() =>
      t.db
        .insert(competenceAreas)
        .values({ frameworkId: 9999, domainId: 9999, code: 'X1', text: 'x', position: 0 })
        .run(),
    ).toThrow(/FOREIGN KEY/)
  })
})

describe('migrations', () => {
  it('apply to an empty database', () => {
    const t = empty()
    runMigrations(t.db)
    const names = (schemaSql(t) as { name: string }[]).map((r) => r.name)
    for (const table of ['frameworks', 'domains', 'competence_areas', 'specific_competencies', 'domain_guidance']) {
      expect(names).toContain(table)
    }
  })

  it('re-apply as a no-op', () => {
    const t = empty()
    runMigrations(t.db)
    const before = { schema: schemaSql(t), data: dump(t) }
    runMigrations(t.db)
    expect({ schema: schemaSql(t), data: dump(t) }).toEqual(before)
  })

  it('have a journal in order, each entry with its SQL file', () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; when: number; tag: string }[]
    }
    expect(journal.entries.length).toBeGreaterThan(0)
    journal.entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i)
      if (i > 0) expect(entry.when).toBeGreaterThan(journal.entries[i - 1]!.when)
      expect(existsSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`))).toBe(true)
    })
  })
})

describe('seeding the framework', () => {
  it('puts exactly the framework file into the database', () => {
    const t = fresh()
    expect(getFramework(t.db, ref)).toEqual(defaultFramework)
    expect(t.db.select().from(competenceAreas).all()).toHaveLength(46)
    expect(t.db.select().from(domains).all()).toHaveLength(7)
    expect(t.db.select().from(specificCompetencies).all()).toHaveLength(49)
  })

  it('twice leaves the same rows', () => {
    const t = fresh()
    const before = dump(t)
    expect(seedFramework(t.db, defaultFramework)).toBe('unchanged')
    expect(dump(t)).toEqual(before)
  })

  it('creates on an empty database', () => {
    const t = empty()
    runMigrations(t.db)
    expect(seedFramework(t.db, defaultFramework)).toBe('created')
    expect(getFramework(t.db, ref)).toEqual(defaultFramework)
  })

  it('updates changed text in place, keeping the ids evidence will point at', () => {
    const t = fresh()
    const idOf = (code: string) =>
      t.db.select({ id: competenceAreas.id }).from(competenceAreas).where(eq(competenceAreas.code, code)).get()?.id
    const sci3 = idOf('Sci3')
    const changed = cloneFramework()
    changed.domains[0]!.areas[2]!.text = 'A corrected statement.'
    changed.domains[0]!.specificCompetencies.pop()
    changed.domains[6]!.guidance.notes = ['A new note.']

    expect(seedFramework(t.db, changed)).toBe('updated')
    expect(idOf('Sci3')).toBe(sci3)
    expect(getFramework(t.db, ref)).toEqual(changed)
  })

  it('lets a new version sit beside the old one', () => {
    const t = fresh()
    const next = cloneFramework()
    next.version = '2026'
    next.domains[3]!.areas[0]!.text = 'Read and critically appraise scientific literature.'
    expect(seedFramework(t.db, next)).toBe('created')
    expect(t.db.select().from(frameworks).all()).toHaveLength(2)
    expect(getFramework(t.db, ref)).toEqual(defaultFramework)
    expect(getFramework(t.db, { slug: next.id, version: '2026' })).toEqual(next)
    expect(t.db.select().from(competenceAreas).all()).toHaveLength(92)
  })

  it('answers null for a framework that is not there', () => {
    const t = fresh()
    expect(getFramework(t.db, { slug: 'ipem-mpce', version: '1999' })).toBeNull()
  })
})
