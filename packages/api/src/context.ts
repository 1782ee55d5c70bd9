import type { Db } from '@rightsize/db';

export interface Context {
  db: Db;
  /** Correlates log lines and audit events with the HTTP request. */
  requestId: string;
  /** Include stack traces in error responses (the dev server only; never the built server). */
  exposeErrorDetails: boolean;
}
