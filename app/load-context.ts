import type { Db } from '../db/client'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The one shared database connection, opened and migrated before the server listens. */
    db: Db
  }
}

export {}
