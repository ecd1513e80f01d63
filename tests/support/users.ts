import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { users, type Role } from '../../db/schema'
import { createSession } from '../../app/models/session.server'
import { createTrainee, createUser, getUserById, type User } from '../../app/models/user.server'
import { readEnv } from '../../app/utils/env.server'
import { hashPassword } from '../../app/utils/password.server'

export const TEST_PASSWORD = 'correct horse battery staple 42'

let passwordHash: Promise<string> | undefined
let counter = 0

export interface UserWithSession {
  user: User
  token: string
  /** The value of a `Cookie` header that signs in as this user. */
  cookie: string
}

/**
 * A user of the given role with a signed-in session. Everyone's password is
 * TEST_PASSWORD (hashed once per test file: Argon2id is deliberately slow).
 * `twoFactor` marks two-factor sign-in as set up, which admins and assessors
 * need before they may use the app.
 */
export async function createUserWithSession(
  db: Db,
  { role, email, name, twoFactor = false }: { role: Role; email?: string; name?: string; twoFactor?: boolean },
): Promise<UserWithSession> {
  counter += 1
  const input = {
    email: email ?? `${role}${counter}-${Math.random().toString(36).slice(2, 8)}@example.nhs.uk`,
    name: name ?? `Test ${role} ${counter}`,
    passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
  }
  const created =
    role === 'trainee'
      ? createTrainee(db, input, {
          specialism: 'radiotherapy-physics',
          employer: 'Test Trust',
          targetSubmissionDate: null,
        })
      : createUser(db, { ...input, role })
  if (twoFactor)
    db.update(users).set({ totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }).where(eq(users.id, created.id)).run()
  const { token } = createSession(db, { userId: created.id, verified: true }, readEnv({ NODE_ENV: 'test' }).session)
  return { user: getUserById(db, created.id)!, token, cookie: `attain_session=${token}` }
}

/** A request as a browser would send it: with this cookie and, for posts, a same-origin `Origin`. */
export function requestAs(
  cookie: string | null,
  url: string,
  init: RequestInit & { form?: Record<string, string> } = {},
): Request {
  const { form, ...rest } = init
  const headers = new Headers(rest.headers)
  if (cookie) headers.set('Cookie', cookie)
  const method = rest.method ?? (form ? 'POST' : 'GET')
  if (method !== 'GET' && method !== 'HEAD') headers.set('Origin', 'http://localhost')
  const body = form ? new URLSearchParams(form) : rest.body
  return new Request(new URL(url, 'http://localhost'), { ...rest, method, headers, body })
}
