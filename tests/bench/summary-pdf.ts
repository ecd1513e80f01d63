/**
 * How long the summary PDF takes to make, for generated portfolios of a few
 * sizes. With `--against <commit>`, the renderer of that commit is taken
 * from git (into data/bench-pdf/) and timed in the same run on the same
 * snapshots, so the two figures are comparable:
 *
 *   npm run bench:pdf -- --items 40,120 --runs 5 --against 052572f
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { renderSummaryPdf, type ReadStoredFile } from '../../app/submission/pdf.server'
import type { PortfolioSnapshot } from '../../app/submission/snapshot'
import { root } from './lib'
import { generatedSnapshot } from './summary-pdf-snapshot'

type Render = (snapshot: PortfolioSnapshot, hash: string, readFile: ReadStoredFile) => Promise<{ pages: number }>

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '40,120' },
    runs: { type: 'string', default: '5' },
    against: { type: 'string' },
  },
})
const sizes = values.items.split(',').map(Number)
const runs = Number(values.runs)

async function oldRenderer(commit: string): Promise<Render> {
  const dir = path.join(root, 'data', 'bench-pdf', commit)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('sh', ['-c', `git archive ${commit} app competences db | tar -x -C ${dir}`], { cwd: root })
  const module = (await import(pathToFileURL(path.join(dir, 'app/submission/pdf.server.ts')).href)) as {
    renderSummaryPdf: Render
  }
  return module.renderSummaryPdf
}

async function time(
  render: Render,
  snapshot: PortfolioSnapshot,
  readFile: ReadStoredFile,
): Promise<{ median: number; pages: number }> {
  const times: number[] = []
  let pages = 0
  await render(snapshot, 'ab'.repeat(32), readFile) // warm-up
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    pages = (await render(snapshot, 'ab'.repeat(32), readFile)).pages
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)]!, pages }
}

const old = values.against ? await oldRenderer(values.against) : null
console.log(
  `| items | Typst: pages | Typst: median ms |${old ? ` ${values.against}: pages | ${values.against}: median ms | ratio |` : ''}`,
)
for (const items of sizes) {
  const { snapshot, files } = await generatedSnapshot({ items })
  const readFile: ReadStoredFile = async (sha) => files.get(sha) ?? null
  const now = await time(renderSummaryPdf, snapshot, readFile)
  let line = `| ${items} | ${now.pages} | ${now.median.toFixed(0)} |`
  if (old) {
    const before = await time(old, snapshot, readFile)
    line += ` ${before.pages} | ${before.median.toFixed(0)} | ${(now.median / before.median).toFixed(1)}× |`
  }
  console.log(line)
}
