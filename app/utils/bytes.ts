// The app's one byte formatter. Pure: no imports.

const trim = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 })

/**
 * A size for people: "130 bytes", "250 KB", "2.4 MB", "25 MB". Kilobytes are whole and rounded up, so a
 * small file never reads as "0 KB"; megabytes keep one decimal where it is not zero.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024).toLocaleString('en-GB')} KB`
  return `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`
}
