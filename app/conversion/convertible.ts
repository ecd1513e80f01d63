/** Which attachments are converted to PDF: Word, Excel and PowerPoint documents. Pure. */

/** The file extension LibreOffice is given for each media type converted to PDF. */
export const CONVERTIBLE_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
}

/** The media types converted to PDF: Word, Excel and PowerPoint documents. */
export const CONVERTIBLE_MEDIA_TYPES: readonly string[] = Object.keys(CONVERTIBLE_EXTENSIONS)

export function isConvertible(mediaType: string): boolean {
  return Object.hasOwn(CONVERTIBLE_EXTENSIONS, mediaType)
}
