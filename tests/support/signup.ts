import type { AppLoadContext } from '@remix-run/node'
import type { Db } from '../../db/client'
import { action as confirmAction } from '../../app/routes/signup_.confirm.$token'
import { requestAs } from './users'

/** The newest e-mail queued for this address. */
export function latestEmail(db: Db, address: string): { subject: string; body: string } | undefined {
  return db.$client
    .prepare('SELECT subject, body FROM email_outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1')
    .get(address.trim().toLowerCase()) as { subject: string; body: string } | undefined
}

/** The sign-up link (path and query) in the newest e-mail to this address, and its token. */
export function signupLink(db: Db, address: string): { path: string; token: string } {
  const body = latestEmail(db, address)?.body ?? ''
  const match = /\/signup\/confirm\/([A-Za-z0-9_-]{43})(?:\?invite=[A-Za-z0-9_%-]+)?/.exec(body)
  if (!match) throw new Error(`No sign-up link in the newest e-mail to ${address}:\n${body}`)
  return { path: match[0], token: match[1]! }
}

/** Opens the e-mailed sign-up link and presses “Create my account”: what the confirm action answers (or throws). */
export async function confirmSignupFromEmail(db: Db, address: string, context: AppLoadContext): Promise<unknown> {
  const { path, token } = signupLink(db, address)
  try {
    return await confirmAction({ request: requestAs(null, path, { form: {} }), context, params: { token } })
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}
