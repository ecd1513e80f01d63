import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEnv } from '../../app/utils/env.server'

describe('configuration from the environment', () => {
  it('has sensible defaults', () => {
    const env = readEnv({})
    expect(env).toMatchObject({ nodeEnv: 'production', port: 3000, busyTimeoutMs: 5000, shutdownTimeoutMs: 10_000 })
    expect(env.dataDir).toBe(path.resolve('data'))
    expect(env.databasePath).toBe(path.resolve('data/attain.db'))
  })

  it('puts the database in DATA_DIR unless DATABASE_PATH says otherwise', () => {
    expect(readEnv({ DATA_DIR: '/srv/attain' }).databasePath).toBe('/srv/attain/attain.db')
    expect(readEnv({ DATA_DIR: '/srv/attain', DATABASE_PATH: '/var/db/a.db' }).databasePath).toBe('/var/db/a.db')
  })

  it('lets a portfolio import be larger than a single attachment', () => {
    expect(readEnv({}).importMaxBytes).toBe(200 * 1024 * 1024)
    expect(readEnv({ IMPORT_MAX_MB: '500' }).importMaxBytes).toBe(500 * 1024 * 1024)
    expect(() => readEnv({ IMPORT_MAX_MB: '0' })).toThrow(/IMPORT_MAX_MB/)
  })

  it('names the key that is wrong', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => readEnv({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/)
  })
})
