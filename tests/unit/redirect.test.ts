import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../../app/auth/redirect'

describe('safeRedirect', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeRedirect('/settings')).toBe('/settings')
    expect(safeRedirect('/framework?q=audit#domain-1')).toBe('/framework?q=audit#domain-1')
    expect(safeRedirect('/invite/abc_DEF-123')).toBe('/invite/abc_DEF-123')
  })

  it.each([
    ['https://evil.example/x'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['evil.example'],
    ['/\t/evil.example'],
    ['/%0d%0aSet-Cookie:x'.replace('%0d%0a', '\r\n')],
    [''],
  ])('falls back for %j', (to) => {
    expect(safeRedirect(to, '/home')).toBe('/home')
  })

  it('falls back for what is not a string', () => {
    expect(safeRedirect(null)).toBe('/home')
    expect(safeRedirect(undefined, '/dashboard')).toBe('/dashboard')
  })
})

describe('safeRedirect and dot segments', () => {
  it.each(['/..//evil.example', '/.//evil.example', '/a/..//evil.example/x?y#z', '/%2e%2e//evil'])(
    'refuses %j, which resolves off the site',
    (to) => {
      expect(safeRedirect(to, '/home')).toBe('/home')
    },
  )
})
