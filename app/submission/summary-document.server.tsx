import { renderToStaticMarkup } from 'react-dom/server'
import { PortfolioSummary } from '~/components/portfolio-summary'
import appCss from '~/styles/app.css?raw'
import summaryCss from '~/styles/summary.css?raw'
import { cssUsedBy } from '~/submission/css-subset'
import { LruCache } from '~/utils/lru'
import type { PortfolioSnapshot } from '~/submission/snapshot'

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The portfolio summary as one standalone web page (summary.html in a
 * submission's download): the same markup as /submissions/:id, its styles
 * inline, no scripts, and a policy that lets the page fetch nothing, so it
 * reads the same offline, years from now, wherever it is opened.
 */
export function renderSummaryDocument(snapshot: PortfolioSnapshot, hash: string, pdfPages: number | null): string {
  return documents.getOrSet(`${hash}:${pdfPages ?? ''}`, () => makeSummaryDocument(snapshot, hash, pdfPages))
}

/** A snapshot never changes, so neither does its document (for a given PDF page count). */
const documents = new LruCache<string, string>(8)

function makeSummaryDocument(snapshot: PortfolioSnapshot, hash: string, pdfPages: number | null): string {
  const body = `<main class="page">${renderToStaticMarkup(<PortfolioSummary snapshot={snapshot} hash={hash} pdfPages={pdfPages} />)}</main>`
  // Only the app's base styles and the classes the summary uses; `</` cannot end the style element early.
  const css = `${cssUsedBy(appCss, body)}\n${summaryCss}`.replace(/<\//g, '<\\/')
  const title = `Portfolio summary: ${snapshot.trainee.name}, submission ${snapshot.number}`
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${css}\n</style>`,
    '</head>',
    `<body>\n${body}\n</body>`,
    '</html>',
    '',
  ].join('\n')
}
