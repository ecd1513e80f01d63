import { hash, verify } from '@node-rs/argon2'

/** OWASP's Argon2id settings: 19 MiB of memory, two passes, one lane. */
const ARGON2_OPTIONS = {
  algorithm: 2, // Argon2id (the enum is a const enum, which isolated modules cannot read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

// Checked against when no account has the email, so an answer takes as long either way.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$y9ov/+loabGPF5qA8kalfg$u6wBktsHCgKNlZq8RMBZMPMUeaVgwKBj91Q02eMstO0'

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? DUMMY_HASH, password)
    return ok && storedHash != null
  } catch {
    return false
  }
}
