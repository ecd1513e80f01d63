import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Field, SubmitButton } from '~/components/forms'
import { formatBytes } from '~/utils/bytes'
import { portfolioContents } from '~/models/portfolio-transfer.server'
import { importPortfolio, type ImportOutcome } from '~/portfolio/transfer.server'
import { portfolioChanged } from '~/review/portfolio-changed.server'
import { audit } from '~/utils/audit.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Your data')

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  return {
    contents: portfolioContents(context.db, user.id, context.now()),
    maxSize: formatBytes(context.env.importMaxBytes),
  }
}

type ImportFailure = { ok: false; errors: { file: string[] } }

function fileError(messages: string[], status = 400) {
  return data({ ok: false, errors: { file: messages } } satisfies ImportFailure, { status })
}

function headline(reason: Extract<ImportOutcome, { ok: false }>['reason']): string[] {
  if (reason === 'invalid')
    return [
      'This is not an Attain portfolio file, or it has been changed. Nothing was imported. What is wrong, and where in the file:',
    ]
  if (reason === 'file') return ['An attached file in it cannot be accepted. Nothing was imported:']
  return []
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'edit')
  const limit = context.env.importMaxBytes
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(request.headers.get('Content-Type') ?? '')) {
    return fileError(['The form could not be read. Choose the file again and press “Import portfolio”.'])
  }
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: limit }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return fileError([`The file is larger than ${formatBytes(limit)}, the most that can be imported at once.`], 413)
    }
    if (error instanceof Error && /^(malformed|could not parse)/i.test(error.message)) {
      return fileError(['The form could not be read. Choose the file again and press “Import portfolio”.'])
    }
    throw error
  }
  const file = formData.get('file')
  if (!(file instanceof File) || file.size === 0) return fileError(['Choose the portfolio file (.json) to import.'])

  let json: unknown
  try {
    json = JSON.parse((await file.text()).replace(/^\uFEFF/, ''))
  } catch {
    return fileError([
      `“${file.name}” is not a JSON file. Choose the .json file that “Download my portfolio” gave you.`,
    ])
  }

  const outcome = await importPortfolio(context.db, context.env.dataDir, user.id, json, context.now())
  if (!outcome.ok) {
    return fileError([...headline(outcome.reason), ...outcome.problems], outcome.reason === 'not-empty' ? 409 : 400)
  }
  const { ok, ...imported } = outcome
  audit(context, user.id, 'portfolio.imported', { type: 'user', id: user.id }, imported)
  portfolioChanged(context, user.id, user.id, 'a portfolio file was imported')
  return { ok, imported }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

export default function PortfolioData() {
  const { contents, maxSize } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result && !result.ok ? result.errors.file : undefined
  return (
    <section aria-labelledby="data-title">
      <h1 id="data-title">Your data</h1>
      <p className="lede">
        Your portfolio is yours. Download everything you have written and attached as one file, keep it, and read it
        back into Attain whenever you need to — on this server or another.
      </p>

      {result?.ok ? (
        <div className="success" role="status">
          <p>
            <strong>
              Imported {plural(result.imported.items, 'evidence item')} with {plural(result.imported.claims, 'claim')}{' '}
              and {plural(result.imported.attachments, 'attached file')}
              {result.imported.summaryStatement ? ', and your summary statement' : ''}.
            </strong>
          </p>
          <p>
            The items are drafts: send them to your mentor for review when you are ready.{' '}
            <Link to="/evidence">See your evidence</Link>.
          </p>
        </div>
      ) : null}

      <h2>Download your portfolio</h2>
      {contents.items === 0 ? (
        <p>
          Your portfolio has no evidence yet, so the file would hold only your profile
          {contents.hasSummaryStatement ? ' and summary statement' : ''}.
        </p>
      ) : (
        <p>
          One JSON file with your {plural(contents.items, 'evidence item')} — titles, dates, descriptions, reflections
          and claims — with your {plural(contents.attachments, 'attached file')} inside it
          {contents.hasSummaryStatement ? ', and your summary statement' : ''}.
        </p>
      )}
      <p>
        Reviews, verifications and comments are your mentors’ records, not your content, so they are not in the file and
        are not imported; nor are mentor declarations or submissions. Each submission has its own download on its page.
      </p>
      <p>
        <a className="button button--primary" href="/portfolio/export.json" download>
          Download my portfolio (JSON)
        </a>
      </p>

      <h2>Import a portfolio file</h2>
      <p>
        Read a file from “Download my portfolio” into this account, for example after moving to another Attain server.
        Every item arrives as a draft, with its claims and files; files are checked as uploads are, and must match the
        fingerprints recorded in the file. Your name and profile here are not changed.
      </p>
      {contents.empty || result?.ok ? null : (
        <p className="notice">
          A portfolio file can only be imported into an empty portfolio, and yours already has{' '}
          {contents.items > 0 ? plural(contents.items, 'evidence item') : 'a summary statement'}. Nothing is ever
          overwritten or merged.
        </p>
      )}
      {contents.empty || errors ? (
        <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
          <Field
            label="Portfolio file"
            name="file"
            type="file"
            accept=".json,application/json"
            required
            hint={`The .json file from “Download my portfolio”, at most ${maxSize}.`}
            errors={errors}
          />
          <SubmitButton pendingText="Importing…">Import portfolio</SubmitButton>
        </Form>
      ) : null}
    </section>
  )
}
