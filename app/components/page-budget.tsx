import { useRevalidator } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { PreviewStatus, PreviewView } from '~/submission/preview-status'

/** How often a page asks whether the page count is ready while it is counted. */
const POLL_MS = 1000

const plural = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'page' : 'pages'}`

/**
 * The preview's status, kept up to date while it is counted: asked again
 * every second, and when the count is ready the page's data is reloaded (the
 * coverage report's budget findings follow the count).
 */
export function usePreviewStatus(view: PreviewView): PreviewStatus {
  const [status, setStatus] = useState(view.status)
  const revalidator = useRevalidator()
  useEffect(() => setStatus(view.status), [view.status])
  const counting = status.state === 'counting'
  useEffect(() => {
    if (!counting) return
    let stopped = false
    const timer = setInterval(() => {
      fetch(view.statusHref, { headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? (response.json() as Promise<PreviewStatus>) : null))
        .then((next) => {
          if (stopped || !next) return
          setStatus(next)
          if (next.state === 'ready') revalidator.revalidate()
        })
        .catch(() => undefined)
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
    // The revalidator changes identity with its state; polling depends only on what is asked.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [counting, view.statusHref])
  return status
}

/**
 * The page budget: the page count of the PDF submitting would make now (the
 * preview), against ACS's target and limit, with the preview to download.
 * While the count is made it shows the last one and how far it has got.
 */
export function PageBudget({
  view,
  target,
  limit,
  attachments,
}: {
  view: PreviewView
  target: number
  limit: number
  attachments: number
}) {
  const status = usePreviewStatus(view)
  const pages = status.state === 'ready' ? status.pages : status.lastKnown
  const state = pages === null ? 'within' : pages > limit ? 'over-limit' : pages > target ? 'over-target' : 'within'
  return (
    <div className="page-budget" data-state={status.state}>
      <p aria-live="polite" aria-atomic="true">
        {status.state === 'ready' ? (
          <>
            The PDF submitting would make now has{' '}
            <strong className="page-count" data-pages={status.pages}>
              {plural(status.pages)}
            </strong>{' '}
            ({attachments.toLocaleString('en-GB')} of them attachments).
          </>
        ) : status.state === 'counting' ? (
          <>
            <span className="page-count-pending">Counting pages…</span>
            {status.lastKnown !== null ? ` The last count was ${plural(status.lastKnown)}.` : ''}
          </>
        ) : (
          <>
            The pages could not be counted: {status.message}
            {status.lastKnown !== null ? ` The last count was ${plural(status.lastKnown)}.` : ''}
          </>
        )}{' '}
        ACS expects about {target}; more than {limit} is rejected on receipt.
        {status.state === 'ready' && state === 'over-limit'
          ? ` Over the limit by ${plural(status.pages - limit)}: cut before you submit.`
          : status.state === 'ready' && state === 'over-target'
            ? ` Over the target by ${plural(status.pages - target)}: trim where you can.`
            : ''}
      </p>
      {status.state === 'counting' ? (
        <progress
          className="page-count-progress"
          max={status.progress?.total ?? undefined}
          value={status.progress?.done ?? undefined}
          aria-label="Counting the pages of the preview PDF"
        />
      ) : pages !== null ? (
        <meter
          className={`meter meter--${state}`}
          min={0}
          max={limit}
          value={Math.min(pages, limit)}
          aria-label={`${pages} of ${limit} pages`}
          title={`${pages} of ${limit} pages`}
        />
      ) : null}
      <p>
        <a href={view.pdfHref} download className="preview-download">
          Download the preview PDF
        </a>{' '}
        <span className="muted">(marked “Draft — not submitted” on every page)</span>
      </p>
    </div>
  )
}
