/**
 * Twenty trainees saving evidence at the same moment: no request fails (no
 * 500, no SQLITE_BUSY) and no acknowledged create or edit is lost. The full
 * run is `npm run proof:concurrency` (50 clients for 30 s by default).
 */
import { describe, expect, it } from 'vitest'
import { runConcurrencyProof } from '../bench/concurrency'
import { scaled } from './timeouts'

describe('concurrent writers', () => {
  it(
    'serves 20 clients creating and editing evidence for 5 s without an error or a lost write',
    { timeout: scaled(120_000) },
    async () => {
      const result = await runConcurrencyProof({ clients: 20, seconds: 5 })
      console.log(result.summary)
      expect(result.errorSamples).toEqual([])
      expect(result.errors).toEqual({})
      expect(result.lostWrites).toEqual([])
      expect(result.creates).toBeGreaterThan(0)
      expect(result.edits).toBeGreaterThan(0)
    },
  )
})
