/**
 * How well the suggested areas match what an assessor would accept, on the
 * labelled set in competences/suggestions-labelled.json: precision at 3 (of
 * the first three areas suggested, the share an assessor would accept) and
 * recall at 5 (of the areas an assessor would accept, the share among the first
 * five suggested), each averaged over the items.
 *
 *   npx tsx tests/bench/suggestions.ts [--verbose]
 */
import path from 'node:path'
import labelled from '../../competences/suggestions-labelled.json'
import { defaultFramework } from '../../competences/index'
import { DEFAULT_THESAURUS } from '../../competences/thesaurus'
import { analyseItem, areaIndex, rankAreas } from '../../app/coverage/relevance'

export interface Evaluation {
  items: number
  precisionAt3: number
  recallAt5: number
  perItem: { title: string; suggested: string[]; accept: string[]; precision: number; recall: number }[]
}

export function evaluateSuggestions(): Evaluation {
  const index = areaIndex(defaultFramework, DEFAULT_THESAURUS)
  const perItem = labelled.items.map((item) => {
    const suggested = rankAreas(index, analyseItem(index, { title: item.title, description: item.description }), {
      limit: 5,
    }).map((m) => m.code)
    const accept = new Set(item.accept)
    const top3 = suggested.slice(0, 3)
    return {
      title: item.title,
      suggested,
      accept: item.accept,
      precision: top3.filter((c) => accept.has(c)).length / 3,
      recall: suggested.filter((c) => accept.has(c)).length / accept.size,
    }
  })
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  return {
    items: perItem.length,
    precisionAt3: mean(perItem.map((p) => p.precision)),
    recallAt5: mean(perItem.map((p) => p.recall)),
    perItem,
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const result = evaluateSuggestions()
  if (process.argv.includes('--verbose')) {
    for (const p of result.perItem)
      console.log(
        `${p.precision.toFixed(2)} ${p.recall.toFixed(2)}  ${p.title}\n    suggested ${p.suggested.join(' ')}\n    accepted  ${p.accept.join(' ')}`,
      )
  }
  console.log(
    `${result.items} labelled items: precision@3 ${result.precisionAt3.toFixed(2)}, recall@5 ${result.recallAt5.toFixed(2)}`,
  )
}
