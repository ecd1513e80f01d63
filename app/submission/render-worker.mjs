// The summary PDF renderer's worker thread (see render-pool.server.ts). The
// renderer is TypeScript, loaded through tsx whether the server runs from
// the production build, under tsx or under vitest.
import { register } from 'tsx/esm/api'

register()
await import('./render-worker.server.ts')
