import type { AppLoadContext } from '@remix-run/node'
import { conversionsOf, queuePosition } from '~/models/conversions.server'
import { converterStatus } from '~/conversion/availability.server'
import { isConvertible } from '~/conversion/convertible'
import { conversionView, type ConversionView } from '~/conversion/state'

/** The conversion state of each Office file among these attachments, by attachment id. */
export function conversionViews(
  context: AppLoadContext,
  attachments: readonly { id: number; sha256: string; mediaType: string }[],
): Record<number, ConversionView> {
  const office = attachments.filter((a) => isConvertible(a.mediaType))
  const rows = conversionsOf(
    context.db,
    office.map((a) => a.sha256),
  )
  const { available } = converterStatus(context.env)
  const views: Record<number, ConversionView> = {}
  for (const a of office) {
    const row = rows.get(a.sha256)
    views[a.id] = conversionView(row, {
      available,
      ahead: row?.status === 'queued' ? queuePosition(context.db, row) : 0,
      maxAttempts: context.env.conversion.maxAttempts,
      now: context.now(),
    })
  }
  return views
}
