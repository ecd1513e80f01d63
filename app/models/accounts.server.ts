import { eq } from 'drizzle-orm'
import { type Db, asDb } from '../../db/client'
import { users, type Role } from '../../db/schema'
import { deleteUserSessions } from '~/models/session.server'
import {
  countActiveAdmins,
  ensurePortfolios,
  getTraineeProfile,
  getUserById,
  normaliseEmail,
  setDisabled,
  setRole,
  updateTraineeProfile,
  type NewUser,
  type User,
} from '~/models/user.server'

/** Why an administrator's change to an account was not made. */
export type AccountRefusal = 'not-found' | 'last-admin'

export type RoleChange = { ok: true; from: Role; changed: boolean } | { ok: false; reason: AccountRefusal }

interface Target {
  role: Role
  disabledAt: string | null
}

/**
 * An administrator's change to an account, in one immediate transaction with the account as it stands:
 * `not-found` when there is no such account, else what `change` does.
 */
function changeAccount<R>(
  db: Db,
  userId: number,
  change: (t: Db, target: Target) => R,
): R | { ok: false; reason: 'not-found' } {
  return db.transaction(
    (tx) => {
      const t = asDb(tx)
      const target = t
        .select({ role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, userId))
        .get()
      if (!target) return { ok: false, reason: 'not-found' } as const
      return change(t, target)
    },
    { behavior: 'immediate' },
  )
}

/** Whether the account is the installation's last active administrator, who must stay one. */
function isLastActiveAdmin(t: Db, target: Target): boolean {
  return target.role === 'admin' && !target.disabledAt && countActiveAdmins(t) <= 1
}

/**
 * Gives an account another role. The last active administrator keeps theirs,
 * so the installation always has someone who can manage accounts. Someone who
 * becomes a trainee gets a trainee profile (if they had none) and portfolios.
 */
export function changeRole(db: Db, userId: number, role: Role, now = new Date()): RoleChange {
  return changeAccount(db, userId, (t, target) => {
    if (target.role === role) return { ok: true, from: target.role, changed: false } as const
    if (isLastActiveAdmin(t, target)) return { ok: false, reason: 'last-admin' } as const
    setRole(t, userId, role, now)
    if (role === 'trainee') {
      if (!getTraineeProfile(t, userId)) {
        updateTraineeProfile(t, userId, { specialism: 'other', employer: '', targetSubmissionDate: null })
      }
      ensurePortfolios(t, userId, now)
    }
    return { ok: true, from: target.role, changed: true } as const
  })
}

export type AccessChange = { ok: true; changed: boolean; sessionsEnded: number } | { ok: false; reason: AccountRefusal }

/**
 * Disables or restores an account. Disabling ends all its sessions at once;
 * the last active administrator cannot be disabled.
 */
export function setAccountDisabled(db: Db, userId: number, disabled: boolean, now = new Date()): AccessChange {
  return changeAccount(db, userId, (t, target) => {
    if ((target.disabledAt !== null) === disabled) return { ok: true, changed: false, sessionsEnded: 0 } as const
    if (disabled && isLastActiveAdmin(t, target)) return { ok: false, reason: 'last-admin' } as const
    setDisabled(t, userId, disabled, now)
    const sessionsEnded = disabled ? deleteUserSessions(t, userId) : 0
    return { ok: true, changed: true, sessionsEnded } as const
  })
}

/**
 * Creates an account unless one with the email address exists already (even
 * when two requests race for it): the new user, or undefined.
 */
export function createAccount(db: Db, input: NewUser, now = new Date()): User | undefined {
  const stamp = now.toISOString()
  const row = db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email), createdAt: stamp, updatedAt: stamp })
    .onConflictDoNothing()
    .returning({ id: users.id })
    .get()
  return row ? getUserById(db, row.id) : undefined
}
