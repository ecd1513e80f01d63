/**
 * The routes as app/routes defines them (Remix flat-file convention), so test lists that must cover every route
 * (the action fuzzer, the access matrix) are checked against the files rather than kept by hand.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'

export const routesDir = path.resolve(import.meta.dirname, '../../app/routes')

export interface RouteFile {
  /** e.g. `submissions.$id_.summary[.]pdf.tsx` */
  file: string
  /** Absolute path, for `import()`. */
  path: string
  /** The URL it serves with each parameter as `:`, e.g. `/submissions/:/summary.pdf`. */
  pattern: string
}

/** `evidence.$id_.edit.tsx` → `/evidence/:/edit`: dots separate segments (`[.]` is a literal dot), `$x` is a parameter,
 * `_index` is the folder's index, a trailing `_` only opts out of the parent's layout, a leading `_` adds no segment. */
export function urlPatternOf(file: string): string {
  const name = file.replace(/\.tsx?$/, '')
  const segments = name
    .split(/\.(?![^[]*\])/)
    .map((segment) => segment.replace(/\[\.\]/g, '.'))
    .filter((segment) => segment !== '_index' && !segment.startsWith('_'))
    .map((segment) => segment.replace(/_$/, ''))
    .map((segment) => (segment.startsWith('$') ? ':' : segment))
  return `/${segments.join('/')}`
}

/** `/submissions/{S}/sharing` or `/evidence/42` → `/submissions/:/sharing`, `/evidence/:` for comparing with patterns. */
export function patternOfUrl(url: string): string {
  return url
    .split('?')[0]!
    .split('/')
    .map((segment) => (/^\{.+\}$/.test(segment) || /^\d+$/.test(segment) || segment === 'x' ? ':' : segment))
    .join('/')
}

export function routeFiles(): RouteFile[] {
  return readdirSync(routesDir)
    .filter((file) => /\.tsx?$/.test(file))
    .sort()
    .map((file) => ({ file, path: path.join(routesDir, file), pattern: urlPatternOf(file) }))
}
