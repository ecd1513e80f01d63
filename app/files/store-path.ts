/**
 * Where the content-addressed store keeps a file (see store.server.ts): no
 * other import, so the PDF render worker can find files without loading the
 * upload machinery.
 */
import path from 'node:path'

export const SHA256_PATTERN = /^[0-9a-f]{64}$/

export function storeRoot(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'files')
}

/** Where the file with this SHA-256 lives. Throws unless `sha256` is 64 lower-case hex digits. */
export function filePath(dataDir: string, sha256: string): string {
  if (!SHA256_PATTERN.test(sha256)) throw new Error('Not a SHA-256 (64 lower-case hex digits)')
  return path.join(storeRoot(dataDir), sha256.slice(0, 2), sha256)
}
