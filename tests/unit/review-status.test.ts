import { describe, expect, it } from 'vitest'
import { changedSinceVerification, reviewStatus, standingDecisions, type DecisionRecord } from '../../app/review/status'

let id = 0
const d = (
  areaCode: string,
  revision: number,
  decision: DecisionRecord['decision'],
  createdAt = '2026-01-01T10:00:00Z',
): DecisionRecord => ({
  id: ++id,
  areaCode,
  revision,
  decision,
  createdAt,
})

describe('review status', () => {
  it('awaits review until a decision is given', () => {
    expect(reviewStatus(['Sci1', 'Tech2'], new Map())).toBe('awaiting_review')
  })

  it('is partly verified when some claims are verified', () => {
    expect(reviewStatus(['Sci1', 'Tech2'], standingDecisions([d('Sci1', 1, 'verified')], 1))).toBe('partly_verified')
  })

  it('is verified when every claim is', () => {
    expect(
      reviewStatus(['Sci1', 'Tech2'], standingDecisions([d('Sci1', 1, 'verified'), d('Tech2', 1, 'verified')], 1)),
    ).toBe('verified')
  })

  it('asks for changes if any claim has them, even when others are verified', () => {
    expect(
      reviewStatus(
        ['Sci1', 'Tech2'],
        standingDecisions([d('Sci1', 1, 'verified'), d('Tech2', 1, 'changes_requested')], 1),
      ),
    ).toBe('changes_requested')
  })

  it('lets the latest decision on a revision stand', () => {
    const decisions = [
      d('Sci1', 1, 'changes_requested', '2026-01-01T10:00:00Z'),
      d('Sci1', 1, 'verified', '2026-01-02T10:00:00Z'),
    ]
    expect(standingDecisions(decisions, 1).get('Sci1')).toBe('verified')
  })

  it('counts only decisions on the current revision', () => {
    const decisions = [d('Sci1', 1, 'verified'), d('Tech2', 1, 'verified')]
    expect(reviewStatus(['Sci1', 'Tech2'], standingDecisions(decisions, 2))).toBe('awaiting_review')
    expect(changedSinceVerification(decisions, 2)).toEqual(['Sci1', 'Tech2'])
    expect(changedSinceVerification([...decisions, d('Sci1', 2, 'verified')], 2)).toEqual(['Tech2'])
  })

  it('ignores decisions on claims the item no longer makes', () => {
    expect(
      reviewStatus(['Sci1'], standingDecisions([d('Sci1', 1, 'verified'), d('Clin1', 1, 'changes_requested')], 1)),
    ).toBe('verified')
  })
})
