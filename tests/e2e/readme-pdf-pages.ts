/**
 * `npm run screenshots:pdf`: pictures of the summary PDF's pages for the
 * README, from the demo's submitted portfolio (Hannah Reid's), as poppler's
 * pdftoppm draws them. Seeds the demo into a throw-away database, reads the
 * PDF the demo made when submitting, and saves PNGs of the cover, the index,
 * an area list, the grid and an item into tests/e2e/readme/.
 */
import { execFileSync } from 'node:child_process'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { getSubmission } from '../../app/models/submission.server'
import { filePath } from '../../app/files/store.server'
import { seedDemo } from '../../db/scripts/demo'
import { submissions, users } from '../../db/schema'
import { createTestDb } from '../support/test-db'
import { readFileSync } from 'node:fs'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('Usage: npm run screenshots:pdf   (needs poppler-utils: pdftoppm, pdftotext)')
  process.exit(0)
}

const OUT_DIR = path.resolve(import.meta.dirname, 'readme')
const t = createTestDb()
try {
  await seedDemo(t.db, { dataDir: t.dir })
  const hannah = t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'hannah.reid@demo.attain.invalid'))
    .get()!
  const row = t.db.select({ id: submissions.id }).from(submissions).where(eq(submissions.traineeId, hannah.id)).get()!
  const submission = getSubmission(t.db, row.id)!
  const pdf = path.join(t.dir, 'summary.pdf')
  writeFileSync(pdf, readFileSync(filePath(t.dir, submission.pdfSha256!)))
  const texts = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f')
  const first = (test: (text: string) => boolean) => texts.findIndex(test) + 1
  const pages: [string, number][] = [
    ['cover', 1],
    ['index', first((x) => x.trimStart().startsWith('Index of evidence'))],
    ['areas', first((x) => x.trimStart().startsWith('Evidence by area of competence'))],
    ['grid', first((x) => x.trimStart().startsWith('Cross-reference grid'))],
    ['item', first((x) => /^\s*E\d+ · .*fetal dose/.test(x))],
  ]
  for (const [name, page] of pages) {
    const base = path.join(t.dir, name)
    execFileSync('pdftoppm', ['-r', '72', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf, base])
    rmSync(path.join(OUT_DIR, `pdf-${name}.png`), { force: true })
    renameSync(`${base}.png`, path.join(OUT_DIR, `pdf-${name}.png`))
    console.log(`pdf-${name}.png: page ${page} of ${submission.pdfPages}`)
  }
} finally {
  t.cleanup()
}
