import { describe, expect, it } from 'vitest'
import {
  describeWait,
  FREE_ATTEMPTS,
  FREE_ATTEMPTS_PER_ADDRESS,
  MAX_WAIT_SECONDS,
  secondsToWait,
  waitAfterFailures,
} from '../../app/auth/throttle'

describe('sign-in throttling', () => {
  it('lets the first five failures through at once', () => {
    expect(FREE_ATTEMPTS).toBe(5)
    for (let n = 0; n < 5; n++) expect(waitAfterFailures(n)).toBe(0)
  })

  it('then slows down, doubling, but never beyond 15 minutes', () => {
    expect(waitAfterFailures(5)).toBe(30)
    expect(waitAfterFailures(6)).toBe(60)
    expect(waitAfterFailures(7)).toBe(120)
    expect(waitAfterFailures(50)).toBe(MAX_WAIT_SECONDS)
    expect(MAX_WAIT_SECONDS).toBe(900)
  })

  it('allows more failures from one address than for one account', () => {
    expect(FREE_ATTEMPTS_PER_ADDRESS).toBe(30)
    expect(waitAfterFailures(29, FREE_ATTEMPTS_PER_ADDRESS)).toBe(0)
    expect(waitAfterFailures(30, FREE_ATTEMPTS_PER_ADDRESS)).toBe(30)
  })

  it('counts the wait from the last failure', () => {
    const last = new Date('2026-01-01T10:00:00Z')
    expect(secondsToWait(5, last, new Date('2026-01-01T10:00:10Z'))).toBe(20)
    expect(secondsToWait(5, last, new Date('2026-01-01T10:00:30Z'))).toBe(0)
    expect(secondsToWait(4, last, last)).toBe(0)
  })

  it('describes a wait in words', () => {
    expect(describeWait(1)).toBe('1 second')
    expect(describeWait(45)).toBe('45 seconds')
    expect(describeWait(61)).toBe('2 minutes')
    expect(describeWait(60)).toBe('1 minute')
  })
})
