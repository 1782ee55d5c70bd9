import type { RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/env';
import { createCaller, type Context } from '@rightsize/api';
import { db } from './db.ts';

export const createContext = (event: RequestEvent): Context => ({
  db: db(),
  requestId: event.locals.requestId,
  exposeErrorDetails: dev,
});

/** The API for `load` functions and actions: the same procedures and checks as HTTP, no hop. */
export const api = (event: RequestEvent) => createCaller(createContext(event));
