/** Where the preview PDF's page count stands, as pages show it (see preview.server.ts). */
export interface PreviewProgress {
  done: number
  total: number
}

export type PreviewStatus =
  | { state: 'ready'; pages: number }
  | { state: 'counting'; lastKnown: number | null; progress: PreviewProgress | null }
  | { state: 'failed'; lastKnown: number | null; message: string }

/** What a page needs to show the count: its status, where to download the PDF and where to ask again. */
export interface PreviewView {
  status: PreviewStatus
  pdfHref: string
  statusHref: string
}
