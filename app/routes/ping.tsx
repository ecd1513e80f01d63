/**
 * GET /ping: answers "ok" and does nothing else. The cheapest request the app
 * serves through Remix, which load tests measure other routes against.
 */
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
