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

// eslint-disable-next-line no-control-regex -- control characters in a header are what oneLine removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g

/** A subject on one line: a line break in a header could start another header. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/**
 * The one answer to a sign-up: a link that finishes it, or, when the address
 * already has an account, a note saying so. Only the address's owner reads
 * which it was.
 */
export function signupEmail(
  input:
    | { kind: 'new'; name: string; link: string; publicUrl: string | null }
    | { kind: 'existing'; name: string; publicUrl: string | null },
): { subject: string; body: string } {
  const at = (path: string) => (input.publicUrl ? `${input.publicUrl}${path}` : `Open Attain and go to ${path}`)
  if (input.kind === 'new') {
    return {
      subject: 'Finish creating your Attain account',
      body: [
        `Hello ${oneLine(input.name, 100)},`,
        '',
        'To finish creating your Attain account, open this link within 24 hours:',
        '',
        at(input.link),
        '',
        'If you did not sign up to Attain, ignore this e-mail: no account is made without the link.',
        '',
      ].join('\n'),
    }
  }
  return {
    subject: 'You already have an Attain account',
    body: [
      `Hello ${oneLine(input.name, 100)},`,
      '',
      'Someone, probably you, tried to sign up to Attain with this e-mail address. You already have an account, so nothing was created. Sign in here:',
      '',
      at('/login'),
      '',
      'If you have forgotten your password, ask your administrator for a link to choose a new one.',
      'If it was not you, ignore this e-mail: nothing about your account has changed.',
      '',
    ].join('\n'),
  }
}

/**
 * The e-mail asking a colleague for feedback (or reminding them). It names the trainee and nothing else about
 * the round: not who else was asked, not how many have answered.
 */
export function feedbackRequestEmail({
  traineeName,
  link,
  expiresOn,
  reminder,
  publicUrl,
}: {
  traineeName: string
  /** A path on this site. */
  link: string
  /** The day the link stops working, written out. */
  expiresOn: string
  reminder: boolean
  publicUrl: string | null
}): { subject: string; body: string } {
  const name = oneLine(traineeName, 100)
  const at = publicUrl ? `${publicUrl}${link}` : `Open Attain and go to ${link}`
  return {
    subject: reminder ? `Reminder: feedback for ${name}` : `${name} would value your feedback`,
    body: [
      'Hello,',
      '',
      reminder
        ? `A reminder: ${name} asked for your feedback on working with them. This link replaces the one sent before.`
        : `${name}, a trainee clinical scientist, has asked for your feedback on working with them, as part of their training portfolio.`,
      '',
      'The form takes about five minutes and needs no account: eight questions on a scale, and room for what they do well and what they could develop.',
      'Your answers are anonymous. The trainee sees them only combined with at least four other colleagues’ answers, and never which answers were yours.',
      '',
      at,
      '',
      `The link works once, until ${expiresOn}. If you would rather not give feedback, the same page lets you decline.`,
      '',
    ].join('\n'),
  }
}
