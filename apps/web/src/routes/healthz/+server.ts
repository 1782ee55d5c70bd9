import type { RequestHandler } from './$types';

/** Liveness: the process is up and serving. Never touches the database. */
export const GET: RequestHandler = () =>
  new Response('ok\n', { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
