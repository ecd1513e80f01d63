import { describe, expect, it } from 'vitest'
import { sameDataOnOwnQuery } from '../../app/utils/revalidated'

type Args = Parameters<typeof sameDataOnOwnQuery>[0]

function args(from: string, to: string, over: Partial<Args> = {}): Args {
  return {
    currentUrl: new URL(from, 'http://localhost'),
    nextUrl: new URL(to, 'http://localhost'),
    currentParams: {},
    nextParams: {},
    defaultShouldRevalidate: true,
    ...over,
  }
}

describe('sameDataOnOwnQuery', () => {
  it('keeps the data when a page only rewrites its own query string', () => {
    expect(sameDataOnOwnQuery(args('/framework', '/framework?q=dose'))).toBe(false)
  })

  it('revalidates as Remix would on another page or after a form', () => {
    expect(sameDataOnOwnQuery(args('/framework', '/coverage'))).toBe(true)
    expect(sameDataOnOwnQuery(args('/framework', '/framework', { formMethod: 'POST' }))).toBe(true)
    expect(sameDataOnOwnQuery(args('/framework', '/coverage', { defaultShouldRevalidate: false }))).toBe(false)
  })
})
