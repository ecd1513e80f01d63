/**
 * Property-based tests (fast-check) over the input boundaries and the pure
 * modules: whatever arrives, they answer rather than throw, and their results
 * keep the invariants their documentation promises. Every property runs with a
 * fixed seed, so a failure reproduces on every run.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loginSchema, mentorSignupSchema, signupSchema } from '../../app/auth/schemas'
import { safeRedirect } from '../../app/auth/redirect'
import { computeCoverage } from '../../app/coverage/engine'
import type { CoverageClaim, CoverageItem, EvidenceStatus } from '../../app/coverage/types'
import { evidenceFormToObject, evidenceSchema } from '../../app/evidence/form'
import { isValidNhsNumber, redact, scanText } from '../../app/privacy/pii'
import { diffWords } from '../../app/review/diff'
import { readEnv } from '../../app/utils/env.server'
import { DEFAULT_COVERAGE_RULES, safeParseCoverageRules } from '../../competences/coverage-rules'
import { EVIDENCE_TYPE_KEYS } from '../../competences/evidence-types'
import { defaultFramework as framework } from '../../competences/index'
import { parseFramework } from '../../competences/schema'

const SEED = 20250601
const RUNS = 200
const check = <T>(property: fc.IProperty<T>, runs = RUNS) => fc.assert(property, { seed: SEED, numRuns: runs })

/** Any string: ASCII-heavy, arbitrary UTF-16 code units (lone surrogates included), and full Unicode. */
const char16 = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: char16 }))
const anyValue = fc.oneof(fc.anything(), anyString, fc.array(anyString), fc.dictionary(anyString, anyString))

/** Strings shaped like the text the PII guard looks for: digits, spaces, capitalised words, punctuation. */
const word = fc.oneof(
  fc.stringMatching(/^[A-Z][a-z]{1,8}$/),
  fc.stringMatching(/^\d{1,12}$/),
  fc.constantFrom(
    'NHS number',
    'CHI',
    'DOB',
    'born',
    'Mr',
    'Mrs',
    'Dr',
    'patient',
    'SW1A 1AA',
    'a@b.co',
    '07700 900123',
    '-',
    '.',
    '/',
    ',',
  ),
)
const piiLikeString = fc
  .array(word, { maxLength: 20 })
  .chain((words) =>
    fc
      .array(fc.constantFrom(' ', '  ', '\n', '-', '', '.'), { minLength: words.length, maxLength: words.length })
      .map((gaps) => words.map((w, i) => w + gaps[i]).join('')),
  )
const textForPii = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: char16 }), piiLikeString)

describe('the zod boundaries never throw', () => {
  const schemas = { loginSchema, signupSchema, mentorSignupSchema, evidenceSchema }
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}.safeParse answers any value`, () => {
      check(
        fc.property(anyValue, (value) => {
          const result = schema.safeParse(value)
          expect(typeof result.success).toBe('boolean')
        }),
      )
    })

    it(`${name}.safeParse answers objects of arbitrary strings under its own keys`, () => {
      const keys = [
        'email',
        'password',
        'name',
        'redirectTo',
        'specialism',
        'employer',
        'targetSubmissionDate',
        'title',
        'activityStart',
        'activityEnd',
        'evidenceType',
        'role',
        'description',
        'reflection',
        '__proto__',
        'constructor',
      ]
      const claim = fc.record(
        { area: anyString, statement: anyString, competencies: fc.array(anyString, { maxLength: 3 }) },
        { requiredKeys: [] },
      )
      const object = fc
        .tuple(fc.dictionary(fc.constantFrom(...keys), anyString), fc.option(fc.array(claim, { maxLength: 5 })))
        .map(([o, claims]) => (claims === null ? o : { ...o, claims }))
      check(
        fc.property(object, (value) => {
          const result = schema.safeParse(value)
          expect(typeof result.success).toBe('boolean')
          if (!result.success) for (const issue of result.error.issues) expect(typeof issue.message).toBe('string')
        }),
      )
    })
  }

  it('evidenceFormToObject reads any form, keeping the claims dense and in order', () => {
    const key = fc.oneof(
      anyString,
      fc.constantFrom(
        'title',
        'activityStart',
        'description',
        'reflection',
        '__proto__',
        'constructor',
        'claims',
        'claims[99999].area',
        'claims[-1].area',
        'claims[1e3].area',
        'claims[__proto__].area',
      ),
      fc
        .tuple(fc.nat({ max: 99_999 }), fc.constantFrom('area', 'statement', 'competencies', '__proto__'))
        .map(([i, f]) => `claims[${i}].${f}`),
    )
    check(
      fc.property(fc.array(fc.tuple(key, anyString), { maxLength: 30 }), (pairs) => {
        const form = new FormData()
        for (const [k, v] of pairs) form.append(k, v)
        const object = evidenceFormToObject(form)
        expect(Object.getPrototypeOf(object)).toBe(Object.prototype)
        expect(Array.isArray(object.claims)).toBe(true)
        const claims = object.claims as Record<string, unknown>[]
        // Only indices of at most three digits make claims.
        expect(claims.length).toBeLessThanOrEqual(1000)
        for (const c of claims) {
          expect(Object.getPrototypeOf(c)).toBe(Object.prototype)
          expect(Array.isArray(c.competencies)).toBe(true)
        }
        // Nothing leaks onto Object.prototype.
        expect(({} as Record<string, unknown>).area).toBeUndefined()
      }),
    )
  })

  // zod 4 runs a refinement even after the regex failed: the date check must cope with '', 'abc', '2024-13-01'.
  it('evidenceSchema answers whatever evidenceFormToObject makes of a form, invalid dates included', () => {
    check(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('title', 'activityStart', 'activityEnd', 'evidenceType', 'role', 'claims[0].area'),
            anyString,
          ),
          { maxLength: 8 },
        ),
        (pairs) => {
          const form = new FormData()
          for (const [k, v] of pairs) form.append(k, v)
          expect(typeof evidenceSchema.safeParse(evidenceFormToObject(form)).success).toBe('boolean')
        },
      ),
    )
  })

  it('evidenceSchema answers every other field whatever it holds, given real dates', () => {
    const strings = fc.dictionary(
      fc.constantFrom('title', 'activityEnd', 'evidenceType', 'role', 'description', 'reflection', '__proto__'),
      anyString,
    )
    check(
      fc.property(
        strings,
        fc.option(
          fc.array(
            fc.record({ area: anyString, statement: anyString, competencies: fc.array(anyString, { maxLength: 3 }) }),
            { maxLength: 5 },
          ),
        ),
        (fields, claims) => {
          const value = { ...fields, activityStart: '2024-03-01', activityEnd: '2024-03-02', claims: claims ?? [] }
          expect(typeof evidenceSchema.safeParse(value).success).toBe('boolean')
        },
      ),
    )
  })

  it('parseFramework answers ok:false with string errors for arbitrary JSON', () => {
    check(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const result = parseFramework(value)
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0)
          for (const e of result.errors) expect(typeof e).toBe('string')
        }
      }),
    )
  })

  it('parseFramework answers framework-shaped objects with scrambled fields', () => {
    const base = JSON.parse(JSON.stringify(framework)) as Record<string, unknown>
    check(
      fc.property(fc.constantFrom(...Object.keys(base)), fc.jsonValue(), (key, value) => {
        const result = parseFramework({ ...base, [key]: value })
        if (!result.ok) for (const e of result.errors) expect(typeof e).toBe('string')
      }),
    )
  })

  it('safeParseCoverageRules answers any value', () => {
    const base = JSON.parse(JSON.stringify(DEFAULT_COVERAGE_RULES)) as Record<string, unknown>
    const mutated = fc
      .tuple(fc.constantFrom(...Object.keys(base)), fc.jsonValue())
      .map(([k, v]) => ({ ...base, [k]: v }))
    check(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), mutated), (value) => {
        const result = safeParseCoverageRules(value)
        expect(typeof result.ok).toBe('boolean')
        if (!result.ok) for (const e of result.errors) expect(typeof e).toBe('string')
      }),
    )
  })

  it('readEnv throws only an Error naming a key, whatever the environment', () => {
    const envKeys = [
      'NODE_ENV',
      'PORT',
      'HOST',
      'DATA_DIR',
      'DATABASE_PATH',
      'SQLITE_BUSY_TIMEOUT_MS',
      'SHUTDOWN_TIMEOUT_MS',
      'SESSION_IDLE_TIMEOUT_MINUTES',
      'SESSION_ABSOLUTE_TIMEOUT_HOURS',
      'SESSION_COOKIE_SECURE',
      'INVITATION_TTL_DAYS',
      'UPLOAD_MAX_MB',
      'SMTP_URL',
      'MAIL_FROM',
      'PUBLIC_URL',
      'DEMO',
    ]
    const value = fc.oneof(
      anyString,
      fc.integer().map(String),
      fc.double().map(String),
      fc.constantFrom('', ' ', '1e309', '-0', '0x10', 'true', 'production', 'http://x', 'smtps://u:p@h:465'),
    )
    const env = fc.dictionary(fc.oneof(fc.constantFrom(...envKeys), anyString), fc.option(value, { nil: undefined }))
    check(
      fc.property(env, (source) => {
        try {
          const result = readEnv(source)
          expect(Number.isInteger(result.port)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(Error)
          const message = (error as Error).message
          expect(envKeys.some((k) => message.includes(k))).toBe(true)
        }
      }),
    )
  })

  // Dot segments such as '/..//evil.example' resolve to '//evil.example', a protocol-relative URL.
  it('safeRedirect always answers a path on this site (dot segments included)', () => {
    const tricky = fc.constantFrom(
      '//evil.example',
      '/\\evil.example',
      '/%2F%2Fevil',
      '/\t/evil',
      'https://evil.example',
      '/..//evil',
      '/./',
      '\\\\evil',
      '/%5Cevil',
      '/ /evil',
      '/\u3000/x',
    )
    const input = fc.oneof(
      anyString,
      tricky,
      fc.tuple(tricky, anyString).map(([a, b]) => a + b),
      anyString.map((s) => `/${s}`),
      fc.constant(null),
      fc.constant(undefined),
    )
    check(
      fc.property(input, fc.constantFrom('/home', '/dashboard'), (to, fallback) => {
        const result = safeRedirect(to, fallback)
        expect(result.startsWith('/')).toBe(true)
        expect(result.startsWith('//')).toBe(false)
        expect(result.startsWith('/\\')).toBe(false)
        expect(new URL(result, 'http://attain.invalid').origin).toBe('http://attain.invalid')
      }),
      1000,
    )
  })

  it('safeRedirect always answers a path on this site for input without dot segments', () => {
    const input = fc.oneof(
      anyString,
      anyString.map((s) => `/${s}`),
      anyString.map((s) => `//${s}`),
      anyString.map((s) => `/\\${s}`),
    )
    check(
      fc.property(
        input.filter((s) => !/(^|[/\\])(\.|%2e){1,2}([/\\?#]|$)/i.test(s)),
        (to) => {
          const result = safeRedirect(to, '/home')
          expect(result.startsWith('/')).toBe(true)
          expect(result.startsWith('//')).toBe(false)
          expect(result.startsWith('/\\')).toBe(false)
        },
      ),
      1000,
    )
  })
})

describe('the PII guard', () => {
  it('scanText returns sorted, non-overlapping findings that quote the text exactly', () => {
    check(
      fc.property(textForPii, (text) => {
        const findings = scanText(text)
        let end = 0
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(end)
          expect(f.end).toBeGreaterThan(f.start)
          expect(f.end).toBeLessThanOrEqual(text.length)
          expect(f.text).toBe(text.slice(f.start, f.end))
          end = f.end
        }
      }),
      500,
    )
  })

  /** The NHS modulus-11 check, written out independently. */
  function referenceNhsCheck(digits: string): boolean {
    const weights = [10, 9, 8, 7, 6, 5, 4, 3, 2]
    const sum = weights.reduce((total, w, i) => total + w * Number(digits[i]), 0)
    const remainder = sum % 11
    const expected = remainder === 0 ? 0 : 11 - remainder
    if (expected === 10) return false
    return expected === Number(digits[9])
  }

  const tenDigits = fc.stringMatching(/^\d{10}$/)

  it('isValidNhsNumber agrees with a reference modulus-11 check on arbitrary 10-digit strings', () => {
    check(
      fc.property(tenDigits, (digits) => {
        expect(isValidNhsNumber(digits)).toBe(referenceNhsCheck(digits))
      }),
      2000,
    )
  })

  /** A valid NHS number: nine random digits and their check digit (never 10), not all one digit. */
  const validNhsNumber = fc
    .stringMatching(/^\d{9}$/)
    .map((nine) => {
      for (let last = 0; last <= 9; last++) if (referenceNhsCheck(nine + last)) return nine + last
      return null
    })
    .filter((n): n is string => n !== null && !/^(\d)\1{9}$/.test(n))

  it('finds any valid NHS number after "NHS number " whatever surrounds it', () => {
    const noDigits = (s: string) => s.replace(/[0-9]/g, 'x')
    check(
      fc.property(textForPii.map(noDigits), validNhsNumber, textForPii.map(noDigits), (before, nhs, after) => {
        const text = `${before} NHS number ${nhs} ${after}`
        const findings = scanText(text)
        const at = before.length + ' NHS number '.length
        const found = findings.find((f) => f.kind === 'nhs-number' && f.start === at && f.end === at + 10)
        expect(found, JSON.stringify({ text, findings })).toBeDefined()
        expect(found?.confidence).toBe('high')
      }),
      500,
    )
  })

  const occurrences = (haystack: string, needle: string) => {
    let n = 0
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++
    return n
  }

  it('redact removes every text scanText found, at the place it was found', () => {
    check(
      fc.property(textForPii, (text) => {
        const findings = scanText(text)
        const redacted = redact(text, findings)
        for (const f of findings) {
          const context = JSON.stringify({ text, redacted, f })
          expect(occurrences(redacted, f.text), context).toBeLessThan(occurrences(text, f.text))
          // A found text that appears only once is gone entirely.
          if (occurrences(text, f.text) === 1) expect(redacted.includes(f.text), context).toBe(false)
        }
      }),
      500,
    )
  })

  // The same identifier can appear twice with only one place found: scanText treats
  // "07700 900123.07700 900123" as one number then a decimal continuation, so the
  // second copy survives redaction.
  it('leaves a second copy of a found phone number that follows "." and a digit', () => {
    const text = '07700 900123.07700 900123 '
    const findings = scanText(text)
    expect(findings.map((f) => [f.kind, f.start, f.end])).toEqual([['phone', 0, 12]])
    expect(redact(text, findings)).toBe('[phone number removed].07700 900123 ')
  })
})

describe('diffWords', () => {
  const texts = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc
      .array(fc.constantFrom('the', 'a', 'dose', ' ', '  ', '\n', 'was', 'measured', '2024', '–'), { maxLength: 30 })
      .map((w) => w.join(' ')),
  )
  it('joining same+added gives after and same+removed gives before', () => {
    check(
      fc.property(texts, texts, (before, after) => {
        const parts = diffWords(before, after)
        expect(
          parts
            .filter((p) => p.type !== 'removed')
            .map((p) => p.text)
            .join(''),
        ).toBe(after)
        expect(
          parts
            .filter((p) => p.type !== 'added')
            .map((p) => p.text)
            .join(''),
        ).toBe(before)
      }),
      500,
    )
  })

  it('keeps the invariants when the work budget runs out', () => {
    check(
      fc.property(texts, texts, (before, after) => {
        const parts = diffWords(before, after, { maxWork: 1 })
        expect(
          parts
            .filter((p) => p.type !== 'removed')
            .map((p) => p.text)
            .join(''),
        ).toBe(after)
        expect(
          parts
            .filter((p) => p.type !== 'added')
            .map((p) => p.text)
            .join(''),
        ).toBe(before)
      }),
    )
  })
})

describe('computeCoverage on arbitrary portfolios', () => {
  const AREA_CODES = framework.domains.flatMap((d) => d.areas.map((a) => a.code))
  const COMPETENCY_IDS = framework.domains.flatMap((d) => d.specificCompetencies.map((c) => c.id))
  const STATUSES: EvidenceStatus[] = ['draft', 'awaiting_review', 'changes_requested', 'partly_verified', 'verified']
  const NOW = new Date('2025-06-01T09:00:00Z')
  const date = fc
    .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10))

  const item = (id: number): fc.Arbitrary<CoverageItem> =>
    fc.record({
      id: fc.constant(id),
      title: fc.string({ maxLength: 30 }),
      evidenceType: fc.oneof(fc.constantFrom(...EVIDENCE_TYPE_KEYS), fc.string({ maxLength: 8 })),
      activityStart: date,
      activityEnd: fc.option(date),
      status: fc.constantFrom(...STATUSES),
      descriptionWords: fc.nat({ max: 5000 }),
      reflectionWords: fc.nat({ max: 3000 }),
      attachmentPages: fc.nat({ max: 40 }),
      openPiiFindings: fc.nat({ max: 3 }),
    })

  const portfolio = fc.integer({ min: 0, max: 12 }).chain((count) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: count }, (_, i) => item(i + 1))),
      fc.array(
        fc.record<CoverageClaim>({
          evidenceId: fc.integer({ min: 0, max: count + 1 }),
          areaCode: fc.oneof(
            { weight: 9, arbitrary: fc.constantFrom(...AREA_CODES) },
            { weight: 1, arbitrary: fc.constantFrom('Sci99', 'Nope1', '') },
          ),
          statement: fc.oneof(fc.string({ maxLength: 60 }), fc.lorem({ maxCount: 40 })),
          competencyIds: fc.array(fc.constantFrom(...COMPETENCY_IDS, 'Sci-SC99'), { maxLength: 3 }),
          verified: fc.boolean(),
        }),
        { maxLength: 40 },
      ),
    ),
  )

  it('never throws, keeps percentages within 0–100 and at most 46 areas evidenced, and ignores input order', () => {
    check(
      fc.property(portfolio, fc.integer(), ([items, claims], shuffleSeed) => {
        const report = computeCoverage({ framework, rules: DEFAULT_COVERAGE_RULES, now: NOW, items, claims })
        const s = report.summary
        for (const p of [
          s.percentEvidenced,
          s.percentVerified,
          ...report.domains.flatMap((d) => [d.percentEvidenced, d.percentVerified]),
        ]) {
          expect(Number.isInteger(p)).toBe(true)
          expect(p).toBeGreaterThanOrEqual(0)
          expect(p).toBeLessThanOrEqual(100)
        }
        expect(s.areasTotal).toBe(46)
        expect(s.areasEvidenced).toBeLessThanOrEqual(46)
        expect(s.areasVerified).toBeLessThanOrEqual(s.areasEvidenced)

        const shuffle = <T>(list: readonly T[]) => {
          let a = shuffleSeed >>> 0
          const random = () => {
            a = (Math.imul(a, 1664525) + 1013904223) >>> 0
            return a / 4294967296
          }
          const out = [...list]
          for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1))
            ;[out[i], out[j]] = [out[j]!, out[i]!]
          }
          return out
        }
        const again = computeCoverage({
          framework,
          rules: DEFAULT_COVERAGE_RULES,
          now: NOW,
          items: shuffle(items),
          claims: shuffle(claims),
        })
        expect(again).toEqual(report)
      }),
    )
  })
})
