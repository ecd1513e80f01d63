import type { AppLoadContext } from '@remix-run/node'
import { data } from '@remix-run/node'
import { extractScannableText, type ScannableContent } from '~/files/inspect.server'
import { isConvertible } from '~/conversion/convertible'
import { filePath } from '~/files/store-path'
import { parseEvidenceForm, readUploadMarkers } from '~/files/upload.server'
import { enqueueConversion } from '~/models/conversions.server'
import {
  createEvidence,
  listAttachmentFiles,
  UnknownCompetenceError,
  updateEvidence,
  type NewAttachment,
} from '~/models/evidence.server'
import { scanText, type PiiFinding } from '~/privacy/pii'
import { keepOnlyFields, recordPiiFindings } from '~/models/pii.server'
import type { User } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import type { EditorValues } from '~/evidence/form'
import { evidenceFormToObject, evidenceSchema } from '~/evidence/form'
import { scanEvidence } from '~/evidence/scan'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import { getReviewState, recordRevisionAfterSave } from '~/models/review.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'
import { notifyUsers } from '~/review/notify.server'
import { notFound } from '~/utils/responses'

function reviewedBefore(context: AppLoadContext, evidenceId: number): boolean {
  return (getReviewState(context.db, evidenceId)?.currentRevision ?? 0) > 0
}

/** An item that had been reviewed was edited: it is back in the mentors' queue as a new revision. */
function notifyMentorsOfChange(
  context: AppLoadContext,
  trainee: User,
  evidenceId: number,
  title: string,
  revision: number,
) {
  notifyUsers(context, {
    userIds: listMentorsOfTrainee(context.db, trainee.id).map((m) => m.mentorId),
    kind: 'review_requested',
    title: `${trainee.name} changed “${title}”`,
    body: `Revision ${revision} is waiting for your review; earlier verifications no longer count.`,
    link: `/mentor/reviews/${evidenceId}`,
  })
}

export interface EvidenceFormFailure {
  ok: false
  errors: Record<string, string[]>
  formError?: string
  values: EditorValues
}

function editorValues(raw: Record<string, unknown>): EditorValues {
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 60_000) : '')
  const claims = Array.isArray(raw.claims)
    ? (raw.claims as { area?: string; statement?: string; competencies: string[] }[])
    : []
  return {
    title: str(raw.title),
    activityStart: str(raw.activityStart),
    activityEnd: str(raw.activityEnd),
    evidenceType: str(raw.evidenceType),
    role: str(raw.role),
    description: str(raw.description),
    reflection: str(raw.reflection),
    claims: claims
      .filter((c) => typeof c.area === 'string')
      .map((c) => ({ area: c.area ?? '', statement: str(c.statement), competencies: c.competencies ?? [] })),
  }
}

/** One line per reason: sixty files over the limit make one message, not sixty. */
function describeRefusals(refused: { originalName: string; reason: string }[]): string[] {
  const byReason = new Map<string, string[]>()
  for (const r of refused) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.originalName || 'A file'])
  return [...byReason].map(([reason, names]) => {
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')
    return `${shown} ${names.length === 1 ? 'was' : 'were'} not attached: ${reason}`
  })
}

function fail(raw: Record<string, unknown>, errors: Record<string, string[]>, formError?: string, status = 400) {
  return data({ ok: false, errors, formError, values: editorValues(raw) } satisfies EvidenceFormFailure, { status })
}

/**
 * Reads an evidence form (fields and files), validates it, saves it in one
 * transaction and scans it for patient-identifiable information. Files are
 * written to the store before the row (a failure leaves only an orphan for
 * the sweep, never a row pointing at nothing).
 */
export async function saveEvidenceForm(
  request: Request,
  context: AppLoadContext,
  user: User,
  evidenceId?: number,
): Promise<{ ok: true; id: number } | ReturnType<typeof fail>> {
  let formData: FormData
  // Each new file's text and metadata, read once while it was checked, for the scan below.
  const contents = new Map<string, ScannableContent | null>()
  try {
    formData = await parseEvidenceForm(request, {
      dataDir: context.env.dataDir,
      maxBytes: context.env.uploadMaxBytes,
      maxFiles: context.env.uploadMaxFiles,
      // Word, Excel and PowerPoint files join the conversion queue as soon as they are stored.
      onStored: (upload, stored) => {
        contents.set(upload.sha256, stored.content)
        if (isConvertible(upload.mediaType)) enqueueConversion(context.db, upload.sha256, context.now())
      },
    })
  } catch (error) {
    if (error instanceof Response && error.status < 500) return fail({}, {}, await error.text(), error.status)
    throw error
  }
  const raw = evidenceFormToObject(formData)
  // Statements typed for areas left unticked are not claims.
  raw.claims = (raw.claims as { area?: string }[]).filter((c) => typeof c.area === 'string')

  const uploads = readUploadMarkers(formData, 'files')
  const refused = uploads.filter((u) => u.kind === 'refused')
  const parsed = evidenceSchema.safeParse(raw)
  const errors: Record<string, string[]> = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (errors[issue.path.join('.') || '_form'] ??= []).push(issue.message)
  }
  if (refused.length > 0) {
    errors.files = describeRefusals(refused)
  }
  if (!parsed.success || refused.length > 0) {
    return fail(
      raw,
      errors,
      refused.length > 0 && parsed.success
        ? 'Nothing was saved: a file was refused. Choose the files again.'
        : undefined,
    )
  }

  const input = parsed.data
  const files: NewAttachment[] = uploads.flatMap((u) => (u.kind === 'stored' ? [u] : []))
  const removeAttachmentIds = formData
    .getAll('removeAttachment')
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0)
  const now = context.now()
  let id: number
  try {
    if (evidenceId === undefined) {
      id = createEvidence(context.db, user.id, input, files, now)
    } else {
      if (!updateEvidence(context.db, user.id, evidenceId, input, { addFiles: files, removeAttachmentIds }, now)) {
        throw notFound()
      }
      id = evidenceId
    }
  } catch (error) {
    if (error instanceof UnknownCompetenceError) {
      return fail(raw, { [`claims.${error.claimIndex}.${error.field}`]: [error.message], claims: [error.message] })
    }
    throw error
  }
  const scanned = scanEvidence(input)
  const attachments = listAttachmentFiles(context.db, user.id, id)
  const newShas = new Set(files.map((f) => f.sha256))
  for (const attachment of attachments.filter((a) => newShas.has(a.sha256))) {
    scanned.push({
      field: `attachment:${attachment.id}`,
      findings: await scanAttachment(context.env.dataDir, attachment, contents.get(attachment.sha256)),
    })
  }
  recordPiiFindings(context.db, id, scanned, now)
  keepOnlyFields(context.db, id, [...scanned.map((s) => s.field), ...attachments.map((a) => `attachment:${a.id}`)])
  const revision = evidenceId === undefined ? null : recordRevisionAfterSave(context.db, id, now)
  if (revision && revision.revision > 1) notifyMentorsOfChange(context, user, id, input.title, revision.revision)
  // An edit of a reviewed item that changed nothing makes no revision, and changes nothing a mentor vouched for.
  const unchanged = evidenceId !== undefined && revision === null && reviewedBefore(context, id)
  if (!unchanged)
    portfolioChanged(
      context,
      user.id,
      user.id,
      evidenceId === undefined ? `“${input.title}” was added` : `“${input.title}” was edited`,
    )
  audit(
    context,
    user.id,
    evidenceId === undefined ? 'evidence.created' : 'evidence.updated',
    { type: 'evidence', id },
    {
      revision: revision?.revision ?? null,
      claims: input.claims.map((c) => c.area),
      filesAdded: files.length,
      filesRemoved: removeAttachmentIds.length,
    },
  )
  return { ok: true, id }
}

/**
 * What a file says that could identify a patient: its text (TXT, CSV, DOCX…) and its metadata (EXIF, PDF
 * author…). `content` is what checking the file already read (null: nothing readable); without it the file
 * is read from the store.
 */
export async function scanAttachment(
  dataDir: string,
  attachment: { sha256: string; mediaType: string; originalName: string },
  content?: ScannableContent | null,
): Promise<PiiFinding[]> {
  const findings = scanText(attachment.originalName)
  if (content === null) return findings
  try {
    const { text, metadata } =
      content ?? (await extractScannableText(filePath(dataDir, attachment.sha256), attachment.mediaType))
    findings.push(...scanText(text))
    for (const [key, value] of Object.entries(metadata)) {
      const inMetadata = scanText(value)
      findings.push(...inMetadata.map((f) => ({ ...f, reason: `In the file's ${key} metadata: ${f.reason}` })))
      if (/gps/i.test(key)) {
        findings.push({
          kind: 'postcode',
          start: 0,
          end: value.length,
          text: value,
          reason: `The image records where it was taken (${key}). Remove location data before attaching photos.`,
          confidence: 'high',
          fingerprint: `gps:${value}`,
        })
      }
    }
  } catch {
    // A file whose text cannot be read is still stored; it simply has nothing to scan.
  }
  return findings
}
