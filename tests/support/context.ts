import type { AppLoadContext } from '@remix-run/node'
import type { Db } from '../../db/client'
import { readEnv } from '../../app/utils/env.server'

/** What the server hands every loader and action, for calling them directly in tests. */
export function makeContext(db: Db, overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return {
    db,
    env: readEnv({ NODE_ENV: 'test' }),
    cspNonce: 'test-nonce',
    clientIp: '127.0.0.1',
    now: () => new Date(),
    ...overrides,
  }
}
