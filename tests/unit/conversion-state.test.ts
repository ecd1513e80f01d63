import { describe, expect, it } from 'vitest'
import { conversionView, NO_CONVERTER } from '../../app/conversion/state'
import { isConvertible } from '../../app/conversion/convertible'

const NOW = new Date('2026-03-01T12:00:30Z')
const base = { status: 'queued' as const, attempts: 0, startedAt: null, pageCount: null, error: null }
const options = { available: true, ahead: 0, maxAttempts: 3, now: NOW }

describe('what the trainee is told about a conversion', () => {
  it('waiting, with how many files are ahead', () => {
    expect(conversionView(base, { ...options, ahead: 2 })).toMatchObject({
      kind: 'queued',
      text: 'Waiting to be converted to PDF (2 files ahead).',
    })
    expect(conversionView({ ...base, attempts: 1, error: 'exit code 3' }, options).text).toContain(
      'will be tried again',
    )
  })

  it('converting, with how long it has run and which attempt it is', () => {
    const view = conversionView(
      { ...base, status: 'converting', attempts: 2, startedAt: '2026-03-01T12:00:00Z' },
      options,
    )
    expect(view).toMatchObject({ kind: 'converting', seconds: 30, attempt: 2 })
    expect(view.text).toBe('Converting to PDF… started 30 s ago (attempt 2 of 3).')
  })

  it('ready with its exact page count, failed with the reason', () => {
    expect(conversionView({ ...base, status: 'ready', pageCount: 1 }, options).text).toBe(
      'Ready: converted to PDF, 1 page.',
    )
    expect(conversionView({ ...base, status: 'ready', pageCount: 12 }, options)).toMatchObject({
      kind: 'ready',
      pages: 12,
    })
    expect(conversionView({ ...base, status: 'failed', error: 'It is damaged.' }, options)).toMatchObject({
      kind: 'failed',
      text: 'Conversion to PDF failed: It is damaged.',
    })
  })

  it('without a converter, a file not yet converted says so; finished results still show', () => {
    expect(conversionView(base, { ...options, available: false })).toEqual({ kind: 'unavailable', text: NO_CONVERTER })
    expect(conversionView(undefined, options).kind).toBe('unavailable')
    expect(conversionView({ ...base, status: 'ready', pageCount: 3 }, { ...options, available: false }).kind).toBe(
      'ready',
    )
  })

  it('only Word, Excel and PowerPoint files are converted', () => {
    expect(isConvertible('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(true)
    expect(isConvertible('application/pdf')).toBe(false)
    expect(isConvertible('constructor')).toBe(false)
  })
})
