import ipemMpce from './ipem-mpce.json'
import { parseFramework, type Framework } from './schema'

export * from './schema'

function load(name: string, data: unknown): Framework {
  const result = parseFramework(data)
  if (!result.ok) {
    throw new Error(`Framework ${name} is invalid:\n  ${result.errors.join('\n  ')}`)
  }
  return result.framework
}

/** Every framework this installation offers, newest first. */
export const frameworks: readonly Framework[] = [load('ipem-mpce.json', ipemMpce)]

/** The framework new portfolios are started against. */
export const defaultFramework: Framework = frameworks[0]!
