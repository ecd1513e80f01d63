/**
 * Differences between two revisions of an evidence item, for reviewers.
 *
 * Pure: no React, no Remix, no database. Text is compared word by word with Myers' O(ND) algorithm in its
 * linear-space form (the "middle snake" bisection), so memory stays proportional to the length of the texts.
 * The amount of work is bounded: when two texts have too little in common to be compared within the budget,
 * the part that could not be compared is reported as wholly removed and wholly added.
 */
import { evidenceTypeLabel } from '../../competences/evidence-types'
import type { EvidenceRole, RevisionSnapshot } from '../../db/schema'
import { formatDay } from '~/utils/dates'

export type DiffPart = { type: 'same' | 'added' | 'removed'; text: string }

export type RevisionField = 'title' | 'activity' | 'evidenceType' | 'role' | 'description' | 'reflection'

export interface FieldDiff {
  field: RevisionField
  label: string
  changed: boolean
  parts: DiffPart[]
}

export interface ClaimChange {
  areaCode: string
  statementParts: DiffPart[]
  competenciesAdded: string[]
  competenciesRemoved: string[]
}

export interface RevisionDiff {
  changed: boolean
  fields: FieldDiff[]
  claims: {
    added: { areaCode: string; statement: string }[]
    removed: { areaCode: string; statement: string }[]
    changed: ClaimChange[]
    /** Area codes of claims present and identical in both revisions. */
    unchanged: string[]
  }
  attachments: {
    added: { originalName: string }[]
    removed: { originalName: string }[]
  }
}

export interface DiffOptions {
  /**
   * Upper bound on the steps the comparison may take (diagonals explored plus matching words followed).
   * Beyond it the remaining unmatched stretch is reported as removed then added.
   */
  maxWork?: number
  /**
   * Folds a short unchanged run squeezed between two larger changes into them ("x the y" → "p the q" reads as one
   * replacement, not two with "the" kept), as in diff-match-patch's semantic clean-up. On unless false.
   */
  semanticCleanup?: boolean
}

/**
 * Enough to compare 8,000-word texts with up to about a thousand words replaced here and there, while keeping the
 * worst case (long texts with almost nothing in common) to a few tens of milliseconds.
 */
export const DEFAULT_MAX_WORK = 3_000_000

/* ------------------------------------------------------------------------------------------------------------ */
/* Words                                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

/** Leading whitespace on its own, then each run of non-space characters with the whitespace after it. */
const TOKEN = /^\s+|\S+\s*/gu

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

type Op = { type: DiffPart['type']; from: number; to: number } // token range in `before` (same/removed) or `after` (added)

interface Work {
  left: number
}

type Block = { type: 'same'; text: string } | { type: 'change'; removed: string; added: string }

/**
 * Word-level difference between two texts. Joining the 'same' and 'removed' parts gives `before` exactly;
 * joining the 'same' and 'added' parts gives `after` exactly. Adjacent parts never share a type, and within
 * each changed stretch the removed text comes before the added text.
 */
export function diffWords(before: string, after: string, options: DiffOptions = {}): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ type: 'same', text: before }]
  const wordsA = tokenize(before)
  const wordsB = tokenize(after)

  // Compare numbers rather than strings. The last word of a text has no space after it; it is compared as if it
  // had one, so that "… 2024" still matches the "2024 " of "… 2024 – 5 March 2024".
  const ids = new Map<string, number>()
  const intern = (words: string[]) => {
    const out = new Int32Array(words.length)
    words.forEach((w, i) => {
      const key = i === words.length - 1 && !isSpace(w[w.length - 1]) ? `${w} ` : w
      let id = ids.get(key)
      if (id === undefined) {
        id = ids.size
        ids.set(key, id)
      }
      out[i] = id
    })
    return out
  }
  const a = intern(wordsA)
  const distinctInBefore = ids.size
  const b = intern(wordsB)
  // Words of `after` already seen in `before` have the smaller numbers.
  if (!b.some((id) => id < distinctInBefore)) {
    return [
      ...(before ? [{ type: 'removed' as const, text: before }] : []),
      ...(after ? [{ type: 'added' as const, text: after }] : []),
    ]
  }

  const ops: Op[] = []
  diffRange(a, 0, a.length, b, 0, b.length, ops, { left: options.maxWork ?? DEFAULT_MAX_WORK })

  // Unchanged runs alternating with changed stretches (all removed and added text between two unchanged runs).
  const blocks: Block[] = []
  const same = (text: string) => {
    const last = blocks[blocks.length - 1]
    if (last?.type === 'same') last.text += text
    else blocks.push({ type: 'same', text })
  }
  const change = (removed: string, added: string) => {
    const last = blocks[blocks.length - 1]
    if (last?.type === 'change') {
      last.removed += removed
      last.added += added
    } else blocks.push({ type: 'change', removed, added })
  }
  const join = (words: string[], from: number, to: number) =>
    to - from === 1 ? words[from]! : words.slice(from, to).join('')
  let j = 0 // position in wordsB
  for (const op of ops) {
    const length = op.to - op.from
    if (op.type === 'removed') change(join(wordsA, op.from, op.to), '')
    else if (op.type === 'added') change('', join(wordsB, op.from, op.to))
    else {
      // Matched words are identical except where one of them is a text's last word and lacks the trailing space.
      if (length > 1) same(join(wordsA, op.from, op.to - 1))
      const x = wordsA[op.to - 1]!
      const y = wordsB[j + length - 1]!
      if (x === y) same(x)
      else if (x.length < y.length) {
        same(x)
        change('', y.slice(x.length))
      } else {
        same(y)
        change(x.slice(y.length), '')
      }
    }
    if (op.type !== 'removed') j += length
  }

  const parts: DiffPart[] = []
  for (const block of options.semanticCleanup === false ? blocks : foldShortRuns(blocks)) {
    if (block.type === 'same') push(parts, 'same', block.text)
    else pushChange(parts, block.removed, block.added)
  }
  return parts
}

/** Folds each unchanged run no longer than the changes on both sides of it into them (repeatedly, leftwards). */
function foldShortRuns(blocks: readonly Block[]): Block[] {
  const out: Block[] = []
  const size = (b: Block) => (b.type === 'change' ? Math.max(b.removed.length, b.added.length) : 0)
  for (const block of blocks) {
    if (block.type === 'same') {
      out.push(block)
      continue
    }
    let current: Block = block
    for (;;) {
      const run = out[out.length - 1]
      const previous = out[out.length - 2]
      if (run?.type !== 'same' || previous?.type !== 'change') break
      if (run.text.length > size(previous) || run.text.length > size(current)) break
      out.length -= 2
      current = {
        type: 'change',
        removed: previous.removed + run.text + current.removed,
        added: previous.added + run.text + current.added,
      }
    }
    out.push(current)
  }
  return out
}

function push(parts: DiffPart[], type: DiffPart['type'], text: string) {
  if (!text) return
  const last = parts[parts.length - 1]
  if (last && last.type === type) last.text += text
  else parts.push({ type, text })
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch)

/** True unless position `i` of `s` falls inside a word (between two non-space characters). */
const atBoundary = (s: string, i: number) => i === 0 || i === s.length || isSpace(s[i - 1]) || isSpace(s[i])

/**
 * Records one changed stretch. Words are compared with the whitespace that follows them, so "end" and "end\n"
 * differ; the words and spacing both sides still share at either end of the stretch are given back as unchanged
 * text (never splitting a word).
 */
function pushChange(parts: DiffPart[], removed: string, added: string) {
  let prefix = 0
  const shorter = Math.min(removed.length, added.length)
  while (prefix < shorter && removed.charCodeAt(prefix) === added.charCodeAt(prefix)) prefix++
  // Never inside a word, so never inside a surrogate pair either.
  while (prefix > 0 && !(atBoundary(removed, prefix) && atBoundary(added, prefix))) prefix--

  let suffix = 0
  const room = shorter - prefix
  while (
    suffix < room &&
    removed.charCodeAt(removed.length - 1 - suffix) === added.charCodeAt(added.length - 1 - suffix)
  )
    suffix++
  while (suffix > 0 && !(atBoundary(removed, removed.length - suffix) && atBoundary(added, added.length - suffix)))
    suffix--

  push(parts, 'same', removed.slice(0, prefix))
  push(parts, 'removed', removed.slice(prefix, removed.length - suffix))
  push(parts, 'added', added.slice(prefix, added.length - suffix))
  push(parts, 'same', removed.slice(removed.length - suffix))
}

function emit(ops: Op[], type: Op['type'], from: number, to: number) {
  if (from >= to) return
  const last = ops[ops.length - 1]
  if (last && last.type === type && last.to === from) last.to = to
  else ops.push({ type, from, to })
}

/** Appends the edit script turning a[aLo, aHi) into b[bLo, bHi). */
function diffRange(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  ops: Op[],
  work: Work,
): void {
  // Common prefix and suffix cost one comparison per word and need no budget.
  const start = aLo
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    aLo++
    bLo++
  }
  emit(ops, 'same', start, aLo)
  let tail = 0
  while (aHi - tail > aLo && bHi - tail > bLo && a[aHi - tail - 1] === b[bHi - tail - 1]) tail++
  aHi -= tail
  bHi -= tail

  if (aLo === aHi || bLo === bHi || work.left <= 0) {
    emit(ops, 'removed', aLo, aHi)
    emit(ops, 'added', bLo, bHi)
  } else {
    const snake = middleSnake(a, aLo, aHi, b, bLo, bHi, work)
    if (snake) {
      diffRange(a, aLo, snake.x, b, bLo, snake.y, ops, work)
      diffRange(a, snake.x, aHi, b, snake.y, bHi, ops, work)
    } else {
      emit(ops, 'removed', aLo, aHi)
      emit(ops, 'added', bLo, bHi)
    }
  }
  emit(ops, 'same', aHi, aHi + tail)
}

/**
 * Finds a point on an optimal edit path through the middle of the edit graph, searching forwards from the start
 * and backwards from the end at once (Myers 1986, section 4b). Both ranges are non-empty and differ at both ends.
 * Returns null when there is no common word at all or when the work budget runs out.
 */
function middleSnake(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  work: Work,
): { x: number; y: number } | null {
  const n = aHi - aLo
  const m = bHi - bLo
  const maxD = Math.ceil((n + m) / 2)
  const offset = maxD
  const size = 2 * maxD + 2
  // vf[k]: furthest x reached forwards on diagonal k = x - y; vb[k]: furthest distance reached backwards on diagonal k
  // counted from the end (diagonals of the reversed texts).
  const vf = new Int32Array(size).fill(-1)
  const vb = new Int32Array(size).fill(-1)
  vf[offset + 1] = 0
  vb[offset + 1] = 0
  const delta = n - m
  const front = (delta & 1) !== 0 // with an odd delta the paths meet while extending forwards
  let kfStart = 0
  let kfEnd = 0
  let kbStart = 0
  let kbEnd = 0

  let budget = work.left
  let found: { x: number; y: number } | null = null
  search: for (let d = 0; d < maxD && budget > 0; d++) {
    for (let k = -d + kfStart; k <= d - kfEnd; k += 2) {
      const i = offset + k
      let x = k === -d || (k !== d && vf[i - 1]! < vf[i + 1]!) ? vf[i + 1]! : vf[i - 1]! + 1
      let y = x - k
      budget -= 1 - x
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++
        y++
      }
      budget -= x
      vf[i] = x
      if (x > n)
        kfEnd += 2 // ran off the right of the graph
      else if (y > m)
        kfStart += 2 // ran off the bottom
      else if (front) {
        const j = offset + delta - k
        if (j >= 0 && j < size && vb[j] !== -1 && x >= n - vb[j]!) {
          found = { x: aLo + x, y: bLo + y }
          break search
        }
      }
    }
    for (let k = -d + kbStart; k <= d - kbEnd; k += 2) {
      const i = offset + k
      let x = k === -d || (k !== d && vb[i - 1]! < vb[i + 1]!) ? vb[i + 1]! : vb[i - 1]! + 1
      let y = x - k
      budget -= 1 - x
      while (x < n && y < m && a[aHi - x - 1] === b[bHi - y - 1]) {
        x++
        y++
      }
      budget -= x
      vb[i] = x
      if (x > n) kbEnd += 2
      else if (y > m) kbStart += 2
      else if (!front) {
        const j = offset + delta - k
        if (j >= 0 && j < size && vf[j] !== -1) {
          const xf = vf[j]!
          if (xf >= n - x) {
            found = { x: aLo + xf, y: bLo + xf - (j - offset) }
            break search
          }
        }
      }
    }
  }
  work.left = budget
  return found
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Revisions                                                                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

export const ROLE_WORDS: Record<EvidenceRole, string> = { led: 'Led', contributed: 'Contributed', observed: 'Observed' }

export const FIELD_LABELS: Record<RevisionField, string> = {
  title: 'Title',
  activity: 'Dates of the activity',
  evidenceType: 'Type of evidence',
  role: 'Role',
  description: 'Description',
  reflection: 'Reflection',
}

/** "start – end", or just the start for a one-day activity. */
export function activityText(snapshot: Pick<RevisionSnapshot, 'activityStart' | 'activityEnd'>): string {
  const start = formatDay(snapshot.activityStart)
  return snapshot.activityEnd ? `${start} – ${formatDay(snapshot.activityEnd)}` : start
}

const roleText = (role: string) => ROLE_WORDS[role as EvidenceRole] ?? role

const byCode = (x: string, y: string) => x.localeCompare(y, 'en', { numeric: true })

function fieldDiff(field: RevisionField, before: string, after: string): FieldDiff {
  return { field, label: FIELD_LABELS[field], changed: before !== after, parts: diffWords(before, after) }
}

function difference(from: readonly string[], without: readonly string[]): string[] {
  const gone = new Set(without)
  return [...new Set(from)].filter((x) => !gone.has(x)).sort(byCode)
}

type Attachment = RevisionSnapshot['attachments'][number]

/** The files of `files` with no counterpart of the same content in `others`, in their order. */
function unmatchedFiles(files: readonly Attachment[], others: readonly Attachment[]): { originalName: string }[] {
  const left = new Map<string, number>()
  for (const f of others) left.set(f.sha256, (left.get(f.sha256) ?? 0) + 1)
  const out: { originalName: string }[] = []
  for (const f of files) {
    const count = left.get(f.sha256) ?? 0
    if (count > 0) left.set(f.sha256, count - 1)
    else out.push({ originalName: f.originalName })
  }
  return out
}

/** What changed between two revisions of one evidence item. Claims are matched by area, attachments by content. */
export function diffRevisions(before: RevisionSnapshot, after: RevisionSnapshot): RevisionDiff {
  const fields = [
    fieldDiff('title', before.title, after.title),
    fieldDiff('activity', activityText(before), activityText(after)),
    fieldDiff('evidenceType', evidenceTypeLabel(before.evidenceType), evidenceTypeLabel(after.evidenceType)),
    fieldDiff('role', roleText(before.role), roleText(after.role)),
    fieldDiff('description', before.description, after.description),
    fieldDiff('reflection', before.reflection, after.reflection),
  ]

  const beforeClaims = new Map(before.claims.map((c) => [c.areaCode, c]))
  const afterClaims = new Map(after.claims.map((c) => [c.areaCode, c]))
  const codes = [...new Set([...beforeClaims.keys(), ...afterClaims.keys()])].sort(byCode)
  const claims: RevisionDiff['claims'] = { added: [], removed: [], changed: [], unchanged: [] }
  for (const areaCode of codes) {
    const old = beforeClaims.get(areaCode)
    const now = afterClaims.get(areaCode)
    if (!old && now) claims.added.push({ areaCode, statement: now.statement })
    else if (old && !now) claims.removed.push({ areaCode, statement: old.statement })
    else if (old && now) {
      const competenciesAdded = difference(now.competencies, old.competencies)
      const competenciesRemoved = difference(old.competencies, now.competencies)
      if (old.statement === now.statement && competenciesAdded.length === 0 && competenciesRemoved.length === 0) {
        claims.unchanged.push(areaCode)
      } else {
        claims.changed.push({
          areaCode,
          statementParts: diffWords(old.statement, now.statement),
          competenciesAdded,
          competenciesRemoved,
        })
      }
    }
  }

  // Same content is the same file whatever it is called; a file attached twice counts twice.
  const attachments: RevisionDiff['attachments'] = {
    added: unmatchedFiles(after.attachments, before.attachments),
    removed: unmatchedFiles(before.attachments, after.attachments),
  }

  const changed =
    fields.some((f) => f.changed) ||
    claims.added.length + claims.removed.length + claims.changed.length > 0 ||
    attachments.added.length + attachments.removed.length > 0
  return { changed, fields, claims, attachments }
}
