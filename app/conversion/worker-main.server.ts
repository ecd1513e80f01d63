/**
 * The conversion worker process, started (and restarted if it dies) by the
 * server. Reads the same environment as the server; one line of JSON per
 * finished job on standard output.
 */
import { closeDatabase, openDatabase } from '../../db/client'
import { readEnv } from '~/utils/env.server'
import { startConversionWorker } from '~/conversion/worker.server'

const env = readEnv()
const db = openDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs })
const worker = startConversionWorker({
  db,
  dataDir: env.dataDir,
  ...env.conversion,
  onJob: (event) => console.log(JSON.stringify({ event: 'conversion', ...event })),
})

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void worker.stop().then(() => {
    closeDatabase(db)
    process.exit(0)
  })
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The server went away without telling us: stop too, rather than run on unsupervised.
process.on('disconnect', stop)
