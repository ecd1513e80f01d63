/**
 * A ready-to-submit portfolio whose PDF has exactly the number of pages asked
 * for: a ready portfolio (see ready-portfolio.ts) with one long PDF attached,
 * its length found by rendering the preview and trying again with the
 * difference (an attachment's pages are copied one for one, so this settles
 * in a try or two). Each try is a new trainee; the ones that missed are left.
 */
import type { Db } from '../../db/client'
import { preparePreview } from '../../app/submission/preview.server'
import { buildReadyPortfolio, type ReadyPortfolio } from './ready-portfolio'

export async function portfolioOfPages(
  db: Db,
  dataDir: string,
  { pages, items, now = new Date() }: { pages: number; items: number; now?: Date },
): Promise<ReadyPortfolio & { pages: number }> {
  let longPdfPages = 0
  for (let attempt = 0; attempt < 6; attempt++) {
    const ready = await buildReadyPortfolio(db, { items, dataDir, now, longPdfPages })
    const made = (await preparePreview(db, dataDir, ready.trainee.id, now)).pages
    if (made === pages) return { ...ready, pages }
    longPdfPages = Math.max(0, longPdfPages + pages - made)
    if (longPdfPages === 0) throw new Error(`${items} items already make ${made} pages, more than ${pages}`)
  }
  throw new Error(`Could not make a portfolio of exactly ${pages} pages`)
}
