import type { SessionUser } from '@rightsize/auth';
import type { Db } from '@rightsize/db';

/** Writes the session cookie on the response; the web app implements it with its cookie API. */
export interface SessionCookieJar {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  db: Db;
  /** Correlates log lines and audit events with the HTTP request. */
  requestId: string;
  /** Include stack traces in error responses (the dev server only; never the built server). */
  exposeErrorDetails: boolean;
  /** The signed-in user and their session, from the session cookie; null when anonymous. */
  auth: { user: SessionUser; sessionId: string } | null;
  /** The client's network address, the key of the per-address sign-in throttle. */
  clientAddress: string;
  /** The app's public origin (`https://…`), for links written into invitations. */
  origin: string;
  sessionCookie: SessionCookieJar;
  /** The current time. A function so tests can move it; services take the value. */
  now: () => Date;
  /**
   * Told each time a SERIALIZABLE transaction is retried after a serialization failure or deadlock
   * (attempt is the one that failed). Optional: tests set it to count retries they cannot see
   * otherwise, since a retried call looks like any other to its caller.
   */
  onSerializableRetry?: (attempt: number) => void;
}

/** The caller as the audit trail records them; services take it to write their events. */
export const auditActorOf = (ctx: Context): { actorId: string | null; requestId: string; now: Date } => ({
  actorId: ctx.auth?.user.id ?? null,
  requestId: ctx.requestId,
  now: ctx.now(),
});
