/**
 * Pages already rendered, kept in this process's memory under their tag (`pageTag` in ~/utils/http-cache.server).
 *
 * A tag is a digest of everything a page's HTML is made from: the build, the session asking, the address, the day
 * and the data of every loader on the page, taken after the loaders ran. Two requests with the same tag therefore
 * render the same HTML, except for the one part that must differ on every response: the Content-Security-Policy
 * nonce. So a page is kept with its nonce cut out, and a request whose tag is known gets the kept HTML with its own
 * nonce put back, instead of React rendering the same page again. This is the same promise a 304 makes to the
 * browser holding the page, kept on the server: one person's tag never matches another's (the session is in it),
 * and any change to what the page shows changes the tag.
 *
 * A page is also kept compressed (gzip), so that sending it again costs no compression either: each piece
 * between nonces is compressed once, ending on a full flush (byte-aligned, no reference to earlier bytes), and a
 * response is those pieces with its nonce between them as stored (uncompressed) deflate blocks, framed as one gzip
 * member (RFC 1951, 1952). Only the checksum over the whole text is computed per response.
 *
 * Bounded by bytes; the least recently used pages go first. Each process keeps its own.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { crc32Combine } from '~/utils/crc32-combine'

/** HTML bytes, in a buffer of their own (as a Response body takes them). */
type Page = Buffer<ArrayBuffer>

interface Kept {
  /** The HTML between the nonces. */
  parts: Page[]
  /** The same pieces, each compressed on its own (raw deflate, ended by a full flush). */
  gzipParts: Page[]
  /** Each piece's CRC-32, so a response's gzip trailer is combined from them rather than read from every byte. */
  crcs: number[]
  bytes: number
}

/** gzip's header: deflate, no name, no time, no flags, unknown system. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
/** A last, empty deflate block (fixed codes: just the end-of-block code). */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00])

export type Encoding = 'gzip' | 'identity'

export class RenderedPages {
  /** Insertion order is recency: a page read is moved to the end, the first is the least recently used. */
  private readonly pages = new Map<string, Kept>()
  /** Renders under way, by tag: a burst of requests for one page renders it once, the others wait for it. */
  private readonly rendering = new Map<string, Promise<unknown>>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor(private readonly maxBytes: number) {}

  /** The page kept under this tag, with `nonce` in place of the one it was rendered with, in `encoding`; or null. */
  get(tag: string, nonce: string, encoding: Encoding): Page | null {
    const kept = this.pages.get(tag)
    if (!kept) {
      this.misses++
      return null
    }
    this.hits++
    this.pages.delete(tag)
    this.pages.set(tag, kept)
    const nonceBytes = Buffer.from(nonce)
    return encoding === 'gzip' ? gzip(kept, nonceBytes) : join(kept.parts, nonceBytes)
  }

  /**
   * Keeps a page rendered with `nonce`. The nonce is random and fresh for this response, so wherever its text
   * appears in the HTML it is the nonce (no content could hold it: it did not exist when the data was read).
   */
  set(tag: string, html: Page, nonce: string): void {
    if (this.maxBytes <= 0 || html.byteLength > this.maxBytes || nonce.length === 0) return
    this.delete(tag)
    const parts: Page[] = []
    let from = 0
    for (let at = html.indexOf(nonce, from); at !== -1; at = html.indexOf(nonce, from)) {
      parts.push(html.subarray(from, at))
      from = at + nonce.length
    }
    parts.push(html.subarray(from))
    const gzipParts = parts.map((part) => deflateRawSync(part, { finishFlush: constants.Z_FULL_FLUSH }))
    const kept: Kept = {
      parts,
      gzipParts,
      crcs: parts.map((part) => crc32(part)),
      bytes: html.byteLength + byteLength(gzipParts),
    }
    this.pages.set(tag, kept)
    this.bytes += kept.bytes
    for (const [oldest] of this.pages) {
      if (this.bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  /** Settles when a render of this tag already under way in this process ends; undefined when none is. */
  inFlight(tag: string): Promise<void> | undefined {
    const render = this.rendering.get(tag)
    return render?.then(
      () => undefined,
      () => undefined,
    )
  }

  /** Notes a render of this tag under way until `render` settles (it keeps the page itself, with `set`). */
  track(tag: string, render: Promise<unknown>): void {
    if (this.maxBytes <= 0 || this.rendering.has(tag)) return
    this.rendering.set(tag, render)
    const done = () => {
      if (this.rendering.get(tag) === render) this.rendering.delete(tag)
    }
    render.then(done, done)
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes }
  }

  private delete(tag: string): void {
    const kept = this.pages.get(tag)
    if (!kept) return
    this.pages.delete(tag)
    this.bytes -= kept.bytes
  }
}

const byteLength = (parts: Page[]) => parts.reduce((sum, part) => sum + part.byteLength, 0)

/** The pieces with the nonce between each two. */
function join(parts: Page[], nonce: Buffer): Page {
  if (parts.length === 1) return parts[0]!
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [nonce, part])))
}

/** One gzip member: the compressed pieces with the nonce between them as stored blocks, then the trailer. */
function gzip(kept: Kept, nonce: Buffer): Page {
  const stored = storedBlock(nonce)
  const nonceCrc = crc32(nonce)
  let crc = kept.crcs[0]!
  for (let i = 1; i < kept.parts.length; i++) {
    crc = crc32Combine(crc, nonceCrc, nonce.byteLength)
    crc = crc32Combine(crc, kept.crcs[i]!, kept.parts[i]!.byteLength)
  }
  const length = byteLength(kept.parts) + nonce.byteLength * (kept.parts.length - 1)
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(length % 2 ** 32, 4)
  return Buffer.concat([
    GZIP_HEADER,
    ...kept.gzipParts.flatMap((part, i) => (i === 0 ? [part] : [stored, part])),
    FINAL_EMPTY_BLOCK,
    trailer,
  ])
}

/** A deflate block holding these bytes as they are, not the last one; it starts on a byte boundary. */
function storedBlock(bytes: Buffer): Buffer {
  const length = bytes.byteLength
  const head = Buffer.from([0x00, length & 0xff, length >>> 8, ~length & 0xff, (~length >>> 8) & 0xff])
  return Buffer.concat([head, bytes])
}
