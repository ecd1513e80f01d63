/**
 * After `remix vite:build`: writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every script, stylesheet and
 * other text asset of the browser build, at the highest levels, once. The server sends them to browsers that
 * accept them (`precompressedAssets` in app/server/static.ts) instead of compressing the same bytes again on
 * every request at a level fast enough to do so.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { COMPRESSIBLE } from '~/server/static'

const dir = path.resolve(import.meta.dirname, '../../build/client/assets')
let files = 0
let before = 0
let after = 0
for (const name of readdirSync(dir)) {
  const file = path.join(dir, name)
  if (!COMPRESSIBLE.test(name) || !statSync(file).isFile()) continue
  const bytes = readFileSync(file)
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  })
  writeFileSync(`${file}.br`, br)
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }))
  files += 1
  before += bytes.length
  after += br.length
}
console.log(
  `precompressed ${files} assets: ${before.toLocaleString('en-GB')} bytes, ${after.toLocaleString('en-GB')} as Brotli`,
)
