import { describe, expect, it } from 'vitest'
import {
  ACCEPTED_TYPES_DESCRIPTION,
  createTextValidator,
  describeMediaType,
  detectFileType,
  extensionFor,
  isAcceptedMediaType,
  looksLikeCsv,
  REFUSALS,
  type Detected,
} from '../../app/files/sniff'
import { bytes, concat, docx, minimalJpeg, minimalPdf, minimalPng, pptx, xlsx, zip } from '../fixtures/files/make'

/** Entry names of a zip built by fflate, read the cheap way: from local headers. */
function entryNames(archive: Uint8Array): string[] {
  const names: string[] = []
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength)
  let p = 0
  while (p + 30 <= archive.length && view.getUint32(p, true) === 0x04034b50) {
    const compressed = view.getUint32(p + 18, true)
    const nameLength = view.getUint16(p + 26, true)
    const extraLength = view.getUint16(p + 28, true)
    names.push(new TextDecoder().decode(archive.subarray(p + 30, p + 30 + nameLength)))
    p += 30 + nameLength + extraLength + compressed
  }
  return names
}

function expectAccepted(result: Detected, extension: string, mediaType: string) {
  expect(result).toMatchObject({ ok: true, extension, mediaType })
}

function expectRefused(result: Detected, reason?: string | RegExp) {
  expect(result.ok).toBe(false)
  if (!result.ok && reason !== undefined) {
    if (typeof reason === 'string') expect(result.reason).toBe(reason)
    else expect(result.reason).toMatch(reason)
  }
}

describe('detectFileType: accepted types', () => {
  it('recognises a PDF by %PDF-', () => {
    const result = detectFileType(minimalPdf())
    expectAccepted(result, 'pdf', 'application/pdf')
    expect(result).toMatchObject({ label: 'PDF' })
  })

  it('recognises a PNG by its signature and IHDR', () => {
    expectAccepted(detectFileType(minimalPng()), 'png', 'image/png')
  })

  it('refuses a PNG signature without an IHDR chunk', () => {
    expectRefused(detectFileType(concat(minimalPng().subarray(0, 8), bytes('JUNKJUNKJUNK'))), /damaged/)
  })

  it('recognises a JPEG by FF D8 FF', () => {
    expectAccepted(detectFileType(minimalJpeg()), 'jpeg', 'image/jpeg')
  })

  it('recognises DOCX, XLSX and PPTX from the entry names of a real zip', () => {
    for (const [archive, extension, mediaType] of [
      [docx(), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [xlsx(), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [pptx(), 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ] as const) {
      expectAccepted(detectFileType(archive, entryNames(archive)), extension, mediaType)
    }
  })

  it('recognises UTF-8 text, with or without a byte order mark', () => {
    expectAccepted(
      detectFileType(bytes('Calibrated the ion chamber — 1.002 ± 0.3 %\nAll good.\n')),
      'txt',
      'text/plain',
    )
    expectAccepted(detectFileType(concat([0xef, 0xbb, 0xbf], bytes('Notes from QA\r\n'))), 'txt', 'text/plain')
  })

  it('recognises CSV from consistent commas or semicolons, not from a name', () => {
    expectAccepted(detectFileType(bytes('date,dose,unit\n2024-01-02,2.0,Gy\n2024-01-03,1.8,Gy\n')), 'csv', 'text/csv')
    expectAccepted(detectFileType(concat([0xef, 0xbb, 0xbf], bytes('a;b;c\n1;2;3\n4;5;6\n'))), 'csv', 'text/csv')
    expectAccepted(detectFileType(bytes('name,"note, with comma"\nx,"y, z"\n')), 'csv', 'text/csv')
  })

  it('treats prose with the odd comma as text', () => {
    expectAccepted(
      detectFileType(
        bytes(
          'First, I checked the output.\nThen I recorded it.\nFinally, I reported it, as required, to my supervisor.\n',
        ),
      ),
      'txt',
      'text/plain',
    )
    expectAccepted(detectFileType(bytes('a,b,c')), 'txt', 'text/plain')
  })
})

describe('detectFileType: refusals', () => {
  it('refuses HTML whatever it is called, wherever the tag is in the first 4 KB', () => {
    expectRefused(detectFileType(bytes('<!DOCTYPE html><html><body>Hi</body></html>')), REFUSALS.html)
    expectRefused(detectFileType(bytes('<HTML><p>renamed to .txt</p></HTML>')), REFUSALS.html)
    expectRefused(detectFileType(bytes(`${'x'.repeat(3000)}\n<script>alert(1)</script>`)), REFUSALS.html)
    expectRefused(detectFileType(bytes('plain words <ScRiPt src=//evil></script>')), REFUSALS.html)
  })

  it('refuses an HTML fragment without <html>, but not text that merely mentions a similar word', () => {
    expectRefused(detectFileType(bytes('<body onload="x()">hello</body>')), REFUSALS.html)
    expectRefused(detectFileType(bytes('<iframe src="https://example.org"></iframe>')), REFUSALS.html)
    expectAccepted(
      detectFileType(bytes('Use the <header> element, and the <bodyweight> column\n')),
      'txt',
      'text/plain',
    )
  })

  it('refuses SVG, with or without an XML prolog', () => {
    expectRefused(
      detectFileType(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')),
      REFUSALS.svg,
    )
    expectRefused(
      detectFileType(bytes('<?xml version="1.0"?>\n<!-- drawn -->\n<svg width="10"><script>x()</script></svg>')),
      REFUSALS.svg,
    )
    expect(REFUSALS.svg).toContain('SVG images can carry scripts and are not accepted; export a PNG')
  })

  it('accepts other XML as text', () => {
    expectAccepted(
      detectFileType(bytes('<?xml version="1.0"?>\n<results><dose>2</dose></results>\n')),
      'txt',
      'text/plain',
    )
  })

  it('refuses a plain zip and a zip with only [Content_Types].xml', () => {
    const plain = zip({ 'notes.txt': 'hello', 'photo.jpg': minimalJpeg() })
    expectRefused(detectFileType(plain, entryNames(plain)), /a ZIP archive is not an accepted file type/i)
    const bare = zip({ '[Content_Types].xml': '<Types/>' })
    expectRefused(detectFileType(bare, entryNames(bare)), REFUSALS.zip)
    // A zip judged without its entry names is a plain zip.
    expectRefused(detectFileType(docx()), REFUSALS.zip)
  })

  it('refuses an Office document with macros, and OpenDocument files', () => {
    const macro = docx(['x'], { 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) })
    expectRefused(detectFileType(macro, entryNames(macro)), REFUSALS.macros)
    const odt = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' })
    expectRefused(detectFileType(odt, entryNames(odt)), REFUSALS.openDocument)
  })

  it('refuses executables: MZ, ELF, Mach-O', () => {
    expectRefused(detectFileType(concat(bytes('MZ'), [0x90, 0, 3, 0, 0, 0, 4, 0])), REFUSALS.executable)
    expectRefused(detectFileType(concat([0x7f], bytes('ELF'), [2, 1, 1, 0])), REFUSALS.executable)
    expectRefused(detectFileType(Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])), REFUSALS.executable)
  })

  it('does not mistake text that starts with "MZ" or "BM" for a program or a bitmap', () => {
    expectAccepted(detectFileType(bytes('MZ notes: checked the linac\n')), 'txt', 'text/plain')
    expectAccepted(detectFileType(bytes('BMI was recorded\n')), 'txt', 'text/plain')
  })

  it('refuses a PDF that also carries web page code in its first 4 KB', () => {
    expectRefused(detectFileType(minimalPdf('<html><body>hi</body></html>\n')), REFUSALS.polyglot)
    expectRefused(detectFileType(minimalPdf('% <script>alert(1)</script>\n')), REFUSALS.polyglot)
    // Past the first 4 KB, a PDF is judged a PDF.
    expectAccepted(detectFileType(minimalPdf(`${'%'.repeat(5000)}\n<script>\n`)), 'pdf', 'application/pdf')
  })

  it('refuses an image that carries web page code', () => {
    expectRefused(
      detectFileType(concat(minimalJpeg().subarray(0, 4), bytes('<html><script>x</script>'))),
      REFUSALS.polyglot,
    )
  })

  it('refuses binary garbage and NUL bytes', () => {
    const garbage = Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)
    expectRefused(detectFileType(garbage))
    expectRefused(detectFileType(bytes('looks like text\u0000but is not')), REFUSALS.controlCharacters)
    expectRefused(detectFileType(bytes('bell \u0007 character')), REFUSALS.controlCharacters)
  })

  it('refuses UTF-16 text (with or without a byte order mark), asking for UTF-8', () => {
    const utf16 = (text: string) => Uint8Array.from(Buffer.from(text, 'utf16le'))
    expectRefused(detectFileType(concat([0xff, 0xfe], utf16('Hello, world\n'))), REFUSALS.utf16)
    expectRefused(detectFileType(utf16('Hello there, this is a longer line\n')), REFUSALS.utf16)
    expect(REFUSALS.utf16).toMatch(/UTF-8/)
  })

  it('refuses text in another encoding, such as Windows-1252', () => {
    expectRefused(detectFileType(Uint8Array.from([...bytes('Cost: '), 0xa3, ...bytes('12\n')])), REFUSALS.notUtf8)
  })

  it('gives a named reason for common formats that are not accepted', () => {
    expectRefused(detectFileType(bytes('GIF89a\u0001\u0000')), /GIF images are not accepted; save it as PNG or JPEG/)
    expectRefused(detectFileType(Uint8Array.from([0, 0, 0, 0x18, ...bytes('ftypheic')])), /HEIC/)
    expectRefused(
      detectFileType(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
      REFUSALS.legacyOffice,
    )
    expectRefused(detectFileType(Uint8Array.from([0x1f, 0x8b, 8, 0])), /Gzip/)
    expectRefused(detectFileType(bytes('{\\rtf1\\ansi hello}')), REFUSALS.rtf)
    expectRefused(detectFileType(new Uint8Array()), /empty/)
  })

  it('tolerates a character cut in half at the end of the head', () => {
    const head = bytes(`${'a'.repeat(100)}é`).subarray(0, 101)
    expectAccepted(detectFileType(head), 'txt', 'text/plain')
  })
})

describe('helpers', () => {
  it('describes the accepted types', () => {
    expect(ACCEPTED_TYPES_DESCRIPTION).toBe('PDF, PNG, JPEG, DOCX, XLSX, PPTX, TXT or CSV')
    expect(describeMediaType('application/pdf')).toBe('PDF')
    expect(extensionFor('text/csv')).toBe('csv')
    expect(isAcceptedMediaType('image/svg+xml')).toBe(false)
    expect(isAcceptedMediaType('image/png')).toBe(true)
  })

  it('looksLikeCsv ignores a partial last line of a truncated head', () => {
    expect(looksLikeCsv('a,b\n1,2\n3,4\nthis is cut', true)).toBe(true)
    expect(looksLikeCsv('a,b\n1,2\n3,4\nthis is cut', false)).toBe(false)
  })

  it('the text validator catches problems past the head, across chunk boundaries', () => {
    const ok = createTextValidator()
    const euro = bytes('€')
    ok.push(concat(bytes('price '), euro.subarray(0, 1)))
    ok.push(concat(euro.subarray(1), bytes(' 5\n')))
    expect(ok.end()).toBeNull()

    const nul = createTextValidator()
    nul.push(bytes('fine'))
    nul.push(Uint8Array.from([0x41, 0, 0x42]))
    expect(nul.end()).toBe(REFUSALS.controlCharacters)

    const cut = createTextValidator()
    cut.push(euro.subarray(0, 2))
    expect(cut.end()).toBe(REFUSALS.notUtf8)
  })
})
