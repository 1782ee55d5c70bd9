import type { Handle, HandleServerError } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { csrfRefusal, passesCsrfCheck } from '#lib/server/csrf.ts';
import { log } from '#lib/server/log.ts';
import { publicOrigin } from '#lib/server/origin.ts';
import { loadSession } from '#lib/server/session.ts';

// Accept a caller's request id (a proxy's) only when it looks like one, so logs cannot be forged.
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// Probes must answer without the database (liveness) or test it themselves (readiness).
const SKIP_SESSION = new Set(['/healthz', '/readyz']);

export const handle: Handle = async ({ event, resolve }) => {
  const given = event.request.headers.get('x-request-id');
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  event.locals.requestId = requestId;
  event.locals.log = log.child({ requestId });
  event.locals.user = null;
  event.locals.session = null;

  let response: Response;
  if (!passesCsrfCheck(event.request, publicOrigin(event))) {
    event.locals.log.warn(
      { method: event.request.method, path: event.url.pathname, origin: event.request.headers.get('origin') },
      'cross-site request refused',
    );
    response = csrfRefusal(event.url.pathname);
  } else {
    if (!SKIP_SESSION.has(event.url.pathname)) await loadSession(event);
    response = await resolve(event);
  }
  response.headers.set('x-request-id', requestId);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  response.headers.set('x-frame-options', 'DENY');
  // Pages carry per-user data (teams, members); no shared cache may keep them.
  if (event.locals.user && !response.headers.has('cache-control'))
    response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handleError: HandleServerError = (caught) => {
  const { event } = caught;
  const requestId = event.locals.requestId;
  if (caught.kind === 'unknown') {
    (event.locals.log ?? log).error({ err: caught.error, path: event.url.pathname }, 'unhandled error');
    // Never send the error's own message or stack: it can carry SQL, paths or secrets.
    return { status: 500, message: 'Something went wrong on our side. It has been logged.', requestId };
  }
  return { requestId };
};
