import { describe, expect, it } from 'vitest'
import { LruCache } from '../../app/utils/lru'

describe('LruCache', () => {
  it('drops the least recently used entry when full', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1) // a is now the most recent
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
    expect(cache.size).toBe(2)
  })

  it('makes a missing value once', () => {
    const cache = new LruCache<number, string>(4)
    let made = 0
    const make = () => `value ${++made}`
    expect(cache.getOrSet(1, make)).toBe('value 1')
    expect(cache.getOrSet(1, make)).toBe('value 1')
    expect(made).toBe(1)
  })
})
