/**
 * The server killed with SIGKILL in the middle of saving evidence with files,
 * twenty times over, loses nothing it acknowledged and leaves neither a
 * damaged database nor a partial file in the store. The full run, with more
 * kills if wanted, is `npm run proof:crash`.
 */
import { describe, expect, it } from 'vitest'
import { runCrashProof } from '../bench/crash'
import { scaled } from './timeouts'

describe('crash safety', () => {
  it(
    'keeps every acknowledged save, its file and a sound database through 20 kills',
    { timeout: scaled(180_000) },
    async () => {
      const result = await runCrashProof({ kills: 20, seed: 20260302, writers: 3, minDelayMs: 50, maxDelayMs: 400 })
      console.log(result.summary)
      expect(result.acknowledged).toBeGreaterThan(0)
      expect(result.integrity).toBe('ok')
      expect(result.foreignKeyProblems).toBe(0)
      expect(result.lost).toEqual([])
      expect(result.present).toBe(result.acknowledged)
      expect(result.withoutFile).toEqual([])
      expect(result.missingFiles).toEqual([])
      expect(result.partialFiles).toEqual([])
      expect(result.unexpectedAnswers).toEqual([])
    },
  )
})
