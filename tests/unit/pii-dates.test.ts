import { describe, expect, it } from 'vitest'
import { scanText } from '../../app/privacy/pii'

function datesOfBirth(text: string) {
  return scanText(text).filter((f) => f.kind === 'date-of-birth')
}

describe('dates of birth', () => {
  it('finds a date in every format after "DOB"', () => {
    const dates = [
      '12/03/1956',
      '12-03-56',
      '12.03.1956',
      '1956-03-12',
      '12 March 1956',
      '12 Mar 1956',
      '12th March 1956',
      'March 12, 1956',
      '3/7/1956',
    ]
    for (const date of dates) {
      const text = `DOB: ${date}.`
      const [finding] = datesOfBirth(text)
      expect(finding?.text, date).toBe(date)
      expect(finding?.confidence).toBe('high')
      expect(text.slice(finding?.start, finding?.end)).toBe(date)
    }
  })

  it('knows each context word', () => {
    for (const before of [
      'DOB',
      'D.O.B.',
      'D.O.B',
      'd.o.b.',
      'Date of birth:',
      'date of birth',
      'born on',
      'Born',
      'b.',
    ]) {
      const [finding] = datesOfBirth(`${before} 12/03/1956`)
      expect(finding?.text, before).toBe('12/03/1956')
    }
  })

  it('names the context word in the reason', () => {
    expect(datesOfBirth('Date of birth: 12 March 1956')[0]?.reason).toContain('\u201cDate of birth\u201d')
  })

  it('allows up to about 25 characters between the context word and the date', () => {
    expect(datesOfBirth('date of birth was recorded as 12/03/1956')).toHaveLength(1)
    // A space and 24 tildes: 25 characters.
    expect(datesOfBirth(`DOB ${'~'.repeat(24)}12/03/1956`)).toHaveLength(1)
    expect(datesOfBirth(`DOB ${'~'.repeat(30)} 12/03/1956`)).toEqual([])
    expect(datesOfBirth(`DOB ${'~'.repeat(25)}12/03/1956`)).toEqual([])
  })

  it('does not report dates without context: a portfolio is full of QA dates', () => {
    expect(scanText('Monthly QA on 12/03/2024, annual QA 1956-03-12, audit 12 March 2024, March 12, 2024.')).toEqual([])
  })

  it('does not report a date after "DOB" that is not a real date', () => {
    expect(datesOfBirth('DOB 31/02/1956')).toEqual([])
    expect(datesOfBirth('DOB 00/03/1956')).toEqual([])
    expect(datesOfBirth('DOB 13/13/1956')).toEqual([])
    // Month first is not the UK order, but a date of birth written that way is still one.
    expect(datesOfBirth('DOB 03/25/1956')[0]?.fingerprint).toBe('date-of-birth:1956-03-25')
    expect(datesOfBirth('DOB 29/02/1957')).toEqual([])
    expect(datesOfBirth('DOB 29/02/1956')).toHaveLength(1)
    expect(datesOfBirth('DOB 12/03-1956')).toEqual([])
  })

  it('counts "b." only directly before the date: it is also a list marker', () => {
    expect(scanText('a. Output check b. Flatness on 12/03/2024')).toEqual([])
    expect(scanText('Figure 3b. 12/03/2024')).toEqual([])
    expect(datesOfBirth('Jane b. 12/03/1956')).toHaveLength(1)
  })

  it('does not take words that merely contain a context word', () => {
    expect(scanText('DOBSON 12/03/1956; stubborn 12/03/1956; reborn 12/03/1956')).toEqual([])
  })

  it('gives the same fingerprint to the same date written differently', () => {
    const prints = ['DOB 12/03/1956', 'DOB 1956-03-12', 'born 12 March 1956', 'D.O.B. March 12, 1956'].map(
      (text) => datesOfBirth(text)[0]?.fingerprint,
    )
    expect(new Set(prints)).toEqual(new Set(['date-of-birth:1956-03-12']))
    expect(datesOfBirth('DOB 12-03-56')[0]?.fingerprint).toBe('date-of-birth:56-03-12')
  })

  it('does not take part of a longer number for a date', () => {
    expect(datesOfBirth('DOB 112/03/1956')).toEqual([])
    expect(datesOfBirth('DOB 12/03/19567')).toEqual([])
    expect(datesOfBirth('DOB 1.12.03.1956')).toEqual([])
  })
})
