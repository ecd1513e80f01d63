/**
 * Validates framework files: `npm run framework:check -- FILE [FILE…]`.
 * With no file, checks the frameworks this installation ships.
 */
import { readFileSync } from 'node:fs'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { parseFramework } from './schema'

const here = import.meta.dirname
const files = process.argv.slice(2)
const targets =
  files.length > 0
    ? files
    : readdirSync(here)
        .filter((f) => /^ipem-.*\.json$/.test(f))
        .map((f) => path.join(here, f))

let failed = 0
for (const file of targets) {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    failed++
    console.error(`✗ ${file}: ${error instanceof Error ? error.message : String(error)}`)
    continue
  }
  const result = parseFramework(data)
  if (result.ok) {
    const { framework } = result
    const areas = framework.domains.reduce((n, d) => n + d.areas.length, 0)
    const specifics = framework.domains.reduce((n, d) => n + d.specificCompetencies.length, 0)
    console.log(
      `✓ ${file}: ${framework.id} ${framework.version} — ${framework.domains.length} domains, ${areas} areas of competence, ${specifics} specific competencies`,
    )
  } else {
    failed++
    console.error(`✗ ${file}:`)
    for (const error of result.errors) console.error(`  ${error}`)
  }
}
process.exit(failed > 0 ? 1 : 0)
