import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { findProjectRoot, projectRoot } from '../../db/project-root'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

it('finds the folder with Attain’s package.json above a module, from sources or from the build', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'attain-root-'))
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'attain' }))
  // A package.json of another name on the way up (a dependency's) is not the root.
  mkdirSync(path.join(dir, 'build/server/bin'), { recursive: true })
  writeFileSync(path.join(dir, 'build/package.json'), JSON.stringify({ name: 'something-else' }))
  expect(findProjectRoot(path.join(dir, 'build/server/bin'))).toBe(dir)
  expect(findProjectRoot(dir)).toBe(dir)
  expect(projectRoot).toBe(path.resolve(import.meta.dirname, '../..'))
})

it('says so when there is none', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'attain-root-'))
  expect(() => findProjectRoot(dir!)).toThrow(/No Attain package.json above/)
})
