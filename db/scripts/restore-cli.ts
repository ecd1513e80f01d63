/**
 * `npm run db:restore -- FROM [--force]`: puts the backup in FROM back as the
 * database and file store of DATA_DIR (or DATABASE_PATH). Stop the server
 * first. Refuses to replace an existing database, or to add to a store that
 * holds files, without --force; with it, the old database is kept beside the
 * new one as `<name>.replaced-<time>`.
 *
 * Exit codes: 0 restored, 1 refused or failed, 2 restored but files are missing or damaged.
 */
import { readEnv } from '../../app/utils/env.server'
import { restore, RestoreRefusal } from './backup'

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const force = args.includes('--force')
  const positional = args.filter((a) => !a.startsWith('-'))
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--force')
  if (positional.length !== 1 || unknown.length > 0) {
    console.error('Usage: npm run db:restore -- FROM [--force]   (FROM: a folder written by npm run db:backup)')
    return 1
  }
  const env = readEnv()
  const started = performance.now()
  const result = await restore({ from: positional[0]!, dataDir: env.dataDir, databasePath: env.databasePath, force })
  const rows = Object.values(result.tables).reduce((sum, n) => sum + n, 0)
  console.log(`Restored ${result.databasePath} from the backup of ${result.manifest.createdAt}`)
  if (result.replaced) console.log(`  the database it replaced is kept at ${result.replaced}`)
  console.log(`  rows      ${rows} in ${Object.keys(result.tables).length} tables, every count as in the manifest`)
  console.log(
    `  files     ${result.files.files} in the backup: ${result.files.copied} copied, ${result.files.skipped} already there`,
  )
  console.log(`  took      ${((performance.now() - started) / 1000).toFixed(1)} s`)
  let code = 0
  if (result.files.mismatched.length > 0) {
    console.error(
      `WARNING: ${result.files.mismatched.length} files in the backup do not match their names and were not restored: ${result.files.mismatched.slice(0, 5).join(', ')}`,
    )
    code = 2
  }
  if (result.missing.length > 0) {
    console.error(
      `WARNING: ${result.missing.length} files the database points at are not in the restored store: ${result.missing.slice(0, 5).join(', ')}`,
    )
    code = 2
  }
  return code
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof RestoreRefusal) console.error(`Not restored: ${error.message}`)
    else console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
