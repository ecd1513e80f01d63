import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumb } from '~/components/breadcrumb'
import { EvidenceEditor } from '~/components/evidence-editor'
import type { EditorValues } from '~/evidence/form'
import { saveEvidenceForm } from '~/evidence/save.server'
import { linkReflection, roundAwaitingReflection } from '~/models/feedback.server'
import { requireCurrentFramework } from '~/models/framework.server'
import { formatDay } from '~/utils/dates'
import { audit } from '~/utils/audit.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Log evidence')

/** The released feedback round a `?feedback=` link starts a reflection on, if it is the trainee's and has none yet. */
function feedbackRound(request: Request, context: LoaderFunctionArgs['context'], traineeId: number) {
  const id = Number(new URL(request.url).searchParams.get('feedback'))
  return Number.isSafeInteger(id) && id > 0 ? roundAwaitingReflection(context.db, traineeId, id) : undefined
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const framework = requireCurrentFramework(context.db)
  const round = feedbackRound(request, context, user.id)
  const wanted = new URL(request.url).searchParams.get('area')
  // Only a code the framework has: a mistyped link preselects nothing.
  const area = framework.domains.flatMap((d) => d.areas).find((a) => a.code === wanted)?.code ?? null
  return {
    framework,
    maxUploadMb: Math.round(context.env.uploadMaxBytes / 1024 / 1024),
    today: context.now().toISOString().slice(0, 10),
    preselected: area,
    feedback: round
      ? {
          id: round.id,
          createdAt: round.createdAt,
          releasedAt: round.releasedAt ?? round.createdAt,
          areaCodes: round.areaCodes,
          responses: Number((round.results as { responses?: unknown } | null)?.responses ?? 0),
        }
      : null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const round = feedbackRound(request, context, user.id)
  const result = await saveEvidenceForm(request, context, user)
  if ('ok' in result && result.ok) {
    // Saved from a released feedback round: the item is the reflection on it, and shows its results.
    if (round && linkReflection(context.db, user.id, round.id, result.id))
      audit(
        context,
        user.id,
        'feedback.reflection_linked',
        { type: 'feedback_round', id: round.id },
        { evidenceId: result.id },
      )
    return redirect(`/evidence/${result.id}?saved=1`)
  }
  return result
}

export default function NewEvidence() {
  const { framework, maxUploadMb, today, preselected, feedback } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failed = result && 'values' in result ? result : undefined
  const values: EditorValues = failed?.values ??
    (feedback
      ? {
          title: `Reflection on multi-source feedback, ${formatDay(feedback.releasedAt)}`,
          activityStart: feedback.createdAt.slice(0, 10),
          activityEnd: feedback.releasedAt.slice(0, 10),
          evidenceType: 'msf-reflection',
          role: 'led',
          description: `Multi-source feedback from ${feedback.responses} colleagues, asked through Attain on ${formatDay(feedback.createdAt)} and released on ${formatDay(feedback.releasedAt)}. The combined results go with this item.`,
          reflection: '',
          claims: feedback.areaCodes.map((area) => ({ area, statement: '', competencies: [] })),
        }
      : null) ?? {
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
      <Breadcrumb trail={[{ to: '/evidence', label: 'Evidence' }]} current="New item" />
      <h1>{feedback ? 'Reflect on your multi-source feedback' : 'Log a piece of evidence'}</h1>
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
        draftKey={feedback ? `evidence-new-feedback-${feedback.id}` : 'evidence-new'}
        saved={false}
        submitLabel="Save item"
        cancelHref="/evidence"
      />
    </div>
  )
}
