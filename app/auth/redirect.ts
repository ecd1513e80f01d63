/**
 * A `redirectTo` value made safe: only a path on this site. Anything else —
 * another origin, a protocol-relative `//host`, a backslash trick — gives the
 * fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/home'): string {
  if (typeof to !== 'string' || to === '') return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // eslint-disable-next-line no-control-regex -- a control character in a redirect target is refused, so the pattern names them
  if (/[\u0000-\u001f\\]/.test(to)) return fallback
  try {
    const url = new URL(to, 'http://attain.invalid')
    if (url.origin !== 'http://attain.invalid') return fallback
    // Dot segments are resolved only now: `/..//evil.example` becomes `//evil.example`.
    if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}
