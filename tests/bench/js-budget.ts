/**
 * How much JavaScript a browser downloads for a page, gzipped, read from the
 * production build's asset manifest: the entry module, the root route and the
 * page's route module, with every chunk they import, each counted once.
 *
 *   npm run build && npm run bench:js [-- routes/coverage routes/evidence._index …]
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = path.resolve(import.meta.dirname, '../..')
const BUDGET_KB = 120

interface AssetEntry {
  module: string
  imports?: string[]
}
interface Manifest {
  entry: AssetEntry
  routes: Record<string, AssetEntry>
}

export async function readManifest(): Promise<Manifest> {
  const build = (await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as { assets: Manifest }
  return build.assets
}

/** The gzipped bytes of every script the page needs, each file once. */
export function pageScripts(manifest: Manifest, routeId: string) {
  const route = manifest.routes[routeId]
  const rootRoute = manifest.routes.root
  if (!route || !rootRoute) throw new Error(`No route ${routeId} in the build`)
  const files = new Set<string>()
  for (const entry of [manifest.entry, rootRoute, route]) {
    files.add(entry.module)
    for (const i of entry.imports ?? []) files.add(i)
  }
  let raw = 0
  let gzip = 0
  for (const url of files) {
    const bytes = readFileSync(path.join(root, 'build/client', url))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  return { files: files.size, raw, gzip }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const manifest = await readManifest()
  const routes =
    process.argv.slice(2).length > 0
      ? process.argv.slice(2)
      : ['routes/coverage', 'routes/evidence.new', 'routes/framework._index']
  let over = false
  for (const id of routes) {
    const { files, raw, gzip } = pageScripts(manifest, id)
    const kb = gzip / 1024
    over ||= id === 'routes/coverage' && kb > BUDGET_KB
    console.log(
      `${id.padEnd(28)} ${String(files).padStart(3)} files  ${(raw / 1024).toFixed(1).padStart(7)} KB raw  ${kb.toFixed(1).padStart(6)} KB gzipped`,
    )
  }
  console.log(`Budget for routes/coverage: ${BUDGET_KB} KB gzipped — ${over ? 'OVER' : 'within'}`)
  process.exit(over ? 1 : 0)
}
