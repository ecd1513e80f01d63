import { describe, expect, it } from 'vitest'
import { acceptsGzip, ifNoneMatchHas, pageTag, type TagInput } from '../../app/utils/http-cache.server'

const base: TagInput = { build: 'b1', session: 's1', url: '/coverage', day: '2026-12-02', data: { root: { n: 1 } } }

describe('page tags', () => {
  it('are weak, stable for the same inputs, and change with any one of them', () => {
    const tag = pageTag(base)!
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/)
    expect(pageTag({ ...base, data: { root: { n: 1 } } })).toBe(tag)
    for (const changed of [
      { build: 'b2' },
      { session: 's2' },
      { session: '' },
      { url: '/coverage?x=1' },
      { day: '2026-12-03' },
      { data: { root: { n: 2 } } },
    ])
      expect(pageTag({ ...base, ...changed }), JSON.stringify(changed)).not.toBe(tag)
  })

  it('are not made from data that cannot be read whole (a promise, a function), which could hide a change', () => {
    expect(pageTag({ ...base, data: { p: Promise.resolve(1) } })).toBeNull()
    expect(pageTag({ ...base, data: { f: () => 1 } })).toBeNull()
  })

  it('tell apart what JSON would flatten alike: Maps and Sets by their contents, undefined from absent', () => {
    const map = pageTag({ ...base, data: { m: new Map([[1, 2]]) } })
    expect(map).not.toBeNull()
    expect(pageTag({ ...base, data: { m: new Map([[1, 2]]) } })).toBe(map)
    expect(pageTag({ ...base, data: { m: new Map([[1, 3]]) } })).not.toBe(map)
    expect(pageTag({ ...base, data: { m: new Set([1]) } })).not.toBe(pageTag({ ...base, data: { m: new Set([2]) } }))
    expect(pageTag({ ...base, data: { a: undefined } })).not.toBe(pageTag({ ...base, data: {} }))
  })
})

describe('If-None-Match', () => {
  const tag = 'W/"abc"'
  it('matches the tag, weak or not, alone or in a list', () => {
    expect(ifNoneMatchHas('W/"abc"', tag)).toBe(true)
    expect(ifNoneMatchHas('"abc"', tag)).toBe(true)
    expect(ifNoneMatchHas('"x", W/"abc" ', tag)).toBe(true)
  })
  it('does not match another tag, nothing, or *', () => {
    expect(ifNoneMatchHas(null, tag)).toBe(false)
    expect(ifNoneMatchHas('', tag)).toBe(false)
    expect(ifNoneMatchHas('W/"abd"', tag)).toBe(false)
    expect(ifNoneMatchHas('*', tag)).toBe(false)
  })
})

describe('Accept-Encoding', () => {
  it('takes gzip when named or covered by *, with a quality above 0', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true)
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true)
    expect(acceptsGzip('x-gzip')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('GZIP')).toBe(true)
  })
  it('refuses gzip when absent, refused by name, or with q=0', () => {
    expect(acceptsGzip(null)).toBe(false)
    expect(acceptsGzip('')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip('br, deflate')).toBe(false)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('*, gzip;q=0')).toBe(false)
    expect(acceptsGzip('*;q=0')).toBe(false)
  })
})
