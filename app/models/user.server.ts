import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { type Db, asDb } from '../../db/client'
import { frameworks, portfolios, traineeProfiles, users, type Role, type Specialism } from '../../db/schema'
import { prepared } from '~/models/prepared.server'

/** What the app may know of a signed-in user: never the password hash or TOTP secret. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  twoFactorEnabled: sql<number>`${users.totpSecret} IS NOT NULL`.mapWith(Boolean),
  createdAt: users.createdAt,
}

export type User = {
  id: number
  email: string
  name: string
  role: Role
  disabledAt: string | null
  twoFactorEnabled: boolean
  createdAt: string
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

// Run on every signed-in request: prepared once per connection.
const userById = (db: Db) =>
  db
    .select(publicUserColumns)
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare()

export function getUserById(db: Db, id: number): User | undefined {
  return prepared(db, userById).get({ id })
}

export function getUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select(publicUserColumns)
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get()
}

export function emailTaken(db: Db, email: string): boolean {
  return (
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .get() !== undefined
  )
}

/** The password hash of an account, for sign-in only. */
export function getPasswordHash(db: Db, userId: number): string | undefined {
  return db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash
}

export interface NewUser {
  email: string
  name: string
  role: Role
  passwordHash: string
}

export interface TraineeProfile {
  specialism: Specialism
  employer: string
  targetSubmissionDate: string | null
}

export function createUser(db: Db, input: NewUser, now = new Date()): User {
  const stamp = now.toISOString()
  const row = db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email), createdAt: stamp, updatedAt: stamp })
    .returning({ id: users.id })
    .get()
  return getUserById(db, row.id)!
}

/** A trainee account with its profile and a portfolio against each framework the installation offers. */
export function createTrainee(db: Db, input: Omit<NewUser, 'role'>, profile: TraineeProfile, now = new Date()): User {
  return db.transaction((tx) => {
    const user = createUser(asDb(tx), { ...input, role: 'trainee' }, now)
    tx.insert(traineeProfiles)
      .values({ userId: user.id, ...profile })
      .run()
    ensurePortfolios(asDb(tx), user.id, now)
    return user
  })
}

/** Gives a trainee a portfolio against every seeded framework version they lack one for. */
export function ensurePortfolios(db: Db, traineeId: number, now = new Date()): void {
  for (const { id } of db.select({ id: frameworks.id }).from(frameworks).all()) {
    db.insert(portfolios)
      .values({ traineeId, frameworkId: id, createdAt: now.toISOString() })
      .onConflictDoNothing()
      .run()
  }
}

const profileOf = (db: Db) =>
  db
    .select({
      specialism: traineeProfiles.specialism,
      employer: traineeProfiles.employer,
      targetSubmissionDate: traineeProfiles.targetSubmissionDate,
    })
    .from(traineeProfiles)
    .where(eq(traineeProfiles.userId, sql.placeholder('userId')))
    .prepare()

export function getTraineeProfile(db: Db, userId: number): TraineeProfile | undefined {
  return prepared(db, profileOf).get({ userId })
}

export function updateName(db: Db, userId: number, name: string, now = new Date()): void {
  db.update(users).set({ name, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
}

export function updateTraineeProfile(db: Db, userId: number, profile: TraineeProfile): void {
  db.insert(traineeProfiles)
    .values({ userId, ...profile })
    .onConflictDoUpdate({ target: traineeProfiles.userId, set: profile })
    .run()
}

export function setPasswordHash(db: Db, userId: number, passwordHash: string, now = new Date()): void {
  db.update(users).set({ passwordHash, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
}

export function setRole(db: Db, userId: number, role: Role, now = new Date()): void {
  db.update(users).set({ role, updatedAt: now.toISOString() }).where(eq(users.id, userId)).run()
}

export function setDisabled(db: Db, userId: number, disabled: boolean, now = new Date()): void {
  db.update(users)
    .set({ disabledAt: disabled ? now.toISOString() : null, updatedAt: now.toISOString() })
    .where(eq(users.id, userId))
    .run()
}

export function listUsers(db: Db): User[] {
  return db.select(publicUserColumns).from(users).orderBy(asc(users.role), asc(users.name)).all()
}

export function countActiveAdmins(db: Db): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .get()!.n
}
