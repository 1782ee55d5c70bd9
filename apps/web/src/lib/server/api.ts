import type { RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/env';
import { createCaller, type Context } from '@rightsize/api';
import { db } from './db.ts';
import { publicOrigin } from './origin.ts';
import { clearSessionCookie, setSessionCookie } from './session.ts';

export const createContext = (event: RequestEvent): Context => ({
  db: db(),
  requestId: event.locals.requestId,
  exposeErrorDetails: dev,
  auth:
    event.locals.user && event.locals.session ? { user: event.locals.user, sessionId: event.locals.session.id } : null,
  // adapter-node: the socket's peer, or the proxy header named by ADDRESS_HEADER when one is set.
  clientAddress: event.getClientAddress(),
  origin: publicOrigin(event),
  sessionCookie: {
    set: (token, expiresAt) => setSessionCookie(event, token, expiresAt),
    clear: () => clearSessionCookie(event),
  },
  now: () => new Date(),
});

/** The API for `load` functions and actions: the same procedures and checks as HTTP, no hop. */
export const api = (event: RequestEvent) => createCaller(createContext(event));
