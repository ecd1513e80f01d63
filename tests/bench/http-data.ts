/**
 * What `bench:http` needs beside the bench data set's first trainee (500 items): a mentor linked to 10 trainees
 * of 200 generated items each (`/mentor`), and a 40-item portfolio, ready and submitted (`/submissions/:id`).
 * Added to the data set once, recorded in DIR/bench-http-data.json (with the sessions' cookie values, valid for
 * a year) and reused after; removed with the data set by `bench:data --force`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { closeDatabase } from '../../db/client'
import { evidenceItems, mentorLinks, users } from '../../db/schema'
import { prepareDatabase } from '../../db/setup'
import { createSubmission } from '../../app/submission/submit.server'
import { createUser } from '../../app/models/user.server'
import { hashPassword } from '../../app/utils/password.server'
import { buildReadyPortfolio } from '../support/ready-portfolio'
import { BENCH_PASSWORD, benchSession, benchToday, createBenchTrainee, type GenerateResult } from './generate'
import { DATABASE_FILE, SESSION_FILE } from './lib'

export const HTTP_DATA_FILE = 'bench-http-data.json'
const MENTEES = 10
const MENTEE_ITEMS = 200
const SUBMITTED_ITEMS = 40

export interface HttpBenchData {
  /** Cookie values of year-long sessions. */
  sessions: { trainee: string; mentor: string; submitter: string }
  /** The first trainee's first evidence item. */
  evidenceId: number
  submissionId: number
  mentees: number
  menteeItems: number
  submittedItems: number
}

/** The extra data in `data`'s directory, made now if it is not there yet. */
export async function ensureHttpBenchData(data: GenerateResult): Promise<HttpBenchData> {
  const file = path.join(data.dir, HTTP_DATA_FILE)
  const databasePath = path.join(data.dir, DATABASE_FILE)
  const trainee = readFileSync(path.join(data.dir, SESSION_FILE), 'utf8').trim()
  if (existsSync(file) && !data.reused) throw new Error(`${file} is left from an earlier data set; remove it`)
  if (existsSync(file)) {
    // The sessions last a year; bench:http checks that each page answers 200 before measuring it.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as HttpBenchData
    return { ...saved, sessions: { ...saved.sessions, trainee } }
  }

  console.log(
    `bench:http: adding a mentor of ${MENTEES} trainees × ${MENTEE_ITEMS} items and a submitted ${SUBMITTED_ITEMS}-item portfolio…`,
  )
  const db = prepareDatabase(databasePath)
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    const today = benchToday()
    const mentor = createUser(db, {
      email: 'mentor@bench.attain.test',
      name: 'Dr Morgan Mentor',
      passwordHash,
      role: 'mentor',
    })
    for (let i = 0; i < MENTEES; i++) {
      const { userId } = createBenchTrainee(db, {
        email: `mentee${i + 1}@bench.attain.test`,
        seed: 7001,
        index: i,
        items: MENTEE_ITEMS,
        claimsPerItem: 5,
        passwordHash,
        today,
      })
      db.insert(mentorLinks)
        .values({ traineeId: userId, mentorId: mentor.id, createdAt: new Date().toISOString() })
        .run()
    }
    const ready = await buildReadyPortfolio(db, { items: SUBMITTED_ITEMS, dataDir: data.dir, passwordHash })
    const outcome = createSubmission(db, ready.trainee.id, new Date())
    if (!outcome.ok) throw new Error(`The bench portfolio could not be submitted: ${outcome.reason}`)
    const first = db
      .select({ id: evidenceItems.id })
      .from(evidenceItems)
      .innerJoin(users, eq(users.id, evidenceItems.traineeId))
      .where(eq(users.email, 'trainee1@bench.attain.test'))
      .orderBy(asc(evidenceItems.id))
      .get()
    if (!first) throw new Error('The bench trainee has no evidence')
    const made: HttpBenchData = {
      sessions: { trainee, mentor: benchSession(db, mentor.id), submitter: benchSession(db, ready.trainee.id) },
      evidenceId: first.id,
      submissionId: outcome.id,
      mentees: MENTEES,
      menteeItems: MENTEE_ITEMS,
      submittedItems: SUBMITTED_ITEMS,
    }
    writeFileSync(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600 })
    return made
  } finally {
    closeDatabase(db)
  }
}
