/**
 * The patient-identifier guard runs in the browser on every keystroke in a
 * description or reflection. Its cost beside the live word count the same
 * field already computes on every keystroke:
 *
 *   npx vitest bench --run tests/bench/pii.bench.ts
 */
import { bench, describe } from 'vitest'
import { wordCount } from '../../app/evidence/form'
import { scanText } from '../../app/privacy/pii'
import labelled from '../fixtures/pii-labelled.json'

/** Every sentence of the labelled set as one long field, identifiers and all. */
const field = labelled.sentences.map((s) => s.text).join(' ')

describe(`one keystroke in a ${wordCount(field)}-word field (${field.length} characters)`, () => {
  bench('word count', () => {
    wordCount(field)
  })
  bench('patient-identifier scan', () => {
    scanText(field)
  })
})
