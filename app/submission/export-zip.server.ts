import type { Readable } from 'node:stream'
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { extensionFor, isAcceptedMediaType } from '~/files/sniff'
import { openStoredFile, storedFileExists } from '~/files/store.server'
import {
  snapshotJsonSchema,
  type PortfolioSnapshot,
  type SnapshotAttachment,
  type SnapshotItem,
} from '~/submission/snapshot'
import { paddedRef, safeName, submissionFileBase, uniqueName } from '~/submission/zip-names'

/**
 * A submission's download: one folder holding the summary (PDF and HTML),
 * the snapshot exactly as stored with its JSON Schema, a README, and every
 * attached file under evidence/. Streamed: files are read from the store a
 * chunk at a time, only as fast as the client takes the archive.
 */

/** One entry of the archive: bytes in hand, or a stored file opened when its turn comes. */
export type ZipSource =
  | { name: string; compress: boolean; data: Uint8Array | string }
  | { name: string; compress: boolean; open: () => Readable | null; missingName: string; missingNote: string }

export interface SubmissionZipParts {
  snapshot: PortfolioSnapshot
  /** The stored snapshot bytes: portfolio.json is exactly these. */
  snapshotJson: string
  snapshotSha256: string
  pdf: { sha256: string; pages: number }
  html: string
  dataDir: string
}

const ITEM_TITLE_CHARS = 50
const FILE_NAME_CHARS = 80

/** `portfolio-alex-morgan-submission-2`: the archive's name and its top folder. */
export function submissionFolderName(snapshot: Pick<PortfolioSnapshot, 'trainee' | 'number'>): string {
  return submissionFileBase(snapshot.trainee.name, snapshot.number)
}

/** Stored types worth compressing; the others (PDF, images, Office files) are compressed already. */
function compressible(mediaType: string): boolean {
  return mediaType.startsWith('text/')
}

/** The attachment's name made safe, with the extension its content calls for if the name lacks one. */
function attachmentFileName(attachment: SnapshotAttachment): string {
  let name = safeName(attachment.originalName, { maxLength: FILE_NAME_CHARS, fallback: 'file' })
  if (isAcceptedMediaType(attachment.mediaType)) {
    const extension = extensionFor(attachment.mediaType)
    const has = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
    if (has !== extension && !(extension === 'jpeg' && has === 'jpg')) name = `${name}.${extension}`
  }
  return name
}

export function itemFolderName(item: Pick<SnapshotItem, 'ref' | 'title'>, itemCount: number): string {
  return `${paddedRef(item.ref, itemCount)} - ${safeName(item.title, { maxLength: ITEM_TITLE_CHARS, fallback: 'untitled' })}`
}

function missingNote(item: SnapshotItem, attachment: SnapshotAttachment): string {
  return [
    `The file "${attachment.originalName}" attached to ${item.ref} "${item.title}" could not be read from Attain's file store when this archive was made.`,
    '',
    `It was submitted with SHA-256 ${attachment.sha256} (${attachment.size} bytes, ${attachment.mediaType}).`,
    'That fingerprint identifies the exact file that was submitted: ask the trainee or the Attain administrator for a copy and check it against the fingerprint.',
    '',
  ].join('\r\n')
}

function readme(parts: SubmissionZipParts, attachments: { path: string; sha256: string; missing: boolean }[]): string {
  const { snapshot } = parts
  const lines = [
    `Portfolio submission ${snapshot.number}: ${snapshot.trainee.name}`,
    `Submitted ${snapshot.submittedAt.replace('T', ' at ').replace(/\.\d+Z$|Z$/, ' UTC')}, against ${snapshot.framework.title} (${snapshot.framework.id}, version ${snapshot.framework.version}).`,
    '',
    'WHAT IS IN THIS FOLDER',
    '',
    `  summary.pdf             The portfolio summary, ${snapshot.items.length} evidence items in full, as a PDF (${parts.pdf.pages} pages).`,
    '  summary.html            The same summary as a web page: open it in any browser; it works offline.',
    '  portfolio.json          The submitted portfolio as data: exactly the bytes frozen when it was submitted.',
    '  portfolio.schema.json   The JSON Schema (draft 2020-12) that describes portfolio.json.',
    '  evidence/               The files attached to the evidence items: one folder per item, named by its',
    '                          reference in the summary (E01, E02…) and its title.',
    '  README.txt              This file.',
    '',
    'CHECKING THE PORTFOLIO IS THE ONE SUBMITTED',
    '',
    'The SHA-256 fingerprint of portfolio.json, also printed on the summary, is:',
    '',
    `  ${parts.snapshotSha256}`,
    '',
    'Work it out yourself in this folder and compare (Windows shows it in capitals):',
    '',
    '  Windows (PowerShell):  Get-FileHash portfolio.json -Algorithm SHA256',
    '  macOS:                 shasum -a 256 portfolio.json',
    '  Linux:                 sha256sum portfolio.json',
    '',
    'If the two match, portfolio.json is exactly what was submitted: any change to it, however small,',
    'gives a different fingerprint. portfolio.json records the SHA-256 of every attached file too',
    '(items[].attachments[].sha256), so each file below can be checked the same way.',
    '',
  ]
  if (attachments.length > 0) {
    lines.push('ATTACHED FILES AND THEIR SHA-256', '')
    for (const a of attachments) lines.push(`  ${a.sha256}  ${a.path}${a.missing ? '  (missing: see the note)' : ''}`)
    lines.push('')
  }
  return lines.join('\r\n')
}

/**
 * What goes in the archive, in order, under the top folder. Attachments are
 * looked for in the store now, so a missing one becomes a note in its place
 * rather than a failed download.
 */
export async function submissionZipEntries(parts: SubmissionZipParts): Promise<ZipSource[]> {
  const { snapshot, dataDir } = parts
  const root = submissionFolderName(snapshot)
  const documents: ZipSource[] = [
    {
      name: `${root}/summary.pdf`,
      compress: false,
      open: () => openStoredFile(dataDir, parts.pdf.sha256),
      missingName: `${root}/summary.pdf - MISSING.txt`,
      missingNote: 'The summary PDF could not be read when this archive was made. Download the archive again.\r\n',
    },
    { name: `${root}/summary.html`, compress: true, data: parts.html },
    { name: `${root}/portfolio.json`, compress: true, data: parts.snapshotJson },
    {
      name: `${root}/portfolio.schema.json`,
      compress: true,
      data: `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`,
    },
  ]
  const listed: { path: string; sha256: string; missing: boolean }[] = []
  const evidence: ZipSource[] = []
  for (const item of snapshot.items) {
    if (item.attachments.length === 0) continue
    const folder = `evidence/${itemFolderName(item, snapshot.items.length)}`
    const taken = new Set<string>()
    for (const attachment of item.attachments) {
      const name = uniqueName(attachmentFileName(attachment), taken)
      const missingName = uniqueName(`${name} - MISSING.txt`, taken)
      const note = missingNote(item, attachment)
      const present = await storedFileExists(dataDir, attachment.sha256)
      listed.push({ path: `${folder}/${present ? name : missingName}`, sha256: attachment.sha256, missing: !present })
      evidence.push(
        present
          ? {
              name: `${root}/${folder}/${name}`,
              compress: compressible(attachment.mediaType),
              open: () => openStoredFile(dataDir, attachment.sha256),
              missingName: `${root}/${folder}/${missingName}`,
              missingNote: note,
            }
          : { name: `${root}/${folder}/${missingName}`, compress: true, data: note },
      )
    }
  }
  return [{ name: `${root}/README.txt`, compress: true, data: readme(parts, listed) }, ...documents, ...evidence]
}

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk
  if (typeof chunk === 'string') return strToU8(chunk)
  throw new Error('A file stream gave something other than bytes')
}

/** The archive's bytes, produced one piece at a time as they are asked for. */
async function* zipChunks(entries: readonly ZipSource[], mtime: Date): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else ready.push(chunk)
  })
  function* take(): Generator<Uint8Array> {
    if (failure) throw failure
    while (ready.length > 0) yield ready.shift()!
  }
  const add = (name: string, compress: boolean) => {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name)
    file.mtime = mtime
    zip.add(file)
    return file
  }

  for (const entry of entries) {
    if ('data' in entry) {
      add(entry.name, entry.compress).push(typeof entry.data === 'string' ? strToU8(entry.data) : entry.data, true)
      yield* take()
      continue
    }
    const stream = entry.open()
    if (!stream) {
      add(entry.missingName, true).push(strToU8(entry.missingNote), true)
      yield* take()
      continue
    }
    const file = add(entry.name, entry.compress)
    // Leaving this loop early (the download was cancelled) destroys the file stream.
    for await (const chunk of stream) {
      file.push(asBytes(chunk))
      yield* take()
    }
    file.push(new Uint8Array(0), true)
    yield* take()
  }
  zip.end()
  yield* take()
}

/**
 * A web stream of a zip of `entries`. Pull-based: the next piece is read from
 * disk and compressed only when the consumer asks for more, so a slow
 * download holds back the reading rather than filling memory.
 */
export function zipStream(entries: readonly ZipSource[], mtime: Date): ReadableStream<Uint8Array> {
  const chunks = zipChunks(entries, mtime)
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        } catch (error) {
          controller.error(error)
        }
      },
      async cancel() {
        await chunks.return(undefined)
      },
    },
    { highWaterMark: 1 },
  )
}

/** The whole download for a submission, as a stream. */
export async function streamSubmissionZip(parts: SubmissionZipParts, mtime: Date): Promise<ReadableStream<Uint8Array>> {
  return zipStream(await submissionZipEntries(parts), mtime)
}
