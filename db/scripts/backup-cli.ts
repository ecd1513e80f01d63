/**
 * `npm run db:backup -- [DEST]`: a backup of the database and the file store
 * into DEST (default `<DATA_DIR>/backups/<UTC time>`), safe while the server
 * runs. DEST may hold an earlier backup: the database is replaced and only
 * new files are copied.
 *
 * Exit codes: 0 written, 1 failed, 2 written but files are missing or damaged.
 */
import { readEnv } from '../../app/utils/env.server'
import { formatBytes } from '../../app/utils/bytes'
import { backup, type BackupManifest } from './backup'

/** The tables an operator looks at first; the rest are summed up. */
const HEADLINE_TABLES = ['users', 'evidence_items', 'evidence_attachments', 'stored_files', 'audit_events', 'sessions']

function summarise(dir: string, manifest: BackupManifest): string[] {
  const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0)
  const headline = HEADLINE_TABLES.filter((t) => t in manifest.tables).map((t) => `${t} ${manifest.tables[t]}`)
  const { schema, files, database } = manifest
  return [
    `Backup written to ${dir}`,
    `  database  ${formatBytes(database.bytes)}, ${database.pages} pages, integrity ${database.integrity}, sha256 ${database.sha256}`,
    `  schema    ${schema.migrationsApplied} migrations applied${schema.lastMigrationTag ? ` (last ${schema.lastMigrationTag})` : ''}`,
    `  rows      ${rows} in ${Object.keys(manifest.tables).length} tables: ${headline.join(', ')}`,
    `  files     ${files.count} (${formatBytes(files.bytes)}): ${files.copied} copied, ${files.skipped} already there`,
    `  took      ${(manifest.durationMs / 1000).toFixed(1)} s`,
  ]
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  if (args.some((a) => a === '--help' || a === '-h') || args.length > 1) {
    console.log('Usage: npm run db:backup -- [DEST]   (default DEST: <DATA_DIR>/backups/<UTC time>)')
    return args.length > 1 ? 1 : 0
  }
  const env = readEnv()
  const { dir, manifest, database } = await backup({
    dataDir: env.dataDir,
    databasePath: env.databasePath,
    dest: args[0],
  })
  for (const line of summarise(dir, manifest)) console.log(line)
  if (database.restarts > 0)
    console.log(
      `  (the copy started over ${database.restarts} times as the server wrote; it holds one consistent moment)`,
    )
  let code = 0
  if (manifest.files.missing.length > 0) {
    console.error(
      `WARNING: ${manifest.files.missing.length} files the database points at are not in the store: ${manifest.files.missing.slice(0, 5).join(', ')}`,
    )
    code = 2
  }
  if (manifest.files.mismatched.length > 0) {
    console.error(
      `WARNING: ${manifest.files.mismatched.length} stored files do not match their names and were left out: ${manifest.files.mismatched.slice(0, 5).join(', ')}`,
    )
    code = 2
  }
  return code
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
