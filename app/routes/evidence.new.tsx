import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { EvidenceEditor } from '~/components/evidence-editor'
import type { EditorValues } from '~/evidence/form'
import { saveEvidenceForm } from '~/evidence/save.server'
import { requireCurrentFramework } from '~/models/framework.server'
import { requirePermission } from '~/utils/authorization.server'
import { requireRole } from '~/utils/session.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Log evidence')

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireRole(request, context, ['trainee'])
  requirePermission(context.db, user, 'edit', { kind: 'portfolio', traineeId: user.id })
  const framework = requireCurrentFramework(context.db)
  const wanted = new URL(request.url).searchParams.get('area')
  // Only a code the framework has: a mistyped link preselects nothing.
  const area = framework.domains.flatMap((d) => d.areas).find((a) => a.code === wanted)?.code ?? null
  return {
    framework,
    maxUploadMb: Math.round(context.env.uploadMaxBytes / 1024 / 1024),
    today: context.now().toISOString().slice(0, 10),
    preselected: area,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireRole(request, context, ['trainee'])
  requirePermission(context.db, user, 'edit', { kind: 'portfolio', traineeId: user.id })
  const result = await saveEvidenceForm(request, context, user)
  if ('ok' in result && result.ok) return redirect(`/evidence/${result.id}?saved=1`)
  return result
}

export default function NewEvidence() {
  const { framework, maxUploadMb, today, preselected } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failed = result && 'values' in result ? result : undefined
  const values: EditorValues = failed?.values ?? {
    title: '',
    activityStart: today,
    activityEnd: '',
    evidenceType: '',
    role: '',
    description: '',
    reflection: '',
    claims: preselected ? [{ area: preselected, statement: '', competencies: [] }] : [],
  }
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/evidence">Evidence</Link>
          </li>
          <li aria-current="page">New item</li>
        </ol>
      </nav>
      <h1>Log a piece of evidence</h1>
      <p className="lede">
        Describe the work, reflect on it, and claim the areas of competence it demonstrates. You can save a draft and
        come back to it; nothing goes to your mentor until you send it for review.
      </p>
      <EvidenceEditor
        framework={framework}
        values={values}
        errors={failed?.errors}
        formError={failed?.formError}
        maxUploadMb={maxUploadMb}
        draftKey="evidence-new"
        saved={false}
        submitLabel="Save item"
        cancelHref="/evidence"
      />
    </div>
  )
}
