/**
 * The coverage engine: how far a portfolio evidences its framework, and what an
 * ACS assessor would object to. Pure — plain data in, a report out; the clock is
 * the input's `now`. Every rule, threshold and message comes from the rules data
 * (`competences/coverage-rules.json`); a rule left out of it never fires.
 *
 * Decisions the rules data does not spell out:
 * - A claim counts only if its area is in the framework and its item is in the
 *   input; anything else is ignored. Claims of the same area by the same item
 *   count once: verified if any of them is, naming every competency any of them
 *   names, with the statement of most words.
 * - Every item counts, whatever its status: the report plans the portfolio that
 *   will be submitted, and a draft is evidence not yet reviewed.
 * - Pages: each item begins on a new page when the portfolio is compiled, so an
 *   item's text pages are ceil((description + reflection + its claim statements'
 *   words) / wordsPerPage), and an item with no words has none. The portfolio's
 *   total is the sum of its items' text and attachment pages, unless the page
 *   count of the portfolio's PDF is given (`pages`): that is then the total.
 * - Items of a `reflectionTypes` type are reflections: their description counts
 *   as reflection too.
 * - `domain.single-type` needs at least `singleTypeMinItems` (2) distinct items:
 *   one item is trivially of one type, and a thin domain is already flagged by
 *   its unevidenced areas and by `domain.concentration`.
 * - `domain.expectation` groups are checked once the domain has any evidence;
 *   an empty domain already carries its `area.not-evidenced` blockers.
 * - `item.stale` compares calendar dates in UTC: activity that ended exactly
 *   `staleYears` years before today is not stale, a day earlier is.
 * - Only one of `portfolio.over-target` and `portfolio.over-limit` fires.
 * - An area gets at most one of its blockers and warnings about status, in this
 *   order: not evidenced; evidenced only by items the trainee observed (when its
 *   text begins with a verb of doing); claimed only by drafts; not verified. The
 *   matrix still shows such an area as claimed: the finding says what is wrong.
 * - A claim gets at most one finding about its sentence: too short, else a
 *   near-copy of the area's text, else no action of the trainee's own named.
 *   Claims on observed items are not asked for an action: observing was the part.
 * - Suggestions are chosen by meaning (`relevance.ts`): the domain's good piece
 *   of evidence that fits the area best, and the trainee's own items whose text
 *   ranks the area among its best. Nothing is ever claimed for the trainee.
 */
import { formatYears } from '~/record/experience'
import type { CoverageRule, CoverageRuleId, CoverageRules, DomainExpectation } from '../../competences/coverage-rules'
import { evidenceTypeLabel } from '../../competences/evidence-types'
import type { Domain } from '../../competences/schema'
import { DEFAULT_THESAURUS } from '../../competences/thesaurus'
import { copiesArea, namesOwnAction } from '~/coverage/claim-text'
import { analyseItem, areaIndex, bestGuidance, rankAreas, type AreaIndex, type AreaMatch } from '~/coverage/relevance'
import {
  asSuggestion,
  compileTemplate,
  countWords,
  ISO_DATE,
  isoYearsBefore,
  joinList,
  plural,
  renderTemplate,
  type CompiledTemplate,
} from '~/coverage/text'
import type {
  AreaCoverage,
  CompetencyCoverage,
  CoverageInput,
  CoverageItem,
  CoverageReport,
  DomainCoverage,
  Finding,
  FindingTarget,
  ItemCoverage,
  ItemSuggestion,
  PageStatus,
  Severity,
} from '~/coverage/types'

const SEVERITY_RANK: Record<Severity, number> = { blocker: 0, warning: 1, advice: 2 }

interface AreaRef {
  code: string
  text: string
  domain: Domain
  /** Position in its domain. */
  index: number
  /** Where findings about it sort: after its domain, before the domain's competencies. */
  ordinal: number
  /** The verb its text begins with, when that asks the trainee to do something ("perform"). */
  practiceVerb: string | null
}

interface MergedClaim {
  evidenceId: number
  /** Its item. */
  state: ItemState
  area: AreaRef
  statement: string
  words: number
  verified: boolean
}

interface ItemState {
  item: CoverageItem
  /** Its place in the list of items (by id). */
  position: number
  /** Where findings about it sort: after every framework target, by id. */
  ordinal: number
  /** Its claims, once per area. Items claim a handful of areas, so a list searched in place beats a map. */
  claims: MergedClaim[]
  /** Codes of the areas it claims, in framework order. */
  areaCodes: string[]
  textPages: number
  reflectionWords: number
  ruleIds: string[]
  /** Its placeholder values, made when a finding first needs them. */
  values?: Values
  facts?: ItemFacts
}

/** What the engine reads from an item's text: the areas it may show beyond its claims, and how its sentences are written. */
interface ItemFacts {
  /** Unclaimed areas its text ranks among its best, best first. */
  ranked: AreaMatch[]
  /** Whether its description or a claim says in the first person what the trainee did. */
  ownPart: boolean
  /** By area code: whether the claim copies the area's text, and whether it names an action of the trainee's own. */
  claims: Map<string, { copies: boolean; ownAction: boolean }>
}

/**
 * Reading an item's text (stemming, ranking it against every area) costs far
 * more than the rest of the engine, and an item's text and claims change only
 * with a new revision; so what was read is remembered by item id, revision and
 * title, per framework, thesaurus and rules, for the most recently read items
 * (and a few revisions of each). Items given without a revision are read afresh
 * each time. The report is the same either way: the memo only saves work. It is
 * looked up by the item's id, a number, so finding an item costs no string
 * building or hashing.
 */
const ITEMS_REMEMBERED = 20_000
const REVISIONS_REMEMBERED = 4
const memo = new WeakMap<AreaIndex, WeakMap<CoverageRules, Map<number, RememberedFacts[]>>>()

interface RememberedFacts {
  revision: number
  title: string
  facts: ItemFacts
}

function factsMemo(index: AreaIndex, rules: CoverageRules): Map<number, RememberedFacts[]> {
  let byRules = memo.get(index)
  if (byRules === undefined) memo.set(index, (byRules = new WeakMap()))
  let map = byRules.get(rules)
  if (map === undefined) byRules.set(rules, (map = new Map()))
  return map
}

function recall(map: Map<number, RememberedFacts[]>, item: CoverageItem): ItemFacts | undefined {
  const list = map.get(item.id)
  if (list === undefined) return undefined
  for (const entry of list) if (entry.revision === item.revision && entry.title === item.title) return entry.facts
  return undefined
}

function remember(map: Map<number, RememberedFacts[]>, id: number, entry: RememberedFacts) {
  const list = map.get(id)
  if (list !== undefined) {
    // The same revision and title read again (its claims changed) replaces what was remembered.
    const at = list.findIndex((e) => e.revision === entry.revision && e.title === entry.title)
    if (at >= 0) list.splice(at, 1)
    list.push(entry)
    if (list.length > REVISIONS_REMEMBERED) list.shift()
    return
  }
  if (map.size >= ITEMS_REMEMBERED) map.delete(map.keys().next().value!)
  map.set(id, [entry])
}

/**
 * Claim statements' word counts, by statement. Counting is a pass over every
 * character of every statement on each report, while looking a statement up is
 * a hash the string keeps once computed; statements change far less often than
 * reports are asked for. Bounded: emptied once it holds this many.
 */
const STATEMENTS_REMEMBERED = 50_000
const statementWords = new Map<string, number>()

function wordsOfStatement(statement: string): number {
  let words = statementWords.get(statement)
  if (words === undefined) {
    words = countWords(statement)
    if (statementWords.size >= STATEMENTS_REMEMBERED) statementWords.clear()
    statementWords.set(statement, words)
  }
  return words
}

/**
 * The good piece of evidence suggested for an area without evidence depends only
 * on the framework and thesaurus (the index), so it is chosen once per area.
 */
const guidance = new WeakMap<AreaIndex, Map<string, string>>()

function guidanceFor(index: AreaIndex, area: AreaRef): string {
  let byArea = guidance.get(index)
  if (byArea === undefined) guidance.set(index, (byArea = new Map()))
  let suggestion = byArea.get(area.code)
  if (suggestion === undefined) {
    const good = area.domain.guidance.goodEvidence.items
    suggestion = asSuggestion(bestGuidance(index, area.code, good)?.line ?? good[0] ?? '')
    byArea.set(area.code, suggestion)
  }
  return suggestion
}

interface Pending {
  finding: Finding
  severity: number
  ordinal: number
  rule: number
  expectation: number
  evidenceId: number
}

interface Expectation {
  at: number
  value: DomainExpectation
  message: CompiledTemplate
}

type Values = Readonly<Record<string, string | number>>
const NONE = {} as const

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 100) / whole))
const nonNegative = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0)
const pagesOf = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`

export function computeCoverage(input: CoverageInput): CoverageReport {
  const { framework, rules, now } = input
  const t = rules.thresholds
  const thesaurus = input.thesaurus ?? DEFAULT_THESAURUS
  const index = areaIndex(framework, thesaurus)
  const practiceVerbs = rules.roles.practiceVerbs
  const vague = { vaguePhrases: rules.roles.vaguePhrases }
  const exempt = new Set(rules.exemptions.map((e) => `${e.ruleId}:${e.domainKey}`))
  const remembered = factsMemo(index, rules)
  /** What the item's text says, read once per revision (see `factsMemo`). */
  const factsOf = (state: ItemState): ItemFacts => {
    if (state.facts !== undefined) return state.facts
    const { item } = state
    let facts = item.revision === undefined ? undefined : recall(remembered, item)
    // What is remembered must be about these claims: otherwise it is read again.
    if (facts !== undefined && !sameAreas(facts.claims, state.claims)) facts = undefined
    if (facts === undefined) {
      const { title, description, reflection } = item
      const claims = new Map<string, { copies: boolean; ownAction: boolean }>()
      for (const claim of state.claims) {
        claims.set(claim.area.code, {
          copies: copiesArea(claim.statement, claim.area.text, index.stop, t.nearCopyShare, t.nearCopyMaxOwnWords),
          ownAction: namesOwnAction(claim.statement, vague),
        })
      }
      facts = {
        ranked:
          description === undefined
            ? []
            : rankAreas(index, analyseItem(index, { title, description, reflection }), {
                limit: t.suggestionRank,
                minScore: t.suggestionMinScore,
                exclude: new Set(state.claims.map((claim) => claim.area.code)),
              }),
        ownPart: namesOwnAction(description ?? '', vague) || [...claims.values()].some((c) => c.ownAction),
        claims,
      }
      if (item.revision !== undefined)
        remember(remembered, item.id, { revision: item.revision, title: item.title, facts })
    }
    state.facts = facts
    return facts
  }

  // The framework, indexed; each target numbered in the order findings are listed.
  let ordinal = 1 // 0 is the portfolio
  const domainOrdinal: number[] = []
  const competencyOrdinal = new Map<string, number>()
  const areas = new Map<string, AreaRef>()
  for (const domain of framework.domains) {
    domainOrdinal.push(ordinal++)
    domain.areas.forEach((area, index) => {
      const first = area.text.toLowerCase().match(/^[a-z]+/)?.[0] ?? ''
      const practiceVerb = practiceVerbs.includes(first) ? first : null
      areas.set(area.code, { code: area.code, text: area.text, domain, index, ordinal: ordinal++, practiceVerb })
    })
    for (const c of domain.specificCompetencies) competencyOrdinal.set(c.id, ordinal++)
  }

  // Items, by id. Ids are unique in a portfolio; should one repeat, the first in id order is kept.
  const sorted = [...input.items].sort((a, b) => a.id - b.id)
  const states = new Map<number, ItemState>()
  const itemList: ItemState[] = []
  for (const item of sorted) {
    if (states.has(item.id)) continue
    const state: ItemState = {
      item,
      position: itemList.length,
      ordinal: ordinal + itemList.length,
      claims: [],
      areaCodes: [],
      textPages: 0,
      reflectionWords: 0,
      ruleIds: [],
    }
    states.set(item.id, state)
    itemList.push(state)
  }

  // Claims: known area, known item, once per (item, area).
  let claimCount = 0
  // Item ids per specific competency, as claimed (repeats included): sorted and made unique once, at the end.
  const competencyItems = new Map<string, number[]>()
  for (const claim of input.claims) {
    const area = areas.get(claim.areaCode)
    const state = states.get(claim.evidenceId)
    if (area === undefined || state === undefined) continue
    const statement = typeof claim.statement === 'string' ? claim.statement : ''
    const words = wordsOfStatement(statement)
    const verified = claim.verified === true
    const existing = state.claims.find((merged) => merged.area === area)
    if (existing === undefined) {
      state.claims.push({ evidenceId: claim.evidenceId, state, area, statement, words, verified })
      claimCount++
    } else {
      existing.verified ||= verified
      if (words > existing.words || (words === existing.words && statement < existing.statement)) {
        existing.statement = statement
        existing.words = words
      }
    }
    for (const id of claim.competencyIds ?? []) {
      if (!competencyOrdinal.has(id)) continue
      let list = competencyItems.get(id)
      if (list === undefined) competencyItems.set(id, (list = []))
      list.push(claim.evidenceId)
    }
  }

  // Claims by area, in item id order; pages and reflection per item.
  const areaClaims = new Map<string, MergedClaim[]>()
  const reflectionTypes = new Set(rules.reflectionTypes)
  const wordsPerPage = Math.max(1, t.wordsPerPage)
  let textTotal = 0
  let attachmentTotal = 0
  for (const state of itemList) {
    const { item } = state
    let claimWords = 0
    for (const claim of state.claims) {
      claimWords += claim.words
      let list = areaClaims.get(claim.area.code)
      if (list === undefined) areaClaims.set(claim.area.code, (list = []))
      list.push(claim)
    }
    const description = nonNegative(item.descriptionWords)
    const reflection = nonNegative(item.reflectionWords)
    state.textPages = Math.ceil((description + reflection + claimWords) / wordsPerPage)
    state.reflectionWords = reflection + (reflectionTypes.has(item.evidenceType) ? description : 0)
    textTotal += state.textPages
    attachmentTotal += nonNegative(item.attachmentPages)
  }
  const measured =
    input.pages !== undefined && Number.isInteger(input.pages) && input.pages >= 0 ? input.pages : undefined
  if (measured !== undefined) textTotal = Math.max(0, measured - attachmentTotal)
  const pagesTotal = measured ?? textTotal + attachmentTotal
  const pageStatus: PageStatus =
    pagesTotal > t.pageLimit ? 'over-limit' : pagesTotal > t.pageTarget ? 'over-target' : 'within'

  // Findings.
  const ruleAt = new Map<string, { rule: CoverageRule; index: number; message: CompiledTemplate }>()
  rules.rules.forEach((rule, index) => ruleAt.set(rule.id, { rule, index, message: compileTemplate(rule.message) }))
  const pending: Pending[] = []
  const emit = (
    ruleId: CoverageRuleId,
    target: FindingTarget,
    targetOrdinal: number,
    values: readonly [Values, Values?, Values?],
    extra: {
      suggestion?: string
      evidenceId?: number
      expectation?: Expectation
      candidates?: ItemSuggestion[] | undefined
    } = NONE,
  ) => {
    const found = ruleAt.get(ruleId)
    if (found === undefined) return
    const severity = extra.expectation?.value.severity ?? found.rule.severity
    const finding: Finding = {
      ruleId,
      severity,
      message: renderTemplate(found.message, values[0], values[1], values[2]),
      target,
    }
    if (extra.suggestion !== undefined) finding.suggestion = extra.suggestion
    if (extra.evidenceId !== undefined) finding.evidenceId = extra.evidenceId
    if (extra.expectation !== undefined) finding.expectationId = extra.expectation.value.id
    if (extra.candidates !== undefined) finding.candidates = extra.candidates
    pending.push({
      finding,
      severity: SEVERITY_RANK[severity],
      ordinal: targetOrdinal,
      rule: found.index,
      expectation: extra.expectation?.at ?? -1,
      evidenceId: extra.evidenceId ?? -1,
    })
  }
  const labels = new Map<string, string>()
  const typeLabel = (type: string) => {
    let label = labels.get(type)
    if (label === undefined) labels.set(type, (label = evidenceTypeLabel(type)))
    return label
  }
  const itemValues = (state: ItemState): Values =>
    (state.values ??= {
      evidenceId: state.item.id,
      title: state.item.title,
      type: state.item.evidenceType,
      typeLabel: typeLabel(state.item.evidenceType),
    })

  // The trainee's own items that may show an area they do not claim: each item's
  // text ranked against every area once, and only when some area needs it.
  // By area code, the items whose text ranks it, each with its match (pairs in one flat list: no object per pair).
  let ranked: Map<string, (ItemState | AreaMatch)[]> | undefined
  const candidatesFor = (
    code: string,
    fits: (state: ItemState) => boolean = () => true,
  ): ItemSuggestion[] | undefined => {
    if (ranked === undefined) {
      ranked = new Map()
      for (const state of itemList) {
        for (const match of factsOf(state).ranked) {
          let list = ranked.get(match.code)
          if (list === undefined) ranked.set(match.code, (list = []))
          list.push(state, match)
        }
      }
    }
    // The best few that fit, best score first and then by id: a selection, not a sort of every item.
    const best: { state: ItemState; match: AreaMatch }[] = []
    const limit = t.suggestionsPerArea
    if (limit <= 0) return undefined
    const pairs = ranked.get(code) ?? []
    for (let i = 0; i < pairs.length; i += 2) {
      const state = pairs[i] as ItemState
      const match = pairs[i + 1] as AreaMatch
      if (best.length >= limit && !ranksBefore(match.score, state.item.id, best[best.length - 1]!)) continue
      if (!fits(state)) continue
      let at = best.length
      while (at > 0 && ranksBefore(match.score, state.item.id, best[at - 1]!)) at--
      best.splice(at, 0, { state, match })
      if (best.length > limit) best.pop()
    }
    if (best.length === 0) return undefined
    return best.map(({ state, match }) => ({
      evidenceId: state.item.id,
      title: state.item.title,
      words: match.words,
      score: match.score,
    }))
  }

  // Portfolio.
  const portfolio: FindingTarget = { kind: 'portfolio' }
  if (itemList.length === 0) emit('portfolio.empty', portfolio, 0, [{}])
  if (input.summaryStatementWords !== undefined && input.summaryStatementWords <= 0)
    emit('portfolio.no-summary', portfolio, 0, [{}])
  if (input.experience !== undefined) {
    const { years, supervisedYears } = input.experience
    const values = {
      years: formatYears(years),
      expected: formatYears(t.expectedExperienceYears),
      supervisedYears: formatYears(supervisedYears),
    }
    if (!(supervisedYears > 0)) emit('record.no-supervised-practice', portfolio, 0, [values])
    if (!(years >= t.expectedExperienceYears)) emit('record.experience-short', portfolio, 0, [values])
  }
  const pageValues = {
    pages: pagesTotal,
    textPages: textTotal,
    attachmentPages: attachmentTotal,
    target: t.pageTarget,
    limit: t.pageLimit,
    overTarget: Math.max(0, pagesTotal - t.pageTarget),
    overLimit: Math.max(0, pagesTotal - t.pageLimit),
    // The PDF's own count is stated as it is; only the estimate from words is "about" anything.
    pageCount: measured !== undefined ? pagesOf(pagesTotal) : `about ${pagesOf(pagesTotal)} (estimated)`,
    overTargetPages: `${measured !== undefined ? 'at least' : 'about'} ${pagesOf(Math.max(0, pagesTotal - t.pageTarget))}`,
    overLimitPages: pagesOf(Math.max(0, pagesTotal - t.pageLimit)),
  }
  if (pageStatus === 'over-limit') emit('portfolio.over-limit', portfolio, 0, [pageValues])
  if (pageStatus === 'over-target') emit('portfolio.over-target', portfolio, 0, [pageValues])
  let orphans = 0
  for (const state of itemList) if (state.claims.length === 0) orphans++
  if (orphans > 0) emit('portfolio.orphans', portfolio, 0, [{ count: orphans }])

  // Areas.
  const areaReports: AreaCoverage[] = []
  const areaStatus = new Map<string, AreaCoverage['status']>()
  for (const area of areas.values()) {
    const claims = areaClaims.get(area.code) ?? []
    const itemIds: number[] = []
    const verifiedItemIds: number[] = []
    const weak: MergedClaim[] = []
    for (const claim of claims) {
      itemIds.push(claim.evidenceId)
      if (claim.verified) verifiedItemIds.push(claim.evidenceId)
      if (claim.words < t.minClaimWords) weak.push(claim)
      claim.state.areaCodes.push(area.code)
    }
    const status = itemIds.length === 0 ? 'not-evidenced' : verifiedItemIds.length > 0 ? 'verified' : 'claimed'
    areaStatus.set(area.code, status)
    areaReports.push({
      code: area.code,
      domainKey: area.domain.key,
      text: area.text,
      status,
      itemIds,
      verifiedItemIds,
      itemCount: itemIds.length,
      weakClaimItemIds: weak.map((c) => c.evidenceId),
    })

    const target: FindingTarget = { kind: 'area', areaCode: area.code }
    const base = { code: area.code, text: area.text, domainTitle: area.domain.title }
    const claimStates = claims.map((c) => c.state)
    const listOf = (list: ItemState[]) => {
      const values = {
        items: plural(list.length, 'item'),
        itemCount: list.length,
        itemList: joinList(list.map((s) => `#${s.item.id} “${s.item.title}”`)),
      }
      return values
    }
    if (status === 'not-evidenced') {
      const suggestion = guidanceFor(index, area)
      emit('area.not-evidenced', target, area.ordinal, [base, { suggestion }], {
        suggestion,
        candidates: candidatesFor(area.code),
      })
    } else if (area.practiceVerb !== null && claimStates.every((s) => s.item.role === 'observed')) {
      emit('area.observed-only', target, area.ordinal, [base, listOf(claimStates), { verb: area.practiceVerb }], {
        candidates: candidatesFor(area.code, (s) => s.item.role !== 'observed'),
      })
    } else if (claimStates.every((s) => s.item.status === 'draft')) {
      emit('area.drafts-only', target, area.ordinal, [
        base,
        listOf(claimStates),
        { them: claimStates.length === 1 ? 'it' : 'them' },
      ])
    } else if (status === 'claimed') {
      emit(
        'area.not-verified',
        target,
        area.ordinal,
        [base, { items: plural(itemIds.length, 'item'), itemCount: itemIds.length }],
        {
          candidates: candidatesFor(area.code, (s) => s.item.status !== 'draft'),
        },
      )
    }
    const weakSet = new Set(weak)
    for (const claim of claims) {
      const { state } = claim
      if (weakSet.has(claim)) {
        emit(
          'claim.not-substantive',
          target,
          area.ordinal,
          [base, itemValues(state), { words: claim.words, minWords: t.minClaimWords }],
          { evidenceId: claim.evidenceId },
        )
        continue
      }
      const read = factsOf(state).claims.get(area.code)!
      if (read.copies)
        emit('claim.restates-area', target, area.ordinal, [base, itemValues(state)], { evidenceId: claim.evidenceId })
      else if (!read.ownAction && state.item.role !== 'observed')
        emit('claim.no-own-action', target, area.ordinal, [base, itemValues(state)], { evidenceId: claim.evidenceId })
    }
  }

  // Competencies.
  const competencyReports: CompetencyCoverage[] = []
  for (const domain of framework.domains) {
    for (const competency of domain.specificCompetencies) {
      const itemIds = uniqueSorted(competencyItems.get(competency.id) ?? [])
      competencyReports.push({ id: competency.id, domainKey: domain.key, itemIds })
      if (itemIds.length === 0) {
        emit(
          'competency.not-evidenced',
          { kind: 'competency', competencyId: competency.id, domainKey: domain.key },
          competencyOrdinal.get(competency.id)!,
          [{ competencyId: competency.id, text: competency.text, domainTitle: domain.title }],
        )
      }
    }
  }

  // Domains.
  const expectationsByDomain = new Map<string, Expectation[]>()
  rules.domainExpectations.forEach((value, at) => {
    let list = expectationsByDomain.get(value.domainKey)
    if (list === undefined) expectationsByDomain.set(value.domainKey, (list = []))
    list.push({ at, value, message: compileTemplate(value.message) })
  })
  const domainReports: DomainCoverage[] = []
  // How many of a domain's areas each item carries, by the item's position.
  const carried = new Int32Array(itemList.length)
  framework.domains.forEach((domain, domainIndex) => {
    // Items claimed in the domain, and how many of its areas each carries.
    carried.fill(0)
    let evidenced = 0
    let verified = 0
    for (const area of domain.areas) {
      const status = areaStatus.get(area.code)
      if (status !== 'not-evidenced') evidenced++
      if (status === 'verified') verified++
      for (const claim of areaClaims.get(area.code) ?? []) carried[claim.state.position]!++
    }
    const domainItems: ItemState[] = []
    const typeCounts = new Map<string, number>()
    for (const state of itemList) {
      if (carried[state.position] === 0) continue
      domainItems.push(state)
      typeCounts.set(state.item.evidenceType, (typeCounts.get(state.item.evidenceType) ?? 0) + 1)
    }
    const evidenceTypes: Record<string, number> = {}
    for (const type of [...typeCounts.keys()].sort()) evidenceTypes[type] = typeCounts.get(type)!
    domainReports.push({
      key: domain.key,
      title: domain.title,
      number: domain.number,
      areasTotal: domain.areas.length,
      areasEvidenced: evidenced,
      areasVerified: verified,
      percentEvidenced: percent(evidenced, domain.areas.length),
      percentVerified: percent(verified, domain.areas.length),
      itemCount: domainItems.length,
      evidenceTypes,
    })

    const target: FindingTarget = { kind: 'domain', domainKey: domain.key }
    const at = domainOrdinal[domainIndex]!
    const base = { domainKey: domain.key, domainTitle: domain.title }

    if (domainItems.length >= t.singleTypeMinItems && typeCounts.size === 1) {
      const type = domainItems[0]!.item.evidenceType
      const label = typeLabel(type)
      const suggestion = otherEvidence(domain, label)
      emit(
        'domain.single-type',
        target,
        at,
        [
          base,
          {
            items: plural(domainItems.length, 'item'),
            itemCount: domainItems.length,
            type,
            typeLabel: label,
            suggestion,
          },
        ],
        { suggestion },
      )
    }

    for (const expectation of expectationsByDomain.get(domain.key) ?? []) {
      const spec = expectation.value
      if (spec.kind === 'require-types') {
        if (domainItems.length === 0) continue
        // Which of the domain's items meet each group.
        const meets = spec.requireAll.map((group) => {
          const types = new Set(group.anyOfTypes)
          return domainItems.filter(
            ({ item, reflectionWords }) =>
              types.has(item.evidenceType) ||
              (group.orRole !== undefined && item.role === group.orRole) ||
              (group.orReflectionWords !== undefined && reflectionWords >= group.orReflectionWords),
          )
        })
        const met = spec.distinctItems
          ? distinctlyMet(meets.map((list) => list.map((state) => state.item.id)))
          : meets.map((list) => list.length > 0)
        const missing = spec.requireAll.filter((_, g) => !met[g]).map((group) => group.label)
        if (missing.length === 0) continue
        const detail = renderTemplate(expectation.message, base, { missing: joinList(missing) })
        emit('domain.expectation', target, at, [base, { expectationId: spec.id, expectation: detail }], { expectation })
      } else {
        for (const state of domainItems) {
          const { item } = state
          const pages = nonNegative(item.attachmentPages)
          if (pages <= spec.maxAttachmentPages) continue
          const detail = renderTemplate(expectation.message, base, itemValues(state), {
            pages,
            max: spec.maxAttachmentPages,
          })
          emit('domain.expectation', target, at, [base, { expectationId: spec.id, expectation: detail }], {
            expectation,
            evidenceId: item.id,
          })
        }
      }
    }

    if (evidenced >= t.concentrationMinAreas && !exempt.has(`domain.concentration:${domain.key}`)) {
      for (const state of domainItems) {
        const count = carried[state.position]!
        if (count / evidenced <= t.concentrationShare) continue
        emit(
          'domain.concentration',
          target,
          at,
          [base, itemValues(state), { areas: count, evidenced, percent: percent(count, evidenced) }],
          { evidenceId: state.item.id },
        )
      }
    }
  })

  // Items.
  const staleBefore = isoYearsBefore(now, t.staleYears)
  for (const state of itemList) {
    const { item } = state
    const target: FindingTarget = { kind: 'item', evidenceId: item.id }
    const at = state.ordinal
    const claims = state.claims.length
    if (nonNegative(item.openPiiFindings) > 0)
      emit('item.pii-unresolved', target, at, [itemValues(state), { count: item.openPiiFindings }])
    if (nonNegative(item.failedConversions ?? 0) > 0)
      emit('item.conversion-failed', target, at, [itemValues(state), { count: item.failedConversions ?? 0 }])
    if (nonNegative(item.pendingConversions ?? 0) > 0)
      emit('item.conversion-pending', target, at, [itemValues(state), { count: item.pendingConversions ?? 0 }])
    if (claims === 0) emit('item.no-claims', target, at, [itemValues(state)])
    if (item.role === 'contributed' && !factsOf(state).ownPart) {
      emit('item.own-part-unclear', target, at, [itemValues(state)])
    }
    if (claims > t.overTaggingAreas)
      emit('item.over-tagged', target, at, [itemValues(state), { areas: claims, max: t.overTaggingAreas }])
    if (state.reflectionWords < t.minReflectionWords) {
      emit('item.no-reflection', target, at, [
        itemValues(state),
        { words: state.reflectionWords, minWords: t.minReflectionWords },
      ])
    }
    const date = item.activityEnd || item.activityStart
    if (staleBefore !== null && typeof date === 'string' && date < staleBefore && ISO_DATE.test(date)) {
      emit('item.stale', target, at, [itemValues(state), { date, years: t.staleYears }])
    }
  }

  pending.sort(
    (a, b) =>
      a.severity - b.severity ||
      a.ordinal - b.ordinal ||
      a.rule - b.rule ||
      a.expectation - b.expectation ||
      a.evidenceId - b.evidenceId ||
      compareText(a.finding.message, b.finding.message),
  )
  const findings: Finding[] = []
  let blockers = 0
  let warnings = 0
  let advice = 0
  for (const { finding } of pending) {
    findings.push(finding)
    if (finding.severity === 'blocker') blockers++
    else if (finding.severity === 'warning') warnings++
    else advice++
    // Rule ids per item, most severe first.
    const id = finding.target.kind === 'item' ? finding.target.evidenceId : finding.evidenceId
    if (id === undefined) continue
    const list = states.get(id)!.ruleIds
    if (!list.includes(finding.ruleId)) list.push(finding.ruleId)
  }

  const itemReports: ItemCoverage[] = itemList.map((state) => ({
    id: state.item.id,
    claimCount: state.claims.length,
    pages: state.textPages + nonNegative(state.item.attachmentPages),
    ruleIds: state.ruleIds,
    textPages: state.textPages,
    areaCodes: state.areaCodes,
  }))

  let areasEvidenced = 0
  let areasVerified = 0
  for (const area of areaReports) {
    if (area.status !== 'not-evidenced') areasEvidenced++
    if (area.status === 'verified') areasVerified++
  }

  return {
    summary: {
      areasTotal: areaReports.length,
      areasEvidenced,
      areasVerified,
      percentEvidenced: percent(areasEvidenced, areaReports.length),
      percentVerified: percent(areasVerified, areaReports.length),
      items: itemList.length,
      claims: claimCount,
      pages: {
        text: textTotal,
        attachments: attachmentTotal,
        total: pagesTotal,
        target: t.pageTarget,
        limit: t.pageLimit,
        status: pageStatus,
      },
      blockers,
      warnings,
      advice,
      ready: blockers === 0,
    },
    domains: domainReports,
    areas: areaReports,
    competencies: competencyReports,
    items: itemReports,
    findings,
  }
}

/** A "good piece of evidence" for the domain that is not of the given kind: the first whose words do not name it. */
function otherEvidence(domain: Domain, typeLabel: string): string {
  const good = domain.guidance.goodEvidence.items
  const word = typeLabel
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((w) => w.length > 3)
  const other = word === undefined ? undefined : good.find((line) => !line.toLowerCase().includes(word))
  return asSuggestion(other ?? good[0] ?? '')
}

/**
 * Whether every group can be met by a different item (a matching in the
 * groups × items graph, by augmenting paths): `groups[g]` lists the ids of the
 * items that meet group g. Returns, per group, whether it is met in the largest
 * matching; groups are few, so this is cheap.
 */
export function distinctlyMet(groups: readonly (readonly number[])[]): boolean[] {
  const owner = new Map<number, number>() // item id → group
  const matched: boolean[] = groups.map(() => false)
  const tryGroup = (g: number, seen: Set<number>): boolean => {
    for (const id of groups[g]!) {
      if (seen.has(id)) continue
      seen.add(id)
      const other = owner.get(id)
      if (other === undefined || tryGroup(other, seen)) {
        owner.set(id, g)
        return true
      }
    }
    return false
  }
  groups.forEach((_, g) => (matched[g] = tryGroup(g, new Set())))
  // A group left out by a later augmenting path is still met if it owns an item now.
  const owned = new Set(owner.values())
  return groups.map((_, g) => owned.has(g))
}

/** Whether what was read is about exactly these claims' areas. */
function sameAreas(read: ReadonlyMap<string, unknown>, claims: readonly MergedClaim[]): boolean {
  if (read.size !== claims.length) return false
  for (const claim of claims) if (!read.has(claim.area.code)) return false
  return true
}

/** Whether an item's match to an area (its score and the item's id) ranks before another's: the higher score, then the lower id. */
function ranksBefore(score: number, id: number, b: { state: ItemState; match: AreaMatch }): boolean {
  return score > b.match.score || (score === b.match.score && id < b.state.item.id)
}

/** The numbers in ascending order, each once (sorts the list given). */
function uniqueSorted(list: number[]): number[] {
  list.sort((a, b) => a - b)
  let kept = 0
  for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) list[kept++] = list[i]!
  list.length = kept
  return list
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
