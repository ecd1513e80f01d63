import { describe, expect, it } from 'vitest'
import { markdownBlocks } from '../../app/submission/pdf-markdown'

/** Every character is drawable except CJK ideographs. */
const coverage = { has: (c: number) => !(c >= 0x4e00 && c <= 0x9fff) } as ReadonlySet<number>
const blocks = (md: string) => markdownBlocks(md, coverage)

describe('Markdown for the PDF', () => {
  it('keeps a table as rows of cells with the column alignment', () => {
    expect(blocks('| Quantity | Value |\n|---|---:|\n| Dose | 0.5 mSv |')).toEqual([
      {
        k: 'table',
        align: [null, 'right'],
        rows: [
          [[{ k: 't', v: 'Quantity' }], [{ k: 't', v: 'Value' }]],
          [[{ k: 't', v: 'Dose' }], [{ k: 't', v: '0.5 mSv' }]],
        ],
      },
    ])
  })

  it('keeps lists, emphasis, code and safe links, and prints raw HTML as the text typed', () => {
    expect(
      blocks('1. **bold** *em* `x<y`\n2. [site](https://example.org) [bad](javascript:alert(1))\n\n<b>hi</b>'),
    ).toEqual([
      {
        k: 'list',
        ordered: true,
        start: 1,
        items: [
          {
            checked: null,
            c: [
              {
                k: 'p',
                c: [
                  { k: 'strong', c: [{ k: 't', v: 'bold' }] },
                  { k: 't', v: ' ' },
                  { k: 'em', c: [{ k: 't', v: 'em' }] },
                  { k: 't', v: ' ' },
                  { k: 'code', v: 'x<y' },
                ],
              },
            ],
          },
          {
            checked: null,
            c: [
              {
                k: 'p',
                c: [
                  { k: 'link', url: 'https://example.org', c: [{ k: 't', v: 'site' }] },
                  { k: 't', v: ' ' },
                  { k: 'em', c: [{ k: 't', v: 'bad' }] },
                ],
              },
            ],
          },
        ],
      },
      { k: 'p', c: [{ k: 't', v: '<b>hi</b>' }] },
    ])
  })

  it('marks characters the fonts cannot draw, in text and in code', () => {
    expect(blocks('Dose 李\n\n```\nx = 李\n```')).toEqual([
      {
        k: 'p',
        c: [
          { k: 't', v: 'Dose ' },
          { k: 'u', v: '李' },
        ],
      },
      { k: 'code', v: 'x = [U+674E]' },
    ])
  })

  it('keeps headings, quotes, task lists and rules', () => {
    expect(blocks('## Results\n\n> quoted\n\n- [x] done\n\n---').map((b) => b.k)).toEqual(['h', 'quote', 'list', 'hr'])
    expect(blocks('- [x] done')[0]).toMatchObject({ items: [{ checked: true }] })
  })
})
