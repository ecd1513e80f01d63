import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { DEFAULT_COVERAGE_RULES } from '../../competences/coverage-rules'
import { TableHead } from '~/components/table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageBudget } from '~/components/page-budget'
import type { PreviewView } from '~/submission/preview-status'
import { ErrorList, FormError, SubmitButton, fieldErrors } from '~/components/forms'
import { MarkdownField } from '~/components/markdown-field'
import { UnprintableCharacters } from '~/components/unprintable-characters'
import type { Finding } from '~/coverage/types'
import { wordCount } from '~/evidence/form'
import { coverageReportFor } from '~/portfolio/coverage.server'
import { listMentorsOfTrainee } from '~/models/mentor.server'
import { mentorsWithRoles } from '~/models/roles.server'
import { declarationSignersText, mentorWithRole } from '~/review/roles'
import { DEFAULT_ROLES_RULES } from '../../competences/roles'
import { lastVoidedDeclaration } from '~/models/review.server'
import { getSubmission, getSummaryStatement, listSubmissions, setSummaryStatement } from '~/models/submission.server'
import { createSubmission, submissionReadiness } from '~/submission/submit.server'
import { ensureSubmissionPdf } from '~/submission/pdf-service.server'
import { portfolioPrintText } from '~/models/print-text.server'
import { notifyUsers } from '~/review/notify.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'
import summaryStylesUrl from '~/styles/summary.css?url'
import { pdfFontCoverage } from '~/submission/fonts.server'
import { unsupportedByPlace } from '~/submission/glyphs'
import { formatDay } from '~/utils/dates'
import { audit } from '~/utils/audit.server'
import { knownPages, preparePreview, previewStatus, previewView } from '~/submission/preview.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { failure, invalid, parseForm, readForm } from '~/utils/forms.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Submission')

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: summaryStylesUrl }]

const STATEMENT_MAX_CHARS = 20_000
const STATEMENT_WORDS_EXPECTED = 500
/** Blockers listed before the rest are folded away: a new portfolio has one per area. */
const BLOCKERS_SHOWN = 8

/** Where to go to clear a blocker, beyond the coverage report itself. */
function blockerLink(finding: Finding): { to: string; label: string } | null {
  const target = finding.target
  if (finding.ruleId.startsWith('record.')) return { to: '/record', label: 'Open your experience record' }
  if (target.kind === 'item') return { to: `/evidence/${target.evidenceId}`, label: 'Open the item' }
  if (finding.evidenceId !== undefined) return { to: `/evidence/${finding.evidenceId}`, label: 'Open the item' }
  if (target.kind === 'area')
    return {
      to: `/evidence/new?area=${encodeURIComponent(target.areaCode)}`,
      label: `Log evidence for ${target.areaCode}`,
    }
  return null
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const now = context.now()
  // The preview PDF's page count, once made, is the figure coverage judges the length by.
  const preview = previewView(context.db, context.env.dataDir, user.id, now)
  const pages = knownPages(preview.status)
  const readiness = submissionReadiness(context.db, user.id, now, pages)
  const report = coverageReportFor(context.db, user.id, now, pages)
  return {
    preview,
    budget: {
      target: report.summary.pages.target,
      limit: report.summary.pages.limit,
      attachments: report.summary.pages.attachments,
    },
    statement: getSummaryStatement(context.db, user.id, now),
    ready: readiness.ready,
    blockers: readiness.blockers.map((f) => ({ ruleId: f.ruleId, message: f.message, link: blockerLink(f) })),
    declaration: readiness.declaration
      ? {
          mentorName: readiness.declaration.mentorRole
            ? mentorWithRole(readiness.declaration.mentorName, readiness.declaration.mentorRole)
            : readiness.declaration.mentorName,
          signedAt: readiness.declaration.signedAt,
        }
      : null,
    mentors: mentorsWithRoles(context.db, user.id).map((m) => mentorWithRole(m.name, m.role)),
    signers: declarationSignersText(
      mentorsWithRoles(context.db, user.id).map((m) => m.role),
      DEFAULT_ROLES_RULES.declaration,
    ),
    voided: readiness.declaration ? null : (lastVoidedDeclaration(context.db, user.id) ?? null),
    hasMentor: listMentorsOfTrainee(context.db, user.id).length > 0,
    warnings: report.summary.warnings,
    unprintable: unsupportedByPlace(portfolioPrintText(context.db, user.id, now), pdfFontCoverage()),
    submissions: listSubmissions(context.db, user.id),
  }
}

const schema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('save-statement'),
      statement: z
        .string()
        .default('')
        // Browsers send CRLF line endings: store what the trainee sees.
        .transform((s) => s.replace(/\r\n?/g, '\n').trim())
        .pipe(
          z
            .string()
            .max(
              STATEMENT_MAX_CHARS,
              `Keep the summary statement under ${STATEMENT_MAX_CHARS.toLocaleString('en-GB')} characters`,
            ),
        ),
    }),
    z.object({
      intent: z.literal('submit'),
      confirm: z.literal('on', { error: 'Tick the box to confirm the portfolio is your own work' }),
    }),
  ],
  { error: 'That action is not available here.' },
)

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const formData = await readForm(request)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) {
    const intent = formData.get('intent')
    if (intent === 'save-statement' || intent === 'submit') return failure(parsed)
    return invalid(formData, {}, { formError: 'That action is not available here.' })
  }
  const now = context.now()
  const input = parsed.data
  switch (input.intent) {
    case 'save-statement': {
      const before = getSummaryStatement(context.db, user.id, now)
      if (input.statement !== before) {
        setSummaryStatement(context.db, user.id, input.statement, now)
        audit(
          context,
          user.id,
          'submission.statement_saved',
          { type: 'user', id: user.id },
          { words: wordCount(input.statement) },
        )
        portfolioChanged(context, user.id, user.id, 'the summary statement was edited')
      }
      return { ok: true as const, intent: 'save-statement' as const }
    }
    case 'submit': {
      // The length is judged on the PDF itself: the preview of the portfolio as it stands, made now if need be
      // (not when something else stands in the way anyway).
      const { dataDir } = context.env
      const before = submissionReadiness(
        context.db,
        user.id,
        now,
        knownPages(previewStatus(context.db, dataDir, user.id, now)),
      )
      let pages: number | undefined
      if (before.declaration && before.blockers.every((b) => b.ruleId === 'portfolio.over-limit')) {
        try {
          pages = (await preparePreview(context.db, dataDir, user.id, now)).pages
        } catch {
          return invalid(
            formData,
            {},
            {
              formError: 'Not submitted: the PDF could not be made to count its pages. Try again in a moment.',
              status: 503,
            },
          )
        }
        const { pageLimit } = DEFAULT_COVERAGE_RULES.thresholds
        if (pages > pageLimit) {
          const over = pages - pageLimit
          return invalid(
            formData,
            {},
            {
              formError: `Not submitted: your portfolio’s PDF has ${pages} pages, over ACS’s limit of ${pageLimit} (portfolios longer than that are rejected on receipt). Cut at least ${over} ${over === 1 ? 'page' : 'pages'} first.`,
              status: 409,
            },
          )
        }
      }
      const outcome = createSubmission(context.db, user.id, now, { pages })
      if (!outcome.ok) {
        const formError =
          outcome.reason === 'blockers'
            ? `Not submitted: your coverage report has ${outcome.blockers.length} ${outcome.blockers.length === 1 ? 'blocker' : 'blockers'} to clear first.`
            : 'Not submitted: no mentor declaration stands. Ask your mentor to sign it.'
        return invalid(formData, {}, { formError, status: 409 })
      }
      audit(
        context,
        user.id,
        'submission.create',
        { type: 'submission', id: outcome.id },
        { number: outcome.number, snapshotSha256: outcome.snapshotSha256 },
      )
      notifyUsers(context, {
        userIds: listMentorsOfTrainee(context.db, user.id).map((m) => m.mentorId),
        kind: 'portfolio_submitted',
        title: `${user.name} submitted their portfolio (submission ${outcome.number})`,
        link: `/submissions/${outcome.id}`,
      })
      // The PDF is made now, so the summary shows its real page count from the start; if that fails it is made when first downloaded.
      const submission = getSubmission(context.db, outcome.id)
      if (submission) await ensureSubmissionPdf(context.db, context.env.dataDir, submission).catch(() => undefined)
      return redirect(`/submissions/${outcome.id}`)
    }
  }
}

type Result = ReturnType<typeof useActionData<typeof action>>

function errorsFor(result: Result, intent: string) {
  return result && 'errors' in result && result.values.intent === intent ? result : undefined
}

type Blocker = ReturnType<typeof useLoaderData<typeof loader>>['blockers'][number]

function BlockerList({ blockers }: { blockers: Blocker[] }) {
  return (
    <ul className="plain-list blocker-list">
      {blockers.map((b, i) => (
        <li key={`${b.ruleId}-${i}`} data-rule={b.ruleId}>
          <p>{b.message}</p>
          {b.link ? (
            <Link to={b.link.to}>{b.link.label}</Link>
          ) : (
            <Link to="/coverage">See it in your coverage report</Link>
          )}
        </li>
      ))}
    </ul>
  )
}

/** Beside the submit button: the PDF's length against ACS's target (a warning) and limit (refused). */
function LengthWarning({ view, target, limit }: { view: PreviewView; target: number; limit: number }) {
  // The page's data is reloaded once the count is ready (PageBudget asks for it), so the loader's status is current.
  const status = view.status
  if (status.state !== 'ready' || status.pages <= target) return null
  return status.pages > limit ? (
    <p className="notice length-warning" data-level="refused">
      Your portfolio’s PDF has {status.pages} pages: over ACS’s limit of {limit}, so it cannot be submitted. Cut at
      least {status.pages - limit} {status.pages - limit === 1 ? 'page' : 'pages'} first.
    </p>
  ) : (
    <p className="notice length-warning" data-level="warning">
      Your portfolio’s PDF has {status.pages} pages, over the {target} ACS expects. You can submit it (the limit is{' '}
      {limit}), but an assessor may ask why: trim where you can.
    </p>
  )
}

export default function SubmissionPage() {
  const {
    statement,
    ready,
    blockers,
    declaration,
    voided,
    hasMentor,
    mentors,
    signers,
    warnings,
    unprintable,
    submissions,
    preview,
    budget,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const statementResult = errorsFor(result, 'save-statement')
  const submitResult = errorsFor(result, 'submit')
  const saved = result && 'intent' in result && result.intent === 'save-statement'
  return (
    <div className="page">
      <h1>Submission</h1>
      <p className="lede">
        When your portfolio is ready, submit it. Attain freezes a copy of it as it stands — the summary an assessor
        reads, with its PDF and files — and you keep working on your live portfolio. Later changes never alter a
        submission; submit again to send a newer version.
      </p>

      <section aria-labelledby="statement-title">
        <h2 id="statement-title">1. Your summary statement</h2>
        {saved ? (
          <p className="success" role="status">
            Summary statement saved.
          </p>
        ) : null}
        <Form method="post" className="stack">
          <MarkdownField
            id="statement"
            name="statement"
            label="Summary statement"
            hint={
              <>
                About {STATEMENT_WORDS_EXPECTED} words introducing you, your training and how your evidence shows each
                domain. It opens your portfolio for the assessor. Markdown works: **bold**, lists with “-”. Changing it
                after your mentor signs the declaration voids the declaration.
              </>
            }
            rows={14}
            maxLength={STATEMENT_MAX_CHARS}
            words={(n) => `${n} ${n === 1 ? 'word' : 'words'}`}
            className="statement"
            defaultValue={statementResult?.values.statement ?? statement}
            errors={fieldErrors(statementResult, 'statement')}
          />
          <SubmitButton name="intent" value="save-statement" pendingText="Saving…">
            Save statement
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="readiness-title">
        <h2 id="readiness-title">2. Ready to submit?</h2>
        <div className={`readiness readiness--${ready ? 'ready' : 'not-ready'}`}>
          <p>
            <strong>
              {ready
                ? 'Your portfolio can be submitted.'
                : blockers.length > 0
                  ? `Not yet: ${blockers.length} ${blockers.length === 1 ? 'blocker' : 'blockers'} to clear${declaration ? '' : ', and a mentor declaration to sign'}.`
                  : 'Not yet: a mentor declaration must stand.'}
            </strong>
          </p>
        </div>
        <h3>Coverage blockers</h3>
        {blockers.length === 0 ? (
          <p>None: every blocker in your coverage report is cleared.</p>
        ) : (
          <>
            <p>
              Clear each of these first. Your <Link to="/coverage">coverage report</Link> says more about each.
            </p>
            <BlockerList blockers={blockers.slice(0, BLOCKERS_SHOWN)} />
            {blockers.length > BLOCKERS_SHOWN ? (
              <details className="blocker-more">
                <summary>Show the other {blockers.length - BLOCKERS_SHOWN}</summary>
                <BlockerList blockers={blockers.slice(BLOCKERS_SHOWN)} />
              </details>
            ) : null}
          </>
        )}
        <h3>Length</h3>
        <PageBudget view={preview} target={budget.target} limit={budget.limit} attachments={budget.attachments} />
        <h3>Mentor declaration</h3>
        {mentors.length > 0 ? <p>Your mentors: {mentors.join('; ')}.</p> : null}
        {declaration ? (
          <p className="success">
            Signed by {declaration.mentorName} on {formatDay(declaration.signedAt)}. Any change to your portfolio voids
            it.
          </p>
        ) : (
          <>
            <p className="notice">
              No mentor declaration stands: ask {signers} to sign it (any change to your portfolio voids it).
              {hasMentor ? '' : ' You have no mentor linked yet: '}
              {hasMentor ? null : <Link to="/settings/mentors">invite your mentor</Link>}
            </p>
            {voided ? (
              <p className="muted">
                The declaration {voided.mentorName} signed on {formatDay(voided.signedAt)} was voided:{' '}
                {voided.voidReason}.
              </p>
            ) : null}
          </>
        )}
        {warnings > 0 ? (
          <p>
            Your coverage report also has {warnings} {warnings === 1 ? 'warning' : 'warnings'}. They do not stop you
            submitting, but an assessor is likely to question them: <Link to="/coverage">review the warnings</Link>.
          </p>
        ) : null}
        <UnprintableCharacters places={unprintable} />
      </section>

      <section aria-labelledby="submit-title">
        <h2 id="submit-title">3. Submit</h2>
        <FormError>{submitResult?.formError}</FormError>
        <LengthWarning view={preview} target={budget.target} limit={budget.limit} />
        {ready ? (
          <Form method="post" className="stack narrow">
            <div className="field">
              <label className="confirm">
                <input
                  type="checkbox"
                  name="confirm"
                  required
                  aria-invalid={fieldErrors(submitResult, 'confirm') ? true : undefined}
                  aria-describedby={fieldErrors(submitResult, 'confirm') ? 'confirm-error' : undefined}
                />
                <span>
                  I confirm this portfolio is my own work, that my own contribution to shared work is made clear, and
                  that it contains no patient-identifiable information.
                </span>
              </label>
              <ErrorList id="confirm-error" errors={fieldErrors(submitResult, 'confirm')} />
            </div>
            <SubmitButton name="intent" value="submit" pendingText="Submitting…">
              Submit portfolio
            </SubmitButton>
          </Form>
        ) : (
          <p className="muted">
            You can submit once your coverage report has no blockers and a mentor declaration stands.
          </p>
        )}
      </section>

      <section aria-labelledby="past-title">
        <h2 id="past-title">Your submissions</h2>
        {submissions.length === 0 ? (
          <div className="empty-state">
            <p>You have not submitted yet. Each submission is kept here, frozen as it was sent.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Your submissions, newest first</caption>
              <TableHead columns={['Submission', 'Submitted', 'Snapshot', 'PDF']} />
              <tbody>
                {submissions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/submissions/${s.id}`}>Submission {s.number}</Link>
                    </th>
                    <td>{formatDay(s.createdAt)}</td>
                    <td>
                      <code title={s.snapshotSha256}>{s.snapshotSha256.slice(0, 12)}</code>
                    </td>
                    <td>
                      {s.pdfPages === null ? (
                        <span className="muted">Not made yet</span>
                      ) : (
                        `${s.pdfPages} ${s.pdfPages === 1 ? 'page' : 'pages'}`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
