/**
 * Runs LibreOffice, headless, to turn one Office document into a PDF.
 *
 * LibreOffice opens files trainees upload, so each run is fenced in: a
 * throw-away user profile with macros disabled, its own temporary directory
 * (the document is copied in under a fixed name; the trainee's file name
 * never reaches a command line or a path), no network where the system can
 * take it away (`unshare --net`), limits on CPU time and address space, and
 * a process group of its own that is killed whole at the time limit or when
 * the run is over, so nothing it started outlives it.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONVERTIBLE_EXTENSIONS as EXTENSIONS } from '~/conversion/convertible'

export interface ConverterOptions {
  /** The LibreOffice program (`soffice`), a path or a name on PATH. */
  command: string
  timeoutMs: number
  /** Address-space limit for the converter, in MB. */
  memoryMb: number
  /** Where each run's temporary directory is made. Default: the system's temporary directory. */
  workRoot?: string
}

export type ConversionOutcome =
  | { ok: true; pdf: Buffer }
  /** `retry`: worth another attempt (a crash, a time-out), as opposed to a document LibreOffice cannot read. */
  | { ok: false; reason: string; retry: boolean }

/** Macros off, whatever a document asks: the profile's settings, written before LibreOffice first reads it. */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseOpenCL"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`

/** The program's absolute path if it can be run, else null. */
export function findCommand(command: string): string | null {
  const candidates = command.includes('/')
    ? [command]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, command))
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      if (fs.statSync(candidate).isFile()) return path.resolve(candidate)
    } catch {
      // not here
    }
  }
  return null
}

let networkIsolation: string[] | null | undefined
/** `unshare` arguments that take the network away from a run, or [] where the system does not allow it. */
function isolationPrefix(): string[] {
  if (networkIsolation === undefined) {
    const unshare = findCommand('unshare')
    const probe = unshare
      ? spawnSync(unshare, ['--net', '--map-root-user', 'true'], { stdio: 'ignore', timeout: 5000 })
      : null
    networkIsolation = unshare && probe?.status === 0 ? [unshare, '--net', '--map-root-user'] : null
  }
  return networkIsolation ?? []
}

/** Whether runs are cut off from the network on this machine. */
export function networkIsolated(): boolean {
  return isolationPrefix().length > 0
}

/**
 * Converts the document at `input` (of media type `mediaType`) to PDF.
 * Never throws for anything the document or LibreOffice does: a failure
 * comes back as a reason in plain words.
 */
export async function convertToPdf(
  input: string,
  mediaType: string,
  options: ConverterOptions,
): Promise<ConversionOutcome> {
  const extension = Object.hasOwn(EXTENSIONS, mediaType) ? EXTENSIONS[mediaType] : undefined
  if (!extension) return { ok: false, reason: 'This type of file is not converted.', retry: false }
  const program = findCommand(options.command)
  if (!program) return { ok: false, reason: 'The server has no document converter.', retry: true }

  const jobDir = await fsp.mkdtemp(path.join(options.workRoot ?? os.tmpdir(), `attain-convert-${process.pid}-`))
  try {
    const profile = path.join(jobDir, 'profile')
    const out = path.join(jobDir, 'out')
    const tmp = path.join(jobDir, 'tmp')
    await fsp.mkdir(path.join(profile, 'user'), { recursive: true })
    await fsp.mkdir(out)
    await fsp.mkdir(tmp)
    await fsp.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS)
    const source = path.join(jobDir, `document.${extension}`)
    await fsp.copyFile(input, source)

    const args = [
      '--headless',
      '--invisible',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nologo',
      '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      source,
    ]
    // ulimit in a shell that then becomes the program: the limits hold for everything it starts.
    const limits = `ulimit -t ${Math.max(1, Math.ceil(options.timeoutMs / 1000) + 5)} && ulimit -v ${Math.max(65_536, Math.floor(options.memoryMb * 1024))} && exec "$@"`
    const argv = [...isolationPrefix(), '/bin/sh', '-c', limits, 'sh', program, ...args]
    const run = await runGroup(argv, {
      cwd: jobDir,
      timeoutMs: options.timeoutMs,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: jobDir,
        TMPDIR: tmp,
        LANG: 'C.UTF-8',
        SAL_USE_VCLPLUGIN: 'svp',
      },
    })
    if (run.timedOut) {
      return {
        ok: false,
        reason: `The conversion took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped.`,
        retry: true,
      }
    }
    const pdfPath = path.join(out, 'document.pdf')
    const pdf = await fsp.readFile(pdfPath).catch(() => null)
    if (pdf && pdf.length > 0 && run.code === 0) return { ok: true, pdf }
    if (run.signal)
      return { ok: false, reason: `The document converter stopped unexpectedly (${run.signal}).`, retry: true }
    if (/could not be loaded|general error|source file could not/i.test(run.output)) {
      return {
        ok: false,
        reason:
          'The document could not be opened: it may be damaged. Open it in Word, Excel or PowerPoint, save it again and re-upload it.',
        retry: false,
      }
    }
    return { ok: false, reason: `The document converter failed (exit code ${run.code ?? 'none'}).`, retry: true }
  } finally {
    await fsp.rm(jobDir, { recursive: true, force: true }).catch(() => undefined)
  }
}

/**
 * Removes the temporary directories of runs whose worker process is gone (a
 * worker killed mid-run cannot clean up after itself). Returns how many.
 */
export async function removeAbandonedRunDirs(workRoot: string = os.tmpdir()): Promise<number> {
  let removed = 0
  for (const name of await fsp.readdir(workRoot).catch(() => [] as string[])) {
    const pid = Number(/^attain-convert-(\d+)-/.exec(name)?.[1])
    if (!pid || pid === process.pid || processAlive(pid)) continue
    await fsp.rm(path.join(workRoot, name), { recursive: true, force: true }).catch(() => undefined)
    removed++
  }
  return removed
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

interface GroupRun {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** The first 16 KB of what it printed. */
  output: string
}

/** Whether any process of the group is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** Processes started by `runGroup` and still running, by process group: killed if this process is told to stop. */
const runningGroups = new Set<number>()

/** Kills every converter this process has started (on shutdown). */
export function killAllConversions(): void {
  for (const pgid of runningGroups) {
    try {
      process.kill(-pgid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/**
 * Runs `argv` as the leader of a new process group; at `timeoutMs` or when
 * it exits, the whole group is killed, so no descendant survives the run.
 */
function runGroup(
  argv: string[],
  { cwd, timeoutMs, env }: { cwd: string; timeoutMs: number; env: Record<string, string> },
): Promise<GroupRun> {
  return new Promise((resolve) => {
    const [file, ...rest] = argv
    const child = spawn(file!, rest, {
      cwd,
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const pgid = child.pid
    let output = ''
    let timedOut = false
    const collect = (chunk: Buffer) => {
      if (output.length < 16_384) output += chunk.toString('utf8')
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    const killGroup = () => {
      if (pgid === undefined) return
      try {
        process.kill(-pgid, 'SIGKILL')
      } catch {
        // the group is gone
      }
    }
    if (pgid !== undefined) runningGroups.add(pgid)
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
    }, timeoutMs)
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer)
      killGroup()
      if (pgid !== undefined) runningGroups.delete(pgid)
      resolve({ code, signal, timedOut, output })
    }
    child.once('error', (error) => {
      output += String(error)
      finish(null, null)
    })
    child.once('close', finish)
  })
}
