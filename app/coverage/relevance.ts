/**
 * Which areas of competence a piece of text may demonstrate, by meaning rather
 * than position: Okapi BM25 over one document per area (its own words, the
 * words its evidence usually contains and its domain's guidance), with Porter
 * stemming, stop words and the thesaurus in `competences/thesaurus.json`.
 *
 * Pure and small, so the same module ranks areas in the browser as a trainee
 * types and in the coverage engine on the server. BM25 is written out here
 * (about forty lines) rather than taken from a library: the ranking libraries
 * on npm either pull a text-processing toolkit into the browser bundle or
 * re-index their documents on every query, and none reports which words
 * matched, which is what the advice shows.
 */
import { stemmer } from 'stemmer'
import type { Framework } from '../../competences/schema'
import type { Thesaurus } from '../../competences/thesaurus'

/** BM25's term-frequency saturation and length normalisation. */
const K1 = 1.2
const B = 0.5

/** How much each part of an area's document weighs. */
const WEIGHT = {
  areaText: 3,
  cue: 2,
  /** A word related to one of the area's own words through a thesaurus group, per point of that word's weight. */
  related: 0.35,
  domainTitle: 1,
  domainGuidance: 0.4,
} as const

/** How much each part of an item weighs in a query. */
export const QUERY_WEIGHT = { title: 2, description: 1, reflection: 0.5 } as const

export interface Analysed {
  /** Stem → weighted count and the first word written for it. */
  terms: Map<string, { weight: number; word: string }>
}

interface AreaDoc {
  code: string
  domainKey: string
  /** Stem → weight, the area's own words, cues and related words only. */
  core: Map<string, number>
  /** `core` plus its domain's title and guidance. */
  full: Map<string, number>
  coreLength: number
  fullLength: number
}

export interface AreaIndex {
  docs: AreaDoc[]
  byCode: Map<string, AreaDoc>
  idf: Map<string, number>
  avgCore: number
  avgFull: number
  stop: Set<string>
}

export interface AreaMatch {
  code: string
  domainKey: string
  score: number
  /** The text's own words that matched, those that counted most first (at most five). */
  words: string[]
}

const WORD = /[a-z0-9]+(?:['’-][a-z0-9]+)*/g
const stems = new Map<string, string>()

function stemOf(word: string): string {
  let stem = stems.get(word)
  if (stem === undefined) {
    stem = stemmer(word)
    if (stems.size < 50_000) stems.set(word, stem)
  }
  return stem
}

/** Lower-cased words less stop words, each with its stem, in order. */
export function words(text: string, stop: ReadonlySet<string>): { word: string; stem: string }[] {
  const out: { word: string; stem: string }[] = []
  // Abbreviations written with stops, "M.Sc." or "e.g.", become one word.
  const lower = text.toLowerCase().replace(/(?<=\b[a-z]{1,2})\.(?=[a-z]{1,2}\.)/g, '')
  for (const match of lower.matchAll(WORD)) {
    const raw = match[0]
    if (raw.length < 2 && !/\d/.test(raw)) continue
    const parts = raw.split(/['’-]/)
    // "multi-disciplinary" is also "multidisciplinary".
    if (parts.length > 1 && /-/.test(raw)) parts.push(parts.join(''))
    for (const word of parts) {
      if (word.length < 2 || stop.has(word) || /^\d+$/.test(word)) continue
      out.push({ word, stem: stemOf(word) })
    }
  }
  return out
}

/** A text's weighted stems; call again with the same `into` to add more parts with their own weight. */
export function analyse(
  text: string,
  stop: ReadonlySet<string>,
  weight = 1,
  into: Analysed = { terms: new Map() },
): Analysed {
  for (const { word, stem } of words(text, stop)) {
    const entry = into.terms.get(stem)
    if (entry === undefined) into.terms.set(stem, { weight, word })
    else entry.weight += weight
  }
  return into
}

function add(map: Map<string, number>, stem: string, weight: number) {
  map.set(stem, (map.get(stem) ?? 0) + weight)
}

const indexes = new WeakMap<Framework, WeakMap<Thesaurus, AreaIndex>>()

/** One document per area of the framework; made once per framework and thesaurus. */
export function areaIndex(framework: Framework, thesaurus: Thesaurus): AreaIndex {
  let byThesaurus = indexes.get(framework)
  if (byThesaurus === undefined) indexes.set(framework, (byThesaurus = new WeakMap()))
  let index = byThesaurus.get(thesaurus)
  if (index === undefined) byThesaurus.set(thesaurus, (index = buildIndex(framework, thesaurus)))
  return index
}

function buildIndex(framework: Framework, thesaurus: Thesaurus): AreaIndex {
  const stop = new Set(thesaurus.stopWords)
  // Stem → the stems of every group it belongs to.
  const related = new Map<string, Set<string>>()
  for (const group of thesaurus.groups) {
    const groupStems = new Set(group.flatMap((entry) => words(entry, stop).map((w) => w.stem)))
    for (const stem of groupStems) {
      let set = related.get(stem)
      if (set === undefined) related.set(stem, (set = new Set()))
      for (const other of groupStems) if (other !== stem) set.add(other)
    }
  }

  const docs: AreaDoc[] = []
  for (const domain of framework.domains) {
    const context = new Map<string, number>()
    for (const { stem } of words(domain.title, stop)) add(context, stem, WEIGHT.domainTitle)
    const guidance = [
      ...domain.guidance.goodEvidence.items,
      ...domain.guidance.achievementOf,
      ...domain.specificCompetencies.map((c) => c.text),
    ]
    for (const line of guidance) for (const { stem } of words(line, stop)) add(context, stem, WEIGHT.domainGuidance)

    for (const area of domain.areas) {
      const own = new Map<string, number>()
      for (const { stem } of words(area.text, stop)) add(own, stem, WEIGHT.areaText)
      for (const cue of thesaurus.areaCues[area.code] ?? [])
        for (const { stem } of words(cue, stop)) add(own, stem, WEIGHT.cue)
      const core = new Map(own)
      for (const [stem, weight] of own) {
        for (const other of related.get(stem) ?? [])
          add(core, other, Math.min(weight, WEIGHT.areaText) * WEIGHT.related)
      }
      const full = new Map(core)
      for (const [stem, weight] of context) add(full, stem, weight)
      docs.push({
        code: area.code,
        domainKey: domain.key,
        core,
        full,
        coreLength: total(core),
        fullLength: total(full),
      })
    }
  }

  const df = new Map<string, number>()
  for (const doc of docs) for (const stem of doc.full.keys()) df.set(stem, (df.get(stem) ?? 0) + 1)
  const n = docs.length
  const idf = new Map<string, number>()
  for (const [stem, count] of df) idf.set(stem, Math.log(1 + (n - count + 0.5) / (count + 0.5)))

  return {
    docs,
    byCode: new Map(docs.map((d) => [d.code, d])),
    idf,
    avgCore: docs.reduce((s, d) => s + d.coreLength, 0) / Math.max(1, n),
    avgFull: docs.reduce((s, d) => s + d.fullLength, 0) / Math.max(1, n),
    stop,
  }
}

function total(map: Map<string, number>): number {
  let sum = 0
  for (const w of map.values()) sum += w
  return sum
}

/** The BM25 score of a query against one area, with each query stem's share. */
function score(
  index: AreaIndex,
  query: Analysed,
  doc: AreaDoc,
  part: 'core' | 'full',
): { score: number; shares: [string, number][] } {
  const terms = part === 'core' ? doc.core : doc.full
  const norm =
    1 -
    B +
    B * ((part === 'core' ? doc.coreLength : doc.fullLength) / (part === 'core' ? index.avgCore : index.avgFull))
  let sum = 0
  const shares: [string, number][] = []
  for (const [stem, { weight }] of query.terms) {
    const tf = terms.get(stem)
    if (tf === undefined) continue
    const share =
      (index.idf.get(stem) ?? 0) * ((tf * (K1 + 1)) / (tf + K1 * norm)) * (1 + Math.log(weight > 1 ? weight : 1))
    if (share <= 0) continue
    sum += share
    shares.push([stem, share])
  }
  return { score: sum, shares }
}

function matchOf(query: Analysed, doc: AreaDoc, result: { score: number; shares: [string, number][] }): AreaMatch {
  const words = result.shares
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([stem]) => query.terms.get(stem)!.word)
  return { code: doc.code, domainKey: doc.domainKey, score: Math.round(result.score * 1000) / 1000, words }
}

export interface RankOptions {
  /** At most this many areas (default 5). */
  limit?: number
  /** Areas never to offer (already claimed). */
  exclude?: ReadonlySet<string>
  /** Leave out areas scoring less than this (default `MIN_SCORE`). */
  minScore?: number
}

/** Below this an area is not worth suggesting: about one distinctive word in common. */
export const MIN_SCORE = 3

/** The areas a text may demonstrate, best first, ties in framework order. */
export function rankAreas(index: AreaIndex, query: Analysed, options: RankOptions = {}): AreaMatch[] {
  const limit = options.limit ?? 5
  const min = options.minScore ?? MIN_SCORE
  const scored: AreaMatch[] = []
  for (const doc of index.docs) {
    if (options.exclude?.has(doc.code)) continue
    const result = score(index, query, doc, 'full')
    if (result.score < min || result.shares.length === 0) continue
    scored.push(matchOf(query, doc, result))
  }
  // Stable sort keeps framework order among equal scores.
  return scored.sort((a, b) => b.score - a.score).slice(0, limit)
}

/** An evidence item's text as one weighted query: its title counts most, its reflection least. */
export function analyseItem(
  index: AreaIndex,
  item: { title: string; description: string; reflection?: string },
): Analysed {
  const query = analyse(item.title, index.stop, QUERY_WEIGHT.title)
  analyse(item.description, index.stop, QUERY_WEIGHT.description, query)
  if (item.reflection) analyse(item.reflection, index.stop, QUERY_WEIGHT.reflection, query)
  return query
}

/**
 * How well a line of guidance (a "good piece of evidence") fits one area: the
 * line as a query against the area's own words, cues and related words, divided
 * by the square root of the line's distinct words so a long line does not win
 * by length alone.
 */
export function guidanceFit(index: AreaIndex, areaCode: string, line: string): AreaMatch {
  const doc = index.byCode.get(areaCode)
  if (doc === undefined) return { code: areaCode, domainKey: '', score: 0, words: [] }
  const query = analyse(line, index.stop)
  const result = score(index, query, doc, 'core')
  result.score /= Math.sqrt(Math.max(1, query.terms.size))
  return matchOf(query, doc, result)
}

/** The domain's good piece of evidence that fits the area best; the first listed on a tie or if none fits. */
export function bestGuidance(
  index: AreaIndex,
  areaCode: string,
  lines: readonly string[],
): { line: string; fit: AreaMatch } | null {
  let best: { line: string; fit: AreaMatch } | null = null
  for (const line of lines) {
    const fit = guidanceFit(index, areaCode, line)
    if (best === null || fit.score > best.fit.score) best = { line, fit }
  }
  return best
}
