import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDay, formatShortDateTime, formatShortDay } from '../../app/utils/dates'

describe('formatDay', () => {
  it('gives a calendar date as its day', () => {
    expect(formatDay('2026-03-01')).toBe('1 March 2026')
  })

  it('gives a timestamp as its UTC day, whatever the time zone of the machine', () => {
    expect(formatDay('2026-03-01T23:30:00.000Z')).toBe('1 March 2026')
    expect(formatDay('2026-03-01T00:30:00+02:00')).toBe('28 February 2026')
  })

  it('returns text that is not a date as it is', () => {
    expect(formatDay('not a date')).toBe('not a date')
    expect(formatDay('')).toBe('')
  })
})

describe('formatShortDay', () => {
  it('abbreviates the month, for tables and lists', () => {
    expect(formatShortDay('2026-06-01')).toBe('1 Jun 2026')
    expect(formatShortDay('2026-06-01T23:59:59.999Z')).toBe('1 Jun 2026')
    expect(formatShortDay('2026-13-45')).toBe('2026-13-45')
  })
})

describe('formatDateTime', () => {
  it('gives the UTC day and minute, saying it is UTC', () => {
    expect(formatDateTime('2026-06-01T09:05:59.000Z')).toBe('1 June 2026 at 09:05 UTC')
    expect(formatDateTime('2026-06-01T00:00:00.000Z')).toBe('1 June 2026 at 00:00 UTC')
  })
})

describe('formatShortDateTime', () => {
  it('gives the UTC day and minute in the short form', () => {
    expect(formatShortDateTime('2026-06-01T09:05:59.000Z')).toBe('1 Jun 2026, 09:05 UTC')
    expect(formatShortDateTime('2026-06-01T23:00:00.000Z')).toBe('1 Jun 2026, 23:00 UTC')
  })

  it('returns text that is not a date as it is', () => {
    expect(formatShortDateTime('soon')).toBe('soon')
  })
})
