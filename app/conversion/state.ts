/**
 * What the trainee is told about an Office file's conversion to PDF. Pure:
 * the queue row, whether the server has a converter, and the time in; a
 * state and its words out.
 */
export type ConversionView =
  | { kind: 'queued'; text: string; ahead: number }
  | { kind: 'converting'; text: string; attempt: number; maxAttempts: number; seconds: number }
  | { kind: 'ready'; text: string; pages: number }
  | { kind: 'failed'; text: string; reason: string }
  | { kind: 'unavailable'; text: string }

export const NO_CONVERTER = 'Not converted: the server has no document converter.'

export function conversionView(
  row:
    | {
        status: 'queued' | 'converting' | 'ready' | 'failed'
        attempts: number
        startedAt: string | null
        pageCount: number | null
        error: string | null
      }
    | undefined,
  { available, ahead, maxAttempts, now }: { available: boolean; ahead: number; maxAttempts: number; now: Date },
): ConversionView {
  if (row?.status === 'ready' && row.pageCount !== null) {
    return {
      kind: 'ready',
      pages: row.pageCount,
      text: `Ready: converted to PDF, ${row.pageCount} ${row.pageCount === 1 ? 'page' : 'pages'}.`,
    }
  }
  if (row?.status === 'failed') {
    const reason = row.error ?? 'The conversion failed.'
    return { kind: 'failed', reason, text: `Conversion to PDF failed: ${reason}` }
  }
  if (!available || !row) return { kind: 'unavailable', text: NO_CONVERTER }
  if (row.status === 'converting') {
    const seconds = row.startedAt ? Math.max(0, Math.round((now.getTime() - Date.parse(row.startedAt)) / 1000)) : 0
    const attempt = Math.max(1, row.attempts)
    return {
      kind: 'converting',
      attempt,
      maxAttempts,
      seconds,
      text: `Converting to PDF… started ${seconds} s ago${attempt > 1 ? ` (attempt ${attempt} of ${maxAttempts})` : ''}.`,
    }
  }
  const retrying =
    row.attempts > 0 && row.error ? ` The last attempt failed (${row.error}); it will be tried again.` : ''
  return {
    kind: 'queued',
    ahead,
    text: `Waiting to be converted to PDF${ahead > 0 ? ` (${ahead} ${ahead === 1 ? 'file' : 'files'} ahead)` : ''}.${retrying}`,
  }
}
