import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultFramework } from '../../competences/index'
import { loader as homeLoader } from '../../app/routes/_index'
import { loader as frameworkLoader } from '../../app/routes/framework._index'
import { loader as areaLoader } from '../../app/routes/framework.$code'
import { makeContext } from '../support/context'
import { createTestDb, type TestDb } from '../support/test-db'

let t: TestDb
beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`),
  params,
  context: makeContext(t.db),
})

async function thrown(fn: () => unknown): Promise<Response> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a thrown response')
}

describe('the home page loader', () => {
  it('summarises the framework from the database', () => {
    const data = homeLoader(args('/'))
    expect(data.domains.map((d) => d.key)).toEqual(['Sci', 'Clin', 'Tech', 'R&D', 'Com', 'PS', 'Prof'])
    expect(data.domains.reduce((n, d) => n + d.areas, 0)).toBe(46)
  })
})

describe('the /framework loader', () => {
  it('returns the whole framework as stored', () => {
    expect(frameworkLoader(args('/framework')).framework).toEqual(defaultFramework)
  })
})

describe('the /framework/:code loader', () => {
  it('shows an area with its domain and guidance', () => {
    const data = areaLoader(args('/framework/Prof11', { code: 'Prof11' }))
    expect(data.area.text).toMatch(/^Work within the structure and organisation of the local service/)
    expect(data.domain.key).toBe('Prof')
    expect(data.domain.guidance.goodEvidence.items).toHaveLength(9)
    expect(data.previous?.code).toBe('Prof10')
    expect(data.next).toBeUndefined()
  })

  it('reads a code with an ampersand', () => {
    expect(areaLoader(args('/framework/R%26D2', { code: 'R&D2' })).area.code).toBe('R&D2')
  })

  it('redirects a code in the wrong case to its one address', async () => {
    const response = await thrown(() => areaLoader(args('/framework/sci3', { code: 'sci3' })))
    expect(response.status).toBe(301)
    expect(response.headers.get('Location')).toBe('/framework/Sci3')
  })

  it('answers 404 for a code that does not exist', async () => {
    const response = await thrown(() => areaLoader(args('/framework/Sci99', { code: 'Sci99' })))
    expect(response.status).toBe(404)
  })
})
