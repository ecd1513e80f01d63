import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { isErrno, statOrNull, syncDirectory, unlinkIfPresent } from '~/files/fs.server'
import { filePath, SHA256_PATTERN, storeRoot, tmpDir } from '~/files/store-path'

/**
 * The content-addressed file store: each file lives at
 * `<dataDir>/files/<first two hex digits>/<sha256>` (the layout is
 * store-path.ts), so the same content stored twice is kept once, and no name a
 * trainee chose ever reaches a path. New files are written to
 * `<dataDir>/files/tmp/` under a random name and moved into place, named by
 * their hash, only once checked. Uploads reach it through upload.server.ts;
 * unreferenced files leave it through sweep.server.ts.
 */

export { filePath, storeRoot }

/**
 * A stream of the stored file's bytes, or null when there is no such file.
 * The file is opened before returning, so a stream, once given, has a file behind it.
 */
export function openStoredFile(dataDir: string, sha256: string): Readable | null {
  const file = filePath(dataDir, sha256)
  try {
    const fd = fs.openSync(file, 'r')
    return fs.createReadStream(file, { fd })
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

/** The stored file's bytes, or null when the store does not have it. */
export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(filePath(dataDir, sha256))
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

/**
 * Puts bytes made by the server itself (not an upload) into the store and
 * returns their SHA-256. Written to a temporary file and renamed into place,
 * so a reader never sees part of a file; nothing is written when the same
 * content is already stored.
 */
export async function storeBytes(dataDir: string, bytes: Uint8Array): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
  if (await statOrNull(filePath(dataDir, sha256))) return sha256
  const tmpPath = await writeTempFile(dataDir, bytes)
  try {
    await placeInStore(dataDir, tmpPath, sha256)
  } catch (error) {
    await unlinkIfPresent(tmpPath)
    throw error
  }
  return sha256
}

/** Writes bytes, synced, to a new file in the store's temporary folder; returns its path. */
export async function writeTempFile(dataDir: string, bytes: Uint8Array): Promise<string> {
  await fsp.mkdir(tmpDir(dataDir), { recursive: true })
  const tmpPath = path.join(tmpDir(dataDir), `${crypto.randomUUID()}.part`)
  const handle = await fsp.open(tmpPath, 'wx', 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlinkIfPresent(tmpPath)
    throw error
  }
  await handle.close()
  return tmpPath
}

/**
 * Moves a checked temporary file to its place, named by its SHA-256. If the
 * same content is already stored, the one copy is kept (and freshened, so a
 * sweep does not take it before the database row pointing at it is written).
 * Returns whether the file is new to the store.
 */
export async function placeInStore(dataDir: string, tmpPath: string, sha256: string): Promise<boolean> {
  const finalPath = filePath(dataDir, sha256)
  const dir = path.dirname(finalPath)
  const dirIsNew = (await statOrNull(dir)) === null
  await fsp.mkdir(dir, { recursive: true })
  if (dirIsNew) await syncDirectory(storeRoot(dataDir))
  if (await statOrNull(finalPath)) {
    await unlinkIfPresent(tmpPath)
    const now = new Date()
    await fsp.utimes(finalPath, now, now)
    return false
  }
  await fsp.rename(tmpPath, finalPath)
  await syncDirectory(dir)
  return true
}

export async function storedFileExists(dataDir: string, sha256: string): Promise<boolean> {
  try {
    return (await fsp.stat(filePath(dataDir, sha256))).isFile()
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
}

/** Those of `shas` whose file is not in the store (an invalid SHA-256 counts as missing). */
export async function missingFiles(dataDir: string, shas: readonly string[]): Promise<string[]> {
  const missing: string[] = []
  for (const sha of new Set(shas)) {
    if (!SHA256_PATTERN.test(sha) || !(await storedFileExists(dataDir, sha))) missing.push(sha)
  }
  return missing
}
