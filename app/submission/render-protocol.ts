/** Messages between the server and the PDF render worker (`render-worker.server.ts`). */
import type { PortfolioSnapshot } from '~/submission/snapshot'

export interface RenderRequest {
  id: number
  snapshot: PortfolioSnapshot
  hash: string
  dataDir: string
  draft: boolean
}

export type RenderReply =
  | { id: number; kind: 'progress'; done: number; total: number }
  | { id: number; kind: 'done'; bytes: ArrayBuffer; pages: number; itemStartPages: Record<string, number> }
  | { id: number; kind: 'error'; message: string }
