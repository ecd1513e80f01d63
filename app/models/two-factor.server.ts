import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import { type Db, asDb } from '../../db/client'
import { recoveryCodes, users } from '../../db/schema'
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode } from '~/auth/totp'
import { hashToken } from '~/utils/tokens.server'

export interface TotpState {
  secret: string
  lastStep: number | null
}

/** Begins setting up an authenticator app: a new secret, kept aside until a code from it is confirmed. */
export function startTotpSetup(db: Db, userId: number, now = new Date()): string {
  const secret = newTotpSecret()
  db.update(users).set({ totpPendingSecret: secret, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
  return secret
}

export function getPendingSecret(db: Db, userId: number): string | null {
  return db.select({ secret: users.totpPendingSecret }).from(users).where(eq(users.id, userId)).get()?.secret ?? null
}

export function cancelTotpSetup(db: Db, userId: number, now = new Date()): void {
  db.update(users).set({ totpPendingSecret: null, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
}

/** Stores fresh recovery codes in place of any the user had; only their hashes are kept. Returns the codes. */
function replaceRecoveryCodes(db: Db, userId: number): string[] {
  const codes = newRecoveryCodes()
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run()
  db.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashToken(code), usedAt: null })))
    .run()
  return codes
}

/**
 * Turns two-factor sign-in on with the pending secret, a code of which was
 * accepted for time step `step`, and makes new recovery codes, returned once
 * here and never again. With `pendingSecret`, only if that is still the secret
 * being set up (it is not, if set-up was started again meanwhile). Null if
 * there was nothing to confirm.
 */
export function confirmTotpSetup(
  db: Db,
  userId: number,
  step: number,
  now = new Date(),
  pendingSecret?: string,
): string[] | null {
  return db.transaction((tx) => {
    const t = asDb(tx)
    const pending = getPendingSecret(t, userId)
    if (!pending || (pendingSecret !== undefined && pending !== pendingSecret)) return null
    t.update(users)
      .set({ totpSecret: pending, totpPendingSecret: null, totpLastStep: step, updatedAt: now.toISOString() })
      .where(eq(users.id, userId))
      .run()
    return replaceRecoveryCodes(t, userId)
  })
}

/** The confirmed secret and the last time step a code was accepted for; undefined if two-factor sign-in is off. */
export function getTotpState(db: Db, userId: number): TotpState | undefined {
  const row = db
    .select({ secret: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.totpSecret)))
    .get()
  return row?.secret ? { secret: row.secret, lastStep: row.lastStep } : undefined
}

/**
 * Records that a code for `step` was used, so it is not accepted again. False
 * if a code for this or a later step was accepted meanwhile (the same code sent
 * twice at once): the caller must then refuse it.
 */
export function recordTotpStep(db: Db, userId: number, step: number): boolean {
  const result = db
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, userId),
        isNotNull(users.totpSecret),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .run()
  return result.changes === 1
}

/** Spends a recovery code: true if it was one of the user's and unused, and it can never be used again. */
export function redeemRecoveryCode(db: Db, userId: number, code: string, now = new Date()): boolean {
  const normalised = normaliseRecoveryCode(code)
  if (!normalised) return false
  const row = db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normalised)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .get()
  if (!row) return false
  // Conditional on still being unused, so a code sent twice at once is spent only once.
  const result = db
    .update(recoveryCodes)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(recoveryCodes.id, row.id), isNull(recoveryCodes.usedAt)))
    .run()
  return result.changes === 1
}

export function countUnusedRecoveryCodes(db: Db, userId: number): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .get()!.n
}

/** New recovery codes in place of all the old ones, used or not. Returns the codes, once. */
export function regenerateRecoveryCodes(db: Db, userId: number): string[] {
  return db.transaction((tx) => replaceRecoveryCodes(asDb(tx), userId))
}

/** Turns two-factor sign-in off: the secrets, the last step and the recovery codes all go. */
export function disableTotp(db: Db, userId: number, now = new Date()): void {
  db.transaction((tx) => {
    tx.update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: now.toISOString() })
      .where(eq(users.id, userId))
      .run()
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run()
  })
}
