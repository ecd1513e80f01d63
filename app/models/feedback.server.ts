import { randomInt } from 'node:crypto'
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import { asDb, type Db, type Tx } from '../../db/client'
import { emailOutbox, feedbackRaters, feedbackResponses, feedbackRounds, users } from '../../db/schema'
import { FEEDBACK_QUESTIONS, type FeedbackQuestionSet } from '../../competences/feedback'
import { aggregateFeedback, parseFeedbackResults, type FeedbackAnswers, type FeedbackResults } from '~/feedback/results'
import { feedbackRequestEmail } from '~/notifications/email'
import { formatDay } from '~/utils/dates'
import { hashToken, randomToken } from '~/utils/tokens.server'
import type { FeedbackRelationship } from '~/vocabulary'

const DAY_MS = 86_400_000

/** Queues the e-mail that asks a colleague for feedback (or reminds them), carrying their link's token. */
function queueRequestEmail(
  tx: Tx,
  request: {
    to: string
    traineeName: string
    token: string
    expiresAt: string
    reminder: boolean
    publicUrl: string | null
    stamp: string
  },
) {
  const mail = feedbackRequestEmail({
    traineeName: request.traineeName,
    link: `/f/${request.token}`,
    expiresOn: lastDay(request.expiresAt),
    reminder: request.reminder,
    publicUrl: request.publicUrl,
  })
  tx.insert(emailOutbox)
    .values({ userId: null, toAddress: request.to, subject: mail.subject, body: mail.body, createdAt: request.stamp })
    .run()
}

export interface FeedbackLimits {
  linkTtlMs: number
  reminderIntervalMs: number
  minimumResponses: number
}

export function limitsOf(set: FeedbackQuestionSet = FEEDBACK_QUESTIONS): FeedbackLimits {
  return {
    linkTtlMs: set.linkValidDays * DAY_MS,
    reminderIntervalMs: set.reminderIntervalDays * DAY_MS,
    minimumResponses: set.minimumResponses,
  }
}

export interface NewRater {
  email: string
  relationship: FeedbackRelationship
}

/** The day a link works until, as a person reads it. */
const lastDay = (expiresAt: string) => formatDay(new Date(Date.parse(expiresAt) - 1).toISOString())

/**
 * Starts a round: the round, one single-use link per colleague (only each token's hash kept), and the e-mails
 * asking them, queued in the outbox, all in one transaction.
 */
export function createRound(
  db: Db,
  input: { traineeId: number; traineeName: string; areaCodes: string[]; raters: NewRater[] },
  now: Date,
  { publicUrl, limits = limitsOf() }: { publicUrl: string | null; limits?: FeedbackLimits },
): number {
  const stamp = now.toISOString()
  const expiresAt = new Date(now.getTime() + limits.linkTtlMs).toISOString()
  return db.transaction((tx) => {
    const round = tx
      .insert(feedbackRounds)
      .values({
        traineeId: input.traineeId,
        questionSet: `${FEEDBACK_QUESTIONS.id}@${FEEDBACK_QUESTIONS.version}`,
        areaCodes: input.areaCodes,
        createdAt: stamp,
      })
      .returning({ id: feedbackRounds.id })
      .get()
    for (const rater of input.raters) {
      const token = randomToken()
      tx.insert(feedbackRaters)
        .values({
          roundId: round.id,
          email: rater.email,
          relationship: rater.relationship,
          tokenHash: hashToken(token),
          invitedAt: stamp,
          expiresAt,
        })
        .run()
      queueRequestEmail(tx, {
        to: rater.email,
        traineeName: input.traineeName,
        token,
        expiresAt,
        reminder: false,
        publicUrl,
        stamp,
      })
    }
    return round.id
  })
}

export interface RoundSummary {
  id: number
  createdAt: string
  releasedAt: string | null
  areaCodes: string[]
  evidenceId: number | null
  invited: number
  answered: number
  declined: number
}

function countsOf(db: Db, roundIds: number[]) {
  if (roundIds.length === 0) return new Map<number, { invited: number; answered: number; declined: number }>()
  const rows = db
    .select({
      roundId: feedbackRaters.roundId,
      invited: count(),
      answered: sql<number>`count(${feedbackRaters.answeredAt})`,
      declined: sql<number>`count(${feedbackRaters.declinedAt})`,
    })
    .from(feedbackRaters)
    .where(inArray(feedbackRaters.roundId, roundIds))
    .groupBy(feedbackRaters.roundId)
    .all()
  return new Map(rows.map((r) => [r.roundId, { invited: r.invited, answered: r.answered, declined: r.declined }]))
}

/** A trainee's rounds, newest first, with how many colleagues were asked, answered and declined. */
export function listRounds(db: Db, traineeId: number): RoundSummary[] {
  const rounds = db
    .select({
      id: feedbackRounds.id,
      createdAt: feedbackRounds.createdAt,
      releasedAt: feedbackRounds.releasedAt,
      areaCodes: feedbackRounds.areaCodes,
      evidenceId: feedbackRounds.evidenceId,
    })
    .from(feedbackRounds)
    .where(eq(feedbackRounds.traineeId, traineeId))
    .orderBy(desc(feedbackRounds.createdAt), desc(feedbackRounds.id))
    .all()
  const counts = countsOf(
    db,
    rounds.map((r) => r.id),
  )
  return rounds.map((r) => ({ ...r, ...(counts.get(r.id) ?? { invited: 0, answered: 0, declined: 0 }) }))
}

export interface RoundDetail extends RoundSummary {
  traineeId: number
  /** Who was asked, in the order they were invited. Never whether any one of them answered. */
  raters: { email: string; relationship: FeedbackRelationship; invitedAt: string }[]
  /** When reminders last went out, if ever. */
  lastRemindedAt: string | null
  results: FeedbackResults | null
}

/** One of a trainee's rounds, or undefined when it is not theirs. */
export function getRound(db: Db, traineeId: number, roundId: number): RoundDetail | undefined {
  const round = db
    .select()
    .from(feedbackRounds)
    .where(and(eq(feedbackRounds.id, roundId), eq(feedbackRounds.traineeId, traineeId)))
    .get()
  if (!round) return undefined
  const raters = db
    .select({
      email: feedbackRaters.email,
      relationship: feedbackRaters.relationship,
      invitedAt: feedbackRaters.invitedAt,
    })
    .from(feedbackRaters)
    .where(eq(feedbackRaters.roundId, roundId))
    .orderBy(asc(feedbackRaters.id))
    .all()
  const lastReminded = db
    .select({ at: sql<string | null>`max(${feedbackRaters.lastRemindedAt})` })
    .from(feedbackRaters)
    .where(eq(feedbackRaters.roundId, roundId))
    .get()
  return {
    id: round.id,
    traineeId: round.traineeId,
    createdAt: round.createdAt,
    releasedAt: round.releasedAt,
    areaCodes: round.areaCodes,
    evidenceId: round.evidenceId,
    ...(countsOf(db, [round.id]).get(round.id) ?? { invited: 0, answered: 0, declined: 0 }),
    raters,
    lastRemindedAt: lastReminded?.at ?? null,
    results: round.releasedAt ? parseFeedbackResults(round.results) : null,
  }
}

/** What a rater's link leads to. */
export type LinkState =
  | { state: 'open'; traineeName: string; expiresAt: string }
  | { state: 'unknown' | 'answered' | 'declined' | 'expired' | 'closed' }

function raterByToken(db: Db, token: string) {
  return db
    .select({
      id: feedbackRaters.id,
      roundId: feedbackRaters.roundId,
      expiresAt: feedbackRaters.expiresAt,
      answeredAt: feedbackRaters.answeredAt,
      declinedAt: feedbackRaters.declinedAt,
      releasedAt: feedbackRounds.releasedAt,
      traineeName: users.name,
    })
    .from(feedbackRaters)
    .innerJoin(feedbackRounds, eq(feedbackRounds.id, feedbackRaters.roundId))
    .innerJoin(users, eq(users.id, feedbackRounds.traineeId))
    .where(eq(feedbackRaters.tokenHash, hashToken(token)))
    .get()
}

/** The state of a rater's link: open (with the trainee's name, and nothing else about them), or why not. */
export function linkState(db: Db, token: string, now: Date): LinkState {
  const rater = raterByToken(db, token)
  if (!rater) return { state: 'unknown' }
  if (rater.answeredAt) return { state: 'answered' }
  if (rater.declinedAt) return { state: 'declined' }
  if (rater.releasedAt) return { state: 'closed' }
  if (rater.expiresAt <= now.toISOString()) return { state: 'expired' }
  return { state: 'open', traineeName: rater.traineeName, expiresAt: rater.expiresAt }
}

/**
 * Uses a link, once: records the answers (or the refusal) and closes the link in one transaction. The answer row
 * carries neither the rater nor a time. Two sends of the same form: the second finds the link used.
 */
function useLink(
  db: Db,
  token: string,
  now: Date,
  then: (tx: Db, roundId: number) => void,
  column: 'answeredAt' | 'declinedAt',
): LinkState['state'] {
  return db.transaction((tx) => {
    const state = linkState(asDb(tx), token, now)
    if (state.state !== 'open') return state.state
    const stamp = now.toISOString()
    const claimed = tx
      .update(feedbackRaters)
      .set({ [column]: stamp })
      .where(
        and(
          eq(feedbackRaters.tokenHash, hashToken(token)),
          isNull(feedbackRaters.answeredAt),
          isNull(feedbackRaters.declinedAt),
          gt(feedbackRaters.expiresAt, stamp),
        ),
      )
      .returning({ roundId: feedbackRaters.roundId })
      .get()
    if (!claimed) return 'answered'
    then(asDb(tx), claimed.roundId)
    return 'open'
  })
}

/** Records a rater's answers. 'open' means they were taken; anything else is why not. */
export function answerFeedback(db: Db, token: string, answers: FeedbackAnswers, now: Date): LinkState['state'] {
  return useLink(
    db,
    token,
    now,
    (tx, roundId) => {
      tx.insert(feedbackResponses)
        .values({ roundId, ratings: answers.ratings, strengths: answers.strengths, development: answers.development })
        .run()
    },
    'answeredAt',
  )
}

/** A rater says no. 'open' means it was recorded. */
export function declineFeedback(db: Db, token: string, now: Date): LinkState['state'] {
  return useLink(db, token, now, () => {}, 'declinedAt')
}

export type ReminderResult =
  { ok: true; reminded: number } | { ok: false; reason: 'released' | 'nobody-waiting' | 'too-soon'; nextAt?: string }

/** Whether the trainee's round is still open to answers, released, or not theirs (or no round at all). */
function roundState(db: Db, traineeId: number, roundId: number): 'open' | 'released' | 'not-found' {
  const round = db
    .select({ releasedAt: feedbackRounds.releasedAt })
    .from(feedbackRounds)
    .where(and(eq(feedbackRounds.id, roundId), eq(feedbackRounds.traineeId, traineeId)))
    .get()
  return !round ? 'not-found' : round.releasedAt ? 'released' : 'open'
}

/**
 * Reminds every colleague who has neither answered nor declined and has had no e-mail about this round for a
 * week (the invitation counts). Each gets a fresh link, valid for the full period again; the old one stops
 * working, since only its hash was kept and the e-mail must carry a link.
 */
export function remindRaters(
  db: Db,
  input: { traineeId: number; traineeName: string; roundId: number },
  now: Date,
  { publicUrl, limits = limitsOf() }: { publicUrl: string | null; limits?: FeedbackLimits },
): ReminderResult {
  const stamp = now.toISOString()
  const cutoff = new Date(now.getTime() - limits.reminderIntervalMs).toISOString()
  return db.transaction((tx) => {
    const round = roundState(asDb(tx), input.traineeId, input.roundId)
    if (round === 'not-found') return { ok: false, reason: 'nobody-waiting' }
    if (round === 'released') return { ok: false, reason: 'released' }
    const waiting = tx
      .select({
        id: feedbackRaters.id,
        email: feedbackRaters.email,
        invitedAt: feedbackRaters.invitedAt,
        lastRemindedAt: feedbackRaters.lastRemindedAt,
      })
      .from(feedbackRaters)
      .where(
        and(
          eq(feedbackRaters.roundId, input.roundId),
          isNull(feedbackRaters.answeredAt),
          isNull(feedbackRaters.declinedAt),
        ),
      )
      .orderBy(asc(feedbackRaters.id))
      .all()
    if (waiting.length === 0) return { ok: false, reason: 'nobody-waiting' }
    const lastMail = (r: (typeof waiting)[number]) => r.lastRemindedAt ?? r.invitedAt
    const due = waiting.filter((r) => lastMail(r) <= cutoff)
    if (due.length === 0) {
      const earliest = waiting.map(lastMail).sort()[0]!
      return {
        ok: false,
        reason: 'too-soon',
        nextAt: new Date(Date.parse(earliest) + limits.reminderIntervalMs).toISOString(),
      }
    }
    const expiresAt = new Date(now.getTime() + limits.linkTtlMs).toISOString()
    for (const rater of due) {
      const token = randomToken()
      const changed = tx
        .update(feedbackRaters)
        .set({ tokenHash: hashToken(token), expiresAt, lastRemindedAt: stamp })
        .where(
          and(
            eq(feedbackRaters.id, rater.id),
            isNull(feedbackRaters.answeredAt),
            isNull(feedbackRaters.declinedAt),
            or(isNull(feedbackRaters.lastRemindedAt), lte(feedbackRaters.lastRemindedAt, cutoff)),
          ),
        )
        .run().changes
      if (changed !== 1) continue
      queueRequestEmail(tx, {
        to: rater.email,
        traineeName: input.traineeName,
        token,
        expiresAt,
        reminder: true,
        publicUrl,
        stamp,
      })
    }
    return { ok: true, reminded: due.length }
  })
}

export type ReleaseResult =
  | { ok: true; results: FeedbackResults }
  | { ok: false; reason: 'too-few'; responses: number; needed: number }
  | { ok: false; reason: 'released' | 'not-found' }

/**
 * Closes a round and releases its results, only once at least the minimum number of colleagues have answered.
 * The results are computed and stored now, comments shuffled once, so every later reading is the same; links
 * not yet used stop working.
 */
export function releaseRound(
  db: Db,
  traineeId: number,
  roundId: number,
  now: Date,
  {
    limits = limitsOf(),
    random = (n: number) => randomInt(n),
  }: { limits?: FeedbackLimits; random?: (n: number) => number } = {},
): ReleaseResult {
  return db.transaction((tx) => {
    const round = roundState(asDb(tx), traineeId, roundId)
    if (round !== 'open') return { ok: false, reason: round }
    const answers = tx
      .select({
        ratings: feedbackResponses.ratings,
        strengths: feedbackResponses.strengths,
        development: feedbackResponses.development,
      })
      .from(feedbackResponses)
      .where(eq(feedbackResponses.roundId, roundId))
      .all()
    if (answers.length < limits.minimumResponses)
      return { ok: false, reason: 'too-few', responses: answers.length, needed: limits.minimumResponses }
    const invited = countsOf(asDb(tx), [roundId]).get(roundId)?.invited ?? 0
    const results = aggregateFeedback(FEEDBACK_QUESTIONS, answers, { invited, randomInt: random })
    tx.update(feedbackRounds)
      .set({ releasedAt: now.toISOString(), results: results as unknown as Record<string, unknown> })
      .where(eq(feedbackRounds.id, roundId))
      .run()
    return { ok: true, results }
  })
}

/** The trainee's round, released and not yet tied to an item reflecting on it. */
function awaitingReflection(traineeId: number, roundId: number) {
  return and(
    eq(feedbackRounds.id, roundId),
    eq(feedbackRounds.traineeId, traineeId),
    isNotNull(feedbackRounds.releasedAt),
    isNull(feedbackRounds.evidenceId),
  )
}

/** A released round of this trainee's that has no reflection yet, for the evidence form to start one from. */
export function roundAwaitingReflection(db: Db, traineeId: number, roundId: number) {
  return db
    .select({
      id: feedbackRounds.id,
      createdAt: feedbackRounds.createdAt,
      releasedAt: feedbackRounds.releasedAt,
      areaCodes: feedbackRounds.areaCodes,
      results: feedbackRounds.results,
    })
    .from(feedbackRounds)
    .where(awaitingReflection(traineeId, roundId))
    .get()
}

/** Ties a released round to the item reflecting on it. False when the round is not this trainee's or has one. */
export function linkReflection(db: Db, traineeId: number, roundId: number, evidenceId: number): boolean {
  return db.update(feedbackRounds).set({ evidenceId }).where(awaitingReflection(traineeId, roundId)).run().changes === 1
}

/** The released results each of these items reflects on: evidence id → results. */
export function feedbackForEvidence(db: Db, evidenceIds: readonly number[]): Map<number, FeedbackResults> {
  const out = new Map<number, FeedbackResults>()
  if (evidenceIds.length === 0) return out
  const rows = db
    .select({ evidenceId: feedbackRounds.evidenceId, results: feedbackRounds.results })
    .from(feedbackRounds)
    .where(and(inArray(feedbackRounds.evidenceId, [...evidenceIds]), isNotNull(feedbackRounds.releasedAt)))
    .all()
  for (const row of rows) {
    const results = parseFeedbackResults(row.results)
    if (row.evidenceId !== null && results) out.set(row.evidenceId, results)
  }
  return out
}

/** Whose round this is, for the access check; undefined when there is no such round. */
export function roundOwner(db: Db, roundId: number): number | undefined {
  return db
    .select({ traineeId: feedbackRounds.traineeId })
    .from(feedbackRounds)
    .where(eq(feedbackRounds.id, roundId))
    .get()?.traineeId
}
