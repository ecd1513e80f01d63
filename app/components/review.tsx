import { Form } from '@remix-run/react'
import type { ClaimDecision } from '~/vocabulary'
import { Markdown } from '~/components/markdown'
import { SubmitButton } from '~/components/forms'
import { formatShortDateTime } from '~/utils/dates'

export interface CommentView {
  id: number
  parentId: number | null
  authorName: string
  authorRole: string
  areaCode: string | null
  revision: number | null
  body: string
  forAssessor: boolean
  createdAt: string
}

export interface StandingDecision {
  decision: ClaimDecision
  comment: string
  mentorName: string
  createdAt: string
  revision: number
}

/** What the mentors made of a claim on the item's current revision. */
export function ClaimDecisionBadge({
  decision,
  changedSinceVerification,
}: {
  decision?: StandingDecision
  changedSinceVerification: boolean
}) {
  if (decision?.decision === 'verified') {
    return (
      <p className="decision decision--verified">
        <span aria-hidden="true">✓ </span>Verified by {decision.mentorName} on revision {decision.revision},{' '}
        {formatShortDateTime(decision.createdAt)}
        {decision.comment ? `: ${decision.comment}` : ''}
      </p>
    )
  }
  if (decision?.decision === 'changes_requested') {
    return (
      <p className="decision decision--changes">
        <span aria-hidden="true">✎ </span>Changes requested by {decision.mentorName}:{' '}
        {decision.comment || 'see the comments'}
      </p>
    )
  }
  if (changedSinceVerification) {
    return (
      <p className="decision decision--changed">
        <span aria-hidden="true">↻ </span>Changed since verification: waiting for the mentor to verify the new revision
      </p>
    )
  }
  return null
}

/** The item's discussion, threaded, with a form to add to it. */
export function CommentThread({
  comments,
  canComment,
  isMentor,
}: {
  comments: CommentView[]
  canComment: boolean
  isMentor: boolean
}) {
  const roots = comments.filter((c) => c.parentId === null || !comments.some((p) => p.id === c.parentId))
  const replies = (id: number) => comments.filter((c) => c.parentId === id)
  const render = (comment: CommentView, depth: number) => (
    <li key={comment.id} className="comment">
      <p className="comment__meta">
        <strong>{comment.authorName}</strong> ({comment.authorRole}) · {formatShortDateTime(comment.createdAt)}
        {comment.areaCode ? ` · about ${comment.areaCode}` : ''}
        {comment.revision ? ` · revision ${comment.revision}` : ''}
        {comment.forAssessor ? ' · for the assessor' : ''}
      </p>
      <Markdown>{comment.body}</Markdown>
      {canComment && depth < 3 ? (
        <details className="comment__reply" key={comments.length}>
          <summary>Reply</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="parentId" value={comment.id} />
            <label htmlFor={`reply-${comment.id}`}>Your reply</label>
            <textarea id={`reply-${comment.id}`} name="body" rows={3} required />
            <SubmitButton name="intent" value="comment" pendingText="Sending…">
              Reply
            </SubmitButton>
          </Form>
        </details>
      ) : null}
      {replies(comment.id).length > 0 ? (
        <ul className="comments">{replies(comment.id).map((r) => render(r, depth + 1))}</ul>
      ) : null}
    </li>
  )
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">Discussion</h2>
      {comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="comments">{roots.map((c) => render(c, 0))}</ul>
      )}
      {canComment ? (
        // Keyed by the number of comments: once one is posted the form starts empty again.
        <Form method="post" className="stack narrow" key={comments.length}>
          <label htmlFor="new-comment">Add a comment</label>
          <textarea id="new-comment" name="body" rows={4} required aria-describedby="new-comment-hint" />
          <p className="field__hint" id="new-comment-hint">
            Markdown works. Seen by the trainee and their mentors only.
          </p>
          {isMentor ? (
            <label>
              <input type="checkbox" name="forAssessor" value="on" /> Include this comment for the assessor with the
              submission
            </label>
          ) : null}
          <SubmitButton name="intent" value="comment" pendingText="Sending…">
            Comment
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  )
}
