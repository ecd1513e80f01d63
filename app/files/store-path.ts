/**
 * The layout of the content-addressed store, in one place: a data directory's
 * files live at `<dataDir>/files/<first two hex digits>/<sha256>`, uploads in
 * flight in `<dataDir>/files/tmp/`. The store, its sweep and the backup all
 * find files through these functions. No other import, so the PDF render
 * worker and the CLIs can find files without loading the upload machinery.
 */
import path from 'node:path'

export const SHA256_PATTERN = /^[0-9a-f]{64}$/
const PREFIX_PATTERN = /^[0-9a-f]{2}$/

/** The store's folder under a data directory (a backup folder has the same layout). */
export function storeRoot(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'files')
}

/** Where uploads stream to before they are checked and named by their hash: never part of the store proper. */
export function tmpDir(dataDir: string): string {
  return path.join(storeRoot(dataDir), 'tmp')
}

/** A file's place inside a store folder, `<2 hex>/<sha256>`. Throws unless `sha256` is 64 lower-case hex digits. */
export function pathInStore(sha256: string): string {
  if (!SHA256_PATTERN.test(sha256)) throw new Error('Not a SHA-256 (64 lower-case hex digits)')
  return path.join(sha256.slice(0, 2), sha256)
}

/** Where the file with this SHA-256 lives. Throws unless `sha256` is 64 lower-case hex digits. */
export function filePath(dataDir: string, sha256: string): string {
  return path.join(storeRoot(dataDir), pathInStore(sha256))
}

/** Whether a folder of the store's root holds stored files (`tmp/` and anything else does not). */
export function isStorePrefix(name: string): boolean {
  return PREFIX_PATTERN.test(name)
}

/** Whether `name`, found in the folder `prefix`, is a stored file's name; anything else there is not the store's. */
export function isStoredName(prefix: string, name: string): boolean {
  return SHA256_PATTERN.test(name) && name.startsWith(prefix)
}
