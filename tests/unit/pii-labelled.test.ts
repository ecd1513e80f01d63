/**
 * The patient-identifier guard over a labelled set of sentences of the kind
 * trainees write (tests/fixtures/pii-labelled.json): every identifier must be
 * found whole, and no innocent sentence (a colleague named with their role, a
 * hospital's address, a serial number, a dose, a QA date…) may be warned on.
 *
 * The figures the README reports are printed by:
 *   npx vitest run tests/unit/pii-labelled.test.ts
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { scanText, type PiiFinding } from '../../app/privacy/pii'
import labelled from '../fixtures/pii-labelled.json'

const sentenceSchema = z.discriminatedUnion('label', [
  z.object({
    label: z.literal('identifier'),
    class: z.string().min(1),
    text: z.string().min(1),
    identifiers: z.array(z.string().min(1)).min(1),
    notIdentifiers: z.array(z.string().min(1)).optional(),
  }),
  z.object({ label: z.literal('innocent'), class: z.string().min(1), text: z.string().min(1) }),
])
const { sentences } = z.object({ sentences: z.array(sentenceSchema).min(60) }).parse(labelled)

/** Where `part` is in `text`; the fixture must quote it exactly. */
function spanOf(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part)
  if (start < 0) throw new Error(`"${part}" is not in "${text}"`)
  return { start, end: start + part.length }
}

/** Every letter and digit of the span lies inside a finding, so redacting the findings removes it all. */
function covered(text: string, span: { start: number; end: number }, findings: PiiFinding[]): boolean {
  for (let i = span.start; i < span.end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i] ?? '')) continue
    if (!findings.some((f) => f.start <= i && i < f.end)) return false
  }
  return true
}

/** Any finding touching the span. */
function touched(span: { start: number; end: number }, findings: PiiFinding[]): boolean {
  return findings.some((f) => f.start < span.end && span.start < f.end)
}

interface Tally {
  hits: number
  total: number
  failures: string[]
}

function tally(map: Map<string, Tally>, key: string, hit: boolean, failure: string) {
  const entry = map.get(key) ?? { hits: 0, total: 0, failures: [] }
  entry.total++
  if (hit) entry.hits++
  else entry.failures.push(failure)
  map.set(key, entry)
}

const caught = new Map<string, Tally>()
const warned = new Map<string, Tally>()
const colleaguesFlagged = new Map<string, Tally>()

for (const sentence of sentences) {
  const findings = scanText(sentence.text)
  const describe = () => `${sentence.text}\n    found: ${JSON.stringify(findings.map((f) => `${f.kind} ${f.text}`))}`
  if (sentence.label === 'identifier') {
    for (const identifier of sentence.identifiers) {
      tally(
        caught,
        sentence.class,
        covered(sentence.text, spanOf(sentence.text, identifier), findings),
        `missed "${identifier}" in ${describe()}`,
      )
    }
    for (const colleague of sentence.notIdentifiers ?? []) {
      // Counted as a warning: a hit here is a colleague's name flagged.
      const flagged = touched(spanOf(sentence.text, colleague), findings)
      tally(colleaguesFlagged, 'staff-beside-patient', !flagged, `flagged "${colleague}" in ${describe()}`)
    }
  } else {
    tally(warned, sentence.class, findings.length === 0, `warned on ${describe()}`)
  }
}

function sum(map: Map<string, Tally>): Tally {
  const all: Tally = { hits: 0, total: 0, failures: [] }
  for (const t of map.values()) {
    all.hits += t.hits
    all.total += t.total
    all.failures.push(...t.failures)
  }
  return all
}

function report(): string {
  const identifiers = sum(caught)
  const innocent = sum(warned)
  const rows = [
    `Labelled set: ${sentences.length} sentences (${sentences.filter((s) => s.label === 'identifier').length} with identifiers, ${sentences.filter((s) => s.label === 'innocent').length} innocent)`,
    '',
    `| identifiers caught: ${identifiers.hits}/${identifiers.total} | |`,
    '| --- | ---: |',
    ...[...caught].map(([cls, t]) => `| ${cls} | ${t.hits}/${t.total} |`),
    '',
    `| innocent sentences warned on: ${innocent.total - innocent.hits}/${innocent.total} | |`,
    '| --- | ---: |',
    ...[...warned].map(([cls, t]) => `| ${cls} | ${t.total - t.hits}/${t.total} |`),
    ...[...colleaguesFlagged].map(
      ([, t]) =>
        `| colleague named with their role beside a patient's name (flagged) | ${t.total - t.hits}/${t.total} |`,
    ),
  ]
  return rows.join('\n')
}

describe('the patient-identifier guard on the labelled set', () => {
  it('prints its figures', () => {
    console.log(`\n${report()}\n`)
  })

  it('finds every identifier, whole', () => {
    expect(sum(caught).failures).toEqual([])
  })

  it('warns on no colleague named with their role and no hospital address', () => {
    const failures = [
      ...(warned.get('staff-with-role')?.failures ?? []),
      ...(warned.get('hospital-address')?.failures ?? []),
      ...sum(colleaguesFlagged).failures,
    ]
    expect(failures).toEqual([])
    expect(warned.get('staff-with-role')?.total).toBeGreaterThanOrEqual(10)
    expect(warned.get('hospital-address')?.total).toBeGreaterThanOrEqual(5)
  })

  it('warns on no other innocent sentence either', () => {
    expect(sum(warned).failures).toEqual([])
  })
})
