import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { recordMemberships, recordPosts, recordQualifications } from '../../db/schema'
import { prepared } from '~/models/prepared.server'
import type { MembershipInput, PostInput, QualificationInput } from '~/record/form'

export type RecordPost = typeof recordPosts.$inferSelect
export type RecordQualification = typeof recordQualifications.$inferSelect
export type RecordMembership = typeof recordMemberships.$inferSelect

export interface ExperienceRecord {
  posts: RecordPost[]
  qualifications: RecordQualification[]
  memberships: RecordMembership[]
}

/** A trainee's whole record: posts and qualifications from the earliest, memberships as entered. */
// Read for the dashboard and the record on every visit: prepared once per connection.
const postsOf = (db: Db) =>
  db
    .select()
    .from(recordPosts)
    .where(eq(recordPosts.traineeId, sql.placeholder('traineeId')))
    .orderBy(asc(recordPosts.startDate), asc(recordPosts.id))
    .prepare()
const qualificationsOf = (db: Db) =>
  db
    .select()
    .from(recordQualifications)
    .where(eq(recordQualifications.traineeId, sql.placeholder('traineeId')))
    .orderBy(asc(recordQualifications.endDate), asc(recordQualifications.id))
    .prepare()
const membershipsOf = (db: Db) =>
  db
    .select()
    .from(recordMemberships)
    .where(eq(recordMemberships.traineeId, sql.placeholder('traineeId')))
    .orderBy(asc(recordMemberships.id))
    .prepare()

export function getRecord(db: Db, traineeId: number): ExperienceRecord {
  return {
    posts: prepared(db, postsOf).all({ traineeId }),
    qualifications: prepared(db, qualificationsOf).all({ traineeId }),
    memberships: prepared(db, membershipsOf).all({ traineeId }),
  }
}

/** The posts of these trainees, for the coverage report: one query whatever their number. */
export function postsOfTrainees(db: Db, traineeIds: readonly number[]): Map<number, RecordPost[]> {
  const result = new Map<number, RecordPost[]>()
  for (const id of traineeIds) result.set(id, [])
  if (traineeIds.length === 0) return result
  const rows = db
    .select()
    .from(recordPosts)
    .where(inArray(recordPosts.traineeId, [...traineeIds]))
    .orderBy(asc(recordPosts.startDate), asc(recordPosts.id))
    .all()
  for (const row of rows) result.get(row.traineeId)?.push(row)
  return result
}

function postValues(input: PostInput) {
  return {
    employer: input.employer,
    department: input.department,
    jobTitle: input.jobTitle,
    band: input.band,
    startDate: input.startDate,
    endDate: input.endDate,
    fractionPercent: input.fraction,
    supervisorName: input.supervisorName,
    supervisedPractice: input.supervisedPractice,
    description: input.description,
  }
}

/** Adds a post, or changes one of the trainee's own (`id`); the id, or null if they have no such post. */
export function savePostRow(db: Db, traineeId: number, input: PostInput, id: number | undefined, now: Date) {
  const at = now.toISOString()
  if (id === undefined) {
    return db
      .insert(recordPosts)
      .values({ traineeId, ...postValues(input), createdAt: at, updatedAt: at })
      .returning({ id: recordPosts.id })
      .get().id
  }
  const changed = db
    .update(recordPosts)
    .set({ ...postValues(input), updatedAt: at })
    .where(and(eq(recordPosts.id, id), eq(recordPosts.traineeId, traineeId)))
    .run().changes
  return changed === 1 ? id : null
}

export function saveQualificationRow(
  db: Db,
  traineeId: number,
  input: QualificationInput,
  id: number | undefined,
  now: Date,
) {
  const at = now.toISOString()
  if (id === undefined) {
    return db
      .insert(recordQualifications)
      .values({ traineeId, ...input, createdAt: at, updatedAt: at })
      .returning({ id: recordQualifications.id })
      .get().id
  }
  const changed = db
    .update(recordQualifications)
    .set({ ...input, updatedAt: at })
    .where(and(eq(recordQualifications.id, id), eq(recordQualifications.traineeId, traineeId)))
    .run().changes
  return changed === 1 ? id : null
}

export function saveMembershipRow(
  db: Db,
  traineeId: number,
  input: MembershipInput,
  id: number | undefined,
  now: Date,
) {
  const at = now.toISOString()
  if (id === undefined) {
    return db
      .insert(recordMemberships)
      .values({ traineeId, ...input, createdAt: at, updatedAt: at })
      .returning({ id: recordMemberships.id })
      .get().id
  }
  const changed = db
    .update(recordMemberships)
    .set({ ...input, updatedAt: at })
    .where(and(eq(recordMemberships.id, id), eq(recordMemberships.traineeId, traineeId)))
    .run().changes
  return changed === 1 ? id : null
}

const TABLES = { post: recordPosts, qualification: recordQualifications, membership: recordMemberships } as const
export type RecordEntryKind = keyof typeof TABLES

/** Deletes one of the trainee's own entries; false if they have no such entry. */
export function deleteRecordEntry(db: Db, traineeId: number, kind: RecordEntryKind, id: number): boolean {
  const table = TABLES[kind]
  return (
    db
      .delete(table)
      .where(and(eq(table.id, id), eq(table.traineeId, traineeId)))
      .run().changes === 1
  )
}
