import { and, eq, lt, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { sessions } from '../../db/schema'
import { prepared } from '~/models/prepared.server'
import { hashToken, randomToken } from '~/utils/tokens.server'

export interface SessionPolicy {
  idleTimeoutMs: number
  absoluteTimeoutMs: number
}

export interface SessionRow {
  idHash: string
  userId: number
  verified: boolean
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

/** Starts a session and returns the token for the cookie; only its hash is stored. */
export function createSession(
  db: Db,
  input: { userId: number; verified: boolean; ipAddress?: string | null; userAgent?: string | null },
  policy: SessionPolicy,
  now = new Date(),
): { token: string; expiresAt: Date } {
  const token = randomToken()
  const expiresAt = new Date(now.getTime() + policy.absoluteTimeoutMs)
  db.insert(sessions)
    .values({
      idHash: hashToken(token),
      userId: input.userId,
      verified: input.verified,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      ipAddress: input.ipAddress ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .run()
  return { token, expiresAt }
}

// Run on every request: prepared once per connection.
const sessionByHash = (db: Db) =>
  db
    .select({
      idHash: sessions.idHash,
      userId: sessions.userId,
      verified: sessions.verified,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(eq(sessions.idHash, sql.placeholder('idHash')))
    .prepare()

/**
 * The live session a token names, or undefined. A session past its absolute
 * expiry, or idle for longer than allowed, is deleted on sight.
 */
export function findSession(db: Db, token: string, policy: SessionPolicy, now = new Date()): SessionRow | undefined {
  const idHash = hashToken(token)
  const row = prepared(db, sessionByHash).get({ idHash })
  if (!row) return undefined
  const idleSince = now.getTime() - Date.parse(row.lastSeenAt)
  if (Date.parse(row.expiresAt) <= now.getTime() || idleSince >= policy.idleTimeoutMs) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run()
    return undefined
  }
  // Writing on every request would turn reads into writes; a minute's precision is plenty.
  if (idleSince > 60_000) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash)).run()
  }
  return row
}

export function markSessionVerified(db: Db, idHash: string): void {
  db.update(sessions).set({ verified: true }).where(eq(sessions.idHash, idHash)).run()
}

export function deleteSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run()
}

/** Ends every session of a user, or every one but the current. Returns how many ended. */
export function deleteUserSessions(db: Db, userId: number, exceptIdHash?: string): number {
  const where = exceptIdHash
    ? and(eq(sessions.userId, userId), ne(sessions.idHash, exceptIdHash))
    : eq(sessions.userId, userId)
  return db.delete(sessions).where(where).run().changes
}

export function countUserSessions(db: Db, userId: number): number {
  return db.select({ idHash: sessions.idHash }).from(sessions).where(eq(sessions.userId, userId)).all().length
}

/** Removes expired sessions; called from time to time so the table does not grow. */
export function purgeExpiredSessions(db: Db, policy: SessionPolicy, now = new Date()): number {
  const idleCutoff = new Date(now.getTime() - policy.idleTimeoutMs).toISOString()
  return db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now.toISOString()), lt(sessions.lastSeenAt, idleCutoff)))
    .run().changes
}
