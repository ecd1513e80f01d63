/**
 * The database schema never ships to the browser: no file of the client build
 * holds drizzle's code or a table definition. Shared value lists come from
 * app/vocabulary.ts, which imports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { is } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as schema from '../../db/schema'
import { root } from './harness-core'

const clientDir = path.join(root, 'build/client')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(m?js|css|html|json)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

const tableNames = Object.values(schema)
  .filter((value) => is(value, SQLiteTable))
  .map((table) => getTableConfig(table as SQLiteTable).name)

/** What drizzle leaves in a bundle: its entity symbols, its class names, the table builder. */
const DRIZZLE_MARKERS = [/drizzle:/, /\bSQLiteTable\b/, /\bSQLiteColumn\b/, /\bsqliteTable\b/, /drizzle-orm/]

/**
 * A table definition, minified or not, is the table's name in quotes followed by its columns object
 * (`sqliteTable("users", {` → `x("users",{`). A bare word such as "sessions" may well be UI text, so the name
 * alone is not enough; multi-word names (`evidence_items`) never are UI text and count on their own.
 */
const tableNameMarkers = tableNames.flatMap((name) => [
  new RegExp(`["'\`]${name}["'\`]\\s*,\\s*\\{`),
  ...(name.includes('_') ? [new RegExp(`\\b${name}\\b`)] : []),
])

/** Which markers a piece of client code contains (the test's own oracle, checked below on known text). */
function schemaTraces(code: string): string[] {
  return [...DRIZZLE_MARKERS, ...tableNameMarkers].filter((marker) => marker.test(code)).map(String)
}

describe('the client build', () => {
  it('knows the schema it looks for', () => {
    expect(tableNames).toContain('evidence_items')
    expect(tableNames).toContain('audit_events')
    expect(tableNames.length).toBeGreaterThan(20)
    expect(schemaTraces(`const t = sqliteTable("evidence_items", {})`)).not.toEqual([])
    expect(schemaTraces(`Symbol.for("drizzle:Name")`)).not.toEqual([])
    expect(schemaTraces(`const t=x("users",{id:y("id")})`)).not.toEqual([])
    expect(schemaTraces(`const q = "select * from evidence_items"`)).not.toEqual([])
    expect(schemaTraces(`const ROLES = ["trainee", "mentor"]`)).toEqual([])
    expect(schemaTraces(`link("notifications", "Notifications")`)).toEqual([])
  })

  it('holds no drizzle code and no table definition in any file', () => {
    const files = filesUnder(clientDir)
    expect(files.length).toBeGreaterThan(10)
    const offenders = files
      .map((file) => ({ file: path.relative(root, file), traces: schemaTraces(readFileSync(file, 'utf8')) }))
      .filter((found) => found.traces.length > 0)
    expect(offenders).toEqual([])
  })
})
