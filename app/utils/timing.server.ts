import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Runs `work` and answers no sooner than `floorMs` after it started. Where two
 * outcomes must not be told apart by how long they take (sign-up for a new
 * address or a registered one), a floor well above either path's own cost makes
 * both take the floor, however busy the machine: matching the paths' steps alone
 * still leaves the difference of a database write to a timing attack.
 */
export async function withTimeFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work()
  const left = floorMs - (performance.now() - started)
  if (left > 0) await sleep(left)
  return result
}
