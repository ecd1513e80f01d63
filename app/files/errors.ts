/**
 * A file that cannot be accepted or read, with a reason written for the
 * trainee who uploaded it. Anything else thrown while handling files is a
 * fault of the server (a full disk, say), not of the file.
 */
export class FileRefusal extends Error {
  override readonly name = 'FileRefusal'
}

export function isFileRefusal(error: unknown): error is FileRefusal {
  return error instanceof FileRefusal
}
