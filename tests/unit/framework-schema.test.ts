import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatPath, parseFramework, type Framework } from '../../competences/schema'
import { cloneFramework } from '../support/fixtures'

function errorsOf(mutate: (f: Framework) => unknown): string[] {
  const framework = cloneFramework()
  const replaced = mutate(framework)
  const result = parseFramework(replaced ?? framework)
  if (result.ok) throw new Error('expected the framework to be rejected')
  return result.errors
}

describe('the framework schema', () => {
  it('accepts the shipped framework', () => {
    expect(parseFramework(cloneFramework()).ok).toBe(true)
  })

  it('rejects a duplicate area code, naming where it is', () => {
    const errors = errorsOf((f) => {
      f.domains[1]!.areas[2]!.code = 'Clin2'
    })
    expect(errors).toContain('domains[1].areas[2].code: duplicate code "Clin2"')
  })

  it('rejects codes that do not number the areas in order', () => {
    const errors = errorsOf((f) => {
      f.domains[0]!.areas[2]!.code = 'Sci9'
    })
    expect(errors).toContain('domains[0].areas[2].code: expected "Sci3" (codes number the domain\'s areas in order)')
  })

  it('rejects a malformed code', () => {
    const errors = errorsOf((f) => {
      f.domains[0]!.areas[0]!.code = 'Science 1'
    })
    expect(errors[0]).toMatch(/^domains\[0\]\.areas\[0\]\.code: must be a domain key followed by a number/)
  })

  it('rejects a framework with a domain missing', () => {
    const errors = errorsOf((f) => {
      f.domains.splice(1, 1)
    })
    expect(errors).toContain('domains: missing domain "Clin"')
  })

  it('rejects domains out of order and misnumbered', () => {
    const errors = errorsOf((f) => {
      const [sci, clin] = f.domains
      f.domains[0] = clin!
      f.domains[1] = sci!
    })
    expect(errors).toContain('domains[0].key: domain "Clin" is out of order: expected "Sci" here')
    expect(errors).toContain('domains[0].number: must be 1')
  })

  it('rejects a duplicate domain', () => {
    const errors = errorsOf((f) => {
      f.domains.push(structuredClone(f.domains[6]!))
      f.domains[7]!.number = 8
    })
    expect(errors).toContain('domains[7].key: duplicate domain "Prof"')
  })

  it('rejects empty text', () => {
    const errors = errorsOf((f) => {
      f.domains[0]!.areas[0]!.text = '   '
    })
    expect(errors).toContain('domains[0].areas[0].text: must not be empty')
  })

  it('rejects text with stray white space, a mark of extraction damage', () => {
    const errors = errorsOf((f) => {
      f.domains[2]!.guidance.achievementOf[0] = 'An understanding  of compliance'
    })
    expect(errors).toContain(
      'domains[2].guidance.achievementOf[0]: must not have leading, trailing or doubled white space',
    )
  })

  it('rejects a specific competency that is a fragment of a sentence', () => {
    const errors = errorsOf((f) => {
      f.domains[0]!.specificCompetencies[3]!.text = 'service.'
      f.domains[1]!.specificCompetencies[3]!.text =
        'Maintain an up-to-date knowledge of clinical practice within a particular'
    })
    expect(errors).toContain(
      'domains[0].specificCompetencies[3].text: must be a whole sentence: start with a capital letter and end with a full stop',
    )
    expect(errors).toContain(
      'domains[1].specificCompetencies[3].text: must be a whole sentence: start with a capital letter and end with a full stop',
    )
  })

  it('rejects duplicate or misplaced specific competency ids', () => {
    const errors = errorsOf((f) => {
      f.domains[0]!.specificCompetencies[1]!.id = 'Sci-SC1'
      f.domains[1]!.specificCompetencies[0]!.id = 'Tech-SC99'
    })
    expect(errors).toContain('domains[0].specificCompetencies[1].id: duplicate id "Sci-SC1"')
    expect(errors).toContain('domains[1].specificCompetencies[0].id: must start with the domain key "Clin-"')
  })

  it('names a missing field', () => {
    const errors = errorsOf((f) => {
      delete (f.domains[4]!.guidance as Partial<Framework['domains'][number]['guidance']>).assessedBy
    })
    expect(errors).toContain('domains[4].guidance.assessedBy: is required')
  })

  it('rejects empty lists of areas and of good evidence', () => {
    const errors = errorsOf((f) => {
      f.domains[5]!.areas = []
      f.domains[5]!.guidance.goodEvidence.items = []
    })
    expect(errors).toContain('domains[5].areas: must list at least one area of competence')
    expect(errors).toContain('domains[5].guidance.goodEvidence.items: must list at least one piece of evidence')
  })

  it('rejects unknown fields, so a typo in a key is not silently ignored', () => {
    const errors = errorsOf((f) => ({ ...f, domians: [] }))
    expect(errors.join('\n')).toMatch(/^\(root\): .*domians/m)
  })

  it('rejects what is not a framework at all', () => {
    expect(parseFramework(null).ok).toBe(false)
    expect(parseFramework([]).ok).toBe(false)
  })

  it('formats paths the way the messages use them', () => {
    expect(formatPath(['domains', 3, 'areas', 0, 'code'])).toBe('domains[3].areas[0].code')
    expect(formatPath([])).toBe('(root)')
  })
})

describe('npm run framework:check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'attain-check-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const root = path.resolve(import.meta.dirname, '../..')
  const check = (...files: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'competences/check.ts', ...files], { cwd: root, encoding: 'utf8' })

  it('passes the shipped framework and any valid file', () => {
    const good = path.join(dir, 'good.json')
    writeFileSync(good, JSON.stringify(cloneFramework()))
    const result = check(good)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('7 domains, 46 areas of competence, 49 specific competencies')
    expect(check().status).toBe(0)
  })

  it('fails a broken file, printing each problem with its path', () => {
    const framework = cloneFramework()
    framework.domains[0]!.areas[1]!.code = 'Sci1'
    const bad = path.join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify(framework))
    const result = check(bad)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('domains[0].areas[1].code: duplicate code "Sci1"')
  })

  it('fails a file that is not JSON', () => {
    const notJson = path.join(dir, 'not.json')
    writeFileSync(notJson, '{ "id": ')
    const result = check(notJson)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(notJson)
  })
})
