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
import type { Domain, Framework } from '../../competences/schema'
import { DEFAULT_THESAURUS } from '../../competences/thesaurus'
import { copiesArea, namesOwnAction } from '~/coverage/claim-text'
import { analyseItem, areaIndex, bestGuidance, rankAreas, type AreaIndex, type AreaMatch } from '~/coverage/relevance'
import {
  asSuggestion,
  compileTemplate,
  countWords,
  fillTemplate,
  ISO_DATE,
  isoYearsBefore,
  joinFirst,
  joinList,
  plural,
  renderTemplate,
  type CompiledTemplate,
} from '~/coverage/text'
import type {
  AreaCoverage,
  CoverageClaim,
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
  /** Position among the framework's areas (each code once), for lists kept by area. */
  at: number
  /** Where findings about it sort: after its domain, before the domain's competencies. */
  ordinal: number
  /** The verb its text begins with, when that asks the trainee to do something ("perform"). */
  practiceVerb: string | null
  /** Its placeholder values in messages. */
  values: Values
}

interface CompetencyRef {
  id: string
  domainKey: string
  /** Position among the framework's competencies (each id once), for lists kept by competency. */
  at: number
  ordinal: number
}

interface RuleRef {
  ruleId: CoverageRuleId
  rule: CoverageRule
  index: number
  message: CompiledTemplate
  /** For a rule about claims: the rule for each area (by `AreaRef.at`), made as first needed. */
  byArea: (ClaimRule | undefined)[]
}

/** A rule about claims of one area: its template with the area's own placeholders filled. */
interface ClaimRule {
  found: RuleRef
  template: CompiledTemplate
}

/**
 * A rule about claims (if the rules data has it), for one area. Claims' messages name their area, often more
 * than once, so its values are put in once per area rather than in each claim's message.
 */
function claimRule(plan: Plan, ruleId: CoverageRuleId, area: AreaRef): ClaimRule | undefined {
  const found = plan.rules.get(ruleId)
  if (found === undefined) return undefined
  return (found.byArea[area.at] ??= { found, template: fillTemplate(found.message, area.values) })
}

interface Expectation {
  at: number
  value: DomainExpectation
  message: CompiledTemplate
}

/**
 * What the engine derives from the framework and the rules alone: the areas and
 * competencies indexed and numbered in the order findings are listed, each rule's
 * message split into parts. It is the same for every report on the same framework
 * and rules, so it is made once for each pair (both are data, never changed once given).
 */
interface Plan {
  /** By code; a code given twice in the framework is the later area, in the place of the first. */
  areas: Map<string, AreaRef>
  /** The same areas, in framework order: `areaList[area.at] === area`. */
  areaList: AreaRef[]
  /** Each domain's areas as the framework lists them (a repeated code repeated), in framework order. */
  domainAreas: AreaRef[][]
  domainOrdinal: number[]
  competencies: Map<string, CompetencyRef>
  /** Ordinals in use before the items': the portfolio, then each domain with its areas and competencies. */
  targets: number
  rules: Map<string, RuleRef>
  expectationsByDomain: Map<string, Expectation[]>
  exempt: Set<string>
  reflectionTypes: Set<string>
  vague: { vaguePhrases: readonly string[] }
}

const plans = new WeakMap<Framework, WeakMap<CoverageRules, Plan>>()

function planFor(framework: Framework, rules: CoverageRules): Plan {
  let byRules = plans.get(framework)
  if (byRules === undefined) plans.set(framework, (byRules = new WeakMap()))
  let plan = byRules.get(rules)
  if (plan === undefined) byRules.set(rules, (plan = makePlan(framework, rules)))
  return plan
}

function makePlan(framework: Framework, rules: CoverageRules): Plan {
  const practiceVerbs = rules.roles.practiceVerbs
  let ordinal = 1 // 0 is the portfolio
  const domainOrdinal: number[] = []
  const competencies = new Map<string, CompetencyRef>()
  const areas = new Map<string, AreaRef>()
  for (const domain of framework.domains) {
    domainOrdinal.push(ordinal++)
    domain.areas.forEach((area, index) => {
      const first = area.text.toLowerCase().match(/^[a-z]+/)?.[0] ?? ''
      const practiceVerb = practiceVerbs.includes(first) ? first : null
      areas.set(area.code, {
        code: area.code,
        text: area.text,
        domain,
        index,
        at: 0,
        ordinal: ordinal++,
        practiceVerb,
        values: { code: area.code, text: area.text, domainTitle: domain.title },
      })
    })
    for (const c of domain.specificCompetencies)
      competencies.set(c.id, { id: c.id, domainKey: domain.key, at: 0, ordinal: ordinal++ })
  }
  const areaList = [...areas.values()]
  areaList.forEach((area, at) => (area.at = at))
  let competencyAt = 0
  for (const competency of competencies.values()) competency.at = competencyAt++

  const ruleAt = new Map<string, RuleRef>()
  rules.rules.forEach((rule, index) =>
    ruleAt.set(rule.id, { ruleId: rule.id, rule, index, message: compileTemplate(rule.message), byArea: [] }),
  )
  const expectationsByDomain = new Map<string, Expectation[]>()
  rules.domainExpectations.forEach((value, at) => {
    let list = expectationsByDomain.get(value.domainKey)
    if (list === undefined) expectationsByDomain.set(value.domainKey, (list = []))
    list.push({ at, value, message: compileTemplate(value.message) })
  })
  return {
    areas,
    areaList,
    domainAreas: framework.domains.map((domain) => domain.areas.map((area) => areas.get(area.code)!)),
    domainOrdinal,
    competencies,
    targets: ordinal,
    rules: ruleAt,
    expectationsByDomain,
    exempt: new Set(rules.exemptions.map((e) => `${e.ruleId}:${e.domainKey}`)),
    reflectionTypes: new Set(rules.reflectionTypes),
    vague: { vaguePhrases: rules.roles.vaguePhrases },
  }
}

interface MergedClaim {
  evidenceId: number
  /** Its item. */
  state: ItemState
  area: AreaRef
  statement: string
  words: number
  verified: boolean
  /** What its sentence says (`COPIES`, `OWN_ACTION`), once read: claims too short to count are not read. */
  read: number
}

interface ItemState {
  item: CoverageItem
  /** Its place in the list of items (by id). */
  position: number
  /** Where findings about it sort: after every framework target, by id. */
  ordinal: number
  /** Its evidence type, numbered in the report. */
  type: number
  /**
   * Its claims, once per area, in framework order. Items claim a handful of
   * areas, so a list searched in place beats a map.
   */
  claims: MergedClaim[]
  textPages: number
  reflectionWords: number
  ruleIds: string[]
  /** Its placeholder values, made when a finding first needs them. */
  values: Values | undefined
  facts: ItemFacts | undefined
}

/** A claim's sentence, as read: it copies the area's text; it names an action of the trainee's own. */
const COPIES = 1
const OWN_ACTION = 2

/** What the engine reads from an item's text: the areas it may show beyond its claims, and how its sentences are written. */
interface ItemFacts {
  /** Unclaimed areas its text ranks among its best, best first. */
  ranked: AreaMatch[]
  /** The same areas' positions in the framework (`AreaRef.at`). */
  rankedAt: number[]
  /** Whether its description or a claim says in the first person what the trainee did. */
  ownPart: boolean
  /** The positions (`AreaRef.at`) of the areas its claims were read for, in framework order. */
  areas: number[]
  /** What each of those claims says (`COPIES`, `OWN_ACTION`), in the same order. */
  claims: Uint8Array
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

/** What a few findings carry beyond their message and the item they are about. */
interface Extra {
  suggestion?: string
  expectation?: Expectation
  candidates?: ItemSuggestion[] | undefined
}

type Values = Readonly<Record<string, string | number>>

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 100) / whole))
const nonNegative = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0)
const pagesOf = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`
const notObserved = (state: ItemState) => state.item.role !== 'observed'
const notDraft = (state: ItemState) => state.item.status !== 'draft'

export function computeCoverage(input: CoverageInput): CoverageReport {
  const { framework, rules, now } = input
  const t = rules.thresholds
  const thesaurus = input.thesaurus ?? DEFAULT_THESAURUS
  const index = areaIndex(framework, thesaurus)
  const plan = planFor(framework, rules)
  const { vague } = plan
  const remembered = factsMemo(index, rules)
  /** What the item's text says, read once per revision (see `factsMemo`). */
  const factsOf = (state: ItemState): ItemFacts => {
    if (state.facts !== undefined) return state.facts
    const { item } = state
    let facts = item.revision === undefined ? undefined : recall(remembered, item)
    // What is remembered must be about these claims: otherwise it is read again.
    if (facts !== undefined && !sameAreas(facts.areas, state.claims)) facts = undefined
    if (facts === undefined) {
      const { title, description, reflection } = item
      const claims = new Uint8Array(state.claims.length)
      let ownAction = false
      state.claims.forEach((claim, slot) => {
        const own = namesOwnAction(claim.statement, vague)
        ownAction ||= own
        claims[slot] =
          (copiesArea(claim.statement, claim.area.text, index.stop, t.nearCopyShare, t.nearCopyMaxOwnWords)
            ? COPIES
            : 0) | (own ? OWN_ACTION : 0)
      })
      const ranked =
        description === undefined
          ? []
          : rankAreas(index, analyseItem(index, { title, description, reflection }), {
              limit: t.suggestionRank,
              minScore: t.suggestionMinScore,
              exclude: new Set(state.claims.map((claim) => claim.area.code)),
            })
      facts = {
        ranked,
        rankedAt: ranked.map((match) => plan.areas.get(match.code)!.at),
        ownPart: namesOwnAction(description ?? '', vague) || ownAction,
        areas: state.claims.map((claim) => claim.area.at),
        claims,
      }
      if (item.revision !== undefined)
        remember(remembered, item.id, { revision: item.revision, title: item.title, facts })
    }
    state.facts = facts
    return facts
  }

  const { states, itemList, types } = collectItems(input.items, plan)
  const competencyItems: (number[] | undefined)[] = []
  const claimCount = mergeClaims(input.claims, plan, states, competencyItems)
  const { areaClaims, textTotal: estimatedText, attachmentTotal } = layOut(itemList, plan, t, factsOf)
  let textTotal = estimatedText
  const measured =
    input.pages !== undefined && Number.isInteger(input.pages) && input.pages >= 0 ? input.pages : undefined
  if (measured !== undefined) textTotal = Math.max(0, measured - attachmentTotal)
  const pagesTotal = measured ?? textTotal + attachmentTotal
  const pageStatus: PageStatus =
    pagesTotal > t.pageLimit ? 'over-limit' : pagesTotal > t.pageTarget ? 'over-target' : 'within'

  // Findings, as they are made, with what they sort by beside them in plain arrays (no object per finding):
  // severity, target and rule as one number (each fits in the range below it), then the expectation and the item.
  const made: Finding[] = []
  const sortKeys: number[] = []
  const sortExpectations: number[] = []
  const sortEvidenceIds: number[] = []
  const ordinals = plan.targets + itemList.length
  const ruleCount = rules.rules.length
  const owners: (ItemState | undefined)[] = []
  /**
   * Records a finding of a rule with its message. `owner` is the item it is about, if any: the target itself,
   * or named as the finding's `evidenceId` when the target is its domain or area.
   */
  const add = (
    found: RuleRef,
    message: string,
    target: FindingTarget,
    targetOrdinal: number,
    owner: ItemState | undefined,
    extra?: Extra,
  ) => {
    const { ruleId } = found
    const severity = extra?.expectation?.value.severity ?? found.rule.severity
    const evidenceId = owner !== undefined && target.kind !== 'item' ? owner.item.id : undefined
    // Built up from an empty object, not written as one literal: see `unfollowed`.
    const finding = unfollowed<Finding>()
    finding.ruleId = ruleId
    finding.severity = severity
    finding.message = message
    finding.target = target
    if (extra?.suggestion !== undefined) finding.suggestion = extra.suggestion
    if (evidenceId !== undefined) finding.evidenceId = evidenceId
    if (extra?.expectation !== undefined) finding.expectationId = extra.expectation.value.id
    if (extra?.candidates !== undefined) finding.candidates = extra.candidates
    made.push(finding)
    sortKeys.push((SEVERITY_RANK[severity] * ordinals + targetOrdinal) * ruleCount + found.index)
    sortExpectations.push(extra?.expectation?.at ?? -1)
    sortEvidenceIds.push(evidenceId ?? -1)
    owners.push(owner)
  }
  /** A finding of the rule (if the rules data has it), its message made from its template and these values. */
  const emit: Emit = (ruleId, target, targetOrdinal, owner, values, more, most, extra) => {
    const found = plan.rules.get(ruleId)
    if (found !== undefined)
      add(found, renderTemplate(found.message, values, more, most), target, targetOrdinal, owner, extra)
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
  // The matches of every item, grouped by area (`AreaRef.at`) in item order, in two flat lists (the items' positions
  // and their matches, no object per pair): area a's are from `rankedStart[a]` to `rankedStart[a + 1]`.
  let rankedStart: Int32Array | undefined
  let rankedItems: Int32Array | undefined
  let rankedMatches: AreaMatch[] | undefined
  const candidatesFor = (area: AreaRef, fits?: (state: ItemState) => boolean): ItemSuggestion[] | undefined => {
    if (rankedStart === undefined) {
      // Counted, then placed: a counting sort of the matches by area.
      const start = new Int32Array(plan.areaList.length + 1)
      for (const state of itemList) for (const at of factsOf(state).rankedAt) start[at + 1]!++
      for (let a = 1; a < start.length; a++) start[a]! += start[a - 1]!
      const next = start.slice()
      const items = new Int32Array(start[start.length - 1]!)
      const matches: AreaMatch[] = new Array<AreaMatch>(items.length)
      for (const state of itemList) {
        const facts = factsOf(state)
        for (let i = 0; i < facts.ranked.length; i++) {
          const at = next[facts.rankedAt[i]!]!++
          items[at] = state.position
          matches[at] = facts.ranked[i]!
        }
      }
      rankedStart = start
      rankedItems = items
      rankedMatches = matches
    }
    // The best few that fit, best score first and then by id: a selection, not a sort of every item.
    const best: { state: ItemState; match: AreaMatch }[] = []
    const limit = t.suggestionsPerArea
    if (limit <= 0) return undefined
    for (let i = rankedStart[area.at]!, end = rankedStart[area.at + 1]!; i < end; i++) {
      const state = itemList[rankedItems![i]!]!
      const match = rankedMatches![i]!
      if (best.length >= limit && !ranksBefore(match.score, state.item.id, best[best.length - 1]!)) continue
      if (fits !== undefined && !fits(state)) continue
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
  if (itemList.length === 0) emit('portfolio.empty', portfolio, 0, undefined, {})
  if (input.summaryStatementWords !== undefined && input.summaryStatementWords <= 0)
    emit('portfolio.no-summary', portfolio, 0, undefined, {})
  if (input.experience !== undefined) {
    const { years, supervisedYears } = input.experience
    const values = {
      years: formatYears(years),
      expected: formatYears(t.expectedExperienceYears),
      supervisedYears: formatYears(supervisedYears),
    }
    if (!(supervisedYears > 0)) emit('record.no-supervised-practice', portfolio, 0, undefined, values)
    if (!(years >= t.expectedExperienceYears)) emit('record.experience-short', portfolio, 0, undefined, values)
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
  if (pageStatus === 'over-limit') emit('portfolio.over-limit', portfolio, 0, undefined, pageValues)
  if (pageStatus === 'over-target') emit('portfolio.over-target', portfolio, 0, undefined, pageValues)
  let orphans = 0
  for (const state of itemList) if (state.claims.length === 0) orphans++
  if (orphans > 0) emit('portfolio.orphans', portfolio, 0, undefined, { count: orphans })

  /** What the sections of the report below share. */
  const r: Report = { plan, t, index, itemList, areaClaims, factsOf, itemValues, typeLabel, candidatesFor, emit, add }
  const { areaReports, areaStatus } = areaSection(r)
  const competencyReports = competencySection(r, framework, competencyItems)
  const domainReports = domainSection(r, framework, types, areaStatus)
  itemSection(r, now)
  const { findings, blockers, warnings, advice } = orderFindings(
    made,
    sortKeys,
    sortExpectations,
    sortEvidenceIds,
    owners,
  )

  const itemReports: ItemCoverage[] = itemList.map((state) => ({
    id: state.item.id,
    claimCount: state.claims.length,
    pages: state.textPages + nonNegative(state.item.attachmentPages),
    ruleIds: state.ruleIds,
    textPages: state.textPages,
    // Its claims are in framework order.
    areaCodes: state.claims.map((claim) => claim.area.code),
  }))

  let areasEvidenced = 0
  let areasVerified = 0
  for (const status of areaStatus) {
    if (status !== 'not-evidenced') areasEvidenced++
    if (status === 'verified') areasVerified++
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

/** Makes a finding of a rule (if the rules data has it) from its template and values, for a target. */
type Emit = (
  ruleId: CoverageRuleId,
  target: FindingTarget,
  targetOrdinal: number,
  owner: ItemState | undefined,
  values: Values,
  more?: Values,
  most?: Values,
  extra?: Extra,
) => void

/** What the sections of a report share: the framework's plan, the report's items and claims, and how findings are made. */
interface Report {
  plan: Plan
  t: CoverageRules['thresholds']
  index: AreaIndex
  itemList: readonly ItemState[]
  areaClaims: readonly MergedClaim[][]
  factsOf: (state: ItemState) => ItemFacts
  itemValues: (state: ItemState) => Values
  typeLabel: (type: string) => string
  candidatesFor: (area: AreaRef, fits?: (state: ItemState) => boolean) => ItemSuggestion[] | undefined
  emit: Emit
  add: (
    found: RuleRef,
    message: string,
    target: FindingTarget,
    targetOrdinal: number,
    owner: ItemState | undefined,
    extra?: Extra,
  ) => void
}

/** Each area's coverage and findings, and the findings about its claims. */
function areaSection(r: Report): { areaReports: AreaCoverage[]; areaStatus: AreaCoverage['status'][] } {
  const { plan, t, index, areaClaims, itemValues, candidatesFor, emit, add } = r
  // Areas.
  const areaReports: AreaCoverage[] = []
  const areaStatus: AreaCoverage['status'][] = []
  for (const area of plan.areaList) {
    const claims = areaClaims[area.at]!
    const itemIds: number[] = []
    const verifiedItemIds: number[] = []
    const weakClaimItemIds: number[] = []
    let observedOnly = true
    let draftsOnly = true
    for (const claim of claims) {
      itemIds.push(claim.evidenceId)
      if (claim.verified) verifiedItemIds.push(claim.evidenceId)
      if (claim.words < t.minClaimWords) weakClaimItemIds.push(claim.evidenceId)
      const { item } = claim.state
      if (item.role !== 'observed') observedOnly = false
      if (item.status !== 'draft') draftsOnly = false
    }
    const status = itemIds.length === 0 ? 'not-evidenced' : verifiedItemIds.length > 0 ? 'verified' : 'claimed'
    areaStatus.push(status)
    areaReports.push({
      code: area.code,
      domainKey: area.domain.key,
      text: area.text,
      status,
      itemIds,
      verifiedItemIds,
      itemCount: itemIds.length,
      weakClaimItemIds,
    })

    const target = unfollowed<{ kind: 'area'; areaCode: string }>()
    target.kind = 'area'
    target.areaCode = area.code
    const base = area.values
    if (status === 'not-evidenced') {
      const suggestion = guidanceFor(index, area)
      const extra = { suggestion, candidates: candidatesFor(area) }
      emit('area.not-evidenced', target, area.ordinal, undefined, base, { suggestion }, undefined, extra)
    } else if (area.practiceVerb !== null && observedOnly) {
      const values = listValues(claims)
      const extra = { candidates: candidatesFor(area, notObserved) }
      emit('area.observed-only', target, area.ordinal, undefined, base, values, { verb: area.practiceVerb }, extra)
    } else if (draftsOnly) {
      const them = claims.length === 1 ? 'it' : 'them'
      emit('area.drafts-only', target, area.ordinal, undefined, base, listValues(claims), { them })
    } else if (status === 'claimed') {
      const values = { items: plural(itemIds.length, 'item'), itemCount: itemIds.length }
      const extra = { candidates: candidatesFor(area, notDraft) }
      emit('area.not-verified', target, area.ordinal, undefined, base, values, undefined, extra)
    }
    if (claims.length === 0) continue
    // The claims' messages all name the area: its placeholders are filled once, not for each claim.
    const notSubstantive = claimRule(plan, 'claim.not-substantive', area)
    const restates = claimRule(plan, 'claim.restates-area', area)
    const noOwnAction = claimRule(plan, 'claim.no-own-action', area)
    for (const claim of claims) {
      const { state } = claim
      let rule: ClaimRule | undefined
      let more: Values | undefined
      if (claim.words < t.minClaimWords) {
        rule = notSubstantive
        more = { words: claim.words, minWords: t.minClaimWords }
      } else {
        if ((claim.read & COPIES) !== 0) rule = restates
        else if ((claim.read & OWN_ACTION) === 0 && state.item.role !== 'observed') rule = noOwnAction
      }
      if (rule === undefined) continue
      add(rule.found, renderTemplate(rule.template, itemValues(state), more), target, area.ordinal, state)
    }
  }

  return { areaReports, areaStatus }
}

/** Each specific competency's items, and a finding for each without any. */
function competencySection(
  r: Report,
  framework: Framework,
  competencyItems: readonly (number[] | undefined)[],
): CompetencyCoverage[] {
  const { plan, emit } = r
  // Competencies.
  const competencyReports: CompetencyCoverage[] = []
  for (const domain of framework.domains) {
    for (const { id, text } of domain.specificCompetencies) {
      const competency = plan.competencies.get(id)!
      const itemIds = uniqueSorted(competencyItems[competency.at] ?? [])
      competencyReports.push({ id, domainKey: domain.key, itemIds })
      if (itemIds.length === 0) {
        const target: FindingTarget = { kind: 'competency', competencyId: id, domainKey: domain.key }
        const values = { competencyId: id, text, domainTitle: domain.title }
        emit('competency.not-evidenced', target, competency.ordinal, undefined, values)
      }
    }
  }

  return competencyReports
}

/** Each domain's coverage and findings. */
function domainSection(
  r: Report,
  framework: Framework,
  types: readonly string[],
  areaStatus: readonly AreaCoverage['status'][],
): DomainCoverage[] {
  const { plan, t, itemList, areaClaims, itemValues, typeLabel, emit } = r
  // Domains.
  const domainReports: DomainCoverage[] = []
  // How many of a domain's areas each item carries, by the item's position.
  const carried = new Int32Array(itemList.length)
  // How many of a domain's items are of each evidence type (by `ItemState.type`), and the types in name order.
  const typeCounts = new Int32Array(types.length)
  const typeOrder = types.map((_, at) => at).sort((a, b) => compareText(types[a]!, types[b]!))
  for (let domainIndex = 0; domainIndex < framework.domains.length; domainIndex++) {
    const domain = framework.domains[domainIndex]!
    // Items claimed in the domain, and how many of its areas each carries.
    carried.fill(0)
    let evidenced = 0
    let verified = 0
    for (const area of plan.domainAreas[domainIndex]!) {
      const status = areaStatus[area.at]
      if (status !== 'not-evidenced') evidenced++
      if (status === 'verified') verified++
      for (const claim of areaClaims[area.at]!) carried[claim.state.position]!++
    }
    const domainItems: ItemState[] = []
    typeCounts.fill(0)
    let typesUsed = 0
    for (const state of itemList) {
      if (carried[state.position] === 0) continue
      domainItems.push(state)
      if (typeCounts[state.type]!++ === 0) typesUsed++
    }
    const evidenceTypes: Record<string, number> = {}
    for (const at of typeOrder) if (typeCounts[at]! > 0) evidenceTypes[types[at]!] = typeCounts[at]!
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
    const at = plan.domainOrdinal[domainIndex]!
    const base = { domainKey: domain.key, domainTitle: domain.title }

    if (domainItems.length >= t.singleTypeMinItems && typesUsed === 1) {
      const type = domainItems[0]!.item.evidenceType
      const label = typeLabel(type)
      const suggestion = otherEvidence(domain, label)
      const values = {
        items: plural(domainItems.length, 'item'),
        itemCount: domainItems.length,
        type,
        typeLabel: label,
        suggestion,
      }
      emit('domain.single-type', target, at, undefined, base, values, undefined, { suggestion })
    }

    for (const expectation of plan.expectationsByDomain.get(domain.key) ?? []) {
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
        const values = { expectationId: spec.id, expectation: detail }
        emit('domain.expectation', target, at, undefined, base, values, undefined, { expectation })
      } else {
        for (const state of domainItems) {
          const { item } = state
          const pages = nonNegative(item.attachmentPages)
          if (pages <= spec.maxAttachmentPages) continue
          const detail = renderTemplate(expectation.message, base, itemValues(state), {
            pages,
            max: spec.maxAttachmentPages,
          })
          const values = { expectationId: spec.id, expectation: detail }
          emit('domain.expectation', target, at, state, base, values, undefined, { expectation })
        }
      }
    }

    if (evidenced >= t.concentrationMinAreas && !plan.exempt.has(`domain.concentration:${domain.key}`)) {
      for (const state of domainItems) {
        const count = carried[state.position]!
        if (count / evidenced <= t.concentrationShare) continue
        const values = { areas: count, evidenced, percent: percent(count, evidenced) }
        emit('domain.concentration', target, at, state, base, itemValues(state), values)
      }
    }
  }

  return domainReports
}

/** The findings about each item. */
function itemSection(r: Report, now: Date) {
  const { t, itemList, factsOf, itemValues, emit } = r
  // Items.
  const staleBefore = isoYearsBefore(now, t.staleYears)
  for (const state of itemList) {
    const { item } = state
    const target = unfollowed<{ kind: 'item'; evidenceId: number }>()
    target.kind = 'item'
    target.evidenceId = item.id
    const at = state.ordinal
    const claims = state.claims.length
    if (nonNegative(item.openPiiFindings) > 0)
      emit('item.pii-unresolved', target, at, state, itemValues(state), { count: item.openPiiFindings })
    if (nonNegative(item.failedConversions ?? 0) > 0)
      emit('item.conversion-failed', target, at, state, itemValues(state), { count: item.failedConversions ?? 0 })
    if (nonNegative(item.pendingConversions ?? 0) > 0)
      emit('item.conversion-pending', target, at, state, itemValues(state), { count: item.pendingConversions ?? 0 })
    if (claims === 0) emit('item.no-claims', target, at, state, itemValues(state))
    if (item.role === 'contributed' && !factsOf(state).ownPart) {
      emit('item.own-part-unclear', target, at, state, itemValues(state))
    }
    if (claims > t.overTaggingAreas)
      emit('item.over-tagged', target, at, state, itemValues(state), { areas: claims, max: t.overTaggingAreas })
    if (state.reflectionWords < t.minReflectionWords) {
      emit('item.no-reflection', target, at, state, itemValues(state), {
        words: state.reflectionWords,
        minWords: t.minReflectionWords,
      })
    }
    const date = item.activityEnd || item.activityStart
    if (staleBefore !== null && typeof date === 'string' && date < staleBefore && ISO_DATE.test(date)) {
      emit('item.stale', target, at, state, itemValues(state), { date, years: t.staleYears })
    }
  }
}

/**
 * The findings in order, counted by severity, with each item's rule ids (most severe first). An order of
 * their positions is sorted, rather than the findings themselves.
 */
function orderFindings(
  made: readonly Finding[],
  sortKeys: readonly number[],
  sortExpectations: readonly number[],
  sortEvidenceIds: readonly number[],
  owners: readonly (ItemState | undefined)[],
): { findings: Finding[]; blockers: number; warnings: number; advice: number } {
  const order = new Uint32Array(made.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  const compareFindings = (a: number, b: number) =>
    sortKeys[a]! - sortKeys[b]! ||
    sortExpectations[a]! - sortExpectations[b]! ||
    sortEvidenceIds[a]! - sortEvidenceIds[b]! ||
    compareText(made[a]!.message, made[b]!.message) ||
    a - b
  sortOrder(order, sortKeys, compareFindings)
  const findings: Finding[] = []
  let blockers = 0
  let warnings = 0
  let advice = 0
  for (let i = 0; i < order.length; i++) {
    const finding = made[order[i]!]!
    findings.push(finding)
    if (finding.severity === 'blocker') blockers++
    else if (finding.severity === 'warning') warnings++
    else advice++
    // Rule ids per item, most severe first.
    const list = owners[order[i]!]?.ruleIds
    if (list !== undefined && !list.includes(finding.ruleId)) list.push(finding.ruleId)
  }

  return { findings, blockers, warnings, advice }
}

/**
 * The items in id order, each with its state, and their evidence types numbered. Ids are unique in a
 * portfolio; should one repeat, the first in id order is kept.
 */
function collectItems(
  items: readonly CoverageItem[],
  plan: Plan,
): { states: Map<number, ItemState>; itemList: ItemState[]; types: string[] } {
  // Portfolios usually come in id order already: then there is nothing to sort.
  const sorted = ascendingIds(items) ? items : [...items].sort((a, b) => a.id - b.id)
  const states = new Map<number, ItemState>()
  const itemList: ItemState[] = []
  const types: string[] = []
  const typeAt = new Map<string, number>()
  for (const item of sorted) {
    if (states.has(item.id)) continue
    let type = typeAt.get(item.evidenceType)
    if (type === undefined) typeAt.set(item.evidenceType, (type = types.push(item.evidenceType) - 1))
    const state: ItemState = {
      item,
      position: itemList.length,
      ordinal: plan.targets + itemList.length,
      type,
      claims: [],
      textPages: 0,
      reflectionWords: 0,
      ruleIds: [],
      values: undefined,
      facts: undefined,
    }
    states.set(item.id, state)
    itemList.push(state)
  }
  return { states, itemList, types }
}

/**
 * Each claim of a known area by a known item into its item's claims, once per (item, area), and the item ids
 * into `competencyItems` per specific competency (by `CompetencyRef.at`), as claimed (repeats included):
 * sorted and made unique later. Returns how many claims counted.
 */
function mergeClaims(
  claims: readonly CoverageClaim[],
  plan: Plan,
  states: ReadonlyMap<number, ItemState>,
  competencyItems: (number[] | undefined)[],
): number {
  let claimCount = 0
  for (const claim of claims) {
    const area = plan.areas.get(claim.areaCode)
    const state = states.get(claim.evidenceId)
    if (area === undefined || state === undefined) continue
    const statement = typeof claim.statement === 'string' ? claim.statement : ''
    const words = wordsOfStatement(statement)
    const verified = claim.verified === true
    const list = state.claims
    let existing: MergedClaim | undefined
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.area === area) {
        existing = list[i]
        break
      }
    }
    if (existing === undefined) {
      // Kept in framework order: inserted in place, as the list is short.
      const merged: MergedClaim = { evidenceId: claim.evidenceId, state, area, statement, words, verified, read: 0 }
      let at = list.length
      list.push(merged)
      for (; at > 0 && list[at - 1]!.area.at > area.at; at--) list[at] = list[at - 1]!
      list[at] = merged
      claimCount++
    } else {
      existing.verified ||= verified
      if (words > existing.words || (words === existing.words && statement < existing.statement)) {
        existing.statement = statement
        existing.words = words
      }
    }
    const ids = claim.competencyIds
    if (ids === undefined) continue
    for (let i = 0; i < ids.length; i++) {
      const competency = plan.competencies.get(ids[i]!)
      if (competency === undefined) continue
      const list = (competencyItems[competency.at] ??= [])
      list.push(claim.evidenceId)
    }
  }
  return claimCount
}

/**
 * The claims by area (by `AreaRef.at`), in item id order; each item's text pages and reflection, and what each
 * of its claims long enough to count says; the portfolio's estimated text and attachment pages.
 */
function layOut(
  itemList: readonly ItemState[],
  plan: Plan,
  t: CoverageRules['thresholds'],
  factsOf: (state: ItemState) => ItemFacts,
): { areaClaims: MergedClaim[][]; textTotal: number; attachmentTotal: number } {
  const areaClaims: MergedClaim[][] = plan.areaList.map(() => [])
  const wordsPerPage = Math.max(1, t.wordsPerPage)
  let textTotal = 0
  let attachmentTotal = 0
  for (const state of itemList) {
    const { item, claims } = state
    let claimWords = 0
    for (let slot = 0; slot < claims.length; slot++) {
      const claim = claims[slot]!
      claimWords += claim.words
      areaClaims[claim.area.at]!.push(claim)
      // Read here, item by item, rather than area by area later, where each claim is another item's.
      if (!(claim.words < t.minClaimWords)) claim.read = factsOf(state).claims[slot]!
    }
    const description = nonNegative(item.descriptionWords)
    const reflection = nonNegative(item.reflectionWords)
    state.textPages = Math.ceil((description + reflection + claimWords) / wordsPerPage)
    state.reflectionWords = reflection + (plan.reflectionTypes.has(item.evidenceType) ? description : 0)
    textTotal += state.textPages
    attachmentTotal += nonNegative(item.attachmentPages)
  }
  return { areaClaims, textTotal, attachmentTotal }
}

/**
 * An empty object, for a finding or target whose properties are then added in order. Written as one literal
 * with its properties, V8 would follow where it is made, and finding most of a report's findings still alive
 * whenever it collects garbage in the middle of a report, would start making them in the old generation: there
 * each report's findings, and the messages they point to, wait for a full collection, and every collection of
 * the young generation has to look through them. An empty literal is not followed.
 */
function unfollowed<T>(): T {
  return {} as T
}

/** How many items a finding names before it counts the rest. */
const NAMED_ITEMS = 5

/** The placeholder values naming the items of an area's claims. */
function listValues(claims: readonly MergedClaim[]): Values {
  return {
    items: plural(claims.length, 'item'),
    itemCount: claims.length,
    itemList: joinFirst(
      claims.slice(0, NAMED_ITEMS).map(({ state }) => `#${state.item.id} “${state.item.title}”`),
      claims.length,
      NAMED_ITEMS,
    ),
  }
}

/** Whether the items are in ascending order of id already. */
function ascendingIds(items: readonly CoverageItem[]): boolean {
  for (let i = 1; i < items.length; i++) if (!(items[i - 1]!.id <= items[i]!.id)) return false
  return true
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

/** Whether what was read is about exactly these claims' areas (both in framework order). */
function sameAreas(read: readonly number[], claims: readonly MergedClaim[]): boolean {
  if (read.length !== claims.length) return false
  for (let i = 0; i < claims.length; i++) if (read[i] !== claims[i]!.area.at) return false
  return true
}

/** Whether an item's match to an area (its score and the item's id) ranks before another's: the higher score, then the lower id. */
function ranksBefore(score: number, id: number, b: { state: ItemState; match: AreaMatch }): boolean {
  return score > b.match.score || (score === b.match.score && id < b.state.item.id)
}

/** The numbers (never NaN) in ascending order, each once: the list given, changed. */
function uniqueSorted(list: number[]): number[] {
  let ascending = true
  for (let i = 1; i < list.length && ascending; i++) ascending = list[i - 1]! <= list[i]!
  let sorted: ArrayLike<number> = list
  if (!ascending && list.length <= 64) {
    // Short lists (the usual) by insertion, in place.
    for (let i = 1; i < list.length; i++) {
      const n = list[i]!
      let at = i
      for (; at > 0 && list[at - 1]! > n; at--) list[at] = list[at - 1]!
      list[at] = n
    }
  } else if (!ascending) {
    // A typed array sorts numbers natively, with no comparator called for each pair.
    sorted = new Float64Array(list).sort()
  }
  let kept = 0
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) list[kept++] = sorted[i]!
  list.length = kept
  return list
}

/**
 * Sorts `order` (the positions 0…n-1) by `keys`, non-negative integers, then by `compare` among positions of
 * equal key. Keys mostly differ, so the positions are first sorted natively by key, each packed with its
 * position into one number (no comparator called), and only runs of equal key are sorted again by `compare`.
 */
function sortOrder(order: Uint32Array, keys: readonly number[], compare: (a: number, b: number) => number) {
  const n = order.length
  let most = 0
  for (const key of keys) if (key > most) most = key
  if ((most + 1) * n > Number.MAX_SAFE_INTEGER) {
    order.sort(compare)
    return
  }
  const packed = new Float64Array(n)
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * n + i
  packed.sort()
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n
  for (let start = 0; start < n;) {
    let end = start + 1
    while (end < n && keys[order[end]!] === keys[order[start]!]) end++
    if (end - start > 1) order.subarray(start, end).sort(compare)
    start = end
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
