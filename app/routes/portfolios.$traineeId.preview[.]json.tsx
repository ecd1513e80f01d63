import type { LoaderFunctionArgs } from '@remix-run/node'
import { previewStatus } from '~/submission/preview.server'
import { requirePreviewReader } from '~/submission/preview-access.server'

/** How far the preview PDF's page count has got, for pages to show while it is counted. Never waits for the render. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  const trainee = requirePreviewReader(request, context, params)
  const status = previewStatus(context.db, context.env.dataDir, trainee.id, context.now())
  return Response.json(status, { headers: { 'Cache-Control': 'private, no-store' } })
}
