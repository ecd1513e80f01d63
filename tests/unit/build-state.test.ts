import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { buildState } from '../../app/server/build-state'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function file(root: string, name: string, secondsAgo: number) {
  const target = path.join(root, name)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, '')
  const at = new Date(Date.now() - secondsAgo * 1000)
  // The file and the folders it made, which count as sources too.
  for (let p = target; p !== root; p = path.dirname(p)) utimesSync(p, at, at)
}

it('says whether the build is missing, older than a source, or current', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'attain-build-'))
  file(dir, 'app/root.tsx', 100)
  expect(buildState(dir)).toBe('missing')
  file(dir, 'build/server/index.js', 50)
  expect(buildState(dir)).toBe('missing') // the app's bundle without the compiled server that loads it
  file(dir, 'build/server/bin/main.js', 50)
  expect(buildState(dir)).toBe('current')
  file(dir, 'app/routes/new-page.tsx', 10)
  expect(buildState(dir)).toBe('stale')
  file(dir, 'build/server/index.js', 5)
  file(dir, 'build/server/bin/main.js', 5)
  expect(buildState(dir)).toBe('current')
  file(dir, 'db/migrate.ts', 1) // compiled into the server
  expect(buildState(dir)).toBe('stale')
})
