import type { Env } from '~/utils/env.server'
import { findCommand } from '~/conversion/soffice.server'

export interface ConverterStatus {
  available: boolean
  /** The program found, when available. */
  command: string | null
}

let cached: { at: number; status: ConverterStatus; command: string } | undefined
/** Whether the configured converter can be run (looked up at most once a minute). */
export function converterStatus(env: Pick<Env, 'conversion'>): ConverterStatus {
  const now = Date.now()
  if (!cached || cached.command !== env.conversion.command || now - cached.at > 60_000) {
    const found = findCommand(env.conversion.command)
    cached = { at: now, command: env.conversion.command, status: { available: found !== null, command: found } }
  }
  return cached.status
}

/** Whether this server can convert documents, by its own environment's `CONVERT_COMMAND`. */
export function converterAvailable(): boolean {
  return converterStatus({ conversion: { command: process.env.CONVERT_COMMAND || 'soffice' } } as Pick<
    Env,
    'conversion'
  >).available
}
