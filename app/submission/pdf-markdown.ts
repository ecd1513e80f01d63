/**
 * Markdown as the summary PDF prints it: parsed as the web pages parse it
 * (CommonMark with GitHub's tables, task lists, strikethrough and
 * autolinks), then turned into plain data the Typst template lays out.
 * Every piece of text stays data — it is never spliced into Typst markup —
 * so nothing a trainee types can change the document around it. Raw HTML is
 * printed as the text it is, never interpreted. Pure.
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { textRuns, withMarkers, type Coverage } from '~/submission/glyphs'

/** Inline content: text the fonts draw ("t"), a character they cannot ("u"), and styled spans. */
export type Inline =
  | { k: 't'; v: string }
  | { k: 'u'; v: string }
  | { k: 'em' | 'strong' | 'del'; c: Inline[] }
  | { k: 'code'; v: string }
  | { k: 'link'; url: string; c: Inline[] }
  | { k: 'br' }

export type Block =
  | { k: 'p'; c: Inline[] }
  | { k: 'h'; level: number; c: Inline[] }
  | { k: 'list'; ordered: boolean; start: number; items: { checked: boolean | null; c: Block[] }[] }
  | { k: 'quote'; c: Block[] }
  | { k: 'code'; v: string }
  | { k: 'table'; align: ('left' | 'right' | 'center' | null)[]; rows: Inline[][][] }
  | { k: 'hr' }

/** Links an assessor can follow from a PDF; anything else is printed as its text. */
const SAFE_URL = /^(https?:|mailto:)/i

/** Plain text as inline runs, with a marker for each character the fonts cannot draw. */
export function inlineText(text: string, coverage: Coverage): Inline[] {
  // A tab in running text is a space (Typst would print nothing).
  return textRuns(text.replace(/\t/g, ' '), coverage).map((run) =>
    'text' in run ? { k: 't', v: run.text } : { k: 'u', v: run.missing },
  )
}

export function markdownBlocks(markdown: string, coverage: Coverage): Block[] {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  return blocks(tree.children, coverage)
}

function blocks(nodes: RootContent[], coverage: Coverage): Block[] {
  return nodes.flatMap((node) => block(node, coverage))
}

/** One node of the tree as the blocks it prints as (none for definitions, which print nothing of their own). */
function block(node: RootContent, coverage: Coverage): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [{ k: 'p', c: inlines(node.children, coverage) }]
    case 'heading':
      return [{ k: 'h', level: node.depth, c: inlines(node.children, coverage) }]
    case 'list':
      return [
        {
          k: 'list',
          ordered: node.ordered === true,
          start: node.start ?? 1,
          items: node.children.map((item) => ({ checked: item.checked ?? null, c: blocks(item.children, coverage) })),
        },
      ]
    case 'blockquote':
      return [{ k: 'quote', c: blocks(node.children, coverage) }]
    case 'code':
      return [{ k: 'code', v: withMarkers(node.value, coverage) }]
    case 'html':
      // Shown as typed, as the web pages do: never interpreted.
      return [{ k: 'p', c: inlineText(node.value, coverage) }]
    case 'table': {
      // Every row as wide as the header, so no cell slips into the next row.
      const width = node.children[0]?.children.length ?? 0
      const rows = node.children.map((row) =>
        Array.from({ length: width }, (_, i) => inlines(row.children[i]?.children ?? [], coverage)),
      )
      return [{ k: 'table', align: node.align ?? [], rows }]
    }
    case 'thematicBreak':
      return [{ k: 'hr' }]
    default:
      return []
  }
}

const STYLES = { emphasis: 'em', strong: 'strong', delete: 'del' } as const

function inlines(nodes: PhrasingContent[], coverage: Coverage): Inline[] {
  return merged(nodes.flatMap((node) => inline(node, coverage)))
}

/** One phrasing node as inline runs. */
function inline(node: PhrasingContent, coverage: Coverage): Inline[] {
  switch (node.type) {
    case 'text':
    case 'html':
      return inlineText(node.value, coverage)
    case 'emphasis':
    case 'strong':
    case 'delete':
      return [{ k: STYLES[node.type], c: inlines(node.children, coverage) }]
    case 'inlineCode':
      return [{ k: 'code', v: withMarkers(node.value, coverage) }]
    case 'break':
      return [{ k: 'br' }]
    case 'link':
      return [
        SAFE_URL.test(node.url)
          ? { k: 'link', url: node.url, c: inlines(node.children, coverage) }
          : { k: 'em', c: inlines(node.children, coverage) },
      ]
    case 'linkReference':
      return inlines(node.children, coverage)
    case 'image':
    case 'imageReference':
      return node.alt ? [{ k: 'em', c: inlineText(`[image: ${node.alt}]`, coverage) }] : []
    case 'footnoteReference':
      return inlineText(`[${node.label ?? node.identifier}]`, coverage)
    default:
      return inlineText(plainText(node), coverage)
  }
}

/** Adjacent plain runs as one (inline HTML arrives as several nodes). */
function merged(list: Inline[]): Inline[] {
  const out: Inline[] = []
  for (const run of list) {
    const last = out[out.length - 1]
    if (run.k === 't' && last?.k === 't') out[out.length - 1] = { k: 't', v: last.v + run.v }
    else out.push(run)
  }
  return out
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('')
  return ''
}
