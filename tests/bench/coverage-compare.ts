/**
 * `npx tsx tests/bench/coverage-compare.ts --baseline REV [--baseline REV…] [--rounds N] [--iterations M]`
 *
 * The coverage engine of this working tree against the engine of earlier commits, in one process on the same
 * portfolio as `coverage.bench.ts` (1,000 items, 5,000 claims). Each baseline's `app/coverage` and `competences`
 * are copied out of git into a temporary directory (removed at the end) and loaded from there with that commit's
 * framework and rules. The engines then take turns: every round runs each of them M times, in an order that
 * rotates from round to round, so a change in the machine's load falls on all of them alike. The figures to quote
 * are the ratios, which one run measures under one load.
 *
 * Beside the wall-clock times it reports the process's CPU time per call (all its threads, so garbage collection
 * counts): on a machine busy with other work the wall clock mostly measures waiting for a core, while CPU time
 * stays close to what the call costs on a quiet one.
 *
 * It also says whether each baseline's report is identical to this tree's (JSON), which it should be for a change
 * meant only to make the engine faster.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { computeCoverage } from '../../app/coverage/engine'
import type { CoverageInput, CoverageReport } from '../../app/coverage/types'
import { portfolio } from './coverage-portfolio'
import { intOption, root } from './lib'

interface Engine {
  label: string
  input: CoverageInput
  run: (input: CoverageInput) => CoverageReport
  samples: number[]
  cpu: number[]
}

/** Modules outside app/coverage that the engine imports (`formatYears`, since the experience record). */
const ENGINE_IMPORTS = ['app/record/experience.ts']

function inCommit(commit: string, file: string): boolean {
  return execFileSync('git', ['ls-tree', '--name-only', commit, file], { cwd: root, encoding: 'utf8' }).trim() !== ''
}

/** Copies a commit's engine and data out of git, with `~/` imports made relative, and loads it. */
async function loadBaseline(rev: string, into: string): Promise<Engine> {
  const commit = execFileSync('git', ['rev-parse', '--short', `${rev}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim()
  const dir = path.join(into, commit)
  mkdirSync(dir, { recursive: true })
  // The engine, its data, and the app modules it imports from outside app/coverage (in the commits that have them).
  const paths = ['app/coverage', 'competences', ...ENGINE_IMPORTS.filter((file) => inCommit(commit, file))]
  const tar = execFileSync('git', ['archive', commit, ...paths], { cwd: root })
  execFileSync('tar', ['-x', '-C', dir], { input: tar })
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  const appDir = path.join(dir, 'app')
  const files = [
    ...readdirSync(path.join(appDir, 'coverage')).map((name) => path.join(appDir, 'coverage', name)),
    ...paths.filter((file) => file.startsWith('app/') && file.endsWith('.ts')).map((file) => path.join(dir, file)),
  ]
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    const relative = path.relative(path.dirname(file), appDir) || '.'
    writeFileSync(file, source.replaceAll(`from '~/`, `from '${relative}/`))
  }
  const load = (file: string) => import(pathToFileURL(path.join(dir, file)).href)
  const engine = (await load('app/coverage/engine.ts')) as typeof import('../../app/coverage/engine')
  const competences = (await load('competences/index.ts')) as typeof import('../../competences/index')
  const rules = (await load('competences/coverage-rules.ts')) as typeof import('../../competences/coverage-rules')
  return {
    label: `${commit} (baseline)`,
    input: {
      ...portfolio(1_000, 5_000, 20250601),
      framework: competences.defaultFramework,
      rules: rules.DEFAULT_COVERAGE_RULES,
    },
    run: engine.computeCoverage,
    samples: [],
    cpu: [],
  }
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
  return { min: sorted[0]!, median: at(0.5), mean: samples.reduce((s, v) => s + v, 0) / samples.length, p90: at(0.9) }
}

async function main() {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string', multiple: true },
      rounds: { type: 'string' },
      iterations: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help || !values.baseline?.length) {
    console.log(readFileSync(import.meta.filename, 'utf8').split('*/')[0])
    return
  }
  const rounds = intOption('rounds', values.rounds, 30, 1, 10_000)
  const iterations = intOption('iterations', values.iterations, 10, 1, 10_000)
  const temp = mkdtempSync(path.join(os.tmpdir(), 'attain-coverage-baseline-'))
  try {
    const engines: Engine[] = [
      { label: 'this tree', input: portfolio(1_000, 5_000, 20250601), run: computeCoverage, samples: [], cpu: [] },
    ]
    for (const rev of values.baseline) engines.push(await loadBaseline(rev, temp))

    const reference = JSON.stringify(engines[0]!.run(engines[0]!.input))
    const same = engines.map((e) => JSON.stringify(e.run(e.input)) === reference)
    // Warm-up: enough calls for the optimising compiler to settle and each engine's memo to fill.
    for (const engine of engines) for (let i = 0; i < 50; i++) engine.run(engine.input)

    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < engines.length; k++) {
        const engine = engines[(round + k) % engines.length]!
        for (let i = 0; i < iterations; i++) {
          const cpu = process.cpuUsage()
          const start = performance.now()
          engine.run(engine.input)
          engine.samples.push(performance.now() - start)
          const used = process.cpuUsage(cpu)
          engine.cpu.push((used.user + used.system) / 1000)
        }
      }
    }

    const ms = (n: number) => n.toFixed(2).padStart(8)
    const base = summarise(engines[0]!.samples)
    console.log(
      `computeCoverage, 1,000 items / 5,000 claims; ${rounds} rounds × ${iterations} calls each; milliseconds; ` +
        `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores\n`,
    )
    console.log(
      `${''.padEnd(22)}${'min'.padStart(8)}${'median'.padStart(8)}${'mean'.padStart(8)}${'p90'.padStart(8)}` +
        `${'cpu med'.padStart(9)}${'cpu mean'.padStart(9)}   median ÷ this tree's   report as this tree's`,
    )
    engines.forEach((engine, i) => {
      const s = summarise(engine.samples)
      const c = summarise(engine.cpu)
      console.log(
        `${engine.label.padEnd(22)}${ms(s.min)}${ms(s.median)}${ms(s.mean)}${ms(s.p90)} ${ms(c.median)} ${ms(c.mean)}` +
          `   ${(s.median / base.median).toFixed(2).padStart(20)}×   ${i === 0 ? '' : same[i] ? 'identical' : 'differs'}`,
      )
    })
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
