import { execFileSync } from 'node:child_process'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { RenderedPages } from '../../app/utils/rendered-pages.server'

const NONCE = 'rK2p0aU1hZ0lBQkNERUY9PQ=='
const html = (text: string) => Buffer.from(text)
const page = (body: string, nonce = NONCE) =>
  html(
    `<!DOCTYPE html><html><head><script nonce="${nonce}">a()</script></head><body>${body}` +
      `<script nonce="${nonce}">b()</script><script nonce="${nonce}" type="module">c()</script></body></html>`,
  )

describe('pages kept rendered', () => {
  it('are given back with the new nonce wherever the old one was, as they are or gzipped', () => {
    const pages = new RenderedPages(1_000_000)
    const body = '<p>Output calibration of the linac, with a Farmer chamber.</p>'.repeat(200)
    pages.set('t1', page(body), NONCE)
    const expected = page(body, 'bmV3LW5vbmNl').toString()
    expect(pages.get('t1', 'bmV3LW5vbmNl', 'identity')!.toString()).toBe(expected)
    const gzipped = pages.get('t1', 'bmV3LW5vbmNl', 'gzip')!
    expect(gunzipSync(gzipped).toString()).toBe(expected)
    // Compressed, not stored: the repeated text shrinks.
    expect(gzipped.byteLength).toBeLessThan(expected.length / 10)
  })

  it('make gzip that the gzip program itself reads back, also with no nonce in the page, or one at either end', () => {
    const pages = new RenderedPages(1_000_000)
    const cases: [string, string][] = [
      ['none', 'a page without scripts'],
      ['ends', `${NONCE}middle${NONCE}`],
      ['only', NONCE],
      ['empty', ''],
    ]
    for (const [tag, text] of cases) {
      pages.set(tag, html(text), NONCE)
      const expected = text.replaceAll(NONCE, 'Zm9v')
      const gzipped = pages.get(tag, 'Zm9v', 'gzip')!
      expect(gunzipSync(gzipped).toString(), tag).toBe(expected)
      expect(execFileSync('gzip', ['-dc'], { input: gzipped }).toString(), tag).toBe(expected)
    }
  })

  it('are only found under their own tag', () => {
    const pages = new RenderedPages(1_000_000)
    pages.set('alice', page('Alice’s dashboard'), NONCE)
    expect(pages.get('bob', NONCE, 'identity')).toBeNull()
    expect(pages.misses).toBe(1)
    expect(pages.get('alice', NONCE, 'identity')!.toString()).toContain('Alice’s dashboard')
    expect(pages.hits).toBe(1)
  })

  it('stay within their bytes, the least recently used going first', () => {
    const one = page('x'.repeat(1000))
    const pages = new RenderedPages(1)
    pages.set('a', one, NONCE)
    expect(pages.size.pages).toBe(0) // larger than the whole budget: not kept

    const size = (() => {
      const probe = new RenderedPages(1_000_000)
      probe.set('p', one, NONCE)
      return probe.size.bytes
    })()
    const lru = new RenderedPages(size * 2)
    lru.set('a', one, NONCE)
    lru.set('b', one, NONCE)
    expect(lru.size).toEqual({ pages: 2, bytes: size * 2 })
    lru.get('a', NONCE, 'identity') // a is now the more recent
    lru.set('c', one, NONCE)
    expect(lru.get('b', NONCE, 'identity')).toBeNull()
    expect(lru.get('a', NONCE, 'identity')).not.toBeNull()
    expect(lru.get('c', NONCE, 'identity')).not.toBeNull()
    // Kept again under the same tag: replaced, not counted twice.
    lru.set('c', one, NONCE)
    expect(lru.size).toEqual({ pages: 2, bytes: size * 2 })
  })

  it('are not kept at all with no memory given to them', () => {
    const pages = new RenderedPages(0)
    pages.set('a', page('text'), NONCE)
    expect(pages.get('a', NONCE, 'identity')).toBeNull()
  })
})

describe('renders under way', () => {
  it('are waited for by a second request for the same page, which then finds it kept', async () => {
    const pages = new RenderedPages(1_000_000)
    expect(pages.inFlight('t')).toBeUndefined()
    let finish!: () => void
    const render = new Promise<void>((resolve) => (finish = resolve))
    pages.track('t', render)
    const waiting = pages.inFlight('t')
    expect(waiting).toBeDefined()
    expect(pages.inFlight('other')).toBeUndefined()
    let waited = false
    const second = waiting!.then(() => {
      waited = true
      return pages.get('t', 'bmV3', 'identity')?.toString()
    })
    await Promise.resolve()
    expect(waited).toBe(false)
    pages.set('t', page('the page'), NONCE)
    finish()
    expect(await second).toBe(page('the page', 'bmV3').toString())
    expect(pages.inFlight('t')).toBeUndefined()
  })

  it('let waiting requests go on (to render for themselves) when the render fails', async () => {
    const pages = new RenderedPages(1_000_000)
    let fail!: (error: Error) => void
    const render = new Promise<void>((_resolve, reject) => (fail = reject))
    pages.track('t', render)
    const waiting = pages.inFlight('t')!
    fail(new Error('render failed'))
    await expect(waiting).resolves.toBeUndefined()
    await render.catch(() => undefined)
    expect(pages.inFlight('t')).toBeUndefined()
    expect(pages.get('t', NONCE, 'identity')).toBeNull()
  })

  it('are not tracked when no page is kept', () => {
    const pages = new RenderedPages(0)
    pages.track('t', new Promise(() => undefined))
    expect(pages.inFlight('t')).toBeUndefined()
  })
})
