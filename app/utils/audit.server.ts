import type { AppLoadContext } from '@remix-run/node'
import { recordAudit } from '~/models/audit.server'
import type { AuditAction } from '~/utils/audit-actions'

/** Records an event with the request's address and time. */
export function audit(
  context: AppLoadContext,
  actorId: number | null,
  action: AuditAction,
  subject?: { type: string; id: string | number },
  detail: Record<string, unknown> = {},
): void {
  recordAudit(context.db, {
    actorId,
    action,
    subjectType: subject?.type,
    subjectId: subject?.id,
    ipAddress: context.clientIp,
    detail,
    at: context.now(),
  })
}
