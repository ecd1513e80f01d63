export { computeCoverage } from './engine'
export { countWords } from './text'
export type * from './types'
export {
  DEFAULT_COVERAGE_RULES,
  parseCoverageRules,
  safeParseCoverageRules,
  type CoverageRules,
} from '../../competences/coverage-rules'
