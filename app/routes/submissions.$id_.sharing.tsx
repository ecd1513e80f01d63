import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Breadcrumb } from '~/components/breadcrumb'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableHead } from '~/components/table'
import { ConfirmForm, Field, FormError, SubmitButton, fieldErrors } from '~/components/forms'
import {
  createAssessorLink,
  listAssessorLinks,
  listLinkOpenings,
  revokeAssessorLink,
} from '~/models/assessor-link.server'
import {
  defaultExpiryDay,
  expiryInstant,
  isoDay,
  lastDayOf,
  latestExpiryDay,
  LINK_MAX_DAYS,
  LINK_STATUS_LABELS,
  newLinkSchema,
  OPENING_LABELS,
  RECIPIENT_MAX,
} from '~/submission/assessor-links'
import { formatShortDateTime, formatShortDay } from '~/utils/dates'
import { requireSubmission } from '~/submission/access.server'
import { audit } from '~/utils/audit.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'
import { requireUser } from '~/utils/session.server'

export const meta = pageTitle('Share with an assessor')

// A new link's address is shown on the page once: no cache may keep a copy.
const NO_STORE = { 'Cache-Control': 'private, no-store' }

export const headers: HeadersFunction = () => NO_STORE

export function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'share')
  const now = context.now()
  return {
    isAdmin: user.role === 'admin',
    submission: {
      id: submission.id,
      number: submission.number,
      traineeName: submission.snapshot.trainee.name,
      createdAt: submission.createdAt,
      hash: submission.snapshotSha256,
    },
    links: listAssessorLinks(context.db, submission.id, now),
    openings: listLinkOpenings(context.db, submission.id),
    expiry: { today: isoDay(now), latest: latestExpiryDay(now), default: defaultExpiryDay(now) },
  }
}

const revokeSchema = z.object({ intent: z.literal('revoke'), linkId: z.coerce.number().int().positive() })

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = requireUser(request, context)
  const submission = requireSubmission(context, user, params.id, 'share')
  const now = context.now()
  const formData = await readForm(request)
  const schema = z.discriminatedUnion('intent', [newLinkSchema(now), revokeSchema], {
    error: 'That action is not available here.',
  })
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) {
    if (formData.get('intent') === 'create') return failure(parsed)
    // A revoke button has no field to put a message at.
    return invalid(formData, parsed.errors, { formError: 'That action is not available here.' })
  }
  const input = parsed.data
  switch (input.intent) {
    case 'create': {
      const expiresAt = expiryInstant(input.expiresOn)
      const link = createAssessorLink(
        context.db,
        { submissionId: submission.id, recipient: input.recipient, expiresAt, createdBy: user.id },
        now,
      )
      audit(
        context,
        user.id,
        'submission.link_created',
        { type: 'assessor_link', id: link.id },
        {
          submissionId: submission.id,
          recipient: input.recipient,
          expiresAt: expiresAt.toISOString(),
        },
      )
      const base = context.env.publicUrl ?? new URL(request.url).origin
      return data(
        {
          ok: true as const,
          intent: 'create' as const,
          url: `${base}/s/${link.token}`,
          recipient: input.recipient,
          expiresAt: expiresAt.toISOString(),
        },
        { headers: NO_STORE },
      )
    }
    case 'revoke': {
      if (!revokeAssessorLink(context.db, submission.id, input.linkId, now)) {
        return invalid(formData, {}, { formError: 'That link has already been revoked.' })
      }
      audit(
        context,
        user.id,
        'submission.link_revoked',
        { type: 'assessor_link', id: input.linkId },
        { submissionId: submission.id },
      )
      return { ok: true as const, intent: 'revoke' as const }
    }
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type Result = ReturnType<typeof useActionData<typeof action>>

function NewLink({ expiry, result }: { expiry: Loaded['expiry']; result: Result }) {
  const failed = result && !result.ok && result.values.intent === 'create' ? result : undefined
  const created = result?.ok && result.intent === 'create' ? result : undefined
  const values = failed?.values ?? {}
  return (
    <section aria-labelledby="new-link">
      <h2 id="new-link">Create a link</h2>
      {created ? (
        <div className="success" role="status">
          <p>
            <strong>Send this link to {created.recipient}.</strong> It works until the end of{' '}
            {lastDayOf(created.expiresAt)} (UTC) and is shown only now: copy it before you leave this page.
          </p>
          <p className="secret" data-testid="assessor-link">
            {created.url}
          </p>
        </div>
      ) : null}
      {/* A new key after each link made empties the form for the next. */}
      <Form method="post" className="stack narrow" noValidate key={created ? created.url : 'new-link'}>
        <FormError>{failed?.formError}</FormError>
        <Field
          label="Who is this for?"
          name="recipient"
          autoComplete="off"
          maxLength={RECIPIENT_MAX}
          hint="The assessor’s name or e-mail address, e.g. “Dr Jane Smith, ACS assessor”. It appears in the list of links and openings below."
          defaultValue={values.recipient ?? ''}
          errors={fieldErrors(failed, 'recipient')}
          required
        />
        <Field
          label="Works until"
          name="expiresOn"
          type="date"
          min={expiry.today}
          max={expiry.latest}
          hint={`The link stops working at the end of this day (UTC). At most ${LINK_MAX_DAYS} days ahead.`}
          defaultValue={values.expiresOn ?? expiry.default}
          errors={fieldErrors(failed, 'expiresOn')}
          required
        />
        <SubmitButton name="intent" value="create" pendingText="Creating…">
          Create link
        </SubmitButton>
      </Form>
    </section>
  )
}

function Links({ links }: { links: Loaded['links'] }) {
  if (links.length === 0) {
    return (
      <div className="empty-state">
        <h3>No links yet</h3>
        <p>Create a link above for each assessor who should read this submission.</p>
      </div>
    )
  }
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Links to this submission</caption>
        <TableHead columns={['For', 'Created', 'Works until', 'Status', 'Openings']} hidden="Actions" />
        <tbody>
          {links.map((link) => (
            <tr key={link.id}>
              <td>{link.recipient}</td>
              <td>
                <time dateTime={link.createdAt}>{formatShortDay(link.createdAt)}</time>
                <span className="muted"> by {link.createdByName}</span>
              </td>
              <td>
                <time dateTime={link.expiresAt}>{lastDayOf(link.expiresAt)}</time>
              </td>
              <td>
                <span className="badge">{LINK_STATUS_LABELS[link.status]}</span>
              </td>
              <td>
                {link.openings === 0 ? (
                  'Not opened yet'
                ) : (
                  <>
                    {link.openings}
                    {link.lastOpenedAt ? (
                      <span className="muted"> (last {formatShortDateTime(link.lastOpenedAt)})</span>
                    ) : null}
                  </>
                )}
              </td>
              <td>
                {link.status === 'active' ? (
                  <ConfirmForm
                    question={`Revoke the link for ${link.recipient}? It stops working at once.`}
                    fields={{ linkId: link.id }}
                    intent="revoke"
                    className="inline-form"
                    buttonClassName="danger"
                    pendingText="Revoking…"
                  >
                    Revoke<span className="visually-hidden"> the link for {link.recipient}</span>
                  </ConfirmForm>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Openings({ openings }: { openings: Loaded['openings'] }) {
  if (openings.length === 0) {
    return (
      <p className="empty-state">
        Nobody has opened a link yet. Each opening will be listed here, with when and from where.
      </p>
    )
  }
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Every opening of this submission’s links, newest first</caption>
        <TableHead columns={['When', 'Address', 'Browser', 'Opened', 'Link for']} />
        <tbody>
          {openings.map((o) => (
            <tr key={o.id}>
              <td>
                <time dateTime={o.openedAt}>{formatShortDateTime(o.openedAt)}</time>
              </td>
              <td className="code">{o.ipAddress || '—'}</td>
              <td title={o.userAgent || undefined}>{o.userAgentShort}</td>
              <td>{OPENING_LABELS[o.what] ?? o.what}</td>
              <td>{o.recipient}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function SharingPage() {
  const { isAdmin, submission, links, openings, expiry } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const revokeError = result && !result.ok && result.values.intent !== 'create' ? result.formError : undefined
  return (
    <div className="page">
      <Breadcrumb
        trail={[
          isAdmin ? { to: '/admin/submissions', label: 'Submissions' } : { to: '/submission', label: 'Submission' },
          {
            to: `/submissions/${submission.id}`,
            label: isAdmin
              ? `${submission.traineeName}, submission ${submission.number}`
              : `Submission ${submission.number}`,
          },
        ]}
        current="Sharing"
      />
      <p className="eyebrow">Submission {submission.number}</p>
      <h1>Share with an assessor</h1>
      <p className="lede">
        A link lets an assessor read this submission without an account: the summary, its PDF and every attached file.
      </p>
      <div className="notice">
        <p>
          The link shows the portfolio exactly as it was submitted on {formatShortDay(submission.createdAt)}{' '}
          (fingerprint <span className="code">{submission.hash.slice(0, 12)}</span>), never your drafts or anything you
          change later. Anyone holding the link can read it until it expires or you revoke it, so send it only to the
          assessor. Every opening is recorded below.
        </p>
      </div>

      <NewLink expiry={expiry} result={result} />

      <section aria-labelledby="links">
        <h2 id="links">Links</h2>
        {result?.ok && result.intent === 'revoke' ? (
          <p className="success" role="status">
            Link revoked: it no longer opens the submission.
          </p>
        ) : null}
        <FormError>{revokeError}</FormError>
        <Links links={links} />
      </section>

      <section aria-labelledby="openings">
        <h2 id="openings">Openings</h2>
        <Openings openings={openings} />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
