import { describe, expect, it } from 'vitest'
import { cssUsedBy, namesUsedIn } from '../../app/submission/css-subset'

const sheet = `
:root { --text: #111; }
/* a comment with .unused { braces } */
@media (prefers-color-scheme: dark) {
  :root { --text: #eee; }
  .unused { color: red; }
}
@media (max-width: 600px) {
  .unused { display: none; }
}
*, *::before { box-sizing: border-box; }
body { margin: 0; }
h1, h2 { line-height: 1.2; }
.facts dd { margin: 0; }
.facts, .settings-nav a { display: grid; }
input[type='date']:focus-within { outline: 3px solid; }
.button::after { content: "}"; }
@keyframes spin { from { transform: rotate(0); } }
@import url("x.css");
`

describe('cssUsedBy', () => {
  const html = '<main class="page"><h1 class="title">T</h1><dl class="facts summary-facts"><dd>x</dd></dl></main>'
  const css = cssUsedBy(sheet, html)

  it('keeps base rules, and rules for the classes and elements in the markup', () => {
    expect(css).toContain(':root { --text: #111; }')
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root \{ --text: #eee; \}\s*\}/)
    expect(css).toContain('box-sizing: border-box')
    expect(css).toContain('body { margin: 0; }')
    expect(css).toContain('.facts dd { margin: 0; }')
    expect(css).toMatch(/^h1 \{ line-height: 1\.2; \}$/m)
  })

  it('drops rules, selectors and blocks for what the markup does not use', () => {
    expect(css).not.toContain('.unused')
    expect(css).not.toContain('max-width: 600px')
    expect(css).not.toContain('.settings-nav')
    expect(css).toContain('.facts {')
    expect(css).not.toContain('h2')
    expect(css).not.toContain('input')
    expect(css).not.toContain('.button')
    expect(css).not.toContain('@keyframes')
    expect(css).not.toContain('@import')
    expect(css).not.toContain('comment')
  })

  it('reads class names and element names from markup', () => {
    const used = namesUsedIn('<div class="a  b"><span class="">x</span><br/></div>')
    expect([...used.classes].sort()).toEqual(['a', 'b'])
    expect(used.tags.has('span')).toBe(true)
    expect(used.tags.has('br')).toBe(true)
    expect(used.tags.has('body')).toBe(true)
  })
})
