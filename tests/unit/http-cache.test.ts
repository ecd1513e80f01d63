import { describe, expect, it } from 'vitest'
import { ifNoneMatchHas, pageTag, type TagInput } from '../../app/utils/http-cache.server'

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

  it('are not made from data JSON would flatten (a Map, a promise), which could hide a change', () => {
    expect(pageTag({ ...base, data: { m: new Map([[1, 2]]) } })).toBeNull()
    expect(pageTag({ ...base, data: { p: Promise.resolve(1) } })).toBeNull()
    expect(pageTag({ ...base, data: { s: new Set([1]) } })).toBeNull()
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
