/** `npm run db:migrate`: applies pending migrations and seeds the frameworks, then exits. */
import { readEnv } from '../../app/utils/env.server'
import { closeDatabase } from '../client'
import { prepareDatabase } from '../setup'

const env = readEnv()
const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs, dataDir: env.dataDir })
closeDatabase(db)
console.log(`Database ready at ${env.databasePath}`)
