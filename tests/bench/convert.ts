/**
 * `npm run bench:convert -- [--runs 5] [--pages 10]`: how long one Office
 * document takes to become a PDF through the same sandboxed LibreOffice run
 * the worker uses. Makes a DOCX of `--pages` pages (headings, paragraphs and
 * a table on each, from generated HTML), converts it `--runs` times one after
 * another, and prints each time and the median.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { convertToPdf, networkIsolated } from '../../app/conversion/soffice.server'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, pages: { type: 'string', default: '10' } },
})
const runs = Number(values.runs)
const pages = Number(values.pages)
const dir = mkdtempSync(path.join(os.tmpdir(), 'attain-bench-convert-'))
try {
  const lorem =
    'Output measurements were repeated three times and the mean compared with the tolerance agreed with the clinical team. '
  const page = (n: number) =>
    `<h1>Section ${n}: linac quality assurance</h1>${`<p>${lorem.repeat(5)}</p>`.repeat(4)}<table border="1"><tr><th>Energy</th><th>Deviation</th></tr><tr><td>6 MV</td><td>0.${n} %</td></tr></table>`
  const html = `<html><body>${Array.from({ length: pages }, (_, i) => page(i + 1)).join('<p style="page-break-before: always"></p>')}</body></html>`
  writeFileSync(path.join(dir, 'report.html'), html)
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      dir,
      path.join(dir, 'report.html'),
    ],
    { stdio: 'ignore' },
  )
  const docx = path.join(dir, 'report.docx')
  const times: number[] = []
  let pdfPages = 0
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const outcome = await convertToPdf(
      docx,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      { command: 'soffice', timeoutMs: 120_000, memoryMb: 2048 },
    )
    times.push(performance.now() - start)
    if (!outcome.ok) throw new Error(outcome.reason)
    pdfPages = (await PDFDocument.load(outcome.pdf)).getPageCount()
  }
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  console.log(
    `DOCX of ${readFileSync(docx).length} bytes → PDF of ${pdfPages} pages; network isolated: ${networkIsolated()}`,
  )
  console.log(`runs (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`)
  console.log(`median of ${runs}: ${(median / 1000).toFixed(2)} s`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
