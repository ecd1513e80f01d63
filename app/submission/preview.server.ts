/**
 * The preview PDF: the summary PDF that submitting would make now, rendered
 * from the live portfolio with "Draft — not submitted" on every page. Its
 * page count is the one figure the coverage report, the submission page and
 * the mentor's view show.
 *
 * Rendering takes seconds for a long portfolio, so it runs in the render
 * worker and pages never wait for it: `previewStatus` answers at once, with
 * the count if the preview is made, else the last count and the progress of
 * the one being made. A made preview is kept per trainee until the portfolio
 * changes: the cache is keyed on the database's change counters
 * (`databaseVersion`), and when they move (any write, a session's last-seen
 * time included) the snapshot is gathered again and compared with the one the
 * preview was made from; only a different portfolio is rendered again.
 */
import type { Db } from '../../db/client'
import { databaseVersion } from '~/models/database-version.server'
import { ReportCache } from '~/utils/report-cache'
import { nextSubmissionNumber } from '~/models/submission.server'
import { gatherSnapshot } from '~/submission/submit.server'
import { LruCache } from '~/utils/lru'
import { renderInWorker, type RenderProgress } from '~/submission/render-pool.server'
import type { PreviewStatus, PreviewView } from '~/submission/preview-status'
import { serializeSnapshot, sha256Hex, type PortfolioSnapshot } from '~/submission/snapshot'

export type { PreviewStatus } from '~/submission/preview-status'

export interface Preview {
  pages: number
  bytes: Uint8Array
  snapshot: PortfolioSnapshot
}

interface Made {
  /** What the preview was made from (see `contentKey`). */
  contentKey: string
  pages: number
}

interface Running {
  contentKey: string
  /** The database version the snapshot was gathered at, moved on while the portfolio stays the same. */
  dbKey: string
  snapshot: PortfolioSnapshot
  progress: RenderProgress | null
  failed: string | null
  done: Promise<Preview>
}

interface State {
  made: ReportCache<Made>
  running: Map<number, Running>
  /** The PDFs themselves, for downloads: a few, by content key (a page count is kept far longer). */
  bytes: LruCache<string, { bytes: Uint8Array; snapshot: PortfolioSnapshot }>
}

const states = new WeakMap<Db, State>()

function stateOf(db: Db): State {
  let state = states.get(db)
  if (!state) states.set(db, (state = { made: new ReportCache(), running: new Map(), bytes: new LruCache(8) }))
  return state
}

/** Midnight (UTC) of `now`'s day: the preview is dated by the day, so it stays the same all day. */
function dayOf(now: Date): Date {
  return new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`)
}

/**
 * What the PDF is made from: the snapshot with its coverage report reduced
 * to what the PDF prints of it (the report's page budget follows the PDF,
 * not the other way round).
 */
function contentKey(snapshot: PortfolioSnapshot): string {
  const { areasEvidenced, areasVerified, areasTotal } = snapshot.coverage.summary
  return sha256Hex(JSON.stringify({ ...snapshot, coverage: { areasEvidenced, areasVerified, areasTotal } }))
}

function livePreviewSnapshot(db: Db, traineeId: number, now: Date): PortfolioSnapshot {
  return gatherSnapshot(db, traineeId, nextSubmissionNumber(db, traineeId), dayOf(now), { preview: true })
}

/** The preview in hand, or the render under way for the portfolio as it stands (started if need be). */
function lookup(db: Db, dataDir: string, traineeId: number, now: Date): { made: Made } | { running: Running } {
  const state = stateOf(db)
  const dbKey = `${dayOf(now).toISOString()}:${databaseVersion(db)}`
  const latest = state.made.latest(traineeId)
  if (latest && latest.key === dbKey) return { made: latest.value }
  const running = state.running.get(traineeId)
  if (running && running.dbKey === dbKey && !running.failed) return { running }

  const snapshot = livePreviewSnapshot(db, traineeId, now)
  const key = contentKey(snapshot)
  if (latest && latest.value.contentKey === key) {
    state.made.set(traineeId, dbKey, latest.value)
    return { made: latest.value }
  }
  if (running && running.contentKey === key && !running.failed) {
    running.dbKey = dbKey
    return { running }
  }

  const job: Running = {
    contentKey: key,
    dbKey,
    snapshot,
    progress: null,
    failed: null,
    done: undefined as unknown as Promise<Preview>,
  }
  job.done = renderInWorker(
    { snapshot, hash: sha256Hex(serializeSnapshot(snapshot)), dataDir, draft: true },
    (progress) => {
      job.progress = progress
    },
  ).then(
    ({ bytes, pages }) => {
      state.bytes.set(key, { bytes, snapshot })
      // A newer render for this trainee (the portfolio changed meanwhile) has the last word.
      if (state.running.get(traineeId) === job) {
        state.running.delete(traineeId)
        state.made.set(traineeId, job.dbKey, { contentKey: key, pages })
      }
      return { pages, bytes, snapshot }
    },
    (error: unknown) => {
      job.failed = error instanceof Error ? error.message : String(error)
      throw error
    },
  )
  // A failure is reported through the status (and to whoever awaits the job), never as an unhandled rejection.
  job.done.catch(() => undefined)
  state.running.set(traineeId, job)
  return { running: job }
}

/** The preview's page count if it is made, else how far the one being made has got. Never waits for a render. */
export function previewStatus(db: Db, dataDir: string, traineeId: number, now: Date): PreviewStatus {
  const found = lookup(db, dataDir, traineeId, now)
  if ('made' in found) return { state: 'ready', pages: found.made.pages }
  const lastKnown = stateOf(db).made.latest(traineeId)?.value.pages ?? null
  const { running } = found
  if (running.failed) return { state: 'failed', lastKnown, message: running.failed }
  return { state: 'counting', lastKnown, progress: running.progress }
}

/** The page count for the coverage report's budget, when the preview is made (an estimate stands in otherwise). */
export function knownPages(status: PreviewStatus): number | undefined {
  return status.state === 'ready' ? status.pages : undefined
}

/**
 * The preview's page count if one was made from the portfolio as it stands,
 * else undefined; never starts a render, so a list of many trainees can ask
 * for each. When the database has moved on since the count, the portfolio is
 * gathered again (no rendering) to see whether it is still the same.
 */
export function madePreviewPages(db: Db, traineeId: number, now: Date): number | undefined {
  const state = stateOf(db)
  const latest = state.made.latest(traineeId)
  if (!latest) return undefined
  const dbKey = `${dayOf(now).toISOString()}:${databaseVersion(db)}`
  if (latest.key === dbKey) return latest.value.pages
  if (contentKey(livePreviewSnapshot(db, traineeId, now)) !== latest.value.contentKey) return undefined
  state.made.set(traineeId, dbKey, latest.value)
  return latest.value.pages
}

/** How many previews are being made now (for this database), for the log and for tests. */
export function previewsRendering(db: Db): number {
  return stateOf(db).running.size
}

/** The preview PDF of the portfolio as it stands, waiting for it to be rendered if need be. */
export async function preparePreview(db: Db, dataDir: string, traineeId: number, now: Date): Promise<Preview> {
  const state = stateOf(db)
  const found = lookup(db, dataDir, traineeId, now)
  if ('running' in found) {
    if (found.running.failed) {
      // A failed render is tried again when asked for outright.
      state.running.delete(traineeId)
      return preparePreview(db, dataDir, traineeId, now)
    }
    return found.running.done
  }
  const kept = state.bytes.get(found.made.contentKey)
  if (kept) return { pages: found.made.pages, ...kept }
  // The count is known but the bytes were let go: render the same portfolio again.
  const snapshot = livePreviewSnapshot(db, traineeId, now)
  const { bytes, pages } = await renderInWorker({
    snapshot,
    hash: sha256Hex(serializeSnapshot(snapshot)),
    dataDir,
    draft: true,
  })
  state.bytes.set(contentKey(snapshot), { bytes, snapshot })
  return { pages, bytes, snapshot }
}

/** The status with where to download the PDF and ask again, for a page to show. */
export function previewView(db: Db, dataDir: string, traineeId: number, now: Date): PreviewView {
  return {
    status: previewStatus(db, dataDir, traineeId, now),
    pdfHref: `/portfolios/${traineeId}/preview.pdf`,
    statusHref: `/portfolios/${traineeId}/preview.json`,
  }
}
