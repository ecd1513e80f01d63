import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { describeMediaType, isAcceptedMediaType } from '~/files/sniff'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EvidenceEditor } from '~/components/evidence-editor'
import type { EditorValues } from '~/evidence/form'
import { requireEvidence } from '~/evidence/access.server'
import { saveEvidenceForm } from '~/evidence/save.server'
import { getEvidence } from '~/models/evidence.server'
import { requireCurrentFramework } from '~/models/framework.server'
import { listPiiFindings } from '~/models/pii.server'
import { requireUser } from '~/utils/session.server'
import { notFound } from '~/utils/responses'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit: ${data.item.title} · Attain` : 'Not found · Attain' },
]

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id, traineeId } = requireEvidence(context, user, params.id, 'edit')
  const item = getEvidence(context.db, traineeId, id)
  if (!item) throw notFound()
  const framework = requireCurrentFramework(context.db)
  // An area the coverage report offered this item for (?claim=Com2): ticked, its sentence left for the trainee to write.
  const wanted = new URL(request.url).searchParams.get('claim')
  const claim = framework.domains.flatMap((d) => d.areas).find((a) => a.code === wanted)?.code ?? null
  return {
    item,
    framework,
    claim,
    findings: listPiiFindings(context.db, id),
    maxUploadMb: Math.round(context.env.uploadMaxBytes / 1024 / 1024),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id } = requireEvidence(context, user, params.id, 'edit')
  const result = await saveEvidenceForm(request, context, user, id)
  if ('ok' in result && result.ok) return redirect(`/evidence/${id}?saved=1`)
  return result
}

export default function EditEvidence() {
  const { item, framework, findings, maxUploadMb, claim } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failed = result && 'values' in result ? result : undefined
  const values: EditorValues = failed?.values ?? {
    title: item.title,
    activityStart: item.activityStart,
    activityEnd: item.activityEnd ?? '',
    evidenceType: item.evidenceType,
    role: item.role,
    description: item.description,
    reflection: item.reflection,
    claims: [
      ...item.claims.map((c) => ({
        area: c.code,
        statement: c.statement,
        competencies: c.competencies.map((x) => x.slug),
      })),
      ...(claim && !item.claims.some((c) => c.code === claim)
        ? [{ area: claim, statement: '', competencies: [] }]
        : []),
    ],
  }
  return (
    <div className="page">
      <Breadcrumb
        trail={[
          { to: '/evidence', label: 'Evidence' },
          { to: `/evidence/${item.id}`, label: item.title },
        ]}
        current="Edit"
      />
      <h1>Edit evidence</h1>
      <EvidenceEditor
        framework={framework}
        values={values}
        errors={failed?.errors}
        formError={failed?.formError}
        attachments={item.attachments.map((a) => ({
          id: a.id,
          originalName: a.originalName,
          label: isAcceptedMediaType(a.mediaType) ? describeMediaType(a.mediaType) : a.mediaType,
        }))}
        findings={findings}
        maxUploadMb={maxUploadMb}
        draftKey={`evidence-${item.id}`}
        saved={false}
        submitLabel="Save changes"
        cancelHref={`/evidence/${item.id}`}
        focusArea={failed ? null : claim}
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
