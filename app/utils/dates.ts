// The app's date formats, in one place. Every format is the UTC day or minute, so a page reads the same
// wherever it is rendered (server or browser) and whatever the reader's time zone. Pure: no imports.

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const MINUTE = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
})

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar date ("2026-03-01", as its UTC midnight) or an ISO timestamp; null when it is neither. */
function toDate(iso: string): Date | null {
  const date = new Date(CALENDAR_DATE.test(iso) ? `${iso}T00:00:00Z` : iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** "1 March 2026"; text that is not a date is returned as it is. */
export function formatDay(iso: string): string {
  const date = toDate(iso)
  return date ? DAY.format(date) : iso
}

/** "1 Mar 2026", for tables and lists; text that is not a date is returned as it is. */
export function formatShortDay(iso: string): string {
  const date = toDate(iso)
  return date ? SHORT_DAY.format(date) : iso
}

/** "1 March 2026 at 09:05 UTC": an instant to the minute. */
export function formatDateTime(iso: string): string {
  const date = toDate(iso)
  return date ? `${DAY.format(date)} at ${MINUTE.format(date)} UTC` : iso
}

/** "1 Mar 2026, 09:05 UTC": an instant to the minute, for tables, lists and threads. */
export function formatShortDateTime(iso: string): string {
  const date = toDate(iso)
  return date ? `${SHORT_DAY.format(date)}, ${MINUTE.format(date)} UTC` : iso
}
