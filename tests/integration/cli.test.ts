import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDatabase, type Db } from '../../db/client'
import { prepareDatabase } from '../../db/setup'
import { listAuditEvents, recordAudit } from '../../app/models/audit.server'
import { getPasswordHash, getTraineeProfile, getUserByEmail } from '../../app/models/user.server'
import { verifyPassword } from '../../app/utils/password.server'

const root = path.resolve(import.meta.dirname, '../..')
const PASSPHRASE = 'marmalade lantern orbit seventeen'

interface Outcome {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs one of the command-line scripts against a data directory, with `stdin` as its standard input. */
function run(
  script: string,
  args: string[],
  { dataDir, stdin = '' }: { dataDir: string; stdin?: string },
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }
    delete env.DATABASE_PATH
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    // The script may exit before reading its input (a refused email): that is not an error here.
    child.stdin.on('error', () => {})
    child.stdin.end(stdin)
  })
}

const userCreate = (args: string[], options: { dataDir: string; stdin?: string }) =>
  run('db/scripts/user-create.ts', args, options)
const auditVerify = (dataDir: string) => run('db/scripts/audit-verify.ts', [], { dataDir })

let dataDir: string
const dbFile = () => path.join(dataDir, 'attain.db')

/** Opens the script's database from the test, and closes it again. */
async function withDb<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = prepareDatabase(dbFile())
  try {
    return await fn(db)
  } finally {
    closeDatabase(db)
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'attain-cli-'))
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('npm run user:create', () => {
  it('creates an administrator with the password from standard input', async () => {
    const outcome = await userCreate(
      ['--email', 'First.Admin@Example.nhs.uk', '--role', 'admin', '--name', 'First Admin'],
      {
        dataDir,
        stdin: `${PASSPHRASE}\nanything after the first line is ignored\n`,
      },
    )
    expect(outcome.stderr).toBe('')
    expect(outcome.code).toBe(0)
    expect(outcome.stdout.trim()).toMatch(
      /^Created admin account first\.admin@example\.nhs\.uk \(id \d+\)\. Two-factor sign-in must be set up at first sign-in\.$/,
    )
    expect(outcome.stdout).not.toContain(PASSPHRASE)
    await withDb(async (db) => {
      const user = getUserByEmail(db, 'first.admin@example.nhs.uk')
      expect(user).toMatchObject({ role: 'admin', name: 'First Admin', disabledAt: null, twoFactorEnabled: false })
      expect(await verifyPassword(getPasswordHash(db, user!.id), PASSPHRASE)).toBe(true)
      expect(
        listAuditEvents(db).find((e) => e.action === 'user.created' && e.subjectId === String(user!.id)),
      ).toMatchObject({
        actorId: null,
        subjectType: 'user',
        detail: { role: 'admin', via: 'command line' },
      })
    })
  })

  it('creates a trainee with a profile', async () => {
    const outcome = await userCreate(
      ['--email', 'trainee@example.nhs.uk', '--role', 'trainee', '--specialism', 'mri'],
      {
        dataDir,
        stdin: `${PASSPHRASE}\r\n`,
      },
    )
    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toMatch(/^Created trainee account trainee@example\.nhs\.uk \(id \d+\)\.\n$/)
    await withDb((db) => {
      const user = getUserByEmail(db, 'trainee@example.nhs.uk')!
      expect(user).toMatchObject({ role: 'trainee', name: 'trainee' })
      expect(getTraineeProfile(db, user.id)).toMatchObject({ specialism: 'mri', employer: '' })
    })
  })

  it('refuses a password the policy does not allow', async () => {
    const outcome = await userCreate(['--email', 'weak@example.nhs.uk', '--role', 'assessor'], {
      dataDir,
      stdin: 'password\n',
    })
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('Use at least 15 characters.')
    await withDb((db) => expect(getUserByEmail(db, 'weak@example.nhs.uk')).toBeUndefined())
  })

  it('refuses an email address already in use', async () => {
    const outcome = await userCreate(['--email', 'first.admin@example.nhs.uk', '--role', 'mentor'], {
      dataDir,
      stdin: `${PASSPHRASE}\n`,
    })
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('An account with the email address first.admin@example.nhs.uk already exists.')
    await withDb((db) => expect(getUserByEmail(db, 'first.admin@example.nhs.uk')?.role).toBe('admin'))
  })

  it('refuses a malformed email address', async () => {
    const outcome = await userCreate(['--email', 'not-an-address', '--role', 'mentor'], {
      dataDir,
      stdin: `${PASSPHRASE}\n`,
    })
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('Enter an email address like name@nhs.net')
  })

  it('explains its usage when the email or role is missing or wrong', async () => {
    const noEmail = await userCreate(['--role', 'admin'], { dataDir, stdin: `${PASSPHRASE}\n` })
    expect(noEmail.code).toBe(2)
    expect(noEmail.stderr).toContain('Give the email address with --email.')
    expect(noEmail.stderr).toContain('Usage: npm run user:create')

    const badRole = await userCreate(['--email', 'x@example.nhs.uk', '--role', 'superuser'], {
      dataDir,
      stdin: `${PASSPHRASE}\n`,
    })
    expect(badRole.code).toBe(2)
    expect(badRole.stderr).toContain('Unknown role "superuser"')
  })

  it('never takes the password from the command line', async () => {
    const outcome = await userCreate(['--email', 'argv@example.nhs.uk', '--role', 'admin', '--password', PASSPHRASE], {
      dataDir,
      stdin: `${PASSPHRASE}\n`,
    })
    expect(outcome.code).toBe(2)
    expect(outcome.stderr).toMatch(/Unknown option '--password'/)
    expect(outcome.stderr).toContain('never taken from the command line')
    await withDb((db) => expect(getUserByEmail(db, 'argv@example.nhs.uk')).toBeUndefined())
  })

  it('wants a password on standard input', async () => {
    const outcome = await userCreate(['--email', 'empty@example.nhs.uk', '--role', 'mentor'], { dataDir, stdin: '' })
    expect(outcome.code).toBe(2)
    expect(outcome.stderr).toContain('No password on standard input')
  })
})

describe('npm run audit:verify', () => {
  let auditDir: string
  beforeAll(() => {
    auditDir = mkdtempSync(path.join(tmpdir(), 'attain-audit-'))
    const db = prepareDatabase(path.join(auditDir, 'attain.db'))
    try {
      for (const n of ['one', 'two', 'three', 'four']) {
        recordAudit(db, { actorId: null, action: 'user.profile_updated', detail: { n } })
      }
    } finally {
      closeDatabase(db)
    }
  })
  afterAll(() => rmSync(auditDir, { recursive: true, force: true }))

  it('reports an intact trail', async () => {
    const outcome = await auditVerify(auditDir)
    expect(outcome.code).toBe(0)
    expect(outcome.stdout.trim()).toBe('Audit trail intact: 4 events.')
  })

  it('finds the event that was altered', async () => {
    const db = prepareDatabase(path.join(auditDir, 'attain.db'))
    try {
      // Only someone going around the application could do this: the table refuses updates.
      expect(() => db.$client.prepare(`UPDATE audit_events SET detail = '{"n":"changed"}' WHERE id = 3`).run()).toThrow(
        /append-only/,
      )
      db.$client.exec('DROP TRIGGER audit_events_no_update')
      db.$client.prepare(`UPDATE audit_events SET detail = '{"n":"changed"}' WHERE id = 3`).run()
    } finally {
      closeDatabase(db)
    }
    const outcome = await auditVerify(auditDir)
    expect(outcome.code).toBe(1)
    expect(outcome.stdout.trim()).toBe('Audit trail BROKEN at event #3: its content was altered (3 events checked).')
  })

  it('says so when there is no database to check', async () => {
    const outcome = await auditVerify(path.join(auditDir, 'nowhere'))
    expect(outcome.code).toBe(2)
    expect(outcome.stderr).toContain('No database at')
  })
})
