import { describe, expect, it } from 'vitest'
import {
  DAYS_PER_YEAR,
  firstOverload,
  formatFraction,
  formatYears,
  summariseExperience,
  type PostSpan,
} from '../../app/record/experience'
import { membershipSchema, postSchema, qualificationSchema } from '../../app/record/form'

const post = (
  startDate: string,
  endDate: string | null,
  fractionPercent = 100,
  supervisedPractice = true,
): PostSpan => ({
  startDate,
  endDate,
  fractionPercent,
  supervisedPractice,
})

describe('summariseExperience', () => {
  it('counts nothing without posts', () => {
    expect(summariseExperience([], '2026-01-01')).toEqual({
      years: 0,
      supervisedYears: 0,
      gaps: [],
      firstDay: null,
      current: false,
    })
  })

  it('counts a full-time post by its days, end day included', () => {
    // 2021-01-01 … 2024-12-31 is 1,461 days: four years of 365.25 days.
    const s = summariseExperience([post('2021-01-01', '2024-12-31')], '2026-01-01')
    expect(s.years).toBe(4)
    expect(s.supervisedYears).toBe(4)
    expect(s.current).toBe(false)
    expect(s.firstDay).toBe('2021-01-01')
  })

  it('counts a part-time post by its fraction', () => {
    const s = summariseExperience([post('2021-01-01', '2024-12-31', 60)], '2026-01-01')
    expect(s.years).toBe(2.4)
  })

  it('runs a current post to today, and not beyond', () => {
    const s = summariseExperience([post('2024-01-01', null)], '2024-12-31')
    expect(s.current).toBe(true)
    expect(s.years).toBeCloseTo(366 / DAYS_PER_YEAR, 2)
    // An end date after today counts only up to today.
    expect(summariseExperience([post('2024-01-01', '2030-01-01')], '2024-12-31').years).toBe(s.years)
  })

  it('adds overlapping part-time posts together', () => {
    const s = summariseExperience(
      [post('2021-01-01', '2024-12-31', 60), post('2021-01-01', '2024-12-31', 40)],
      '2026-01-01',
    )
    expect(s.years).toBe(4)
  })

  it('never counts more than one full day a day, however posts overlap', () => {
    const s = summariseExperience(
      [post('2021-01-01', '2024-12-31', 80), post('2021-01-01', '2024-12-31', 80)],
      '2026-01-01',
    )
    expect(s.years).toBe(4)
    const full = summariseExperience([post('2021-01-01', '2024-12-31'), post('2022-01-01', '2022-12-31')], '2026-01-01')
    expect(full.years).toBe(4)
  })

  it('counts a partial overlap only where it overlaps', () => {
    // 0.5 all of 2021–2022 (730 days) and another 0.5 in 2022 only (365 days): 365 + 365 × 0.5 … = 547.5 days.
    const s = summariseExperience(
      [post('2021-01-01', '2022-12-31', 50), post('2022-01-01', '2022-12-31', 50)],
      '2026-01-01',
    )
    expect(s.years).toBeCloseTo((365 * 0.5 + 365) / DAYS_PER_YEAR, 2)
  })

  it('counts supervised practice only in posts marked so, capped at full time', () => {
    const s = summariseExperience(
      [
        post('2019-01-01', '2020-12-31', 100, false),
        post('2021-01-01', '2022-12-31', 60, true),
        post('2021-01-01', '2022-12-31', 60, true),
      ],
      '2026-01-01',
    )
    expect(s.supervisedYears).toBeCloseTo(730 / DAYS_PER_YEAR, 2)
    expect(s.years).toBeCloseTo(1461 / DAYS_PER_YEAR, 2)
  })

  it('has no supervised practice when no post is marked so', () => {
    expect(summariseExperience([post('2019-01-01', null, 100, false)], '2026-01-01').supervisedYears).toBe(0)
  })

  it('reports the gaps between posts, whatever order the posts come in', () => {
    const s = summariseExperience(
      [post('2023-03-01', null), post('2020-09-01', '2021-08-31'), post('2021-10-01', '2023-01-31')],
      '2026-01-01',
    )
    expect(s.gaps).toEqual([
      { from: '2021-09-01', to: '2021-09-30', days: 30 },
      { from: '2023-02-01', to: '2023-02-28', days: 28 },
    ])
  })

  it('leaves out posts that have not started and dates that are not dates', () => {
    const s = summariseExperience([post('2027-01-01', null), post('2021-02-30', null)], '2026-01-01')
    expect(s.years).toBe(0)
  })
})

describe('firstOverload', () => {
  it('finds overlapping full-time posts', () => {
    const overload = firstOverload([post('2020-01-01', '2021-06-30'), post('2021-03-01', null)])
    expect(overload).toMatchObject({ from: '2021-03-01', to: '2021-06-30', load: 200 })
  })

  it('allows part-time posts that add up to full time, and back-to-back posts', () => {
    expect(firstOverload([post('2020-01-01', null, 60), post('2020-01-01', null, 40)])).toBeNull()
    expect(firstOverload([post('2020-01-01', '2020-12-31'), post('2021-01-01', null)])).toBeNull()
  })

  it('finds part-time posts that together pass full time', () => {
    expect(firstOverload([post('2020-01-01', null, 60), post('2022-01-01', null, 50)])).toMatchObject({
      from: '2022-01-01',
      load: 110,
    })
  })
})

describe('formatting', () => {
  it('says years and fractions in words', () => {
    expect(formatYears(4.24)).toBe('4.2 years')
    expect(formatYears(1)).toBe('1 year')
    expect(formatFraction(100)).toBe('full time')
    expect(formatFraction(60)).toBe('0.6 whole-time')
  })
})

describe('record forms', () => {
  const today = '2026-01-15'
  const valid = {
    employer: 'Northshire Teaching Hospitals NHS Trust',
    jobTitle: 'Trainee Clinical Scientist',
    startDate: '2021-09-01',
    endDate: '',
    fraction: '0.8',
    supervisedPractice: 'on',
  }

  it('reads a post, with its fraction in hundredths', () => {
    const result = postSchema(today).safeParse(valid)
    expect(result.success && result.data).toMatchObject({ fraction: 80, endDate: null })
    expect(result.success && result.data.supervisedPractice).toBe(true)
  })

  const errorsOf = (input: Record<string, string>) => {
    const result = postSchema(today).safeParse(input)
    if (result.success) return {}
    return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))
  }

  it('refuses an end date before the start, at the end date', () => {
    expect(errorsOf({ ...valid, endDate: '2021-08-31' })).toEqual({ endDate: 'The end date is before the start date' })
  })

  it('refuses dates in the future', () => {
    expect(errorsOf({ ...valid, startDate: '2026-02-01' })).toHaveProperty(
      'startDate',
      'The start date is in the future',
    )
    expect(errorsOf({ ...valid, endDate: '2026-01-16' }).endDate).toMatch(/in the future/)
  })

  it('refuses fractions outside 0.05–1 and dates that are not dates', () => {
    expect(errorsOf({ ...valid, fraction: '1.5' })).toHaveProperty('fraction')
    expect(errorsOf({ ...valid, fraction: '0' })).toHaveProperty('fraction')
    expect(errorsOf({ ...valid, fraction: 'half' })).toHaveProperty('fraction')
    expect(errorsOf({ ...valid, startDate: '2021-02-30' })).toHaveProperty('startDate')
    expect(errorsOf({ ...valid, employer: '  ' })).toHaveProperty('employer', 'Enter the employer')
  })

  it('checks qualifications and memberships the same way', () => {
    expect(
      qualificationSchema(today).safeParse({
        kind: 'msc',
        title: 'MSc Medical Physics',
        startDate: '2020-09-01',
        endDate: '2019-09-01',
      }).success,
    ).toBe(false)
    expect(qualificationSchema(today).safeParse({ kind: 'msc', title: 'MSc Medical Physics' }).success).toBe(true)
    expect(membershipSchema(today).safeParse({ body: 'IPEM', number: '12345', since: '2027-01-01' }).success).toBe(
      false,
    )
    expect(membershipSchema(today).safeParse({ body: 'IPEM', number: '12345' }).success).toBe(true)
  })
})
