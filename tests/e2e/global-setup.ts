/**
 * Runs once before the browser tests: makes sure a browser and poppler's PDF
 * tools are available, and builds the production app the tests start.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

const defaultChromiumPath = '/usr/bin/chromium'

function checkBrowser() {
  const executable = process.env.CHROMIUM_PATH ?? defaultChromiumPath
  try {
    accessSync(executable, constants.X_OK)
  } catch {
    throw new Error(
      [
        `The browser tests need Chromium, but there is no executable at ${executable}.`,
        'Install it with `apt-get install -y chromium` (Debian/Ubuntu),',
        'or set CHROMIUM_PATH to the path of a Chromium or Chrome binary.',
      ].join('\n'),
    )
  }
}

/** The summary PDF is read back with poppler's command-line tools. */
function checkPdfTools() {
  const missing = ['pdftoppm', 'pdftotext', 'pdftohtml', 'pdffonts'].filter((tool) => spawnSync(tool, ['-v']).error)
  if (missing.length > 0) {
    throw new Error(
      `The browser tests read PDFs with poppler's tools, but ${missing.join(', ')} cannot be run. Install them with \`apt-get install -y poppler-utils\`.`,
    )
  }
}

function buildApp() {
  if (process.env.E2E_SKIP_BUILD === '1') {
    console.log('E2E_SKIP_BUILD=1: using the existing build')
    return
  }
  console.log('Building the app for the browser tests…')
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.error) throw result.error
  if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status ?? result.signal})`)
}

export default function setup() {
  checkBrowser()
  checkPdfTools()
  buildApp()
}
