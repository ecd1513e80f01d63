import type { Framework } from '../../competences/schema'
import { defaultFramework } from '../../competences/index'

/** A deep copy of the shipped framework, to break in one place per test. */
export function cloneFramework(): Framework {
  return structuredClone(defaultFramework)
}
