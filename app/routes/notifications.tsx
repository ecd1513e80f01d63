import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useFetcher } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import type { Role } from '~/vocabulary'
import { PageHead } from '~/components/page-head'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SubmitButton } from '~/components/forms'
import { Pagination, showingText } from '~/components/pagination'
import {
  getEmailNotifications,
  listNotificationsPage,
  markAllRead,
  markRead,
  openNotification,
  unreadCount,
} from '~/models/notifications.server'
import { isSitePath } from '~/notifications/links'
import { invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { requireUser } from '~/utils/session.server'
import { notFound } from '~/utils/responses'
import { pageRequestFrom } from '~/utils/pagination'

export const meta = pageTitle('Notifications')

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const { rows, page } = listNotificationsPage(context.db, user.id, pageRequestFrom(new URL(request.url).searchParams))
  return {
    role: user.role,
    notifications: rows,
    page,
    unread: unreadCount(context.db, user.id),
    emailOn: getEmailNotifications(context.db, user.id),
  }
}

const id = z.coerce
  .number({ error: 'Choose a notification' })
  .int('Choose a notification')
  .positive('Choose a notification')

const actionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('read'), id }),
    z.object({ intent: z.literal('open'), id }),
    z.object({ intent: z.literal('all') }),
  ],
  { error: 'That action is not available here.' },
)

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const formData = await readForm(request)
  const parsed = parseForm(formData, actionSchema)
  if (!parsed.ok) {
    const messages = [...new Set(Object.values(parsed.errors).flat())]
    return invalid(formData, parsed.errors, { formError: messages.join(' ') })
  }
  const input = parsed.data
  const now = context.now()
  switch (input.intent) {
    case 'open': {
      // Where to go comes from the stored notification, never from the form.
      const link = openNotification(context.db, user.id, input.id, now)
      if (link === undefined) throw notFound()
      return redirect(isSitePath(link) ? link : '/notifications')
    }
    case 'read': {
      if (!markRead(context.db, user.id, input.id, now)) throw notFound()
      return { ok: true as const, intent: input.intent, message: 'Marked as read.' }
    }
    case 'all': {
      const count = markAllRead(context.db, user.id, now)
      return {
        ok: true as const,
        intent: input.intent,
        message:
          count === 0
            ? 'Everything was already read.'
            : `Marked ${count} notification${count === 1 ? '' : 's'} as read.`,
      }
    }
  }
}

const WHAT_YOU_HEAR: Record<Role, string> = {
  trainee:
    'a mentor verifies a claim or asks for changes, someone comments on your evidence, or a declaration on your portfolio is signed or voided',
  mentor: 'a trainee sends evidence for your review, comments on it, or a declaration you signed is voided',
  assessor: 'there is something for you to look at',
  admin: 'there is something for you to look at',
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** A button for one notification that shows it is working only when it is this one being sent. */
function ItemButton({
  intent,
  itemId,
  className,
  pendingText,
  children,
}: {
  intent: 'read' | 'open'
  itemId: number
  className?: string
  pendingText: string
  children: ReactNode
}) {
  const navigation = useNavigation()
  const pending =
    navigation.state !== 'idle' &&
    navigation.formData?.get('intent') === intent &&
    navigation.formData.get('id') === String(itemId)
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      className={className}
      disabled={pending}
      aria-busy={pending || undefined}
    >
      {pending ? pendingText : children}
    </button>
  )
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['notifications'][number]

/**
 * One notification. “Mark as read” is sent without leaving the page and shows
 * as read at once: nothing can go wrong with it that the user would need to see.
 */
function NotificationRow({ notification: n }: { notification: Row }) {
  const fetcher = useFetcher()
  const read = n.readAt !== null || fetcher.formData?.get('intent') === 'read'
  return (
    <li data-unread={!read}>
      <Form method="post" className="inline-form">
        <input type="hidden" name="id" value={n.id} />
        {read ? null : (
          <>
            <span className="badge">New</span>{' '}
          </>
        )}
        <ItemButton intent="open" itemId={n.id} className="link-button" pendingText="Opening…">
          {read ? n.title : <strong>{n.title}</strong>}
        </ItemButton>
      </Form>
      {n.body ? <p>{n.body}</p> : null}
      <div className="muted">
        <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
        {read ? null : (
          <>
            {' · '}
            <fetcher.Form method="post" className="inline-form">
              <input type="hidden" name="id" value={n.id} />
              <button type="submit" name="intent" value="read" className="link-button">
                Mark as read<span className="visually-hidden">: {n.title}</span>
              </button>
            </fetcher.Form>
          </>
        )}
      </div>
    </li>
  )
}

export default function NotificationsPage() {
  const { role, notifications, page, unread, emailOn } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page">
      <PageHead title="Notifications" />
      <p className="lede">
        {unread === 0
          ? 'You have no unread notifications.'
          : `You have ${unread} unread notification${unread === 1 ? '' : 's'}.`}
        {page.pages > 1 ? ` ${showingText(page, ['notification', 'notifications'])}, newest first.` : ''}
      </p>
      {result && !result.ok ? <FormError>{result.formError}</FormError> : null}
      {result?.ok ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : null}
      {unread > 0 ? (
        <Form method="post">
          <SubmitButton name="intent" value="all" className="secondary" pendingText="Marking…">
            Mark all as read
          </SubmitButton>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p className="empty-state">Nothing new. You’ll be told here when {WHAT_YOU_HEAR[role]}.</p>
      ) : (
        <ul className="plain-list">
          {notifications.map((n) => (
            <NotificationRow key={n.id} notification={n} />
          ))}
        </ul>
      )}
      <Pagination page={page} label="Notification pages" />
      <p className="muted">
        {emailOn ? 'You also get these by e-mail.' : 'You do not get these by e-mail.'}{' '}
        <Link to="/settings/notifications">Change e-mail notifications</Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
