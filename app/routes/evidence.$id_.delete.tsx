import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SubmitButton } from '~/components/forms'
import { requireEvidence } from '~/evidence/access.server'
import { deleteEvidence, getEvidence } from '~/models/evidence.server'
import { audit } from '~/utils/audit.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'
import { requireUser } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'

export const meta = pageTitle('Delete evidence')

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id, traineeId } = requireEvidence(context, user, params.id, 'edit')
  const item = getEvidence(context.db, traineeId, id)
  if (!item) throw notFound()
  return { id, title: item.title, claims: item.claims.length, files: item.attachments.length }
}

export function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id } = requireEvidence(context, user, params.id, 'edit')
  const title = getEvidence(context.db, user.id, id)?.title ?? 'an item'
  if (!deleteEvidence(context.db, user.id, id)) throw notFound()
  audit(context, user.id, 'evidence.deleted', { type: 'evidence', id })
  portfolioChanged(context, user.id, user.id, `“${title}” was deleted`)
  return redirect('/evidence?deleted=1')
}

export default function DeleteEvidence() {
  const { id, title, claims, files } = useLoaderData<typeof loader>()
  return (
    <div className="page narrow">
      <h1>Delete “{title}”?</h1>
      <p>
        The item, its {claims} {claims === 1 ? 'claim' : 'claims'} and {files} attached {files === 1 ? 'file' : 'files'}{' '}
        will be removed from your portfolio. This cannot be undone.
      </p>
      <Form method="post" className="actions">
        <SubmitButton className="danger" pendingText="Deleting…">
          Delete the item
        </SubmitButton>
        <Link to={`/evidence/${id}`} className="button button--secondary">
          Keep it
        </Link>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
