/** The plain-text e-mail that goes with a notification. */
export function composeEmailText({
  title,
  body,
  emailText,
  link,
  publicUrl,
}: {
  title: string
  body?: string
  emailText?: string
  /** A path on this site. */
  link: string
  /** The site's address without a trailing slash, or null when it is not configured. */
  publicUrl: string | null
}): string {
  const text = (emailText ?? body ?? '').trim() || title
  const where = publicUrl ? `${publicUrl}${link}` : `Open Attain and go to ${link}`
  const settings = publicUrl ? `${publicUrl}/settings/notifications` : 'Settings → Notifications in Attain'
  return [
    text,
    '',
    where,
    '',
    '—',
    `You get these e-mails because e-mail notifications are on for your Attain account. Turn them off at ${settings}.`,
    '',
  ].join('\n')
}

/** A subject on one line: a line break in a header could start another header. */
export function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- control characters in a header are what this removes
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
