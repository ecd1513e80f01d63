import fs from 'node:fs/promises'
import { Inflate } from 'fflate'
import { FileRefusal } from '~/files/errors'
import { formatBytes } from '~/utils/bytes'

/**
 * Just enough of the ZIP format to judge Office documents safely: the central
 * directory is read from the end of the file without decompressing anything,
 * and single entries are decompressed as a stream under a hard cap, so a file
 * that unpacks to gigabytes (a "zip bomb") never gets the chance to.
 */

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  flags: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

export interface ZipDirectory {
  entries: ZipEntry[]
  fileSize: number
  /** Where the central directory starts: no entry's data may reach past it. */
  directoryOffset: number
}

export interface ZipLimits {
  maxEntries: number
  maxTotalUncompressed: number
  /** Total uncompressed size over total compressed size. */
  maxRatio: number
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxRatio: 100,
}

const DAMAGED = 'This file is damaged or incomplete, so it cannot be checked. Save it again and upload the new copy.'

const SIG_EOCD = 0x06054b50
const SIG_ZIP64_LOCATOR = 0x07064b50
const SIG_ZIP64_EOCD = 0x06064b50
const SIG_CENTRAL = 0x02014b50
const SIG_LOCAL = 0x04034b50

/** The central directory itself is refused beyond this (it holds names, not content). */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  let read = 0
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read)
    if (bytesRead === 0) break
    read += bytesRead
  }
  if (read < length) throw new FileRefusal(DAMAGED)
  return buffer
}

function u64(buffer: Buffer, offset: number): number {
  // Past 2^53 precision is lost, but such a size is refused long before it matters.
  return Number(buffer.readBigUInt64LE(offset))
}

/**
 * Lists a ZIP file's entries from its central directory. Throws a
 * `FileRefusal` when the file is not a readable, single-part ZIP.
 */
export async function readZipDirectory(path: string): Promise<ZipDirectory> {
  const handle = await fs.open(path, 'r')
  try {
    return await readDirectory(handle)
  } finally {
    await handle.close()
  }
}

async function readDirectory(handle: fs.FileHandle): Promise<ZipDirectory> {
  const { size: fileSize } = await handle.stat()
  if (fileSize < 22) throw new FileRefusal(DAMAGED)

  const tailLength = Math.min(fileSize, 22 + 0xffff + 20)
  const tailStart = fileSize - tailLength
  const tail = await readAt(handle, tailStart, tailLength)

  // The end record sits before a comment of up to 64 KB; prefer the one whose comment runs exactly to the end.
  let eocd = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== SIG_EOCD) continue
    if (eocd === -1) eocd = i
    if (i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i
      break
    }
  }
  if (eocd === -1) throw new FileRefusal(DAMAGED)

  const disk = tail.readUInt16LE(eocd + 4)
  const directoryDisk = tail.readUInt16LE(eocd + 6)
  let totalEntries = tail.readUInt16LE(eocd + 10)
  let directorySize = tail.readUInt32LE(eocd + 12)
  let directoryOffset = tail.readUInt32LE(eocd + 16)
  if (disk !== 0 || directoryDisk !== 0) throw new FileRefusal(DAMAGED)

  if (totalEntries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || tail.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw new FileRefusal(DAMAGED)
    const recordOffset = u64(tail, locator + 8)
    if (recordOffset + 56 > fileSize) throw new FileRefusal(DAMAGED)
    const record = await readAt(handle, recordOffset, 56)
    if (record.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw new FileRefusal(DAMAGED)
    totalEntries = u64(record, 32)
    directorySize = u64(record, 40)
    directoryOffset = u64(record, 48)
  }

  if (totalEntries > ZIP_LIMITS.maxEntries) {
    throw new FileRefusal(tooManyEntries(ZIP_LIMITS.maxEntries))
  }
  if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > fileSize) {
    throw new FileRefusal(DAMAGED)
  }

  const directory = await readAt(handle, directoryOffset, directorySize)
  const entries: ZipEntry[] = []
  const utf8 = new TextDecoder('utf-8')
  let p = 0
  for (let n = 0; n < totalEntries; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== SIG_CENTRAL) throw new FileRefusal(DAMAGED)
    const flags = directory.readUInt16LE(p + 8)
    const method = directory.readUInt16LE(p + 10)
    let compressedSize = directory.readUInt32LE(p + 20)
    let uncompressedSize = directory.readUInt32LE(p + 24)
    const nameLength = directory.readUInt16LE(p + 28)
    const extraLength = directory.readUInt16LE(p + 30)
    const commentLength = directory.readUInt16LE(p + 32)
    let localHeaderOffset = directory.readUInt32LE(p + 42)
    const nameStart = p + 46
    const extraStart = nameStart + nameLength
    const next = extraStart + extraLength + commentLength
    if (next > directory.length) throw new FileRefusal(DAMAGED)
    const name = utf8.decode(directory.subarray(nameStart, extraStart))

    // ZIP64 extended information: only the fields whose 32-bit slot is saturated, in this order.
    for (let e = extraStart; e + 4 <= extraStart + extraLength;) {
      const id = directory.readUInt16LE(e)
      const size = directory.readUInt16LE(e + 2)
      if (id === 0x0001) {
        let q = e + 4
        const end = q + size
        if (uncompressedSize === 0xffffffff && q + 8 <= end) {
          uncompressedSize = u64(directory, q)
          q += 8
        }
        if (compressedSize === 0xffffffff && q + 8 <= end) {
          compressedSize = u64(directory, q)
          q += 8
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= end) {
          localHeaderOffset = u64(directory, q)
        }
      }
      e += 4 + size
    }

    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset })
    p = next
  }
  return { entries, fileSize, directoryOffset }
}

function tooManyEntries(max: number): string {
  return `This file is made of more than ${max.toLocaleString('en-GB')} parts, too many to check safely, so it is not accepted.`
}

/**
 * Refuses, from the directory alone, an archive that would unpack to too much:
 * too many entries, too large in total, or compressed suspiciously tightly.
 * Returns the reason, or null when the archive is within the limits.
 */
export function checkZipLimits(directory: ZipDirectory, limits: ZipLimits = ZIP_LIMITS): string | null {
  const { entries } = directory
  if (entries.length > limits.maxEntries) return tooManyEntries(limits.maxEntries)

  let totalUncompressed = 0
  let totalCompressed = 0
  for (const entry of entries) {
    totalUncompressed += entry.uncompressedSize
    totalCompressed += entry.compressedSize
    if (entry.compressedSize > directory.fileSize) return DAMAGED
  }
  if (totalUncompressed > limits.maxTotalUncompressed) {
    return `This file would unpack to more than ${formatBytes(limits.maxTotalUncompressed)}, too much to check safely, so it is not accepted.`
  }
  const bomb = 'This file is compressed far more tightly than a real document would be, so it is not accepted.'
  // Small archives are exempt from the overall ratio: a few kilobytes of XML can legitimately shrink a lot.
  if (totalUncompressed > 1024 * 1024 && totalUncompressed > limits.maxRatio * Math.max(1, totalCompressed)) return bomb
  for (const entry of entries) {
    if (
      entry.uncompressedSize > 1024 * 1024 &&
      entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
    ) {
      return bomb
    }
  }
  return null
}

export interface EntryReadOptions {
  /** At most this many uncompressed bytes are produced. */
  maxBytes: number
  /** Beyond `maxBytes`: stop and keep what was read (true), or refuse the file (false). */
  truncate: boolean
  /** The reason given when the entry is too large and `truncate` is false. */
  tooLargeReason?: string
}

export interface EntryContent {
  data: Uint8Array
  truncated: boolean
}

const READ_CHUNK = 16 * 1024

/** A signal to stop inflating early, caught below. */
class Enough extends Error {}

/**
 * Decompresses one entry, streaming, never producing more than
 * `options.maxBytes` and never more than the directory declared for it.
 */
export async function readZipEntry(
  path: string,
  directory: ZipDirectory,
  entry: ZipEntry,
  options: EntryReadOptions,
): Promise<EntryContent> {
  if (entry.flags & 0x1) {
    throw new FileRefusal(
      'This document is password-protected, so it cannot be checked. Remove the password and upload it again.',
    )
  }
  if (entry.method !== 0 && entry.method !== 8) throw new FileRefusal(DAMAGED)
  const tooLarge =
    options.tooLargeReason ?? 'Part of this document is too large to check safely, so it is not accepted.'
  if (!options.truncate && entry.uncompressedSize > options.maxBytes) throw new FileRefusal(tooLarge)

  const handle = await fs.open(path, 'r')
  try {
    const local = await readAt(handle, entry.localHeaderOffset, 30)
    if (local.readUInt32LE(0) !== SIG_LOCAL) throw new FileRefusal(DAMAGED)
    const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
    if (dataStart + entry.compressedSize > directory.directoryOffset) throw new FileRefusal(DAMAGED)

    const cap = Math.min(options.maxBytes, entry.uncompressedSize)
    const chunks: Uint8Array[] = []
    let produced = 0
    let truncated = false

    const take = (data: Uint8Array) => {
      if (produced + data.length > entry.uncompressedSize) {
        // More came out than the directory declared: the archive lies about itself.
        throw new FileRefusal(DAMAGED)
      }
      if (produced + data.length > cap) {
        if (!options.truncate) throw new FileRefusal(tooLarge)
        chunks.push(data.subarray(0, cap - produced))
        produced = cap
        truncated = true
        throw new Enough()
      }
      chunks.push(data)
      produced += data.length
    }

    try {
      if (entry.method === 0) {
        // One byte past the cap is enough to know the entry is over it.
        take(await readAt(handle, dataStart, Math.min(entry.compressedSize, cap + 1)))
      } else {
        let finished = false
        const inflate = new Inflate((data, final) => {
          take(data)
          if (final) finished = true
        })
        for (let offset = 0; offset < entry.compressedSize && !finished; offset += READ_CHUNK) {
          const length = Math.min(READ_CHUNK, entry.compressedSize - offset)
          const chunk = await readAt(handle, dataStart + offset, length)
          try {
            inflate.push(chunk, offset + length >= entry.compressedSize)
          } catch (error) {
            if (error instanceof FileRefusal || error instanceof Enough) throw error
            throw new FileRefusal(DAMAGED)
          }
        }
      }
    } catch (error) {
      if (!(error instanceof Enough)) throw error
    }

    const data = new Uint8Array(produced)
    let at = 0
    for (const chunk of chunks) {
      data.set(chunk, at)
      at += chunk.length
    }
    return { data, truncated }
  } finally {
    await handle.close()
  }
}
