import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32Combine } from '../../app/utils/crc32-combine'

describe('crc32Combine', () => {
  it('gives the CRC-32 of two byte strings one after the other, as zlib reads them whole', () => {
    const texts = ['', 'a', 'nonce-abc123==', '<!DOCTYPE html><html>', 'x'.repeat(70_000), 'é€'.repeat(1234)]
    for (const first of texts)
      for (const second of texts) {
        const a = Buffer.from(first)
        const b = Buffer.from(second)
        expect(crc32Combine(crc32(a), crc32(b), b.byteLength), `${a.length}+${b.length}`).toBe(
          crc32(Buffer.concat([a, b])),
        )
      }
  })

  it('agrees with itself for long strings: one step over 2^30 bytes is two over 2^29', () => {
    const half = 2 ** 29
    const whole = crc32Combine(0x12345678, 0, 2 * half)
    expect(whole).toBe(crc32Combine(crc32Combine(0x12345678, 0, half), 0, half))
  })
})
