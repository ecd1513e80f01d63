/**
 * The one "not found" answer, thrown by loaders, actions and the guards they call. It says nothing about
 * what exists: a thing the user may not see answers exactly as a thing that is not there.
 */
export function notFound(): Response {
  return new Response('Not found', { status: 404 })
}
