// The HTTP face of the API: plain JSON (no transformer), so any HTTP client can call it.
// Mounted as a route rather than answered from `handle`, so cookies set on event.cookies reach the
// response.
import type { RequestHandler } from './$types';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { AppError, appRouter } from '@rightsize/api';
import { createContext } from '#lib/server/api.ts';

/** Calls per batched request; a larger batch gets a 400 before any procedure runs. */
const MAX_BATCH_SIZE = 10;

const handler: RequestHandler = (event) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req: event.request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContext(event),
    responseMeta: ({ errors }) => {
      // A throttled sign-in says when to come back, in the standard header as well as the body.
      const retryAfter = errors
        .map((error) => (error.cause instanceof AppError ? error.cause.retryAfterSeconds : undefined))
        .find((seconds) => seconds !== undefined);
      return {
        headers: {
          'cache-control': 'no-store',
          ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
        },
      };
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        event.locals.log.error({ err: error.cause ?? error, procedure: path }, 'procedure failed');
      }
    },
  });

export const GET = handler;
// Mutations reach this only past the CSRF check in hooks.server.ts (same origin, or 403).
export const POST = handler;
