/**
 * What an assessor reads in a claim sentence or a description: whether it says,
 * in the first person, what the trainee did; whether it says what that showed;
 * and whether it only copies the area's own words back. Pure, word lists in.
 */
import { words } from '~/coverage/relevance'

export interface ClaimTextLists {
  /** Words after "I" that say nothing about what was done ("helped", "was involved", "contributed to"). */
  vaguePhrases: readonly string[]
}

const I_VERB =
  /(?:^|[^\p{L}\p{N}'’])I\s+(?:(?:also|then|first|later|personally|myself|independently|subsequently|now|jointly)\s+)?([a-z][a-z'’-]*(?:\s+[a-z]+)?)/gu
const MY_PART =
  /\bmy\s+(?:own\s+)?(?:part|role|contribution|task|tasks|responsibility|responsibilities|share)\b\s*(?:\*\*)?\s*(?:was|were|is|included|covered|:)/i
const RESPONSIBLE = /\bI\s+was\s+(?:responsible|in charge|the one)\b/

/**
 * Whether the text says in the first person what the writer did: a sentence
 * with "I" and a verb of doing ("I measured…", "I wrote…"), "I was responsible
 * for…", or "my part/role/contribution was…". "I helped", "I was involved",
 * "I observed" and the like do not count.
 */
export function namesOwnAction(text: string, lists: ClaimTextLists): boolean {
  if (MY_PART.test(text) || RESPONSIBLE.test(text)) return true
  for (const match of text.matchAll(I_VERB)) {
    // The verb and the word after it: "contributed to" is vague, "contributed beam data" is not.
    const [verb = '', next = ''] = match[1]!.toLowerCase().split(/\s+/)
    if (verb.length < 2 || /['’]/.test(verb)) continue
    const vague = lists.vaguePhrases.some((phrase) => {
      const [first, second] = phrase.split(' ')
      return first === verb && (second === undefined || second === next)
    })
    if (!vague) return true
  }
  return false
}

/**
 * Whether a claim mostly repeats the area's text: at least `share` of its
 * distinct content words (stemmed, stop words left out) are the area's, and at
 * most `maxOwn` are not. "I understand the principles of quality assurance and
 * quality control" copies Tech5 back; "I set the tolerances of our QA programme
 * from the audit's results" does not.
 */
export function copiesArea(
  statement: string,
  areaText: string,
  stop: ReadonlySet<string>,
  share: number,
  maxOwn: number,
): boolean {
  const own = new Set(words(statement, stop).map((w) => w.stem))
  if (own.size === 0) return false
  const area = new Set(words(areaText, stop).map((w) => w.stem))
  let shared = 0
  for (const stem of own) if (area.has(stem)) shared++
  return shared / own.size >= share && own.size - shared <= maxOwn
}
