import { describe, expect, it } from 'vitest'
import { isoWeek, mentorDigest, traineeDigest } from '../../app/notifications/digest'
import { digestDueAt } from '../../app/notifications/digest-schedule.server'

describe('the digest’s week', () => {
  it('is the ISO week, across year ends', () => {
    expect(isoWeek(new Date('2026-12-01T09:00:00Z'))).toBe('2026-W49')
    expect(isoWeek(new Date('2026-11-30T00:00:00Z'))).toBe('2026-W49') // Monday
    expect(isoWeek(new Date('2026-11-29T23:59:59Z'))).toBe('2026-W48') // Sunday
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53') // a Friday in the last week of 2026
    expect(isoWeek(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01')
  })

  it('is due from Monday 07:00 UTC', () => {
    expect(digestDueAt(new Date('2026-12-03T12:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z')
    expect(digestDueAt(new Date('2026-11-29T12:00:00Z')).toISOString()).toBe('2026-11-23T07:00:00.000Z')
  })
})

describe('what the digest says', () => {
  const now = new Date('2026-12-01T09:00:00Z')
  const item = (evidenceId: number, title: string, daysAgo: number) => ({
    evidenceId,
    title,
    traineeName: 'Owen',
    reviewRequestedAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
  })

  it('lists a mentor’s items waiting more than 7 days, oldest first, or says nothing', () => {
    const digest = mentorDigest([item(1, 'B', 8), item(2, 'A', 30), item(3, 'C', 7)], now)!
    expect(digest.title).toBe('Weekly digest: 2 items waiting more than a week for your review')
    expect(digest.body.split('\n')).toEqual([
      'Oldest first:',
      '',
      '- “A” from Owen: waiting 30 days (/mentor/reviews/2)',
      '- “B” from Owen: waiting 8 days (/mentor/reviews/1)',
    ])
    expect(mentorDigest([item(3, 'C', 7)], now)).toBeNull()
  })

  it('tells a trainee the time to their target date against their coverage', () => {
    const facts = { areasWithoutEvidence: 5, areasTotal: 46, awaitingReview: 0 }
    expect(traineeDigest({ ...facts, targetSubmissionDate: '2027-02-23' }, now).title).toBe(
      'Weekly digest: 12 weeks to your target date; 5 areas without evidence',
    )
    expect(traineeDigest({ ...facts, targetSubmissionDate: '2026-12-04' }, now).title).toBe(
      'Weekly digest: 3 days to your target date; 5 areas without evidence',
    )
    expect(traineeDigest({ ...facts, targetSubmissionDate: '2026-11-01' }, now).title).toBe(
      'Weekly digest: Your target date has passed; 5 areas without evidence',
    )
    const none = traineeDigest(
      { ...facts, areasWithoutEvidence: 0, targetSubmissionDate: null, awaitingReview: 1 },
      now,
    )
    expect(none.title).toBe('Weekly digest: No target date set; every one of the 46 areas has evidence')
    expect(none.body).toContain('1 item waiting for your mentors’ review.')
    expect(none.body).toContain('Set a target submission date')
  })
})
