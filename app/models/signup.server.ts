import { and, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm'
import { asDb, type Db } from '../../db/client'
import { emailOutbox, pendingSignups } from '../../db/schema'
import { signupEmail } from '~/notifications/email'
import { hashToken, randomToken } from '~/utils/tokens.server'
import {
  createTrainee,
  createUser,
  emailTaken,
  getUserByEmail,
  normaliseEmail,
  type TraineeProfile,
  type User,
} from '~/models/user.server'

/** How long the link that finishes a sign-up works. */
export const SIGNUP_LINK_TTL_MS = 24 * 3_600_000

export interface SignupRequest {
  name: string
  email: string
  passwordHash: string
  /** A trainee's profile; absent for a mentor signing up through an invitation. */
  profile?: TraineeProfile
  /** The invitation a mentor signs up through: it goes into the link, never into the database. */
  invitationToken?: string
}

/**
 * Answers a sign-up by e-mail, and only by e-mail: to a new address, a link
 * that makes the account; to an address that has one, a reminder to sign in.
 * Both take the same steps (one lookup, one e-mail queued in one transaction),
 * so neither the answer nor its time tells the visitor which it was.
 */
export function requestSignup(
  db: Db,
  input: SignupRequest,
  now: Date,
  { publicUrl }: { publicUrl: string | null },
): void {
  const email = normaliseEmail(input.email)
  const stamp = now.toISOString()
  db.transaction((tx) => {
    // Spent and expired sign-ups go, with the password hashes they held.
    tx.delete(pendingSignups)
      .where(or(isNotNull(pendingSignups.usedAt), lt(pendingSignups.expiresAt, stamp)))
      .run()
    const existing = getUserByEmail(asDb(tx), email)
    let mail: { subject: string; body: string }
    if (existing) {
      mail = signupEmail({ kind: 'existing', name: existing.name, publicUrl })
    } else {
      const token = randomToken()
      tx.insert(pendingSignups)
        .values({
          tokenHash: hashToken(token),
          email,
          name: input.name,
          passwordHash: input.passwordHash,
          role: input.profile ? 'trainee' : 'mentor',
          profile: input.profile ? JSON.stringify(input.profile) : null,
          createdAt: stamp,
          expiresAt: new Date(now.getTime() + SIGNUP_LINK_TTL_MS).toISOString(),
        })
        .run()
      const invite = input.invitationToken ? `?invite=${encodeURIComponent(input.invitationToken)}` : ''
      mail = signupEmail({ kind: 'new', name: input.name, link: `/signup/confirm/${token}${invite}`, publicUrl })
    }
    tx.insert(emailOutbox)
      .values({
        userId: existing?.id ?? null,
        toAddress: email,
        subject: mail.subject,
        body: mail.body,
        createdAt: stamp,
      })
      .run()
  })
}

export interface PendingSignup {
  id: number
  email: string
  name: string
  role: 'trainee' | 'mentor'
}

/** The sign-up a link finishes, while it is unused and unexpired; undefined otherwise. */
export function findPendingSignup(db: Db, token: string, now = new Date()): PendingSignup | undefined {
  return db
    .select({
      id: pendingSignups.id,
      email: pendingSignups.email,
      name: pendingSignups.name,
      role: pendingSignups.role,
    })
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.tokenHash, hashToken(token)),
        isNull(pendingSignups.usedAt),
        gt(pendingSignups.expiresAt, now.toISOString()),
      ),
    )
    .get()
}

export type ConfirmOutcome = { ok: true; user: User } | { ok: false; reason: 'unusable' | 'taken' }

/**
 * Makes the account a sign-up link stands for: once (the link is spent in the
 * same transaction), and not if the address got an account meanwhile.
 */
export function confirmSignup(db: Db, token: string, now = new Date()): ConfirmOutcome {
  return db.transaction((tx) => {
    const row = tx
      .update(pendingSignups)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(pendingSignups.tokenHash, hashToken(token)),
          isNull(pendingSignups.usedAt),
          gt(pendingSignups.expiresAt, now.toISOString()),
        ),
      )
      .returning()
      .get()
    if (!row) return { ok: false, reason: 'unusable' } as const
    if (emailTaken(asDb(tx), row.email)) return { ok: false, reason: 'taken' } as const
    const input = { name: row.name, email: row.email, passwordHash: row.passwordHash }
    const user =
      row.role === 'trainee' && row.profile
        ? createTrainee(asDb(tx), input, JSON.parse(row.profile) as TraineeProfile, now)
        : createUser(asDb(tx), { ...input, role: 'mentor' }, now)
    return { ok: true, user } as const
  })
}
