import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Request, RequestHandler, Response } from 'express'
import { afterAll, describe, expect, it } from 'vitest'
import { publicFiles } from '../../app/server/static'

const dir = mkdtempSync(path.join(os.tmpdir(), 'attain-public-'))
writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>')
mkdirSync(path.join(dir, 'assets'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Which of the two ways a request went: to the static handler, or on to the app. */
function route(requestPath: string): 'served' | 'passed on' {
  let outcome: 'served' | 'passed on' | undefined
  const serve: RequestHandler = () => {
    outcome = 'served'
  }
  publicFiles(dir, serve)({ path: requestPath } as Request, {} as Response, () => {
    outcome = 'passed on'
  })
  return outcome!
}

describe('publicFiles', () => {
  it('hands a file at the top of the folder to the static handler', () => {
    expect(route('/favicon.svg')).toBe('served')
  })

  it('passes pages, folders and missing files on without touching the disk', () => {
    expect(route('/ping')).toBe('passed on')
    expect(route('/evidence/12')).toBe('passed on')
    expect(route('/assets')).toBe('passed on')
    expect(route('/missing.svg')).toBe('passed on')
  })
})
