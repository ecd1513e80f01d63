/**
 * What the summary PDF prints, worked out from a snapshot as plain data for
 * the Typst template (`pdf-template.ts`): every text already cut into runs
 * the fonts can draw and markers for the characters they cannot, Markdown
 * parsed into blocks, and what each attachment turned out to hold. Pure: the
 * same snapshot and attachments always give the same data.
 */
import { describeMediaType, isAcceptedMediaType } from '~/files/sniff'
import { codePointLabel, withMarkers, type Coverage } from '~/submission/glyphs'
import { inlineText, markdownBlocks, type Block, type Inline } from '~/submission/pdf-markdown'
import type { PortfolioSnapshot, SnapshotAttachment, SnapshotItem, SnapshotRecord } from '~/submission/snapshot'
import { anchorId, portfolioSummary } from '~/submission/summary'
import { formatBytes } from '~/utils/bytes'
import { formatDay, formatShortDay } from '~/utils/dates'
import { plural } from '~/submission/pdf-text'
import { formatFraction, formatYears } from '~/record/experience'

/** Item columns per table of the cross-reference grid. */
export const GRID_COLUMNS_PER_BLOCK = 20
/** A text attachment is printed up to this many lines; the rest is left to the export. */
export const TEXT_ATTACHMENT_MAX_LINES = 600
const TEXT_ATTACHMENT_MAX_CHARS = 60_000
/** Widest and tallest an image is printed, in points (the text width; about half the page height). */
const IMAGE_MAX_WIDTH = 481
const IMAGE_MAX_HEIGHT = 400

/** What an attachment turned out to hold when its file was read. */
export type AttachmentContent =
  | { kind: 'pdf'; pages: number }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'text'; text: string }
  /** Not in the file store. */
  | { kind: 'missing' }
  /** A PDF or image that could not be read (damaged, or password-protected). */
  | { kind: 'unreadable' }
  /** A type a PDF cannot show (Word, Excel, PowerPoint). */
  | { kind: 'not-printable' }

export interface DocumentInput {
  snapshot: PortfolioSnapshot
  /** The snapshot's SHA-256. */
  hash: string
  /** By SHA-256; an attachment not in the map is treated as missing. */
  attachments: ReadonlyMap<string, AttachmentContent>
  /** Specific competency id → its text, from the framework. */
  competencies: ReadonlyMap<string, string>
  coverage: Coverage
  draft: boolean
}

/** Where the template finds an image attachment's bytes. */
export function imagePath(sha256: string): string {
  return `/files/${sha256}`
}

type Runs = Inline[]

const ROLE: Record<SnapshotItem['role'], { long: string; short: string }> = {
  led: { long: 'Led the work', short: 'Led' },
  contributed: { long: 'Contributed to the work', short: 'Contributed' },
  observed: { long: 'Observed the work', short: 'Observed' },
}

function mediaLabel(mediaType: string): string {
  return isAcceptedMediaType(mediaType) ? describeMediaType(mediaType) : mediaType
}

export function summaryDocumentData(input: DocumentInput): unknown {
  const { snapshot, hash, coverage, draft } = input
  const runs = (text: string): Runs =>
    inlineText(text, coverage).map((r) => (r.k === 'u' ? { ...r, label: codePointLabel(r.v) } : r))
  const md = (text: string): Block[] => labelMarkers(markdownBlocks(text, coverage))
  const summary = portfolioSummary(snapshot, null)
  const itemLabel = (ref: string) => anchorId('item', ref)
  const claimLabel = (ref: string, code: string) => `claim-${ref}-${code.replace(/&/g, 'and')}`
  const verification = (v: { mentorName: string; verifiedAt: string } | null) =>
    v ? runs(`✓ Verified by ${v.mentorName} on ${formatDay(v.verifiedAt)}`) : runs('○ Not verified')

  const footer = draft
    ? `Draft — not submitted · ${snapshot.trainee.name} · printed ${formatDay(snapshot.submittedAt)}`
    : `${snapshot.trainee.name} · Submission ${snapshot.number} · ${hash.slice(0, 12)}`
  const declared = snapshot.declaration.mentorName.trim() !== ''

  const fields = [
    { label: 'Specialism', value: runs(snapshot.trainee.specialism || '—') },
    { label: 'Employer', value: runs(snapshot.trainee.employer || '—') },
    {
      label: snapshot.mentors.length === 1 ? 'Mentor' : 'Mentors',
      value: runs(snapshot.mentors.map((m) => m.name).join(', ') || 'None linked'),
    },
    { label: 'Framework', value: runs(`${snapshot.framework.title}, version ${snapshot.framework.version}`) },
    {
      label: 'Submission',
      value: runs(
        draft
          ? `Draft, not submitted: the portfolio as it stood on ${formatDay(snapshot.submittedAt)}`
          : `Number ${snapshot.number}, submitted ${formatDay(snapshot.submittedAt)}`,
      ),
    },
    {
      label: 'Evidence',
      value: runs(
        `${plural(summary.totals.items, 'item')}; ${plural(summary.totals.claims, 'claim')} on areas of competence, ${summary.totals.verifiedClaims.toLocaleString('en-GB')} verified by a mentor`,
      ),
    },
    {
      label: 'Coverage',
      value: runs(
        `${snapshot.coverage.summary.areasEvidenced} of ${snapshot.coverage.summary.areasTotal} areas evidenced, ${snapshot.coverage.summary.areasVerified} verified`,
      ),
    },
  ].map((f) => ({ ...f, mono: false }))
  if (!draft) fields.push({ label: 'Snapshot SHA-256', value: [{ k: 't', v: hash }], mono: true })

  const domains = summary.domains.map((domain) => ({
    heading: `Domain ${domain.number}: ${domain.title}`,
    areas: domain.areas.map((area) => ({
      code: area.code,
      text: area.text,
      entries: area.entries.map((entry) => {
        const claim = snapshot.items.find((i) => i.ref === entry.ref)?.claims.find((c) => c.areaCode === area.code)
        return {
          ref: entry.ref,
          item: itemLabel(entry.ref),
          label: claimLabel(entry.ref, area.code),
          title: runs(entry.title),
          statement: runs(entry.statement || 'No statement.'),
          competencies: (claim?.competencies ?? []).map((id) => runs(input.competencies.get(id) ?? id)),
          verification: verification(entry.verification),
        }
      }),
    })),
  }))

  const columns = summary.grid.columns
  const blocks = []
  for (let start = 0; start < Math.max(columns.length, 1); start += GRID_COLUMNS_PER_BLOCK) {
    const block = columns.slice(start, start + GRID_COLUMNS_PER_BLOCK)
    blocks.push({
      start,
      title: block.length === 0 ? 'No evidence items' : `Items ${block[0]?.ref}–${block[block.length - 1]?.ref}`,
      columns: block.map((c) => ({ ref: c.ref, label: itemLabel(c.ref), title: runs(c.title) })),
    })
  }
  const groups = summary.grid.groups.map((group) => {
    const number = summary.domains.find((d) => d.key === group.key)?.number
    return {
      title: number === undefined ? group.title : `Domain ${number}: ${group.title}`,
      rows: group.rows.map((row) => ({ code: row.code, cells: row.cells })),
    }
  })

  const items = snapshot.items.map((item, i) => {
    const next = snapshot.items[i + 1]
    const ranged = item.activityEnd !== null && item.activityEnd !== item.activityStart
    const seen = new Set<string>()
    return {
      ref: item.ref,
      label: itemLabel(item.ref),
      next: next ? itemLabel(next.ref) : null,
      title: runs(item.title),
      'date-short': ranged
        ? `${formatShortDay(item.activityStart)} –\u00a0${formatShortDay(item.activityEnd!)}`
        : formatShortDay(item.activityStart),
      type: item.evidenceTypeLabel,
      'role-short': ROLE[item.role].short,
      facts: [
        {
          label: ranged ? 'Dates' : 'Date',
          value: ranged
            ? `${formatDay(item.activityStart)} to ${formatDay(item.activityEnd!)}`
            : formatDay(item.activityStart),
        },
        { label: 'Type', value: item.evidenceTypeLabel },
        { label: 'Role', value: ROLE[item.role].long },
      ],
      description: item.description.trim() ? md(item.description) : [],
      reflection: item.reflection.trim() ? md(item.reflection) : [],
      claims: item.claims
        .filter((c) => !seen.has(c.areaCode) && seen.add(c.areaCode))
        .map((c) => ({ code: c.areaCode, verified: c.verification !== null, label: claimLabel(item.ref, c.areaCode) })),
      comments: item.assessorComments.map((c) => ({
        head: runs(
          `${c.authorName}, ${formatDay(c.createdAt)}, ${c.areaCode ? `on ${c.areaCode}` : 'on the whole item'}:`,
        ),
        body: md(c.body),
      })),
      attachments: item.attachments.map((a) => ({
        name: runs(a.originalName),
        facts: `${mediaLabel(a.mediaType)}, ${formatBytes(a.size)}, ${plural(a.pageCount, 'page')}`,
      })),
      contents: item.attachments.map((a) =>
        attachmentContent(item, a, input.attachments.get(a.sha256) ?? { kind: 'missing' }, runs, input.coverage),
      ),
      feedback: item.feedback ? feedbackData(item.feedback, runs) : null,
    }
  })

  return {
    cv: snapshot.record ? recordPage(snapshot.record, runs) : null,
    draft,
    title: `Portfolio for registration as a Clinical Scientist: ${snapshot.trainee.name}`,
    author: snapshot.trainee.name,
    kicker: draft ? 'ATTAIN · DRAFT — NOT SUBMITTED' : 'ATTAIN · SUBMITTED PORTFOLIO',
    trainee: runs(snapshot.trainee.name),
    footer: runs(footer),
    fields,
    target: summary.pages.target,
    limit: summary.pages.limit,
    declaration: declared
      ? {
          text: runs(snapshot.declaration.text),
          signed: runs(`Signed by ${snapshot.declaration.mentorName} on ${formatDay(snapshot.declaration.signedAt)}`),
        }
      : null,
    'cover-note': draft
      ? 'A draft of the portfolio as it stands, printed so that its length and layout can be checked before submitting. It is not a submission.'
      : 'The portfolio as submitted: its content is fixed, and the SHA-256 above identifies it. Page numbers in the index, the area lists and the grid lead to where each item starts.',
    statement: {
      words: plural(summary.statementWords, 'word'),
      blocks: snapshot.summaryStatement.trim() ? md(snapshot.summaryStatement) : [],
    },
    domains,
    grid: { blocks, groups },
    items,
  }
}

function span(start: string | null, end: string | null, open: string): string {
  if (!start && !end) return ''
  if (!start) return formatShortDay(end!)
  return `${formatShortDay(start)} –\u00a0${end ? formatShortDay(end) : open}`
}

/** The one-page CV that follows the cover: the experience and training record as it was submitted. */
function recordPage(record: SnapshotRecord, runs: (text: string) => Runs): unknown {
  const { years, supervisedYears, gaps } = record.experience
  const gapText = gaps.map((g) => `${formatShortDay(g.from)} –\u00a0${formatShortDay(g.to)}`).join('; ')
  return {
    summary: runs(
      `${formatYears(years)} of postgraduate experience (whole-time equivalent: part-time posts count by their fraction), ${
        supervisedYears > 0 ? `${formatYears(supervisedYears)} of it` : 'none of it'
      } supervised practice in a healthcare setting.${gaps.length > 0 ? ` Gaps between posts: ${gapText}.` : ''}`,
    ),
    posts: record.posts.map((p) => ({
      when: span(p.startDate, p.endDate, 'now'),
      title: runs([p.jobTitle, p.band].filter(Boolean).join(', ')),
      where: runs([p.department, p.employer].filter(Boolean).join(', ')),
      facts: runs(
        [
          formatFraction(p.fractionPercent),
          p.supervisedPractice ? 'supervised practice in a healthcare setting' : null,
          p.supervisorName ? `supervised by ${p.supervisorName}` : null,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      description: runs(p.description),
    })),
    qualifications: record.qualifications.map((q) => ({
      when: span(q.startDate, q.endDate, 'under way'),
      title: runs(q.title),
      where: runs([q.kindLabel, q.institution].filter(Boolean).join(', ')),
    })),
    memberships: record.memberships.map((m) => ({
      when: m.since ? `since ${formatShortDay(m.since)}` : '',
      title: runs([m.body, m.grade].filter(Boolean).join(', ')),
      where: runs(m.number ? `Number ${m.number}` : ''),
    })),
  }
}

/** A reflection's multi-source feedback: the counts as a table (drawn like a Markdown table), comments as lists. */
function feedbackData(results: NonNullable<SnapshotItem['feedback']>, runs: (text: string) => Runs) {
  const scale = results.scale.map((p) => `${p.value} ${p.label.toLowerCase()}`).join('; ')
  return {
    summary: runs(
      `${results.responses} of ${results.invited} colleagues answered, anonymously. Each column counts the colleagues who chose that point of the scale: ${scale}.`,
    ),
    table: {
      k: 'table',
      align: ['left', ...results.scale.map(() => 'right'), 'right', 'right'],
      rows: [
        ['Question', ...results.scale.map((p) => String(p.value)), 'Not able to comment', 'Mean'].map(runs),
        ...results.questions.map((q) =>
          [q.short, ...q.counts.map(String), String(q.notAbleToComment), q.mean === null ? '–' : q.mean.toFixed(1)].map(
            runs,
          ),
        ),
      ],
    },
    strengths: results.strengths.map(runs),
    development: results.development.map(runs),
  }
}

/** Gives each marker its printed label ("U+4E2D"), everywhere in a block tree. */
function labelMarkers<T>(value: T): T {
  if (Array.isArray(value)) return value.map(labelMarkers) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) out[key] = labelMarkers(v)
    if (out.k === 'u' && typeof out.v === 'string') out.label = codePointLabel(out.v)
    return out as T
  }
  return value
}

function attachmentContent(
  item: SnapshotItem,
  attachment: SnapshotAttachment,
  content: AttachmentContent,
  runs: (text: string) => Runs,
  coverage: Coverage,
): unknown {
  const caption = runs(`${item.ref} attachment: ${attachment.originalName}`)
  const facts = `${mediaLabel(attachment.mediaType)}, ${formatBytes(attachment.size)}`
  const notice = (message: string) => ({ k: 'notice', caption, facts, message: runs(message) })
  switch (content.kind) {
    case 'pdf':
      return {
        k: 'pdf',
        sha: attachment.sha256,
        pages: content.pages,
        labels: Array.from({ length: content.pages }, (_, i) =>
          runs(`${item.ref} attachment: ${attachment.originalName}, page ${i + 1} of ${content.pages}`),
        ),
      }
    case 'image': {
      // Scaled down to fit; small images are enlarged at most twice (at 72 dpi), so they stay sharp enough.
      const scale = Math.min(IMAGE_MAX_WIDTH / content.width, IMAGE_MAX_HEIGHT / content.height, 2)
      return {
        k: 'image',
        caption,
        facts,
        path: imagePath(attachment.sha256),
        width: Math.round(content.width * scale * 100) / 100,
      }
    }
    case 'text': {
      const text = content.text
        .slice(0, TEXT_ATTACHMENT_MAX_CHARS)
        .replace(/\r\n?/g, '\n')
        .replace(/^\ufeff/, '')
      const lines = text.split('\n')
      const truncated = lines.length > TEXT_ATTACHMENT_MAX_LINES || content.text.length > TEXT_ATTACHMENT_MAX_CHARS
      const shown = lines.slice(0, TEXT_ATTACHMENT_MAX_LINES).join('\n').replace(/\n+$/, '')
      return { k: 'text', caption, facts, text: withMarkers(shown, coverage), truncated }
    }
    case 'missing':
      return notice('This file was not in the file store when this PDF was made, so it could not be included here.')
    case 'unreadable':
      return notice(
        attachment.mediaType === 'application/pdf'
          ? 'This PDF could not be included: it could not be read, or it is protected by a password. The file itself is in the submission’s export.'
          : 'This image could not be included: it could not be read. The file itself is in the submission’s export.',
      )
    case 'not-printable':
      return notice(
        `A file of this type cannot be shown in a PDF. It is in the submission’s export (${plural(attachment.pageCount, 'page')}).`,
      )
  }
}
