/**
 * The physics in the demo portfolio, checked as a reviewing physicist would: numbers that can be recomputed are
 * recomputed, limits quoted are the published ones, and dates run in the order the text says they did.
 */
import { describe, expect, it } from 'vitest'
import { PRIYA_ITEMS, type DemoItem } from '../../db/scripts/demo-content'

const item = (key: string): DemoItem => {
  const found = PRIYA_ITEMS.find((i) => i.key === key)
  if (!found) throw new Error(`No demo item ${key}`)
  return found
}

/** EQD2 of `total` Gy in `fractions` fractions for tissue of the given α/β (Gy). */
const eqd2 = (total: number, fractions: number, alphaBeta: number) =>
  (total * (total / fractions + alphaBeta)) / (2 + alphaBeta)

describe('the reference dosimetry uncertainty budget', () => {
  const text = item('reference-dosimetry').description
  const rows = [...text.matchAll(/^\| [^|*]+ \| (A|B) \| (\d+\.\d+) \|$/gm)].map((m) => Number(m[2]))
  const combined = Number(text.match(/\*\*Combined\*\*[^|]*\| *\| \*\*(\d+\.\d+)\*\* \|/)![1])

  it('states as its combined uncertainty the root sum of squares of its components, to 2 d.p.', () => {
    expect(rows).toHaveLength(8)
    const rss = Math.sqrt(rows.reduce((sum, u) => sum + u * u, 0))
    expect(combined.toFixed(2)).toBe(rss.toFixed(2))
    expect(combined).toBe(0.71)
  })

  it('doubles it for the expanded uncertainty, and gives depth sensitivity at 10 cm as 0.4–0.5 % per mm', () => {
    expect(text).toContain(`The expanded uncertainty (k = 2) is ${(2 * combined).toFixed(1)}%`)
    expect(item('reference-dosimetry').reflection).toMatch(/10 cm depth .* about 0\.4–0\.5% per millimetre/)
  })
})

describe('the re-irradiation advice', () => {
  const text = item('reirradiation-advice').description

  it('keeps the stereotactic course within the commonly cited 25 Gy EQD2 for that component, with the sums right', () => {
    const previous = eqd2(20, 5, 2)
    const stereotactic = eqd2(12, 2, 2)
    expect(previous).toBe(30)
    expect(stereotactic).toBe(24)
    expect(stereotactic).toBeLessThanOrEqual(25)
    expect(stereotactic / (previous + stereotactic)).toBeLessThanOrEqual(0.5)
    expect(text).toContain('the previous 20 Gy in 5 fractions is 30 Gy EQD2')
    expect(text).toContain('12 Gy in 2 fractions for the new course adds 24 Gy EQD2')
    expect(text).toContain('limit of 25 Gy EQD2 for that component')
    expect(text).toContain('12 Gy in 2 fractions (24 Gy EQD2, within the limit of 25 Gy EQD2 for that component)')
    expect(text).toContain(`cumulative cord maximum is about ${previous + stereotactic} Gy EQD2`)
    expect(text).not.toMatch(/5[5-9] Gy EQD2/)
  })
})

describe('the annual QA item', () => {
  it('holds electron R50 to the ±1 mm TG-142 sets for annual beam quality, and its result is within it', () => {
    const row = item('annual-qa')
      .description.split('\n')
      .find((line) => line.includes('R50'))!
    expect(row).toContain('±1 mm (TG-142 annual')
    const result = Number(row.match(/max (\d+(\.\d+)?) mm \|$/)![1])
    expect(result).toBeLessThanOrEqual(1)
  })
})

describe('the MSc governance item', () => {
  it('ends before the data collection it precedes begins', () => {
    const governance = item('msc-governance')
    const project = item('msc-abstract')
    // Days before seeding: larger is earlier.
    const governanceEnds = governance.startDaysAgo - (governance.days ?? 0)
    expect(governanceEnds).toBeGreaterThan(project.startDaysAgo)
    expect(governance.description).toMatch(/^Before starting the data collection/)
  })
})

describe('the CBCT dose audit', () => {
  it('says that a 100 mm pencil chamber underestimates wide-beam dose, and names the TG-111 approach', () => {
    const text = item('cbct-dose-audit').description
    expect(text).toMatch(/100 mm pencil chamber/)
    expect(text).toMatch(/CTDI100 underestimates the dose from a wide cone beam/)
    expect(text).toContain('AAPM TG-111')
  })
})
