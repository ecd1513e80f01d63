import { describe, expect, it } from 'vitest'
import {
  defaultExpiryDay,
  expiryInstant,
  lastDayOf,
  latestExpiryDay,
  linkStatus,
  newLinkSchema,
  shortUserAgent,
} from '../../app/submission/assessor-links'

const NOW = new Date('2026-06-01T09:30:00.000Z')

function errorsOf(input: Record<string, unknown>) {
  const result = newLinkSchema(NOW).safeParse({ intent: 'create', recipient: 'Dr Jane Smith', ...input })
  if (result.success) return {}
  const errors: Record<string, string[]> = {}
  for (const issue of result.error.issues) (errors[issue.path.join('.')] ??= []).push(issue.message)
  return errors
}

describe('the expiry of a new assessor link', () => {
  it('defaults to 30 days ahead and may run to 90', () => {
    expect(defaultExpiryDay(NOW)).toBe('2026-07-01')
    expect(latestExpiryDay(NOW)).toBe('2026-08-30')
  })

  it('accepts today, the default and the 90th day', () => {
    for (const day of ['2026-06-01', '2026-07-01', '2026-08-30']) expect(errorsOf({ expiresOn: day })).toEqual({})
  })

  it('refuses a day that has passed, one beyond 90 days, a made-up day and nothing, each with its own message', () => {
    expect(errorsOf({ expiresOn: '2026-05-31' }).expiresOn).toEqual([
      'That day has passed: choose today or a later day',
    ])
    expect(errorsOf({ expiresOn: '2026-08-31' }).expiresOn).toEqual([
      'A link can work for at most 90 days: choose 2026-08-30 or earlier',
    ])
    expect(errorsOf({ expiresOn: '2026-02-30' }).expiresOn).toEqual(['That date does not exist'])
    expect(errorsOf({ expiresOn: '1 July' }).expiresOn).toEqual(['Enter a date as YYYY-MM-DD'])
    expect(errorsOf({ expiresOn: '' }).expiresOn).toEqual(['Enter the day the link stops working'])
    expect(errorsOf({}).expiresOn).toEqual(['Enter the day the link stops working'])
  })

  it('needs to know who the link is for', () => {
    expect(errorsOf({ expiresOn: '2026-07-01', recipient: '   ' }).recipient).toEqual(['Say who this link is for'])
    expect(errorsOf({ expiresOn: '2026-07-01', recipient: 'x'.repeat(201) }).recipient).toEqual([
      'Use at most 200 characters',
    ])
  })

  it('works to the end of the chosen day (UTC)', () => {
    expect(expiryInstant('2026-07-01').toISOString()).toBe('2026-07-02T00:00:00.000Z')
    expect(lastDayOf('2026-07-02T00:00:00.000Z')).toBe('1 Jul 2026')
  })
})

describe('linkStatus', () => {
  const expiresAt = '2026-07-02T00:00:00.000Z'
  it('is active until the expiry instant, expired from it, and revoked whatever the time', () => {
    expect(linkStatus({ revokedAt: null, expiresAt }, new Date('2026-07-01T23:59:59.999Z'))).toBe('active')
    expect(linkStatus({ revokedAt: null, expiresAt }, new Date(expiresAt))).toBe('expired')
    expect(linkStatus({ revokedAt: NOW.toISOString(), expiresAt }, NOW)).toBe('revoked')
  })
})

describe('shortUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128 on Windows'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'Safari 17 on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      'Edge 126 on Windows',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'Chrome 126 on Linux',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17 on iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      'Chrome 126 on Android',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36',
      'Headless Chrome 131 on Linux',
    ],
    ['curl/8.5.0', 'curl 8'],
    ['', 'Unknown'],
  ])('names %j as %j', (ua, expected) => {
    expect(shortUserAgent(ua)).toBe(expected)
  })

  it('cuts an unknown agent short rather than guessing', () => {
    const odd = `SomeScanner/1.0 ${'x'.repeat(100)}`
    expect(shortUserAgent(odd)).toHaveLength(60)
    expect(shortUserAgent(odd).endsWith('…')).toBe(true)
  })
})
