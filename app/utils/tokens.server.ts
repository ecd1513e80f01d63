import { createHash, randomBytes } from 'node:crypto'

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps instead of a token: a stolen database holds no usable session or link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
