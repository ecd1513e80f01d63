import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
  type UploadHandlerPart,
} from '@remix-run/node'
import { z } from 'zod'
import { FileRefusal } from '~/files/errors'
import { countPages } from '~/files/inspect.server'
import {
  ACCEPTED_MEDIA_TYPES,
  createTextValidator,
  detectFileType,
  isZip,
  MEDIA_TYPES,
  SNIFF_HEAD_BYTES,
  type AcceptedMediaType,
} from '~/files/sniff'
import { filePath, SHA256_PATTERN, storeRoot } from '~/files/store-path'
import { checkZipLimits, readZipDirectory } from '~/files/zip.server'
import { formatBytes } from '~/utils/bytes'

/**
 * The content-addressed file store: each file lives at
 * `<dataDir>/files/<first two hex digits>/<sha256>`, so the same content
 * uploaded twice is stored once, and no name a trainee chose ever reaches a
 * path. Uploads stream into `<dataDir>/files/tmp/` under a random name and
 * are moved into place only once checked.
 */

export interface StoredUpload {
  kind: 'stored'
  sha256: string
  size: number
  mediaType: AcceptedMediaType
  /** As the trainee's computer named it, cleaned up: for display only. */
  originalName: string
  pageCount: number
  pagesExact: boolean
}

export interface RefusedUpload {
  kind: 'refused'
  originalName: string
  /** Plain English for the trainee: why the file was not accepted. */
  reason: string
}

export type UploadMarker = StoredUpload | RefusedUpload

export interface UploadHandlerOptions {
  dataDir: string
  /** Largest accepted file, in bytes. */
  maxBytes: number
  /** Most files accepted in one request; any more are refused. No limit when omitted. */
  maxFiles?: number
  /** Called once a file is in the store (new or already there), before its marker is returned. */
  onStored?: (upload: StoredUpload, stored: { path: string; isNew: boolean }) => void | Promise<void>
}

export interface ParseEvidenceFormOptions extends UploadHandlerOptions {
  /** Largest ordinary (text) field, in bytes. Default 1,000,000. */
  maxFieldBytes?: number
}

const MAX_ORIGINAL_NAME = 200

function tmpDir(dataDir: string): string {
  return path.join(storeRoot(dataDir), 'tmp')
}

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

export interface SweepResult {
  /** SHA-256s of the stored files deleted. */
  removed: string[]
  /** Stored files left in place. */
  kept: number
  /** Abandoned temporary files deleted. */
  removedTemp: number
}

/**
 * Deletes stored files that nothing references and that are older than
 * `graceMs` (the grace covers an upload whose database row is not written
 * yet), and temporary files older than `graceMs` (left by an interrupted
 * upload). `referenced` holds every SHA-256 still in use.
 */
export async function sweepOrphanFiles(
  dataDir: string,
  referenced: ReadonlySet<string>,
  { graceMs, now }: { graceMs: number; now: Date | number },
): Promise<SweepResult> {
  const cutoff = (typeof now === 'number' ? now : now.getTime()) - graceMs
  const root = storeRoot(dataDir)
  const result: SweepResult = { removed: [], kept: 0, removedTemp: 0 }

  for (const name of await listDir(tmpDir(dataDir))) {
    const full = path.join(tmpDir(dataDir), name)
    const stat = await statOrNull(full)
    if (stat?.isFile() && stat.mtimeMs < cutoff && (await unlinkIfPresent(full))) result.removedTemp++
  }

  for (const prefix of await listDir(root)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue
    const dir = path.join(root, prefix)
    for (const name of await listDir(dir)) {
      if (!SHA256_PATTERN.test(name) || !name.startsWith(prefix)) continue
      const full = path.join(dir, name)
      const stat = await statOrNull(full)
      if (!stat?.isFile()) continue
      if (referenced.has(name) || stat.mtimeMs >= cutoff) {
        result.kept++
        continue
      }
      if (await unlinkIfPresent(full)) result.removed.push(name)
    }
  }
  return result
}

/**
 * An upload handler for `unstable_parseMultipartFormData`, for one request.
 * Each file part becomes a marker string in the form data (read them back
 * with `readUploadMarkers`): stored, or refused with a reason. Parts without
 * a filename are left to the next handler; an empty part without a name
 * (what a browser sends when no file was chosen) is dropped, and an empty
 * file with a name is refused.
 */
export function createUploadHandler(options: UploadHandlerOptions): UploadHandler {
  let files = 0
  return async (part: UploadHandlerPart) => {
    if (part.filename === undefined) return undefined
    return receiveFile(part, options, () => ++files)
  }
}

/**
 * Reads a multipart form: files go to the store (as markers, see
 * `readUploadMarkers`), other fields come through as strings. Throws a 400
 * Response when the body is not multipart/form-data or is malformed
 * (including a file name with "=" or ";", which Remix's parser cannot read),
 * and a 413 Response when a text field is over `maxFieldBytes`. Files stored
 * before such a failure are left for `sweepOrphanFiles`.
 */
export async function parseEvidenceForm(request: Request, options: ParseEvidenceFormOptions): Promise<FormData> {
  const contentType = request.headers.get('Content-Type') ?? ''
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw new Response('The form must be sent as multipart/form-data.', { status: 400 })
  }
  const fields = unstable_createMemoryUploadHandler({
    maxPartSize: options.maxFieldBytes ?? 1_000_000,
    // Files are the store's alone; anything with a filename never falls through to memory.
    filter: ({ filename }) => filename === undefined,
  })
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(createUploadHandler(options), fields),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      throw new Response('A field in the form is too large.', { status: 413 })
    }
    if (error instanceof Error && /^malformed content-disposition/i.test(error.message)) {
      // The multipart parser cannot read a file name containing "=" or ";".
      throw new Response('A file name could not be read. Rename the file without "=" or ";" and try again.', {
        status: 400,
      })
    }
    if (error instanceof Error && /^malformed multipart/i.test(error.message)) {
      throw new Response('The form could not be read.', { status: 400 })
    }
    throw error
  }
}

// ---------------------------------------------------------------------------
// Markers: JSON strings in the form data, sealed so that a text field sent by
// a client cannot pass itself off as a stored file.

const SEAL_KEY = crypto.randomBytes(32)

const storedSchema = z.object({
  kind: z.literal('stored'),
  sha256: z.string().regex(SHA256_PATTERN),
  size: z.number().int().positive(),
  mediaType: z.enum(ACCEPTED_MEDIA_TYPES as [AcceptedMediaType, ...AcceptedMediaType[]]),
  originalName: z.string().max(MAX_ORIGINAL_NAME * 2),
  pageCount: z.number().int().positive(),
  pagesExact: z.boolean(),
  seal: z.string(),
})

const refusedSchema = z.object({
  kind: z.literal('refused'),
  originalName: z.string().max(MAX_ORIGINAL_NAME * 2),
  reason: z.string(),
  seal: z.string(),
})

const markerSchema = z.discriminatedUnion('kind', [storedSchema, refusedSchema])

/** The marker's fields in a fixed order: the same marker always gives the same string to seal. */
function canonicalMarker(marker: UploadMarker): string {
  return marker.kind === 'stored'
    ? JSON.stringify([
        marker.kind,
        marker.sha256,
        marker.size,
        marker.mediaType,
        marker.originalName,
        marker.pageCount,
        marker.pagesExact,
      ])
    : JSON.stringify([marker.kind, marker.originalName, marker.reason])
}

function sealOf(marker: UploadMarker): string {
  return crypto.createHmac('sha256', SEAL_KEY).update(canonicalMarker(marker)).digest('hex')
}

function toMarkerString(marker: UploadMarker): string {
  return JSON.stringify({ ...marker, seal: sealOf(marker) })
}

/**
 * The upload results for a file field, in the order the files were sent.
 * Only markers made by this server's upload handler are returned: anything
 * else in the field (a forged string, a stray File) is ignored.
 */
export function readUploadMarkers(formData: FormData, field: string): UploadMarker[] {
  const markers: UploadMarker[] = []
  for (const value of formData.getAll(field)) {
    if (typeof value !== 'string') continue
    let json: unknown
    try {
      json = JSON.parse(value)
    } catch {
      continue
    }
    const parsed = markerSchema.safeParse(json)
    if (!parsed.success) continue
    const { seal, ...marker } = parsed.data
    const expected = Buffer.from(sealOf(marker), 'hex')
    const given = Buffer.from(seal, 'hex')
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) continue
    markers.push(marker)
  }
  return markers
}

// ---------------------------------------------------------------------------
// Receiving a file

/**
 * The name as shown to people: directory parts, control and invisible
 * formatting characters removed, at most 200 characters (keeping the
 * extension). Never used in a path.
 */
export function cleanOriginalName(raw: string): string {
  let name = raw.split(/[/\\]/).pop() ?? ''
  name = name
    .normalize('NFC')
    // Control characters, and bidirectional / zero-width characters that can disguise a name (`evil\u202Efdp.exe`).
    .replace(/[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (name === '.' || name === '..') name = ''
  const chars = Array.from(name)
  if (chars.length > MAX_ORIGINAL_NAME) {
    const dot = name.lastIndexOf('.')
    const extension = dot > 0 ? Array.from(name.slice(dot)) : []
    const keep = extension.length > 0 && extension.length <= 20 ? extension : []
    name = chars.slice(0, MAX_ORIGINAL_NAME - keep.length).join('') + keep.join('')
  }
  return name || 'unnamed file'
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  // The parser buffers whatever is not read, so the rest is read and dropped rather than left.
  for await (const chunk of data) void chunk
}

async function receiveFile(
  part: UploadHandlerPart,
  options: UploadHandlerOptions,
  countFile: () => number,
): Promise<string | undefined> {
  const { dataDir, maxBytes } = options
  const originalName = cleanOriginalName(part.filename ?? '')
  const refused = (reason: string) => toMarkerString({ kind: 'refused', originalName, reason })

  await fsp.mkdir(tmpDir(dataDir), { recursive: true })
  const tmpPath = path.join(tmpDir(dataDir), `${crypto.randomUUID()}.part`)
  const handle = await fsp.open(tmpPath, 'wx', 0o600)
  let handleOpen = true
  let tmpExists = true
  const closeHandle = async () => {
    if (handleOpen) {
      handleOpen = false
      await handle.close()
    }
  }
  const removeTmp = async () => {
    await closeHandle()
    if (tmpExists) {
      tmpExists = false
      await unlinkIfPresent(tmpPath)
    }
  }

  try {
    const hash = crypto.createHash('sha256')
    const head = Buffer.alloc(SNIFF_HEAD_BYTES)
    let headLength = 0
    let size = 0
    let overLimit = false
    let tooMany = false

    for await (const chunk of part.data) {
      if (chunk.length === 0) continue
      if (size === 0 && options.maxFiles !== undefined && countFile() > options.maxFiles) {
        tooMany = true
        break
      }
      size += chunk.length
      if (size > maxBytes) {
        overLimit = true
        break
      }
      hash.update(chunk)
      if (headLength < head.length) {
        const take = Math.min(head.length - headLength, chunk.length)
        head.set(chunk.subarray(0, take), headLength)
        headLength += take
      }
      await handle.write(chunk)
    }

    if (overLimit || tooMany) {
      await removeTmp()
      await drain(part.data)
      return refused(
        overLimit
          ? `Files can be at most ${formatBytes(maxBytes)}; this one is larger. Make it smaller (for example, save a PDF at a lower image quality) or split it.`
          : `At most ${options.maxFiles} files can be attached at once. Attach the others in another save.`,
      )
    }
    if (size === 0) {
      await removeTmp()
      // No name and no bytes is a file input left empty; a named file with nothing in it is the trainee's to know about.
      return part.filename
        ? refused('The file is empty (0 bytes). Check it opens on your computer, then choose it again.')
        : undefined
    }

    await handle.sync()
    await closeHandle()

    let upload: StoredUpload
    try {
      upload = await inspect(tmpPath, head.subarray(0, headLength), {
        sha256: hash.digest('hex'),
        size,
        originalName,
      })
    } catch (error) {
      if (error instanceof FileRefusal) {
        await removeTmp()
        return refused(error.message)
      }
      throw error
    }

    const isNew = await placeInStore(dataDir, tmpPath, upload.sha256)
    tmpExists = false
    const finalPath = filePath(dataDir, upload.sha256)

    await options.onStored?.(upload, { path: finalPath, isNew })
    return toMarkerString(upload)
  } catch (error) {
    await removeTmp()
    throw error
  }
}

/** Decides whether a received file is accepted, and reads its page count. Throws `FileRefusal` if not. */
async function inspect(
  tmpPath: string,
  head: Uint8Array,
  facts: { sha256: string; size: number; originalName: string },
): Promise<StoredUpload> {
  return { kind: 'stored', ...facts, ...(await inspectFile(tmpPath, head)) }
}

/**
 * The checks every file entering the store passes, whatever brought it: its
 * type decided from its content (`head`, its first bytes), ZIP limits for
 * Office files, every byte of a text file; then its page count. Throws
 * `FileRefusal` if it is not accepted.
 */
export async function inspectFile(
  file: string,
  head: Uint8Array,
): Promise<{ mediaType: AcceptedMediaType; pageCount: number; pagesExact: boolean }> {
  let entries: string[] | undefined
  if (isZip(head)) {
    const directory = await readZipDirectory(file)
    const problem = checkZipLimits(directory)
    if (problem) throw new FileRefusal(problem)
    entries = directory.entries.map((e) => e.name)
  }

  const detected = detectFileType(head, entries)
  if (!detected.ok) throw new FileRefusal(detected.reason)

  if (detected.mediaType === MEDIA_TYPES.txt || detected.mediaType === MEDIA_TYPES.csv) {
    const problem = await validateTextFile(file)
    if (problem) throw new FileRefusal(problem)
  }

  const { pages, exact } = await countPages(file, detected.mediaType)
  return { mediaType: detected.mediaType, pageCount: pages, pagesExact: exact }
}

/** Checks every byte of a text file, not just the head the type was decided from. */
async function validateTextFile(file: string): Promise<string | null> {
  const validator = createTextValidator()
  const handle = await fsp.open(file, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      validator.push(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  return validator.end()
}

// ---------------------------------------------------------------------------
// Small file system helpers

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code
}

async function statOrNull(file: string) {
  try {
    return await fsp.stat(file)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
}

async function unlinkIfPresent(file: string): Promise<boolean> {
  try {
    await fsp.unlink(file)
    return true
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
}

/** Makes a rename or a new entry in `dir` durable. Some platforms cannot sync a directory; that is not an error. */
async function syncDirectory(dir: string): Promise<void> {
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
