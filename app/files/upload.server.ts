import crypto from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'
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
import { unlinkIfPresent } from '~/files/fs.server'
import { inspectFile, type ScannableContent } from '~/files/inspect.server'
import { ACCEPTED_MEDIA_TYPES, SNIFF_HEAD_BYTES, type AcceptedMediaType } from '~/files/sniff'
import { placeInStore } from '~/files/store.server'
import { filePath, SHA256_PATTERN, tmpDir } from '~/files/store-path'
import { formatBytes } from '~/utils/bytes'

/**
 * Uploads: a multipart form is parsed as it arrives, each file streamed once
 * to a temporary file while its SHA-256 is computed and its first bytes kept
 * for sniffing, then checked (inspect.server.ts) and moved into the
 * content-addressed store (store.server.ts). What became of each file travels
 * on in the form data as a sealed marker, read back with `readUploadMarkers`.
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
  onStored?: (upload: StoredUpload, stored: StoredFacts) => void | Promise<void>
}

/** What receiving a file learnt beyond its marker: where it is, and its text and metadata to scan. */
export interface StoredFacts {
  path: string
  isNew: boolean
  /** Read while the file was checked, so the patient-data scan does not read it again; null if unreadable. */
  content: ScannableContent | null
}

export interface ParseEvidenceFormOptions extends UploadHandlerOptions {
  /** Largest ordinary (text) field, in bytes. Default 1,000,000. */
  maxFieldBytes?: number
}

const MAX_ORIGINAL_NAME = 200

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

    // The hash and the head came from the stream as it was written; the checks read the file once more, once.
    let upload: StoredUpload
    let content: ScannableContent | null
    try {
      const { content: read, ...inspected } = await inspectFile(tmpPath, head.subarray(0, headLength))
      upload = { kind: 'stored', sha256: hash.digest('hex'), size, originalName, ...inspected }
      content = read
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

    await options.onStored?.(upload, { path: finalPath, isNew, content })
    return toMarkerString(upload)
  } catch (error) {
    await removeTmp()
    throw error
  }
}
