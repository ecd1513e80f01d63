/**
 * Every time limit of the browser and server tests, in one place, scaled by one factor.
 *
 * On a busy machine everything is slower, never wrong: raise `E2E_TIME_SCALE` (e.g. `E2E_TIME_SCALE=3` when
 * another heavy job shares the CPUs) rather than editing a limit. Tests wait on events (a navigation, a response,
 * an element appearing), so a limit only decides how long to wait before calling a hang a failure.
 *
 * No vitest import: the proofs in tests/bench use these limits under plain tsx too.
 */

function scaleFromEnv(): number {
  const raw = process.env.E2E_TIME_SCALE
  if (raw === undefined || raw === '') return 1
  const scale = Number(raw)
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`E2E_TIME_SCALE must be a positive number, not "${raw}"`)
  return scale
}

/** How much slower than a quiet 2-core machine the tests should tolerate. */
export const TIME_SCALE = scaleFromEnv()

/** `ms` on a quiet machine, scaled for this one. */
export const scaled = (ms: number): number => Math.round(ms * TIME_SCALE)

export const TIMEOUTS = {
  /** One test (vitest's testTimeout). */
  test: scaled(60_000),
  /** beforeAll/afterAll, which start and stop servers and browsers. */
  hook: scaled(120_000),
  teardown: scaled(30_000),
  /** One step of a story (a journey through several pages). */
  step: scaled(120_000),
  /** A test that drives many pages in a loop (the XSS payloads, the access matrix). */
  long: scaled(300_000),
  /** expect.poll: how long an assertion on the page is retried. */
  poll: scaled(10_000),
  /** Playwright: one action (click, fill) or one wait for an element or a navigation. */
  action: scaled(30_000),
  /** The server answering /healthz after start. */
  startup: scaled(20_000),
  /** The server exiting after SIGTERM, before SIGKILL. */
  kill: scaled(10_000),
  /** React hydrating the page. */
  hydration: scaled(10_000),
} as const
