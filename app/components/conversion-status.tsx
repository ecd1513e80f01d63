import { Form } from '@remix-run/react'
import type { ConversionView } from '~/conversion/state'
import { SubmitButton } from '~/components/forms'

/** An Office file's conversion to PDF: waiting or converting (with a progress bar), ready, failed (with "Try again"), or not possible here. */
export function ConversionStatus({
  view,
  attachmentId,
  canRetry,
}: {
  view: ConversionView
  attachmentId: number
  canRetry: boolean
}) {
  return (
    <div className={`conversion conversion-${view.kind}`} role="status" aria-live="polite" data-conversion={view.kind}>
      {view.kind === 'queued' || view.kind === 'converting' ? (
        <progress aria-label={view.kind === 'queued' ? 'Waiting to convert' : 'Converting'} />
      ) : null}{' '}
      <span>{view.text}</span>
      {view.kind === 'failed' && canRetry ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="attachmentId" value={attachmentId} />{' '}
          <SubmitButton name="intent" value="retry-conversion" className="secondary" pendingText="Queuing…">
            Try again
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  )
}
