/** /submission warns, before submitting, of characters the summary PDF's fonts cannot print, and where they are. */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router-dom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UnprintableCharacters, type UnprintablePlace } from '../../app/components/unprintable-characters'
import { setSummaryStatement } from '../../app/models/submission.server'
import { createSession } from '../../app/models/session.server'
import { loader as submissionLoader } from '../../app/routes/submission'
import { readEnv } from '../../app/utils/env.server'
import { makeContext } from '../support/context'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { payloadOf, settle } from '../support/responses'
import { createTestDb, type TestDb } from '../support/test-db'
import { requestAs } from '../support/users'

const NOW = new Date('2026-06-01T09:00:00Z')
let t: TestDb

beforeAll(() => {
  t = createTestDb()
})
afterAll(() => t.cleanup())

async function unprintableFor(
  descriptions: Record<number, string>,
  statement: string,
): Promise<{ places: UnprintablePlace[]; evidenceIds: number[] }> {
  const ready = await buildReadyPortfolio(t.db, { items: 3, now: NOW, descriptions })
  setSummaryStatement(t.db, ready.trainee.id, statement, NOW)
  const { token } = createSession(
    t.db,
    { userId: ready.trainee.id, verified: true },
    readEnv({ NODE_ENV: 'test' }).session,
  )
  const response = await settle(() =>
    submissionLoader({
      request: requestAs(`attain_session=${token}`, '/submission'),
      context: makeContext(t.db, { now: () => NOW }),
      params: {},
    }),
  )
  return {
    places: payloadOf<{ unprintable: UnprintablePlace[] }>(response).data.unprintable,
    evidenceIds: ready.evidenceIds,
  }
}

describe('characters the PDF cannot print', () => {
  it('lists each place holding some, with the characters, and links to where they are edited', async () => {
    const { places, evidenceIds } = await unprintableFor(
      { 1: 'Dose 2×10⁹ Bq, ≤ 0.5 mSv, checked by 李 and again by 李.' },
      'My training in 日本: Δ ≥ 1.',
    )
    expect(places).toEqual([
      { where: 'Your summary statement', to: '/submission#statement-title', characters: ['日', '本'] },
      { where: expect.stringContaining('Evidence item 2'), to: `/evidence/${evidenceIds[1]}/edit`, characters: ['李'] },
    ])
    const html = renderToStaticMarkup(
      createElement(MemoryRouter, null, createElement(UnprintableCharacters, { places })),
    )
    expect(html).toContain('Characters the PDF cannot print')
    expect(html).toContain('(U+674E)')
    expect(html).toContain(`href="/evidence/${evidenceIds[1]}/edit"`)
  })

  it('says nothing when everything prints, however scientific', async () => {
    const { places } = await unprintableFor(
      { 0: 'Output 2×10⁹ Bq ± 3 % at 20 °C; μ = 0.2 cm⁻¹; Llŷr, Łukasz, Nguyễn checked σ, β⁻, ⁹⁹ᵐTc, H₂O → ✓' },
      'Δ ≥ 1',
    )
    expect(places).toEqual([])
    expect(renderToStaticMarkup(createElement(UnprintableCharacters, { places }))).toBe('')
  })
})
