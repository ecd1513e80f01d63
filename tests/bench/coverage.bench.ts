import { bench, describe } from 'vitest'
import { computeCoverage } from '../../app/coverage/engine'
import { analyseItem, areaIndex, rankAreas } from '../../app/coverage/relevance'
import { DEFAULT_THESAURUS } from '../../competences/thesaurus'
import { defaultFramework as framework } from '../../competences/index'
import { portfolio, TEXT } from './coverage-portfolio'

const large = portfolio(1_000, 5_000, 20250601)
const index = areaIndex(framework, DEFAULT_THESAURUS)
/** A 1,000-word item, as the evidence form ranks areas for it on each keystroke. */
const longItem = {
  title: 'Linac output calibration',
  description: Array.from({ length: 1_000 }, (_, i) => TEXT[(i * 7) % TEXT.length]).join(' '),
}
const typical = portfolio(60, 150, 42)

// Enough warm-up for the optimising compiler to settle, so the mean is the steady state.
const options = { time: 2_000, warmupTime: 500, warmupIterations: 50 }

describe('coverage engine', () => {
  bench(
    'computeCoverage 1,000 items, 5,000 claims',
    () => {
      computeCoverage(large)
    },
    options,
  )

  bench(
    'suggested areas for a 1,000-word item (one keystroke)',
    () => {
      rankAreas(index, analyseItem(index, longItem), { limit: 5 })
    },
    options,
  )

  bench(
    'computeCoverage 60 items, 150 claims',
    () => {
      computeCoverage(typical)
    },
    options,
  )
})
