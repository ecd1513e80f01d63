import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useRef } from 'react'
import { z } from 'zod'
import { SPECIALISMS } from '~/vocabulary'
import { nameField, traineeProfileFields } from '~/auth/schemas'
import { SpecialismOptions } from '~/components/account-fields'
import { DraftNotice, useFormDraft } from '~/components/draft'
import { Field, FormError, SelectField, SubmitButton, fieldErrors } from '~/components/forms'
import { getTraineeProfile, updateName, updateTraineeProfile } from '~/models/user.server'
import { getSpecialism, setSpecialism } from '~/models/roles.server'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { failure, parseForm, readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'

const traineeSchema = z.object({ name: nameField, ...traineeProfileFields })
const otherSchema = z.object({ name: nameField })
// A mentor's specialism: coverage tells a trainee when a claim was verified by someone outside the item's field.
const mentorSchema = z.object({
  name: nameField,
  specialism: z
    .union([z.literal(''), z.enum(SPECIALISMS, { error: 'Choose a specialism from the list' })])
    .optional()
    .transform((s) => (s ? s : null)),
})

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const profile = user.role === 'trainee' ? (getTraineeProfile(context.db, user.id) ?? null) : null
  const specialism = user.role === 'mentor' ? getSpecialism(context.db, user.id) : null
  return { user: { name: user.name, email: user.email, role: user.role }, profile, specialism }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const formData = await readForm(request)
  if (user.role === 'trainee') {
    requirePermission(context.db, user, 'edit', { kind: 'portfolio', traineeId: user.id })
    const parsed = parseForm(formData, traineeSchema)
    if (!parsed.ok) return failure(parsed)
    const { name, ...profile } = parsed.data
    updateName(context.db, user.id, name, context.now())
    updateTraineeProfile(context.db, user.id, profile)
  } else if (user.role === 'mentor') {
    const parsed = parseForm(formData, mentorSchema)
    if (!parsed.ok) return failure(parsed)
    updateName(context.db, user.id, parsed.data.name, context.now())
    setSpecialism(context.db, user.id, parsed.data.specialism, context.now())
  } else {
    const parsed = parseForm(formData, otherSchema)
    if (!parsed.ok) return failure(parsed)
    updateName(context.db, user.id, parsed.data.name, context.now())
  }
  audit(context, user.id, 'user.profile_updated', { type: 'user', id: user.id })
  return { ok: true as const, errors: undefined, formError: undefined, values: undefined }
}

export default function ProfileSettings() {
  const { user, profile, specialism } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const formRef = useRef<HTMLFormElement>(null)
  const draft = useFormDraft(formRef, 'settings-profile', { saved: result?.ok === true })
  const values = result?.values
  return (
    <section aria-labelledby="profile-title" className="narrow">
      <h1 id="profile-title">Your profile</h1>
      <p className="muted">
        Signed in as {user.email} ({user.role}).
      </p>
      <DraftNotice restored={draft.restored} onDiscard={draft.discard} />
      {result?.ok ? (
        <p className="success" role="status">
          Profile saved.
        </p>
      ) : null}
      <Form method="post" className="stack" ref={formRef} noValidate>
        <FormError>{result?.formError}</FormError>
        <Field
          label="Full name"
          name="name"
          autoComplete="name"
          defaultValue={values?.name ?? user.name}
          errors={fieldErrors(result, 'name')}
        />
        {user.role === 'mentor' ? (
          <SelectField
            label="Your specialism"
            name="specialism"
            hint="The field you can judge evidence in. Your trainees’ coverage notes a claim you verified in a specialist area outside it."
            defaultValue={values?.specialism ?? specialism ?? ''}
            errors={fieldErrors(result, 'specialism')}
          >
            <option value="">Not recorded</option>
            <SpecialismOptions />
          </SelectField>
        ) : null}
        {profile ? (
          <>
            <SelectField
              label="Specialism"
              name="specialism"
              defaultValue={values?.specialism ?? profile.specialism}
              errors={fieldErrors(result, 'specialism')}
            >
              <SpecialismOptions />
            </SelectField>
            <Field
              label="Employer"
              name="employer"
              defaultValue={values?.employer ?? profile.employer}
              errors={fieldErrors(result, 'employer')}
            />
            <Field
              label="Target submission date"
              name="targetSubmissionDate"
              type="date"
              defaultValue={values?.targetSubmissionDate ?? profile.targetSubmissionDate ?? ''}
              errors={fieldErrors(result, 'targetSubmissionDate')}
            />
          </>
        ) : null}
        <SubmitButton>Save profile</SubmitButton>
      </Form>
    </section>
  )
}
