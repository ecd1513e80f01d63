/** Small file system helpers shared by the file store, its sweep and the upload handler. */
import fsp from 'node:fs/promises'

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code
}

export async function statOrNull(file: string) {
  try {
    return await fsp.stat(file)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

export async function listDir(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
}

export async function unlinkIfPresent(file: string): Promise<boolean> {
  try {
    await fsp.unlink(file)
    return true
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
}

/** Makes a rename or a new entry in `dir` durable. Some platforms cannot sync a directory; that is not an error. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fsp.open(dir, 'r')
    await handle.sync()
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES'].some((code) => isErrno(error, code))) throw error
  } finally {
    await handle?.close()
  }
}
