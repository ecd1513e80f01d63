/**
 * True for a path on this site ("/evidence/12", "/mentor?tab=queue#x"), false
 * for anything a browser could take elsewhere: another origin, a
 * protocol-relative `//host`, a backslash trick, control characters.
 * Notification links are stored and later redirected to, so only these are kept.
 */
export function isSitePath(link: unknown): link is string {
  if (typeof link !== 'string' || link.length === 0 || link.length > 2000) return false
  if (!link.startsWith('/') || link.startsWith('//')) return false
  // eslint-disable-next-line no-control-regex -- a control character in a link is refused, so the pattern names them
  if (/[\u0000-\u001f\u007f\\\s]/.test(link)) return false
  try {
    const base = 'http://attain.invalid'
    const url = new URL(link, base)
    return url.origin === base
  } catch {
    return false
  }
}
