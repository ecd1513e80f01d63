/**
 * `npm run bench:data -- [--dir DIR] [--trainees N] [--items M] [--claims-per-item K] [--seed S] [--force]`
 *
 * Makes a data directory for load tests: a migrated, seeded database holding N
 * trainees with M evidence items each (about K claims per item), written
 * through the app's own models so the full-text index is filled as in real
 * use, and a verified session for the first trainee whose cookie value goes to
 * DIR/bench-session.txt. Text comes from a seeded generator, so the same seed
 * gives the same portfolio; activity dates are counted back from today.
 *
 * An existing data set made with the same options is reused (its session is
 * renewed if it has gone); different options need --force. A directory whose
 * database this script did not make is never touched.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { eq } from 'drizzle-orm'
import { closeDatabase, type Db } from '../../db/client'
import { sessions, SPECIALISMS, users, type EvidenceRole } from '../../db/schema'
import { prepareDatabase } from '../../db/setup'
import { defaultFramework } from '../../competences/index'
import { evidenceSchema, type EvidenceInput } from '../../app/evidence/form'
import { createEvidence } from '../../app/models/evidence.server'
import { createSession } from '../../app/models/session.server'
import { createTrainee } from '../../app/models/user.server'
import { hashPassword } from '../../app/utils/password.server'
import { hashToken } from '../../app/utils/tokens.server'
import { claimStatement, description, reflection, title, TOPICS, type DomainKey } from './corpus'
import {
  DATABASE_FILE,
  DEFAULT_BENCH_DIR,
  intOption,
  MANIFEST_FILE,
  Random,
  seconds,
  SESSION_FILE,
  UsageError,
} from './lib'

/** Every bench trainee signs in with this passphrase (to look at the pages in a browser). */
export const BENCH_PASSWORD = 'bench portfolio passphrase'
const YEAR_MS = 365 * 86_400_000
const DAY_MS = 86_400_000

export interface GenerateOptions {
  dir: string
  trainees: number
  items: number
  claimsPerItem: number
  seed: number
  /** Replace an existing bench data set made with other options. */
  force: boolean
}

export const DEFAULT_OPTIONS: Omit<GenerateOptions, 'dir'> = {
  trainees: 1,
  items: 500,
  claimsPerItem: 5,
  seed: 20250601,
  force: false,
}

interface Manifest {
  generator: 'attain-bench'
  trainees: number
  items: number
  claimsPerItem: number
  seed: number
  claims: number
  generatedAt: string
  seconds: number
  sessionEmail: string
  password: string
}

export interface GenerateResult {
  dir: string
  databasePath: string
  sessionFile: string
  reused: boolean
  trainees: number
  /** Items over all trainees. */
  items: number
  claims: number
  /** Time spent writing the data (0 when reused). */
  seconds: number
}

function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, MANIFEST_FILE)
  if (!existsSync(file)) return undefined
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>
  return data.generator === 'attain-bench' ? (data as Manifest) : undefined
}

const ROLES: [EvidenceRole, number][] = [
  ['led', 5],
  ['contributed', 4],
  ['observed', 1],
]
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Priya',
  'Tomasz',
  'Aisha',
  'Rhys',
  'Mei',
  'Oluwaseun',
  'Hannah',
  'Callum',
  'Ines',
  'Kwame',
]
const LAST_NAMES = [
  'Trainee',
  'Bennett',
  'Okafor',
  'Lindqvist',
  'Marsh',
  'Iqbal',
  'Fairweather',
  'Novak',
  'Achterberg',
  'Kerr',
]
const EMPLOYERS = [
  'North Coast NHS Foundation Trust',
  'Riverside University Hospitals',
  'Western Moors Health Board',
  'Eastgate Teaching Hospitals',
]

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10)

const areasByDomain = new Map<DomainKey, string[]>(
  defaultFramework.domains.map((d) => [d.key as DomainKey, d.areas.map((a) => a.code)]),
)
const competenciesByDomain = new Map<string, string[]>(
  defaultFramework.domains.map((d) => [d.key, d.specificCompetencies.map((c) => c.id)]),
)
const domainOfArea = new Map<string, DomainKey>(
  defaultFramework.domains.flatMap((d) => d.areas.map((a) => [a.code, d.key as DomainKey] as const)),
)
const ALL_AREAS = [...domainOfArea.keys()]

/** One evidence item, valid by the app's own form schema, and when it was (notionally) saved. */
function evidenceItem(random: Random, claimsPerItem: number, today: number): { input: EvidenceInput; savedAt: Date } {
  const topic = random.pick(TOPICS)
  const start = today - random.int(0, 3 * 365 - 1) * DAY_MS
  const end = random.chance(0.25) ? Math.min(today, start + random.int(1, 90) * DAY_MS) : start
  const startDate = new Date(start)
  const values = { monthYear: `${MONTHS[startDate.getUTCMonth()]} ${startDate.getUTCFullYear()}` }

  const claimCount =
    claimsPerItem === 0 ? 0 : random.int(Math.max(1, claimsPerItem - 2), Math.min(ALL_AREAS.length, claimsPerItem + 2))
  const areas = new Set<string>()
  for (let attempt = 0; areas.size < claimCount && attempt < 200; attempt++) {
    // Mostly the areas this kind of work evidences (the first-listed domains most), sometimes anything.
    const code = random.chance(0.75)
      ? random.pick(
          areasByDomain.get(random.weighted(topic.domains.map((d, i) => [d, topic.domains.length - i] as const)))!,
        )
      : random.pick(ALL_AREAS)
    areas.add(code)
  }
  for (const code of random.shuffle(ALL_AREAS)) if (areas.size < claimCount) areas.add(code)

  const claims = [...areas].map((area) => {
    const domain = domainOfArea.get(area)!
    const pool = competenciesByDomain.get(domain) ?? []
    const competencies = random.chance(0.5) ? random.shuffle(pool).slice(0, random.int(1, 2)) : []
    return { area, statement: claimStatement(random, domain, topic, values), competencies }
  })

  const input = evidenceSchema.parse({
    title: title(random, topic, values),
    activityStart: isoDay(start),
    activityEnd: end > start ? isoDay(end) : '',
    evidenceType: random.weighted(topic.types),
    role: random.weighted(ROLES),
    description: description(random, topic, values),
    reflection: reflection(random, topic, values),
    claims,
  })
  const savedAt = new Date(
    Math.min(Date.now(), end + random.int(0, 21) * DAY_MS + random.int(8 * 3600, 18 * 3600) * 1000),
  )
  return { input, savedAt }
}

/** A verified session for the account, lasting a year; returns its token (the cookie's value). */
export function benchSession(db: Db, userId: number): string {
  return createSession(
    db,
    { userId, verified: true, ipAddress: '127.0.0.1', userAgent: 'attain bench' },
    { idleTimeoutMs: YEAR_MS, absoluteTimeoutMs: YEAR_MS },
  ).token
}

/** A verified session for the account, lasting a year; its token goes to the session file. */
function writeSession(db: Db, dir: string, userId: number): string {
  const token = benchSession(db, userId)
  const file = path.join(dir, SESSION_FILE)
  writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return file
}

/** Midnight (UTC) today, from which the generated activity dates are counted back. */
export const benchToday = () => Date.parse(`${isoDay(Date.now())}T00:00:00Z`)

/**
 * One trainee with `items` generated evidence items, written in one transaction. Trainee `index` of a data set
 * has a generator of its own, so trainee 1's portfolio is the same however many there are.
 */
export function createBenchTrainee(
  db: Db,
  options: {
    email: string
    seed: number
    index: number
    items: number
    claimsPerItem: number
    passwordHash: string
    today: number
  },
): { userId: number; claims: number } {
  const { today } = options
  const random = new Random((options.seed ^ Math.imul(options.index + 1, 0x9e3779b1)) >>> 0)
  const user = createTrainee(
    db,
    {
      email: options.email,
      name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      passwordHash: options.passwordHash,
    },
    {
      specialism: random.pick(SPECIALISMS),
      employer: random.pick(EMPLOYERS),
      targetSubmissionDate: isoDay(today + random.int(60, 400) * DAY_MS),
    },
    new Date(today - 3 * YEAR_MS - random.int(1, 30) * DAY_MS),
  )
  let claims = 0
  // One transaction per trainee: each createEvidence becomes a savepoint inside it.
  db.$client.transaction(() => {
    for (let i = 0; i < options.items; i++) {
      const { input, savedAt } = evidenceItem(random, options.claimsPerItem, today)
      createEvidence(db, user.id, input, [], savedAt)
      claims += input.claims.length
    }
  })()
  return { userId: user.id, claims }
}

/** Renews the first trainee's session if the token in the session file no longer names a live one. */
function ensureSession(db: Db, dir: string, email: string): void {
  const file = path.join(dir, SESSION_FILE)
  const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : ''
  const row = token
    ? db
        .select({ expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.idHash, hashToken(token)))
        .get()
    : undefined
  if (row && Date.parse(row.expiresAt) > Date.now() + DAY_MS) return
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()
  if (!user) throw new Error(`The bench database has no account ${email}; regenerate it with --force`)
  writeSession(db, dir, user.id)
  console.log(`bench:data: the session had expired; a new one is in ${file}`)
}

function removeDatabase(dir: string) {
  // bench-http-data.json: what bench:http adds to the data set (see http-data.ts).
  for (const name of [
    DATABASE_FILE,
    `${DATABASE_FILE}-wal`,
    `${DATABASE_FILE}-shm`,
    SESSION_FILE,
    MANIFEST_FILE,
    'bench-http-data.json',
  ]) {
    rmSync(path.join(dir, name), { force: true })
  }
}

export async function generateBenchData(options: GenerateOptions): Promise<GenerateResult> {
  const dir = path.resolve(options.dir)
  const databasePath = path.join(dir, DATABASE_FILE)
  const sessionFile = path.join(dir, SESSION_FILE)

  if (existsSync(databasePath)) {
    const manifest = readManifest(dir)
    if (!manifest) {
      throw new UsageError(
        `${databasePath} was not made by the bench generator; it is left alone. Choose another --dir.`,
      )
    }
    const same =
      manifest.trainees === options.trainees &&
      manifest.items === options.items &&
      manifest.claimsPerItem === options.claimsPerItem &&
      manifest.seed === options.seed
    if (same && !options.force) {
      const db = prepareDatabase(databasePath)
      try {
        ensureSession(db, dir, manifest.sessionEmail)
      } finally {
        closeDatabase(db)
      }
      return {
        dir,
        databasePath,
        sessionFile,
        reused: true,
        trainees: manifest.trainees,
        items: manifest.items * manifest.trainees,
        claims: manifest.claims,
        seconds: 0,
      }
    }
    if (!options.force) {
      throw new UsageError(
        `${dir} already holds a bench data set with ${manifest.trainees} trainee(s) × ${manifest.items} items, ` +
          `${manifest.claimsPerItem} claims per item, seed ${manifest.seed}. Pass --force to replace it, or choose another --dir.`,
      )
    }
    removeDatabase(dir)
  }

  const started = performance.now()
  const db = prepareDatabase(databasePath)
  let claims = 0
  let sessionEmail = ''
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    const today = benchToday()
    for (let t = 0; t < options.trainees; t++) {
      const email = `trainee${t + 1}@bench.attain.test`
      const made = createBenchTrainee(db, {
        email,
        seed: options.seed,
        index: t,
        items: options.items,
        claimsPerItem: options.claimsPerItem,
        passwordHash,
        today,
      })
      claims += made.claims
      if (t === 0) {
        sessionEmail = email
        writeSession(db, dir, made.userId)
      }
    }
  } catch (error) {
    closeDatabase(db)
    removeDatabase(dir)
    throw error
  }
  closeDatabase(db)
  const elapsed = (performance.now() - started) / 1000

  const manifest: Manifest = {
    generator: 'attain-bench',
    trainees: options.trainees,
    items: options.items,
    claimsPerItem: options.claimsPerItem,
    seed: options.seed,
    claims,
    generatedAt: new Date().toISOString(),
    seconds: Number(elapsed.toFixed(2)),
    sessionEmail,
    password: BENCH_PASSWORD,
  }
  writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  return {
    dir,
    databasePath,
    sessionFile,
    reused: false,
    trainees: options.trainees,
    items: options.items * options.trainees,
    claims,
    seconds: elapsed,
  }
}

/**
 * What `bench:http` calls: the data set in `dir` as it is (with a live session),
 * or the default one made there if the directory holds none.
 */
export async function ensureBenchData(dir: string): Promise<GenerateResult> {
  const manifest = existsSync(path.join(dir, DATABASE_FILE)) ? readManifest(dir) : undefined
  const options = manifest
    ? {
        dir,
        trainees: manifest.trainees,
        items: manifest.items,
        claimsPerItem: manifest.claimsPerItem,
        seed: manifest.seed,
        force: false,
      }
    : { dir, ...DEFAULT_OPTIONS }
  return generateBenchData(options)
}

export function summary(result: GenerateResult): string {
  const what = `${result.trainees} trainee(s), ${result.items} items, ${result.claims} claims`
  return result.reused
    ? `bench:data: reusing ${result.dir} (${what}); pass --force to regenerate`
    : `bench:data: ${what} in ${seconds(result.seconds * 1000)} s → ${result.databasePath} (session cookie value in ${result.sessionFile})`
}

const USAGE = `Usage: npm run bench:data -- [--dir DIR] [--trainees N] [--items M] [--claims-per-item K] [--seed S] [--force]

  --dir              data directory (default ./data/bench)
  --trainees         number of trainee accounts (default ${DEFAULT_OPTIONS.trainees})
  --items            evidence items per trainee (default ${DEFAULT_OPTIONS.items})
  --claims-per-item  average claims per item, 0–46 (default ${DEFAULT_OPTIONS.claimsPerItem})
  --seed             seed of the text generator (default ${DEFAULT_OPTIONS.seed})
  --force            replace a bench data set made with other options`

async function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      trainees: { type: 'string' },
      items: { type: 'string' },
      'claims-per-item': { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const result = await generateBenchData({
    dir: path.resolve(values.dir ?? DEFAULT_BENCH_DIR),
    trainees: intOption('trainees', values.trainees, DEFAULT_OPTIONS.trainees, 1, 10_000),
    items: intOption('items', values.items, DEFAULT_OPTIONS.items, 0, 100_000),
    claimsPerItem: intOption(
      'claims-per-item',
      values['claims-per-item'],
      DEFAULT_OPTIONS.claimsPerItem,
      0,
      ALL_AREAS.length,
    ),
    seed: intOption('seed', values.seed, DEFAULT_OPTIONS.seed, 0, 0xffffffff),
    force: values.force ?? false,
  })
  console.log(summary(result))
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`bench:data: ${error.message}\n\n${USAGE}`)
    } else {
      console.error(error)
    }
    process.exit(1)
  })
}
