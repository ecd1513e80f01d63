export { computeCoverage } from '~/coverage/engine'
export { countWords } from '~/coverage/text'
export type * from '~/coverage/types'
export {
  DEFAULT_COVERAGE_RULES,
  parseCoverageRules,
  safeParseCoverageRules,
  type CoverageRules,
} from '../../competences/coverage-rules'
