/**
 * `npm run user:create -- --email someone@trust.nhs.uk --role admin [--name "Full Name"] [--specialism other]`
 *
 * Creates an account from the command line: the way to make the first
 * administrator. The password is never read from the command line (where it
 * would land in shell history and process listings): it is asked for twice,
 * without echo, at a terminal, or read as the first line of standard input.
 *
 * Exit codes: 0 created, 1 refused (invalid or taken email, unacceptable
 * password, passwords differ), 2 wrong usage.
 */
import { Writable } from 'node:stream'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { emailField, nameField } from '../../app/auth/schemas'
import { passwordProblem } from '../../app/auth/password-policy'
import { recordAudit } from '../../app/models/audit.server'
import { createTrainee, createUser, emailTaken, type User } from '../../app/models/user.server'
import { readEnv } from '../../app/utils/env.server'
import { hashPassword } from '../../app/utils/password.server'
import { closeDatabase, type Db } from '../client'
import { ROLES, SPECIALISMS, type Role } from '../schema'
import { prepareDatabase } from '../setup'

const USAGE = `Usage: npm run user:create -- --email <address> --role <${ROLES.join('|')}> [--name "Full Name"] [--specialism <specialism>]

  --email       the account's email address (required)
  --role        ${ROLES.join(', ')} (required)
  --name        the name shown in the app (default: the part of the email before @)
  --specialism  for a trainee: ${SPECIALISMS.join(', ')} (default: other)

The password is asked for at the terminal, or read from the first line of standard input:
  printf '%s\\n' "$PASSWORD" | npm run user:create -- --email a@b.nhs.uk --role admin`

class Refused extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message)
  }
}

const usage = (message: string) => new Refused(`${message}\n\n${USAGE}`, 2)
const refused = (message: string) => new Refused(message, 1)

function readArguments(argv: string[]) {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        specialism: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (argv.some((a) => /^--?password/.test(a))) {
      throw usage(
        `${message}. The password is never taken from the command line: it is asked for, or read from standard input.`,
      )
    }
    throw usage(message)
  }
  const { values } = parsed
  if (values.help) return null
  if (!values.email) throw usage('Give the email address with --email.')
  if (!values.role) throw usage('Give the role with --role.')
  const role = z.enum(ROLES).safeParse(values.role)
  if (!role.success) throw usage(`Unknown role "${values.role}". Use one of: ${ROLES.join(', ')}.`)
  const specialism = z.enum(SPECIALISMS).safeParse(values.specialism ?? 'other')
  if (!specialism.success)
    throw usage(`Unknown specialism "${values.specialism}". Use one of: ${SPECIALISMS.join(', ')}.`)
  if (values.specialism && role.data !== 'trainee') throw usage('--specialism is for trainee accounts only.')

  const email = emailField.safeParse(values.email)
  if (!email.success) throw refused(`${email.error.issues[0]?.message ?? 'Invalid email address'}: "${values.email}".`)
  const name = nameField.safeParse(values.name ?? email.data.split('@')[0])
  if (!name.success) throw refused(`${name.error.issues[0]?.message ?? 'Invalid name'}.`)
  return { email: email.data, role: role.data, name: name.data, specialism: specialism.data }
}

/** Asks for a line at the terminal without showing what is typed. */
async function askHidden(question: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stderr.write(chunk, encoding)
      callback()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  rl.on('SIGINT', () => {
    process.stderr.write('\n')
    rl.close()
    process.exit(130)
  })
  try {
    process.stderr.write(question)
    muted = true
    return await rl.question('')
  } finally {
    muted = false
    process.stderr.write('\n')
    rl.close()
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden('Password (at least 15 characters; a passphrase of unrelated words is best): ')
    const second = await askHidden('The same password again: ')
    if (first !== second) throw refused('The two passwords are not the same. Nothing was created.')
    return first
  }
  const firstLine = (await readStdin()).split(/\r?\n/, 1)[0] ?? ''
  if (firstLine === '') throw usage('No password on standard input: give it as the first line.')
  return firstLine
}

async function create(db: Db, args: NonNullable<ReturnType<typeof readArguments>>): Promise<User> {
  const { email, name, role, specialism } = args
  if (emailTaken(db, email))
    throw refused(`An account with the email address ${email} already exists. Nothing was created.`)
  const password = await readPassword()
  const problem = passwordProblem(password, { email, name })
  if (problem) throw refused(`That password cannot be used. ${problem}`)
  const passwordHash = await hashPassword(password)
  // Checked again: someone may have taken the address while the password was typed.
  if (emailTaken(db, email))
    throw refused(`An account with the email address ${email} already exists. Nothing was created.`)
  const user =
    role === 'trainee'
      ? createTrainee(db, { email, name, passwordHash }, { specialism, employer: '', targetSubmissionDate: null })
      : createUser(db, { email, name, role, passwordHash })
  recordAudit(db, {
    actorId: null,
    action: 'user.created',
    subjectType: 'user',
    subjectId: user.id,
    detail: { role, via: 'command line' },
  })
  return user
}

const NEEDS_TWO_FACTOR: ReadonlySet<Role> = new Set(['admin', 'assessor'])

async function main(): Promise<number> {
  const args = readArguments(process.argv.slice(2))
  if (!args) {
    console.log(USAGE)
    return 0
  }
  const env = readEnv()
  const db = prepareDatabase(env.databasePath, { busyTimeoutMs: env.busyTimeoutMs })
  try {
    const user = await create(db, args)
    const twoFactor = NEEDS_TWO_FACTOR.has(user.role) ? ' Two-factor sign-in must be set up at first sign-in.' : ''
    console.log(`Created ${user.role} account ${user.email} (id ${user.id}).${twoFactor}`)
    return 0
  } finally {
    closeDatabase(db)
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Refused) {
      console.error(error.message)
      process.exit(error.code)
    }
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
