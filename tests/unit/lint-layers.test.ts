/**
 * The layers are lint rules (eslint.config.js): a wrong import fails `npm run lint`. Each case lints a
 * snippet as if it were a file at that path, through ESLint's own Node API and the project's config.
 */
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** The messages of the import rules for `code` placed at `file`. */
async function importProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

// Loading ESLint and typescript-eslint takes seconds on a busy machine; the checks after it are quick.
describe('layer rules', { timeout: 60_000 }, () => {
  it('pure cores import no Remix, React, drizzle or node I/O', async () => {
    const file = 'app/coverage/example.ts'
    expect(await importProblems(file, `import { json } from '@remix-run/node'\nexport const a = json`)).toEqual([
      expect.stringContaining('Pure cores'),
    ])
    expect(await importProblems(file, `import { readFileSync } from 'node:fs'\nexport const a = readFileSync`)).toEqual(
      [expect.stringContaining('do no I/O')],
    )
    expect(await importProblems(file, `import { eq } from 'drizzle-orm'\nexport const a = eq`)).toEqual([
      expect.stringContaining('Only the query layer'),
    ])
    expect(await importProblems('app/privacy/example.ts', `import fs from 'fs'\nexport const a = fs`)).toHaveLength(1)
    expect(
      await importProblems('app/review/diff.ts', `import { useState } from 'react'\nexport const a = useState`),
    ).toHaveLength(1)
    expect(await importProblems(file, `import { ROLES } from '~/vocabulary'\nexport const a = ROLES`)).toEqual([])
  })

  it('browser code never imports db/ or a .server module', async () => {
    const component = 'app/components/example.tsx'
    expect(await importProblems(component, `import { ROLES } from '../../db/schema'\nexport const a = ROLES`)).toEqual([
      expect.stringContaining('Browser code never imports db/'),
    ])
    expect(
      await importProblems(
        component,
        `import { getEvidence } from '~/models/evidence.server'\nexport const a = getEvidence`,
      ),
    ).toEqual([expect.stringContaining('never imports a *.server module')])
    // A route's loader and action are stripped from the client build, so routes may call .server modules, but not db/.
    const route = 'app/routes/example.tsx'
    expect(
      await importProblems(
        route,
        `import { getEvidence } from '~/models/evidence.server'\nexport const a = getEvidence`,
      ),
    ).toEqual([])
    expect(
      await importProblems(route, `import { SPECIALISMS } from '../../db/schema'\nexport const a = SPECIALISMS`),
    ).toHaveLength(1)
    // Types are erased from the build.
    expect(
      await importProblems(
        component,
        `import type { RevisionSnapshot } from '../../db/schema'\nexport type A = RevisionSnapshot`,
      ),
    ).toEqual([])
  })

  it('only the query layer imports drizzle', async () => {
    const code = `import { eq } from 'drizzle-orm'\nexport const a = eq`
    expect(await importProblems('app/models/example.server.ts', code)).toEqual([])
    expect(await importProblems('app/utils/example.server.ts', code)).toEqual([
      expect.stringContaining('Only the query layer'),
    ])
    expect(await importProblems('app/routes/example.tsx', code)).toHaveLength(1)
    expect(
      await importProblems('app/server/example.ts', `import Database from 'better-sqlite3'\nexport const a = Database`),
    ).toHaveLength(1)
  })

  it('the query layer never imports a feature service: the service calls the model', async () => {
    const model = 'app/models/example.server.ts'
    expect(
      await importProblems(
        model,
        `import { coverageReportFor } from '~/portfolio/coverage.server'\nexport const a = coverageReportFor`,
      ),
    ).toEqual([expect.stringContaining('never imports a feature service')])
    expect(
      await importProblems(model, `import { storeBytes } from '~/files/store.server'\nexport const a = storeBytes`),
    ).toHaveLength(1)
    // Other models, ~/utils and a feature's plain modules are the query layer's to use.
    expect(
      await importProblems(model, `import { getUserById } from '~/models/user.server'\nexport const a = getUserById`),
    ).toEqual([])
    expect(
      await importProblems(model, `import { hashToken } from '~/utils/tokens.server'\nexport const a = hashToken`),
    ).toEqual([])
    expect(
      await importProblems(model, `import { countWords } from '~/coverage/text'\nexport const a = countWords`),
    ).toEqual([])
    // A feature's service calls models, but still no drizzle; a pure core calls neither.
    const service = 'app/portfolio/example.server.ts'
    expect(
      await importProblems(
        service,
        `import { loadPortfolioData } from '~/models/coverage.server'\nexport const a = loadPortfolioData`,
      ),
    ).toEqual([])
    expect(await importProblems(service, `import { eq } from 'drizzle-orm'\nexport const a = eq`)).toHaveLength(1)
    expect(
      await importProblems(
        'app/coverage/example.ts',
        `import { loadPortfolioData } from '~/models/coverage.server'\nexport const a = loadPortfolioData`,
      ),
    ).toHaveLength(1)
  })

  it('server code and models never import components; a .server.tsx document renderer may', async () => {
    const code = `import type { EditorValues } from '~/components/evidence-editor'\nexport type A = EditorValues`
    expect(await importProblems('app/evidence/example.server.ts', code)).toEqual([
      expect.stringContaining('never import components'),
    ])
    expect(await importProblems('app/models/example.server.ts', code)).toHaveLength(1)
    expect(await importProblems('app/server/example.ts', code)).toHaveLength(1)
    const render = `import { Markdown } from '~/components/markdown'\nexport const a = Markdown`
    expect(await importProblems('app/submission/example.server.tsx', render)).toEqual([])
  })

  it('one import style: ~/ inside app/, relative paths outside', async () => {
    expect(
      await importProblems(
        'app/components/example.tsx',
        `import { Markdown } from './markdown'\nexport const a = Markdown`,
      ),
    ).toEqual([expect.stringContaining('one import style')])
    expect(
      await importProblems(
        'app/routes/example.tsx',
        `import { can } from '../utils/authorization.server'\nexport const a = can`,
      ),
    ).toHaveLength(1)
    expect(
      await importProblems(
        'app/routes/example.tsx',
        `import { can } from '~/utils/authorization.server'\nexport const a = can`,
      ),
    ).toEqual([])
    expect(
      await importProblems(
        'tests/unit/example.test.ts',
        `import { ROLES } from '~/vocabulary'\nexport const a = ROLES`,
      ),
    ).toHaveLength(1)
  })
})
