// One CSRF check for every state-changing request: form actions and JSON calls to /api/trpc
// alike. SvelteKit's own check only looks at form content types, and it compares against the
// origin adapter-node reconstructs from the Host header, which assumes https; this one compares
// against the app's configured public origin (ORIGIN), so it also holds on plain-HTTP localhost.

/** Methods that cannot change state; everything else must come from our own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when the request may proceed: a safe method, or a browser telling us it came from our own
 * origin. `Origin` must equal ours exactly (browsers send it on every non-GET fetch and form post)
 * and `Sec-Fetch-Site`, where the browser sends it, must say `same-origin`. A request without
 * `Origin` is refused: only a non-browser client omits it, and it has no cookie worth forging.
 */
export const passesCsrfCheck = (request: Request, publicOrigin: string): boolean => {
  if (SAFE_METHODS.has(request.method)) return true;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  return request.headers.get('origin') === publicOrigin;
};

/** The refusal, in tRPC's error shape for API calls so any client can read it, plain text elsewhere. */
export const csrfRefusal = (pathname: string): Response => {
  const message = 'Cross-site request refused: changes must come from this site’s own pages.';
  if (pathname === '/api/trpc' || pathname.startsWith('/api/trpc/')) {
    return Response.json(
      { error: { message, code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403 } } },
      { status: 403, headers: { 'cache-control': 'no-store' } },
    );
  }
  return new Response(message, { status: 403, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
};
