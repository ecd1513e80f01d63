/**
 * Every command the README documents still runs. Each `npm run` script the README names is run here, through npm,
 * with the smallest arguments that load all its code: `--help` where the script has it, otherwise a tiny real run
 * on a throw-away data directory. A script the README documents without an entry below fails the first test, so a
 * new command cannot be documented and then silently break.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, root } from './harness'
import { scaled, TIME_SCALE } from './timeouts'

interface Answer {
  code: number | null
  output: string
}

const dirs: string[] = []
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `attain-script-${name}-`))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/**
 * The proofs start servers with the browser tests' limits; here they run beside the other browser-test files, so
 * they get three times this run's allowance.
 */
const childTimeScale = { E2E_TIME_SCALE: String(TIME_SCALE * 3) }

/** Runs `npm run <script> -- <args>` (or `npm start`), with `stdin` as its input, and collects its output. */
function npm(script: string, args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Answer> {
  const argv = script === 'start' ? ['start'] : ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])]
  return new Promise((resolve, reject) => {
    const child = spawn('npm', argv, {
      cwd: root,
      env: { ...process.env, ...childTimeScale, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
    child.stdin.end(stdin)
  })
}

/**
 * Starts a server script, waits for the line saying it listens (the event, not a guess at the time), checks
 * /healthz, then stops it with SIGTERM and expects a clean exit.
 */
function serve(script: string, env: Record<string, string>): Promise<Answer & { health: number }> {
  const argv = script === 'start' ? ['start'] : ['run', '--silent', script]
  return new Promise((resolve, reject) => {
    const child = spawn('npm', argv, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    let health = 0
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const listening = /listening on (http:\/\/\S+)/.exec(output)
      if (listening && health === 0) {
        health = -1
        fetch(`http://127.0.0.1:${env.PORT}/healthz`)
          .then((response) => (health = response.status))
          .catch(() => (health = -2))
          // npm, tsx and the server form one process group: end all of it.
          .finally(() => process.kill(-child.pid!, 'SIGTERM'))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output, health }))
  })
}

type Smoke = (dataDir: string) => Promise<void>

const helps =
  (script: string): Smoke =>
  async () => {
    const answer = await npm(script, ['--help'])
    expect(answer.code, answer.output).toBe(0)
    expect(answer.output).toMatch(/usage/i)
  }

const runsOk =
  (script: string, args: string[] = [], expected?: RegExp): Smoke =>
  async (dataDir) => {
    const answer = await npm(script, args, { DATA_DIR: dataDir })
    expect(answer.code, answer.output).toBe(0)
    if (expected) expect(answer.output).toMatch(expected)
  }

const servesOk =
  (script: string, { cleanStop }: { cleanStop: boolean }): Smoke =>
  async (dataDir) => {
    const answer = await serve(script, { DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' })
    expect(answer.health, answer.output).toBe(200)
    if (cleanStop) expect(answer.output).toContain('Stopped cleanly')
  }

/** How each documented script is smoke-run; `null` with the reason when something else in CI runs it in full. */
const SMOKES: Record<string, Smoke | { coveredBy: string }> = {
  build: { coveredBy: 'the browser tests’ global setup builds the app' },
  test: { coveredBy: 'CI runs it (typecheck, lint, unit and integration tests)' },
  'test:e2e': { coveredBy: 'CI runs it; this test is part of it' },
  lint: { coveredBy: 'CI runs it, and npm test runs it' },
  // --help loads Prettier and its config without writing or checking any file.
  format: helps('format'),
  'format:check': helps('format:check'),
  start: servesOk('start', { cleanStop: true }),
  // The dev server's Vite and esbuild share its process group and stop noisily with it; serving is the check.
  dev: servesOk('dev', { cleanStop: false }),
  'framework:check': runsOk('framework:check', ['competences/ipem-mpce.json']),
  'db:migrate': runsOk('db:migrate', [], /Database ready/),
  'db:check-migrations': runsOk('db:check-migrations'),
  'user:create': async (dataDir) => {
    const answer = await npm(
      'user:create',
      ['--email', 'smoke@example.org', '--role', 'admin', '--name', 'Smoke Test'],
      { DATA_DIR: dataDir },
      'a long enough passphrase for the smoke test\na long enough passphrase for the smoke test\n',
    )
    expect(answer.code, answer.output).toBe(0)
    await runsOk('audit:verify')(dataDir)
  },
  'audit:verify': async (dataDir) => {
    await runsOk('db:migrate')(dataDir)
    await runsOk('audit:verify')(dataDir)
  },
  'db:backup': async (dataDir) => {
    await runsOk('db:migrate')(dataDir)
    const backupDir = path.join(tempDir('backup'), 'copy')
    await runsOk('db:backup', [backupDir])(dataDir)
    expect(JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'))).toBeTypeOf('object')
    await runsOk('db:restore', [backupDir])(tempDir('restored'))
  },
  'db:restore': async () => {
    const answer = await npm('db:restore', [])
    expect(answer.code).toBe(1)
    expect(answer.output).toMatch(/Usage: npm run db:restore/)
  },
  demo: runsOk('demo', [], /Demo seeded/),
  screenshots: helps('screenshots'),
  'bench:data': helps('bench:data'),
  // A tiny real run: the bare server and /ping for a second each, on a throw-away data set.
  'bench:http': async (dataDir) => {
    const answer = await npm('bench:http', [
      ...['--dir', dataDir, '--routes', 'bare,/ping', '--duration', '1', '--warmup', '0', '--skip-build'],
    ])
    expect(answer.code, answer.output).toBe(0)
    expect(answer.output).toMatch(/\/ping .*% of bare/)
  },
  'bench:adapters': runsOk('bench:adapters', ['--duration', '1', '--rounds', '1', '--skip-build'], /Remix via Express/),
  'bench:cold-start': runsOk(
    'bench:cold-start',
    ['--runs', '1', '--workers', '1', '--skip-build'],
    /worker\(s\): median/,
  ),
  // --help loads Lighthouse and chrome-launcher; an audit takes a minute, so the README's figures come from a full run.
  'bench:lighthouse': helps('bench:lighthouse'),
  'bench:submission': helps('bench:submission'),
  'bench:scale': helps('bench:scale'),
  'bench:js': runsOk('bench:js', ['routes/framework._index']),
  'screenshots:pdf': helps('screenshots:pdf'),
  'bench:pdf': runsOk('bench:pdf', ['--items', '2', '--runs', '1']),
  'bench:preview': runsOk('bench:preview', [
    '--pages',
    '20',
    '--attachment-pages',
    '0',
    '--duration',
    '1',
    '--skip-build',
  ]),
  'bench:convert': runsOk('bench:convert', ['--runs', '1', '--pages', '1']),
  'files:convert': async (dataDir) => {
    await runsOk('db:migrate')(dataDir)
    await runsOk('files:convert')(dataDir)
  },
  'proof:crash': runsOk('proof:crash', ['--kills', '1'], /Crash proof: kills 1/),
  'proof:concurrency': runsOk('proof:concurrency', ['--clients', '1', '--seconds', '1'], /errors 0/),
}

const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
const documented = [
  ...new Set([
    ...[...readme.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]!),
    ...(/npm start\b/.test(readme) ? ['start'] : []),
    ...(/npm test\b/.test(readme) ? ['test'] : []),
  ]),
].sort()
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts

describe('documented npm scripts', () => {
  it('each has a smoke run here, and exists in package.json', () => {
    expect(documented.length).toBeGreaterThan(15)
    expect(documented.filter((name) => !(name in SMOKES))).toEqual([])
    expect(documented.filter((name) => !(name in scripts))).toEqual([])
  })

  for (const name of Object.keys(SMOKES)) {
    const smoke = SMOKES[name]!
    if ('coveredBy' in smoke) continue
    it(`npm run ${name} runs`, { timeout: scaled(180_000) }, async () => {
      await smoke(tempDir(name.replace(/\W/g, '-')))
    })
  }
})
