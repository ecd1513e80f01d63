/**
 * `npm run audit:verify`: walks the audit trail and checks every event is
 * chained to the one before it, so a removed or altered event is found.
 *
 * Exit codes: 0 intact, 1 broken, 2 no database to check.
 */
import { existsSync } from 'node:fs'
import { verifyAuditTrail } from '../../app/models/audit.server'
import { readEnv } from '../../app/utils/env.server'
import { closeDatabase } from '../client'
import { prepareDatabase } from '../setup'

function main(): number {
  const env = readEnv()
  if (!existsSync(env.databasePath)) {
    console.error(`No database at ${env.databasePath}. Set DATA_DIR or DATABASE_PATH to the one the server uses.`)
    return 2
  }
  const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs })
  try {
    const result = verifyAuditTrail(db)
    if (result.ok) {
      console.log(`Audit trail intact: ${result.count} ${result.count === 1 ? 'event' : 'events'}.`)
      return 0
    }
    console.log(`Audit trail BROKEN at event #${result.brokenAt}: ${result.reason} (${result.count} events checked).`)
    return 1
  } finally {
    closeDatabase(db)
  }
}

try {
  process.exitCode = main()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 2
}
