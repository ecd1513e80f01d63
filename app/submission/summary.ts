/**
 * What the portfolio summary shows, worked out from a submission's snapshot:
 * each area with the evidence claiming it, the cross-reference grid, totals
 * and the page count. Pure: the same snapshot always gives the same summary.
 */
import type { PageStatus } from '~/coverage/types'
// Not through ./snapshot, which needs node:crypto: this module also runs in the browser.
import { wordCount } from '~/evidence/form'
import type { PortfolioSnapshot, SnapshotClaim } from '~/submission/snapshot'

export type Verification = NonNullable<SnapshotClaim['verification']>

/** One item's claim on an area, as listed under that area. */
export interface AreaEntry {
  ref: string
  title: string
  statement: string
  verification: Verification | null
}

export interface SummaryArea {
  code: string
  text: string
  anchor: string
  entries: AreaEntry[]
}

export interface SummaryDomain {
  key: string
  number: number
  title: string
  anchor: string
  areas: SummaryArea[]
}

/** A grid cell: the item's claim on the area, verified or only claimed; null where it makes none. */
export type ClaimMark = 'verified' | 'claimed' | null

export interface GridColumn {
  ref: string
  title: string
  anchor: string
}

export interface GridRow {
  code: string
  text: string
  anchor: string
  /** One per column, in column order. */
  cells: ClaimMark[]
}

export interface GridGroup {
  key: string
  title: string
  rows: GridRow[]
}

export interface SummaryTotals {
  items: number
  /** Distinct (item, area) claims. */
  claims: number
  verifiedClaims: number
  /** Codes of areas no item claims: a submitted portfolio should have none. */
  areasWithoutEvidence: string[]
}

export interface SummaryPages {
  count: number
  /** True when the count is the coverage report's estimate rather than the generated PDF's pages. */
  estimated: boolean
  target: number
  limit: number
  status: PageStatus
}

export interface PortfolioSummaryModel {
  domains: SummaryDomain[]
  grid: { columns: GridColumn[]; groups: GridGroup[] }
  totals: SummaryTotals
  statementWords: number
  pages: SummaryPages
}

export type AnchorKind = 'domain' | 'area' | 'item'

/**
 * A fragment id for a domain, area or item that is safe in a URL and a CSS
 * selector: "R&D" becomes `domain-RandD`, "R&D3" `area-RandD3`, "E12" `item-E12`.
 */
export function anchorId(kind: AnchorKind, key: string): string {
  return `${kind}-${key.replace(/&/g, 'and').replace(/[^A-Za-z0-9_-]/g, '-')}`
}

export function pageStatus(pages: number, target: number, limit: number): PageStatus {
  return pages > limit ? 'over-limit' : pages > target ? 'over-target' : 'within'
}

export function portfolioSummary(snapshot: PortfolioSnapshot, pdfPages: number | null): PortfolioSummaryModel {
  const columns = snapshot.items.map((item) => ({
    ref: item.ref,
    title: item.title,
    anchor: anchorId('item', item.ref),
  }))

  // area code → item ref → its claim there (the first, should an item name an area twice).
  const claimsByArea = new Map<string, Map<string, SnapshotClaim>>()
  for (const item of snapshot.items) {
    for (const claim of item.claims) {
      const byItem = claimsByArea.get(claim.areaCode) ?? new Map<string, SnapshotClaim>()
      if (!byItem.has(item.ref)) byItem.set(item.ref, claim)
      claimsByArea.set(claim.areaCode, byItem)
    }
  }

  const titleOf = new Map(snapshot.items.map((item) => [item.ref, item.title]))
  const domains: SummaryDomain[] = snapshot.framework.domains.map((domain) => ({
    key: domain.key,
    number: domain.number,
    title: domain.title,
    anchor: anchorId('domain', domain.key),
    areas: domain.areas.map((area) => ({
      code: area.code,
      text: area.text,
      anchor: anchorId('area', area.code),
      entries: [...(claimsByArea.get(area.code) ?? new Map<string, SnapshotClaim>())].map(([ref, claim]) => ({
        ref,
        title: titleOf.get(ref) ?? '',
        statement: claim.statement,
        verification: claim.verification,
      })),
    })),
  }))

  const groups: GridGroup[] = snapshot.framework.domains.map((domain) => ({
    key: domain.key,
    title: domain.title,
    rows: domain.areas.map((area) => {
      const byItem = claimsByArea.get(area.code)
      return {
        code: area.code,
        text: area.text,
        anchor: anchorId('area', area.code),
        cells: snapshot.items.map((item): ClaimMark => {
          const claim = byItem?.get(item.ref)
          return claim ? (claim.verification ? 'verified' : 'claimed') : null
        }),
      }
    }),
  }))

  // Counted over the framework's areas, as the coverage report counts them.
  const entries = domains.flatMap((d) => d.areas.flatMap((a) => a.entries))
  const { target, limit, total } = snapshot.coverage.summary.pages
  const count = pdfPages ?? total
  return {
    domains,
    grid: { columns, groups },
    totals: {
      items: snapshot.items.length,
      claims: entries.length,
      verifiedClaims: entries.filter((e) => e.verification !== null).length,
      areasWithoutEvidence: domains.flatMap((d) => d.areas.filter((a) => a.entries.length === 0).map((a) => a.code)),
    },
    statementWords: wordCount(snapshot.summaryStatement),
    pages: { count, estimated: pdfPages === null, target, limit, status: pageStatus(count, target, limit) },
  }
}
