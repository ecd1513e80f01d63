import { and, eq, gt, isNull } from 'drizzle-orm'
import { type Db, asDb } from '../../db/client'
import { passwordSetupTokens, users } from '../../db/schema'
import { hashToken, randomToken } from '~/utils/tokens.server'
import { setPasswordHash } from '~/models/user.server'

/** How long a password set-up link works: long enough to reach someone over a weekend. */
export const PASSWORD_SETUP_TTL_MS = 72 * 3_600_000

/**
 * A new one-time link for a user to choose a password; returns the raw token
 * (only its hash is stored). Any earlier link of theirs still unused stops working.
 */
export function issuePasswordSetup(db: Db, userId: number, ttlMs: number, now = new Date()): string {
  const token = randomToken()
  db.transaction((tx) => {
    tx.update(passwordSetupTokens)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(passwordSetupTokens.userId, userId), isNull(passwordSetupTokens.usedAt)))
      .run()
    tx.insert(passwordSetupTokens)
      .values({
        userId,
        tokenHash: hashToken(token),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      })
      .run()
  })
  return token
}

export interface UsableSetup {
  id: number
  userId: number
  name: string
  email: string
  expiresAt: string
}

/** The link a token names, if it is unused, unexpired and its account is not disabled. */
export function findUsableSetup(db: Db, token: string, now = new Date()): UsableSetup | undefined {
  return db
    .select({
      id: passwordSetupTokens.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      expiresAt: passwordSetupTokens.expiresAt,
    })
    .from(passwordSetupTokens)
    .innerJoin(users, eq(users.id, passwordSetupTokens.userId))
    .where(
      and(
        eq(passwordSetupTokens.tokenHash, hashToken(token)),
        isNull(passwordSetupTokens.usedAt),
        gt(passwordSetupTokens.expiresAt, now.toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .get()
}

/**
 * Uses a link: sets the account's password and marks the link used, together.
 * Single use even when two requests race: only the one whose update finds the
 * link still unused goes on. Returns the user's id, or null if the link is not usable.
 */
export function redeemPasswordSetup(db: Db, token: string, passwordHash: string, now = new Date()): number | null {
  return db.transaction(
    (tx) => {
      const setup = findUsableSetup(asDb(tx), token, now)
      if (!setup) return null
      const claimed = tx
        .update(passwordSetupTokens)
        .set({ usedAt: now.toISOString() })
        .where(and(eq(passwordSetupTokens.id, setup.id), isNull(passwordSetupTokens.usedAt)))
        .run().changes
      if (claimed !== 1) return null
      setPasswordHash(asDb(tx), setup.userId, passwordHash, now)
      return setup.userId
    },
    { behavior: 'immediate' },
  )
}
