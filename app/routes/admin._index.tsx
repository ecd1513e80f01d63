import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { converterStatus } from '~/conversion/availability.server'
import { NO_CONVERTER } from '~/conversion/state'
import { conversionCounts } from '~/models/conversions.server'
import { ROLES, type Role } from '~/vocabulary'
import { emailField, nameField } from '~/auth/schemas'
import { TableHead } from '~/components/table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmailField, NameField } from '~/components/account-fields'
import { FormError, SubmitButton } from '~/components/forms'
import { changeRole, createAccount, setAccountDisabled, type AccountRefusal } from '~/models/accounts.server'
import { listAuditEventsPage } from '~/models/audit.server'
import { endAllLinksOf } from '~/models/mentor.server'
import { issuePasswordSetup, PASSWORD_SETUP_TTL_MS } from '~/models/password-setup.server'
import { emailTaken, getUserById, listUsers, type User } from '~/models/user.server'
import { audit } from '~/utils/audit.server'
import { requirePermission } from '~/utils/authorization.server'
import { invalid, parseForm, readForm } from '~/utils/forms.server'
import { hashPassword } from '~/utils/password.server'
import { requireUser } from '~/utils/session.server'
import { randomToken } from '~/utils/tokens.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { pageRequestFrom } from '~/utils/pagination'
import { Pagination, showingText } from '~/components/pagination'
import type { Db } from '../../db/client'

export const meta = pageTitle('Accounts')

const ROLE_LABELS: Record<Role, string> = {
  trainee: 'Trainee',
  mentor: 'Mentor',
  assessor: 'Assessor',
  admin: 'Administrator',
}

/** The audit trail's page the query string asks for (`?after=`/`?before=`), without each event's detail. */
function auditPage(db: Db, search: URLSearchParams) {
  const { rows, page } = listAuditEventsPage(db, pageRequestFrom(search))
  return { events: rows.map(({ detail: _detail, ...event }) => event), eventsPage: page }
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  requirePermission(context.db, user, 'view', { kind: 'accounts' })
  return {
    me: user.id,
    accounts: listUsers(context.db),
    ...auditPage(context.db, new URL(request.url).searchParams),
    conversion: { available: converterStatus(context.env).available, counts: conversionCounts(context.db) },
  }
}

const userId = z.coerce.number({ error: 'Choose an account' }).int('Choose an account').positive('Choose an account')

const actionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('change-role'), userId, role: z.enum(ROLES, { error: 'Choose a role' }) }),
    z.object({ intent: z.literal('disable'), userId }),
    z.object({ intent: z.literal('enable'), userId }),
    z.object({ intent: z.literal('reset-links'), userId }),
    z.object({ intent: z.literal('issue-password-link'), userId }),
    z.object({
      intent: z.literal('create-assessor'),
      name: z.string({ error: 'Enter the assessor’s name' }).trim().min(1, 'Enter the assessor’s name').pipe(nameField),
      email: z
        .string({ error: 'Enter the assessor’s email address' })
        .trim()
        .min(1, 'Enter the assessor’s email address')
        .pipe(emailField),
    }),
  ],
  { error: 'That action is not available here.' },
)

type Intent = z.infer<typeof actionSchema>['intent']

/** What a successful action answers: a message, and for a new link, the link (shown this once). */
interface Done {
  ok: true
  intent: Intent
  userId: number
  message: string
  link?: string
}

function done(result: Omit<Done, 'ok'>) {
  // A set-up link is a credential: keep it out of every cache.
  return data({ ok: true as const, ...result }, { headers: { 'Cache-Control': 'no-store' } })
}

function refusal(reason: AccountRefusal, target: User, doing: 'demote' | 'disable'): string {
  if (reason === 'not-found') throw notFound()
  return doing === 'demote'
    ? `${target.name} is the last active administrator, so their role cannot change. Make another account an administrator first.`
    : `${target.name} is the last active administrator, so their account cannot be disabled. Make another account an administrator first.`
}

function setupLink(request: Request, context: AppLoadContext, target: User): string {
  const token = issuePasswordSetup(context.db, target.id, PASSWORD_SETUP_TTL_MS, context.now())
  return `${new URL(request.url).origin}/setup-password/${token}`
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user: admin } = requireUser(request, context)
  requirePermission(context.db, admin, 'edit', { kind: 'accounts' })
  const formData = await readForm(request)
  const parsed = parseForm(formData, actionSchema)
  if (!parsed.ok) {
    if (formData.get('intent') === 'create-assessor') return invalid(formData, parsed.errors)
    // The other actions are one row's buttons: there is no field to put a message at.
    const messages = [...new Set(Object.values(parsed.errors).flat())]
    return invalid(formData, parsed.errors, { formError: messages.join(' ') })
  }
  const input = parsed.data
  const now = context.now()

  if (input.intent === 'create-assessor') {
    const email = { email: ['An account with this email address already exists.'] }
    if (emailTaken(context.db, input.email)) return invalid(formData, email)
    const passwordHash = await hashPassword(randomToken())
    const assessor = createAccount(
      context.db,
      { name: input.name, email: input.email, role: 'assessor', passwordHash },
      now,
    )
    if (!assessor) return invalid(formData, email)
    audit(context, admin.id, 'admin.account_created', { type: 'user', id: assessor.id }, { role: 'assessor' })
    const link = setupLink(request, context, assessor)
    audit(context, admin.id, 'admin.password_link_issued', { type: 'user', id: assessor.id })
    return done({
      intent: input.intent,
      userId: assessor.id,
      message: `Created an assessor account for ${assessor.name} (${assessor.email}).`,
      link,
    })
  }

  const target = getUserById(context.db, input.userId)
  if (!target) throw notFound()
  const subject = { type: 'user', id: target.id }

  switch (input.intent) {
    case 'change-role': {
      if (target.id === admin.id) {
        return invalid(
          formData,
          {},
          { formError: 'You cannot change the role of your own account. Ask another administrator.' },
        )
      }
      const outcome = changeRole(context.db, target.id, input.role, now)
      if (!outcome.ok) return invalid(formData, {}, { formError: refusal(outcome.reason, target, 'demote') })
      if (!outcome.changed) {
        return done({
          intent: input.intent,
          userId: target.id,
          message: `${target.name} is already ${article(input.role)}.`,
        })
      }
      audit(context, admin.id, 'admin.role_changed', subject, { from: outcome.from, to: input.role })
      return done({
        intent: input.intent,
        userId: target.id,
        message: `${target.name} is now ${article(input.role)}.${
          input.role === 'admin' || input.role === 'assessor'
            ? ' They will set up two-factor sign-in when they next sign in.'
            : ''
        }`,
      })
    }
    case 'disable':
    case 'enable': {
      const disabling = input.intent === 'disable'
      if (target.id === admin.id) {
        return invalid(formData, {}, { formError: 'You cannot disable your own account. Ask another administrator.' })
      }
      const outcome = setAccountDisabled(context.db, target.id, disabling, now)
      if (!outcome.ok) return invalid(formData, {}, { formError: refusal(outcome.reason, target, 'disable') })
      if (outcome.changed) {
        audit(
          context,
          admin.id,
          disabling ? 'admin.account_disabled' : 'admin.account_enabled',
          subject,
          disabling ? { sessionsEnded: outcome.sessionsEnded } : {},
        )
      }
      return done({
        intent: input.intent,
        userId: target.id,
        message: disabling
          ? `${target.name}’s account is disabled and signed out everywhere.`
          : `${target.name}’s account is enabled again.`,
      })
    }
    case 'reset-links': {
      const ended = endAllLinksOf(context.db, target.id, admin.id, now)
      audit(context, admin.id, 'admin.mentor_links_reset', subject, { ended })
      return done({
        intent: input.intent,
        userId: target.id,
        message:
          ended === 0
            ? `${target.name} had no active mentor links.`
            : `Ended ${ended} mentor ${ended === 1 ? 'link' : 'links'} of ${target.name}.`,
      })
    }
    case 'issue-password-link': {
      if (target.disabledAt) {
        return invalid(
          formData,
          {},
          {
            formError: `${target.name}’s account is disabled. Enable it before issuing a password set-up link.`,
          },
        )
      }
      const link = setupLink(request, context, target)
      audit(context, admin.id, 'admin.password_link_issued', subject)
      return done({
        intent: input.intent,
        userId: target.id,
        message: `A password set-up link for ${target.name} (${target.email}). Any earlier link of theirs no longer works.`,
        link,
      })
    }
  }
}

function article(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase()
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

type ActionData = ReturnType<typeof useActionData<typeof action>>

function LinkNotice({ link, note }: { link: string; note: string }) {
  return (
    <div className="notice stack">
      <p className="secret">{link}</p>
      <p>{note}</p>
    </div>
  )
}

/** A one-button form that acts on the account in its row. */
function AccountAction({
  userId,
  intent,
  className,
  pendingText,
  children,
}: {
  userId: number
  intent: string
  className: string
  pendingText: string
  children: ReactNode
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton name="intent" value={intent} className={className} pendingText={pendingText}>
        {children}
      </SubmitButton>
    </Form>
  )
}

function AccountRow({ account, isMe }: { account: User; isMe: boolean }) {
  const roleId = `role-${account.id}`
  const hidden = <input type="hidden" name="userId" value={account.id} />
  const who = <span className="visually-hidden"> for {account.name}</span>
  return (
    <tr>
      <td>
        {account.name}
        {isMe ? <span className="muted"> (you)</span> : null}
      </td>
      <td>{account.email}</td>
      <td>{ROLE_LABELS[account.role]}</td>
      <td>
        <span className="badge">{account.disabledAt ? 'Disabled' : 'Active'}</span>
      </td>
      <td>{account.twoFactorEnabled ? 'On' : 'Off'}</td>
      <td>
        <time dateTime={account.createdAt}>{account.createdAt.slice(0, 10)}</time>
      </td>
      <td>
        <div>
          {isMe ? null : (
            <Form method="post" className="inline-form">
              {hidden}
              <label className="visually-hidden" htmlFor={roleId}>
                Role for {account.name}
              </label>
              <select id={roleId} name="role" defaultValue={account.role}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>{' '}
              <SubmitButton name="intent" value="change-role" className="secondary" pendingText="Changing…">
                Change role{who}
              </SubmitButton>
            </Form>
          )}{' '}
          {isMe ? null : account.disabledAt ? (
            <AccountAction userId={account.id} intent="enable" className="secondary" pendingText="Enabling…">
              Enable{who}
            </AccountAction>
          ) : (
            <AccountAction userId={account.id} intent="disable" className="danger" pendingText="Disabling…">
              Disable{who}
            </AccountAction>
          )}{' '}
          {account.role === 'trainee' || account.role === 'mentor' ? (
            <AccountAction userId={account.id} intent="reset-links" className="secondary" pendingText="Ending links…">
              End all mentor links{who}
            </AccountAction>
          ) : null}{' '}
          {account.disabledAt ? null : (
            <AccountAction
              userId={account.id}
              intent="issue-password-link"
              className="secondary"
              pendingText="Issuing…"
            >
              Issue password set-up link{who}
            </AccountAction>
          )}
        </div>
      </td>
    </tr>
  )
}

/** Says what was done, and shows the link it made, if any, with how to pass it on. */
function Created({ message, link, note }: { message: string; link?: string | null; note: string }) {
  return (
    <>
      <p className="success" role="status">
        {message}
      </p>
      {link ? <LinkNotice link={link} note={note} /> : null}
    </>
  )
}

function AccountResult({ result }: { result: ActionData }) {
  if (!result) return null
  if (!result.ok) return result.values.intent === 'create-assessor' ? null : <FormError>{result.formError}</FormError>
  if (result.intent === 'create-assessor') return null
  return (
    <Created
      message={result.message}
      link={result.link}
      note="Send this link to its owner by a channel you trust. It works once, for 72 hours, and this page will not show it again."
    />
  )
}

function CreateAssessor({ result }: { result: ActionData }) {
  const failed = result && !result.ok && result.values.intent === 'create-assessor' ? result : undefined
  const created = result?.ok && result.intent === 'create-assessor' ? result : undefined
  return (
    <section aria-labelledby="create-assessor">
      <h2 id="create-assessor">Create an assessor account</h2>
      <p>Assessors cannot sign up themselves. Create the account here and send them the link to choose a password.</p>
      {created ? (
        <Created
          message={created.message}
          link={created.link}
          note="Send this link to the assessor. It works once, for 72 hours. They will set up two-factor sign-in when they first sign in."
        />
      ) : null}
      {/* A new key after each account created empties the form for the next. */}
      <Form method="post" className="stack narrow" noValidate key={created ? `created-${created.userId}` : 'create'}>
        <FormError>{failed?.formError}</FormError>
        <NameField result={failed} autoComplete="off" />
        <EmailField result={failed} autoComplete="off" />
        <SubmitButton name="intent" value="create-assessor" pendingText="Creating…">
          Create assessor account
        </SubmitButton>
      </Form>
    </section>
  )
}

export default function AdminPage() {
  const { me, accounts, events, eventsPage, conversion } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>Accounts</h1>
      <p>
        <Link to="/admin/outbox">E-mail outbox</Link>: every e-mail Attain has queued or sent.
      </p>
      <section aria-labelledby="conversion">
        <h2 id="conversion">Document conversion</h2>
        {conversion.available ? (
          <p>
            Word, Excel and PowerPoint files are converted to PDF with LibreOffice: {conversion.counts.queued} waiting,{' '}
            {conversion.counts.converting} converting, {conversion.counts.ready} converted, {conversion.counts.failed}{' '}
            failed.
          </p>
        ) : (
          <p>
            {NO_CONVERTER} Word, Excel and PowerPoint files are not converted to PDF and their page counts are estimates
            ({conversion.counts.queued} waiting). Install LibreOffice on the server (see the README) and restart it.
          </p>
        )}
      </section>
      <section aria-labelledby="accounts">
        <h2 id="accounts">All accounts</h2>
        <AccountResult result={result} />
        {accounts.length === 0 ? (
          <p className="empty-state">There are no accounts yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Every account, with what an administrator can do to it</caption>
              <TableHead columns={['Name', 'Email', 'Role', 'Status', 'Two-factor', 'Created', 'Actions']} />
              <tbody>
                {accounts.map((a) => (
                  <AccountRow key={a.id} account={a} isMe={a.id === me} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <CreateAssessor result={result} />

      <section aria-labelledby="audit">
        <h2 id="audit">Recent activity</h2>
        <p className="muted">
          {showingText(eventsPage, ['event', 'events'])} of the audit trail, newest first. Times are in UTC. Check the
          whole trail is intact with <code>npm run audit:verify</code>.
        </p>
        {events.length === 0 ? (
          <p className="empty-state">Nothing has been recorded yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <TableHead columns={['Time (UTC)', 'By', 'Action', 'Subject', 'Address']} />
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{formatUtc(e.at)}</time>
                    </td>
                    <td>{e.actorEmail ?? (e.actorId === null ? 'system' : `account #${e.actorId}`)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.subjectEmail ??
                        (e.subjectType ? `${e.subjectType.replace(/_/g, ' ')} #${e.subjectId ?? ''}` : '—')}
                    </td>
                    <td>{e.ipAddress ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={eventsPage} label="Audit trail pages" fragment="audit" />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
