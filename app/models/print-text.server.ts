import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { evidenceClaims, evidenceItems, users } from '../../db/schema'
import type { TextPart } from '~/submission/glyphs'
import { currentPortfolio } from '~/models/evidence.server'
import { getSummaryStatement } from '~/models/submission.server'

/**
 * Every piece of the live portfolio's text that the summary PDF prints, with
 * where the trainee edits it: for the check, before submitting, that the
 * PDF's fonts can draw all of it. Three queries whatever the portfolio's size.
 */
export function portfolioPrintText(db: Db, traineeId: number, now: Date): TextPart[] {
  const portfolio = currentPortfolio(db, traineeId, now)
  const parts: TextPart[] = []
  const name = db.select({ name: users.name }).from(users).where(eq(users.id, traineeId)).get()?.name ?? ''
  parts.push({ where: 'Your name', to: '/settings', text: name })
  parts.push({
    where: 'Your summary statement',
    to: '/submission#statement-title',
    text: getSummaryStatement(db, traineeId, now),
  })
  const items = db
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      description: evidenceItems.description,
      reflection: evidenceItems.reflection,
    })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.traineeId, traineeId), eq(evidenceItems.portfolioId, portfolio.id)))
    .orderBy(asc(evidenceItems.activityStart), asc(evidenceItems.id))
    .all()
  const claims = items.length
    ? db
        .select({ evidenceId: evidenceClaims.evidenceId, statement: evidenceClaims.statement })
        .from(evidenceClaims)
        .where(
          inArray(
            evidenceClaims.evidenceId,
            items.map((i) => i.id),
          ),
        )
        .all()
    : []
  const statements = new Map<number, string[]>()
  for (const claim of claims)
    statements.set(claim.evidenceId, [...(statements.get(claim.evidenceId) ?? []), claim.statement])
  for (const item of items) {
    const where = `“${item.title}”`
    const to = `/evidence/${item.id}/edit`
    parts.push(
      { where, to, text: item.title },
      { where, to, text: item.description },
      { where, to, text: item.reflection },
    )
    for (const statement of statements.get(item.id) ?? []) parts.push({ where, to, text: statement })
  }
  return parts
}
