import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../app/utils/canonical-json'
import { frameworkHash } from '../../db/seed'
import { cloneFramework } from '../support/fixtures'

describe('canonical JSON', () => {
  it('does not depend on the order keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: [2, { y: 2, z: 1 }] }, b: 1 }),
    )
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })

  it('gives a framework a hash that changes with its content only', () => {
    const a = cloneFramework()
    const b = cloneFramework()
    expect(frameworkHash(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(frameworkHash(a)).toBe(frameworkHash(b))
    b.domains[0]!.areas[0]!.text += ' More.'
    expect(frameworkHash(a)).not.toBe(frameworkHash(b))
  })
})
