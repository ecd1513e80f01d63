import { renderToStaticMarkup } from 'react-dom/server'
import { snapshotHead, SummaryBody } from '~/components/portfolio-summary'
import { LruCache } from '~/utils/lru'
import type { PortfolioSnapshot } from '~/submission/snapshot'
import { portfolioSummary } from '~/submission/summary'

/** About 0.3 MB of markup each for a 40-item portfolio. */
const bodies = new LruCache<string, string>(32)

/**
 * The summary after its cover, as HTML. A snapshot never changes and its
 * hash names its content, so the markup is made once per snapshot rather than
 * on every request, and the page sends it as it is instead of the whole
 * snapshot for the browser to render again.
 */
export function summaryBodyMarkup(snapshot: PortfolioSnapshot, hash: string): string {
  return bodies.getOrSet(hash, () =>
    renderToStaticMarkup(<SummaryBody snapshot={snapshot} model={portfolioSummary(snapshot, null)} />),
  )
}

/** What a page showing a submission's summary needs: the cover's facts and the body's markup, not the snapshot. */
export function summaryPageData(submission: {
  snapshot: PortfolioSnapshot
  snapshotSha256: string
  pdfPages: number | null
}) {
  const { snapshot, snapshotSha256: hash, pdfPages } = submission
  const { pages, totals } = portfolioSummary(snapshot, pdfPages)
  return { head: snapshotHead(snapshot), cover: { pages, totals }, hash, bodyHtml: summaryBodyMarkup(snapshot, hash) }
}

export type SummaryPageData = ReturnType<typeof summaryPageData>
