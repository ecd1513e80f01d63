/**
 * Words the summary PDF and the pages about it share: counts, the page
 * count against the limits, the PDF's file name. Pure.
 */
import { pageStatus } from '~/submission/summary'
import { submissionFileBase } from '~/submission/zip-names'

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * The PDF's length against the framework's page target and limit, e.g.
 * "118 pages: within the 120-page target (limit 160)".
 */
export function pageCountSentence(pages: number, target: number, limit: number): string {
  const count = plural(pages, 'page')
  switch (pageStatus(pages, target, limit)) {
    case 'within':
      return `${count}: within the ${target}-page target (limit ${limit})`
    case 'over-target':
      return `${count}: over the ${target}-page target, within the ${limit}-page limit`
    case 'over-limit':
      return `${count}: OVER the ${limit}-page limit (target ${target})`
  }
}

/** "portfolio-alex-morgan-submission-2.pdf": ASCII only, safe in a Content-Disposition header. */
export function summaryPdfFilename(traineeName: string, submissionNumber: number): string {
  return `${submissionFileBase(traineeName, submissionNumber)}.pdf`
}
