/**
 * `npm run files:convert`: converts every Word, Excel and PowerPoint file
 * already stored that has not been converted yet, with a progress bar.
 * The work is the same durable queue the server's worker uses, so the
 * command can be stopped at any moment and run again to carry on; it may run
 * while the server does (each job is claimed by one worker only).
 *
 *   npm run files:convert            queue what is unconverted, convert it all
 *   npm run files:convert -- --retry-failed   also try the failed ones again
 */
import { closeDatabase } from '../client'
import { prepareDatabase } from '../setup'
import { conversionCounts, enqueueUnconverted, retryFailedConversions } from '../../app/models/conversions.server'
import { readEnv } from '../../app/utils/env.server'
import { converterStatus } from '../../app/conversion/availability.server'
import { CONVERTIBLE_MEDIA_TYPES } from '../../app/conversion/convertible'
import { startConversionWorker } from '../../app/conversion/worker.server'

const env = readEnv()
if (!converterStatus(env).available) {
  console.error(
    `No document converter: "${env.conversion.command}" was not found. Install LibreOffice (see the README) or set CONVERT_COMMAND.`,
  )
  process.exit(1)
}
const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs, dataDir: env.dataDir })
const now = new Date()
const retried = process.argv.includes('--retry-failed') ? retryFailedConversions(db, now) : 0
const queued = enqueueUnconverted(db, CONVERTIBLE_MEDIA_TYPES, now)
const before = conversionCounts(db)
const total = before.queued + before.converting
console.log(
  `${queued} newly queued${retried ? `, ${retried} failed ones queued again` : ''}; ${total} to convert, ${before.ready} already converted.`,
)

let done = 0
let failed = 0
const tty = process.stderr.isTTY
const bar = () => {
  const width = 30
  const filled = total === 0 ? width : Math.round((done / total) * width)
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} converted or failed (${failed} failed)`
  if (tty) process.stderr.write(`\r${line}`)
  else process.stderr.write(`${line}\n`)
}
bar()
const worker = startConversionWorker({
  db,
  dataDir: env.dataDir,
  ...env.conversion,
  pollMs: 250,
  onJob: (event) => {
    if (event.outcome === 'retry') return
    done++
    if (event.outcome === 'failed') failed++
    bar()
  },
})
let interrupted = false
process.once('SIGINT', () => {
  interrupted = true
  void worker.stop()
})

// Idle means nothing runnable now; jobs waiting out a retry's backoff are waited for too.
for (;;) {
  await worker.idle()
  const counts = conversionCounts(db)
  if (interrupted || counts.queued + counts.converting === 0) break
  await new Promise((resolve) => setTimeout(resolve, 1000))
}
await worker.stop()
if (tty) process.stderr.write('\n')
const after = conversionCounts(db)
closeDatabase(db)
console.log(
  interrupted
    ? `Stopped: ${after.queued + after.converting} left to convert. Run the command again to carry on.`
    : `Done: ${after.ready} converted, ${after.failed} failed${after.failed ? ' (see each file on its evidence page, or run with --retry-failed)' : ''}.`,
)
process.exit(interrupted || after.failed > 0 ? 1 : 0)
