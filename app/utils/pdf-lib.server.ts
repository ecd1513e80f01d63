import type * as PdfLib from 'pdf-lib'

let loading: Promise<typeof PdfLib> | undefined

/**
 * pdf-lib, loaded on first use. Importing it takes about a tenth of a second, which every server start would
 * otherwise pay before answering, though only uploads of PDFs and portfolio PDFs need it.
 */
export function pdfLib(): Promise<typeof PdfLib> {
  return (loading ??= import('pdf-lib'))
}
