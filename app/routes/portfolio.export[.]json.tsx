import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportPortfolio, MissingStoredFilesError } from '~/portfolio/transfer.server'
import { slugify } from '~/submission/zip-names'
import { audit } from '~/utils/audit.server'
import { requireOwnPortfolio } from '~/utils/authorization.server'

/** The trainee's whole live portfolio as one JSON file they keep (see /settings/portfolio). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireOwnPortfolio(request, context, 'view')
  const now = context.now()
  let data
  try {
    data = await exportPortfolio(context.db, context.env.dataDir, user.id, now)
  } catch (error) {
    if (error instanceof MissingStoredFilesError) {
      const names = error.files.map((f) => `“${f.originalName}” (${f.item})`).join(', ')
      throw new Response(
        `Some attached files could not be read from the file store, so the download would be incomplete: ${names}. Please tell your Attain administrator.`,
        { status: 410 },
      )
    }
    throw error
  }
  audit(context, user.id, 'portfolio.exported', { type: 'user', id: user.id }, { items: data.items.length })
  const filename = `attain-portfolio-${slugify(user.name)}-${now.toISOString().slice(0, 10)}.json`
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
