import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TableHead } from '~/components/table'
import { FormError, SubmitButton } from '~/components/forms'
import { lastDigestRun } from '~/models/digest.server'
import { runWeeklyDigest } from '~/notifications/weekly-digest.server'
import { isoWeek } from '~/notifications/digest'
import { audit } from '~/utils/audit.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, showingText } from '~/components/pagination'
import { listOutboxPage } from '~/models/notifications.server'
import { DELIVERY_INTERVAL_MS, MAX_ATTEMPTS } from '~/notifications/mailer.server'
import { requirePermission } from '~/utils/authorization.server'
import { pageTitle } from '~/utils/meta'
import { requireUser } from '~/utils/session.server'
import { pageRequestFrom } from '~/utils/pagination'

export const meta = pageTitle('E-mail outbox')

type Status = { state: 'sent'; at: string } | { state: 'waiting' } | { state: 'failed'; error: string; gaveUp: boolean }

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  requirePermission(context.db, user, 'view', { kind: 'accounts' })
  const { rows, page } = listOutboxPage(context.db, pageRequestFrom(new URL(request.url).searchParams))
  const emails = rows.map(({ sentAt, lastError, ...e }) => {
    const status: Status = sentAt
      ? { state: 'sent', at: sentAt }
      : lastError
        ? { state: 'failed', error: lastError, gaveUp: e.attempts >= MAX_ATTEMPTS }
        : { state: 'waiting' }
    return { ...e, status }
  })
  return {
    // Only whether SMTP is set up: the URL itself may hold a password.
    smtpConfigured: context.env.mail.smtpUrl !== null,
    intervalSeconds: Math.round(DELIVERY_INTERVAL_MS / 1000),
    maxAttempts: MAX_ATTEMPTS,
    emails,
    page,
    digest: {
      schedule: context.env.digestSchedule,
      thisWeek: isoWeek(context.now()),
      last: lastDigestRun(context.db) ?? null,
    },
  }
}

const schema = z.object({ intent: z.literal('send-digest', { error: 'That is not something this page can do.' }) })

/** Sends this week's digest now, unless it has gone already (the schedule's claim on the week applies here too). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  requirePermission(context.db, user, 'view', { kind: 'accounts' })
  const parsed = parseForm(await readForm(request), schema)
  if (!parsed.ok) return failure({ ...parsed, formError: 'That is not something this page can do.' })
  const result = runWeeklyDigest(context.db, context.now(), { publicUrl: context.env.publicUrl })
  if (result.claimed)
    audit(
      context,
      user.id,
      'digest.sent',
      { type: 'scheduled_run', id: result.period },
      { mentors: result.mentors, trainees: result.trainees },
    )
  return { ok: true as const, formError: undefined, ...result }
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

function StatusCell({ status, maxAttempts }: { status: Status; maxAttempts: number }) {
  switch (status.state) {
    case 'sent':
      return (
        <>
          Sent <time dateTime={status.at}>{formatUtc(status.at)}</time>
        </>
      )
    case 'waiting':
      return <>Waiting</>
    case 'failed':
      return (
        <>
          <span className="warning-text">Failed: {status.error}</span>
          {status.gaveUp ? (
            <span className="muted"> No more attempts after {maxAttempts}.</span>
          ) : (
            <span className="muted"> Will try again.</span>
          )}
        </>
      )
  }
}

/** Plain text with its line breaks, wrapping within the cell. */
function PlainText({ text }: { text: string }) {
  return (
    <p>
      {text.split('\n').map((line, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </p>
  )
}

export default function OutboxPage() {
  const { smtpConfigured, intervalSeconds, maxAttempts, emails, page, digest } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/admin">Accounts</Link>
      </p>
      <h1>E-mail outbox</h1>
      {smtpConfigured ? (
        <p className="notice">
          SMTP is configured: waiting e-mails are sent every {intervalSeconds} seconds. One that fails is tried again,
          up to {maxAttempts} times, and its last error is shown here.
        </p>
      ) : (
        <p className="notice">
          SMTP is not configured: e-mails are kept here and nobody receives them. Set <code>SMTP_URL</code> (and{' '}
          <code>MAIL_FROM</code>) and restart Attain to send them; those still waiting will go then.
        </p>
      )}
      <section aria-labelledby="digest-title">
        <h2 id="digest-title">Weekly digest</h2>
        <p>
          Each mentor hears of the items waiting more than a week for their review, oldest first, and each trainee of
          their target date against their coverage, in Attain and by e-mail; anyone can turn it off in their
          notification settings.{' '}
          {digest.schedule === 'weekly'
            ? 'It goes every Monday from 07:00 UTC.'
            : 'It is not scheduled on this server (DIGEST_SCHEDULE=off): send it from here.'}
        </p>
        <p>
          {digest.last ? `Last sent for ${digest.last.period} at ${formatUtc(digest.last.ranAt)}.` : 'Not sent yet.'}
        </p>
        <FormError>{result?.formError}</FormError>
        {result?.ok ? (
          <p className={result.claimed ? 'success' : 'notice'} role="status">
            {result.claimed
              ? `Digest for ${result.period} sent: ${result.mentors} to mentors, ${result.trainees} to trainees.`
              : `The digest for ${result.period} already went at ${formatUtc(result.ranAt)}; it goes once a week.`}
          </p>
        ) : null}
        {digest.last?.period === digest.thisWeek ? null : (
          <Form method="post">
            <SubmitButton name="intent" value="send-digest" pendingText="Sending…">
              Send this week’s digest now
            </SubmitButton>
          </Form>
        )}
      </section>
      {emails.length > 0 ? (
        <p className="muted">{showingText(page, ['e-mail', 'e-mails'])}, newest first. Times are in UTC.</p>
      ) : null}
      {emails.length === 0 ? (
        <p className="empty-state">
          No e-mails yet. They appear here when someone with e-mail notifications on is told about a review, a comment
          or a declaration.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">E-mails queued and sent, newest first</caption>
            <TableHead columns={['To', 'Subject', 'Created', 'Status', 'Attempts']} />
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>
                    {e.recipientName ? (
                      <>
                        {e.recipientName}
                        <br />
                      </>
                    ) : null}
                    <span className="muted">{e.toAddress}</span>
                  </td>
                  <td>
                    <details>
                      <summary>{e.subject}</summary>
                      <PlainText text={e.body} />
                    </details>
                  </td>
                  <td>
                    <time dateTime={e.createdAt}>{formatUtc(e.createdAt)}</time>
                  </td>
                  <td>
                    <StatusCell status={e.status} maxAttempts={maxAttempts} />
                  </td>
                  <td>{e.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} label="Outbox pages" />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
