import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../app/utils/bytes'

describe('formatBytes', () => {
  it('counts bytes under a kilobyte, with thousands grouped', () => {
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(512)).toBe('512 bytes')
    expect(formatBytes(1000)).toBe('1,000 bytes')
  })

  it('gives whole kilobytes, rounded up so a small file never reads as nothing', () => {
    expect(formatBytes(1024)).toBe('1 KB')
    expect(formatBytes(1025)).toBe('2 KB')
    expect(formatBytes(250 * 1024)).toBe('250 KB')
  })

  it('gives megabytes with one decimal where it is not zero', () => {
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB')
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB')
    expect(formatBytes(2048 * 1024 * 1024)).toBe('2,048 MB')
  })
})
