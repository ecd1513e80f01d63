import type { AppLoadContext } from '@remix-run/node'
import { notify, type NotificationKind } from '~/models/notifications.server'

/** Tells these users (in the app, and by e-mail if they want it) that something happened. */
export function notifyUsers(
  context: AppLoadContext,
  input: { userIds: number[]; kind: NotificationKind; title: string; body?: string; link: string },
): void {
  if (input.userIds.length === 0) return
  notify(context.db, input, context.now(), { publicUrl: context.env.publicUrl })
}
