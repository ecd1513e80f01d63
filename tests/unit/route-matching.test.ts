import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { matchRoutes } from '@remix-run/router'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)

const routes = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'evidence-item', path: 'evidence/:id' },
      { id: 'evidence-new', path: 'evidence/new' },
      { id: 'home', index: true },
      { id: 'file', path: 'evidence/:id/files/:fileId' },
    ],
  },
]
const ids = (pathname: string) => matchRoutes(routes, pathname)?.map((match) => [match.route.id, match.params])

describe('route matching (patched to remember each route tree’s ranked branches, and which branch a pathname matched)', () => {
  it('the server’s copy of the router carries the patch (npm ci applies app/server/patches/ after installing)', () => {
    const source = readFileSync(require.resolve('@remix-run/router'), 'utf8')
    expect(source).toContain('rankedBranchesCache')
    expect(source).toContain('compilePathUncached')
    expect(source).toContain('matchedBranch')
  })

  it('matches the same way on every call, static segments before dynamic ones', () => {
    for (let round = 0; round < 3; round++) {
      expect(ids('/evidence/new')).toEqual([
        ['root', {}],
        ['evidence-new', {}],
      ])
      expect(ids('/evidence/12')).toEqual([
        ['root', { id: '12' }],
        ['evidence-item', { id: '12' }],
      ])
      expect(ids('/evidence/12/files/3')?.at(-1)).toEqual(['file', { id: '12', fileId: '3' }])
      expect(ids('/')?.at(-1)).toEqual(['home', {}])
      expect(matchRoutes(routes, '/nowhere')).toBeNull()
    }
  })

  it('builds the matches afresh for a pathname seen before: changing one answer leaves the next alone', () => {
    const first = matchRoutes(routes, '/evidence/7')!
    ;(first[1]!.params as Record<string, string>).id = 'changed'
    first.pop()
    expect(ids('/evidence/7')).toEqual([
      ['root', { id: '7' }],
      ['evidence-item', { id: '7' }],
    ])
  })

  it('stays right past the number of pathnames it remembers', () => {
    for (let n = 0; n < 2500; n++) expect(matchRoutes(routes, `/evidence/${n}`)?.at(-1)?.params.id).toBe(String(n))
    expect(ids('/evidence/new')?.at(-1)).toEqual(['evidence-new', {}])
    expect(matchRoutes(routes, '/nowhere')).toBeNull()
  })
})
