/**
 * The part of a style sheet that a given piece of HTML uses: rules whose
 * selectors name only classes and elements present in the markup (plus
 * selectors naming neither, such as `:root` or `*`), inside any @media or
 * @supports blocks that still hold a rule. Enough CSS to understand plain,
 * hand-written sheets like the app's; not a general CSS parser.
 */

interface Block {
  prelude: string
  /** The text between the braces, or null for a statement ending in ";". */
  body: string | null
}

/** Top-level rules and at-rules of `css`, comments removed. */
function splitBlocks(css: string): Block[] {
  const blocks: Block[] = []
  let start = 0
  let depth = 0
  let bodyStart = -1
  let prelude = ''
  for (let i = 0; i < css.length; i++) {
    const c = css[i]
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1)
      i = end === -1 ? css.length : end
    } else if (c === '{') {
      if (depth === 0) {
        prelude = css.slice(start, i).trim()
        bodyStart = i + 1
      }
      depth++
    } else if (c === '}') {
      depth--
      if (depth === 0) {
        blocks.push({ prelude, body: css.slice(bodyStart, i) })
        start = i + 1
      }
      if (depth < 0) depth = 0
    } else if (c === ';' && depth === 0) {
      const statement = css.slice(start, i).trim()
      if (statement) blocks.push({ prelude: statement, body: null })
      start = i + 1
    }
  }
  return blocks
}

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '')
}

/** Splits a selector list at its top-level commas (not those inside `:is(…)` and the like). */
function splitSelectors(prelude: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < prelude.length; i++) {
    const c = prelude[i]
    if (c === '(' || c === '[') depth++
    else if (c === ')' || c === ']') depth--
    else if (c === ',' && depth === 0) {
      parts.push(prelude.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(prelude.slice(start).trim())
  return parts.filter(Boolean)
}

/** The classes and element names a selector requires. */
function selectorNeeds(selector: string): { classes: string[]; tags: string[] } {
  const bare = selector.replace(/\[[^\]]*\]/g, '[]').replace(/(["']).*?\1/g, '')
  const classes = [...bare.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!)
  const tags = [...bare.matchAll(/(?:^|[\s>+~(])([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase())
  return { classes, tags }
}

export interface UsedNames {
  classes: ReadonlySet<string>
  tags: ReadonlySet<string>
}

/** The class names and element names that appear in some HTML. */
export function namesUsedIn(html: string): UsedNames {
  const classes = new Set<string>()
  for (const m of html.matchAll(/\sclass="([^"]*)"/g))
    for (const name of m[1]!.split(/\s+/)) if (name) classes.add(name)
  const tags = new Set(['html', 'head', 'body'])
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)) tags.add(m[1]!.toLowerCase())
  return { classes, tags }
}

function subset(css: string, used: UsedNames): string {
  const out: string[] = []
  for (const { prelude, body } of splitBlocks(css)) {
    if (body === null) continue
    if (prelude.startsWith('@')) {
      if (/^@(media|supports)\b/i.test(prelude)) {
        const inner = subset(body, used)
        if (inner) out.push(`${prelude} {\n${inner}\n}`)
      }
      continue
    }
    const kept = splitSelectors(prelude).filter((selector) => {
      const { classes, tags } = selectorNeeds(selector)
      return classes.every((c) => used.classes.has(c)) && tags.every((t) => used.tags.has(t))
    })
    if (kept.length > 0) out.push(`${kept.join(',\n')} {${body}}`)
  }
  return out.join('\n')
}

/** The rules of `css` that the markup in `html` can match (see the module comment). */
export function cssUsedBy(css: string, html: string): string {
  return subset(stripComments(css), namesUsedIn(html))
}
