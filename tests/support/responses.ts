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
  if (result && typeof result === 'object' && 'type' in result && (result as { type: string }).type === 'DataWithResponseInit') {
    const d = result as unknown as { data: unknown; init?: ResponseInit }
    return new Response(JSON.stringify(d.data), d.init)
  }
  throw new Error(`expected a Response, got ${JSON.stringify(result)}`)
}

/** The payload of a `data()` result (or a plain object). */
export function payloadOf<T = Record<string, unknown>>(result: unknown): { status: number; data: T } {
  if (result && typeof result === 'object' && 'type' in result && (result as { type: string }).type === 'DataWithResponseInit') {
    const d = result as unknown as { data: T; init?: ResponseInit | null }
    return { status: d.init?.status ?? 200, data: d.data }
  }
  return { status: 200, data: result as T }
}

export function cookieFrom(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? ''
  return header.split(';')[0] ?? ''
}
