/**
 * Saving the experience and training record: the checks that need the trainee's other posts (together they may
 * not come to more than full time on any day), then the model's writes, in one transaction so that two saves at
 * once cannot both pass the check.
 */
import { asDb, type Db } from '../../db/client'
import { firstOverload, formatFraction } from '~/record/experience'
import type { PostInput } from '~/record/form'
import { getRecord, savePostRow } from '~/models/record.server'
import { formatDay } from '~/utils/dates'

export type SavePostOutcome =
  | { ok: true; id: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'overlap'; errors: Record<string, string[]> }

export function savePost(db: Db, traineeId: number, input: PostInput, id: number | undefined, now: Date) {
  return db.transaction((tx): SavePostOutcome => {
    const posts = getRecord(asDb(tx), traineeId).posts
    if (id !== undefined && !posts.some((p) => p.id === id)) return { ok: false, reason: 'not-found' }
    const others = posts.filter((p) => p.id !== id)
    const mine = {
      startDate: input.startDate,
      endDate: input.endDate,
      fractionPercent: input.fraction,
      supervisedPractice: input.supervisedPractice,
    }
    const overload = firstOverload([...others, mine])
    if (overload) {
      const clash = overload.posts.filter((p) => p !== mine)
      const names = clash
        .map((p) => {
          const post = p as (typeof others)[number]
          return `${post.jobTitle} at ${post.employer} (${formatFraction(post.fractionPercent)})`
        })
        .join(' and ')
      const when =
        overload.to.startsWith('9999') || overload.from === overload.to
          ? `from ${formatDay(overload.from)}`
          : `from ${formatDay(overload.from)} to ${formatDay(overload.to)}`
      const message = `This post overlaps ${names} ${when}: together they come to ${(overload.load / 100).toLocaleString('en-GB')} times full time. Correct the dates, or give each post its part-time fraction.`
      return { ok: false, reason: 'overlap', errors: { startDate: [message] } }
    }
    const saved = savePostRow(asDb(tx), traineeId, input, id, now)
    return saved === null ? { ok: false, reason: 'not-found' } : { ok: true, id: saved }
  })
}
