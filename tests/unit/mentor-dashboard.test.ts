import { describe, expect, it } from 'vitest'
import { pagesLabel, sortRows, type DashboardRow } from '../../app/mentor/dashboard'

const row = (traineeId: number, name: string, over: Partial<DashboardRow> = {}): DashboardRow => ({
  traineeId,
  name,
  percentEvidenced: 0,
  percentVerified: 0,
  blockers: 0,
  awaitingReview: 0,
  lastActivity: null,
  targetSubmissionDate: null,
  ...over,
})

const rows = [
  row(1, 'Zara', { percentEvidenced: 80, blockers: 2, lastActivity: '2026-05-01', targetSubmissionDate: '2027-01-01' }),
  row(2, 'amir', { percentEvidenced: 20, blockers: 9, awaitingReview: 3 }),
  row(3, 'Beth', { percentEvidenced: 80, blockers: 0, lastActivity: '2026-01-01', targetSubmissionDate: '2026-12-01' }),
]
const names = (sorted: DashboardRow[]) => sorted.map((r) => r.name)

describe('sorting the mentor dashboard', () => {
  it('sorts by name, ignoring case', () => {
    expect(names(sortRows(rows, 'name', 'asc'))).toEqual(['amir', 'Beth', 'Zara'])
    expect(names(sortRows(rows, 'name', 'desc'))).toEqual(['Zara', 'Beth', 'amir'])
  })

  it('sorts by coverage with ties broken by name', () => {
    expect(names(sortRows(rows, 'evidenced', 'asc'))).toEqual(['amir', 'Beth', 'Zara'])
    expect(names(sortRows(rows, 'evidenced', 'desc'))).toEqual(['Beth', 'Zara', 'amir'])
  })

  it('puts rows without a value last in either direction', () => {
    expect(names(sortRows(rows, 'activity', 'asc'))).toEqual(['Beth', 'Zara', 'amir'])
    expect(names(sortRows(rows, 'activity', 'desc'))).toEqual(['Zara', 'Beth', 'amir'])
    expect(names(sortRows(rows, 'target', 'asc'))).toEqual(['Beth', 'Zara', 'amir'])
  })

  it('sorts by blockers and by items awaiting review', () => {
    expect(names(sortRows(rows, 'blockers', 'desc'))).toEqual(['amir', 'Zara', 'Beth'])
    expect(names(sortRows(rows, 'awaiting', 'desc'))[0]).toBe('amir')
  })

  it('leaves the input untouched', () => {
    const before = names(rows)
    sortRows(rows, 'name', 'desc')
    expect(names(rows)).toEqual(before)
  })
})

describe('a trainee’s page count on the mentor dashboard', () => {
  it('states the PDF’s count as it is, and marks an estimate as one', () => {
    expect(pagesLabel(87, true)).toBe('87 pages')
    expect(pagesLabel(1, true)).toBe('1 page')
    expect(pagesLabel(87, false)).toBe('about 87 pages (estimated)')
  })
})
