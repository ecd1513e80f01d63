/**
 * Small helpers the benchmark scripts share: a seeded random number generator,
 * command-line numbers, and where things live.
 */
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '../..')

/** Where the benchmark data set lives unless `--dir` says otherwise. */
export const DEFAULT_BENCH_DIR = path.join(root, 'data/bench')

/** Files the data generator writes beside the database. */
export const SESSION_FILE = 'bench-session.txt'
export const MANIFEST_FILE = 'bench-data.json'
export const DATABASE_FILE = 'attain.db'

/** mulberry32: a small, fast, seeded generator; the same seed gives the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Random choices drawn from one generator. */
export class Random {
  readonly next: () => number

  constructor(seed: number) {
    this.next = prng(seed)
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('Cannot pick from an empty list')
    return list[Math.floor(this.next() * list.length)]!
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    const copy = [...list]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [value, weight] of choices) {
      r -= weight
      if (r < 0) return value
    }
    return choices[choices.length - 1]![0]
  }
}

/** Reads a whole-number option, failing with its name when it is not one or is out of range. */
export function intOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`)
  }
  return n
}

/** A mistake in how a script was called: reported without a stack trace. */
export class UsageError extends Error {}

export const seconds = (ms: number) => (ms / 1000).toFixed(2)
