/** Runs a loader or action and returns what it threw or returned as a Response, for asserting on status and headers. */
export async function settle(fn: () => unknown): Promise<Response | unknown> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

/** The Response a loader or action threw or returned; fails the test if there was none. */
export async function responseOf(fn: () => unknown): Promise<Response> {
  const result = await settle(fn)
  if (result instanceof Response) return result
  // `data()` results from Remix carry their init.
  if (
    result &&
    typeof result === 'object' &&
    'type' in result &&
    (result as { type: string }).type === 'DataWithResponseInit'
  ) {
    const d = result as unknown as { data: unknown; init?: ResponseInit }
    return new Response(JSON.stringify(d.data), d.init)
  }
  throw new Error(`expected a Response, got ${JSON.stringify(result)}`)
}

/** The payload of a `data()` result (or a plain object). */
export function payloadOf<T = Record<string, unknown>>(result: unknown): { status: number; data: T } {
  if (
    result &&
    typeof result === 'object' &&
    'type' in result &&
    (result as { type: string }).type === 'DataWithResponseInit'
  ) {
    const d = result as unknown as { data: T; init?: ResponseInit | null }
    return { status: d.init?.status ?? 200, data: d.data }
  }
  return { status: 200, data: result as T }
}

export function cookieFrom(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? ''
  return header.split(';')[0] ?? ''
}

export interface Outcome {
  status: number
  /** A returned payload; for a thrown Response, its body text; null for a returned Response. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any route's payload by path; its type is the route's
  data: any
  headers: Headers
}

/** Runs a loader or action and returns its status, payload and headers, however it answered (returned, thrown, `data()`). */
export async function outcomeOf(run: () => unknown): Promise<Outcome> {
  let value: unknown
  try {
    value = await run()
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: await error.text(), headers: error.headers }
    throw error
  }
  if (value instanceof Response) return { status: value.status, data: null, headers: value.headers }
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
    const { data, init } = value as { data: unknown; init: ResponseInit | null }
    return { status: init?.status ?? 200, data, headers: new Headers(init?.headers) }
  }
  return { status: 200, data: value, headers: new Headers() }
}
