import type { RequestHandler } from './$types';
import { isDatabaseReady } from '@rightsize/api';
import { db } from '#lib/server/db.ts';

/** Readiness: 200 when the database answers, 503 when it does not (take this instance out of rotation). */
export const GET: RequestHandler = async () => {
  const ready = await isDatabaseReady({ db: db() });
  return new Response(ready ? 'ready\n' : 'database unreachable\n', {
    status: ready ? 200 : 503,
    headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' },
  });
};
