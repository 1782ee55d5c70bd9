import type { RequestEvent } from '@sveltejs/kit';
import {
  clearedSessionCookieOptions,
  isLocalhost,
  sessionCookieName,
  sessionCookieOptions,
  validateSessionToken,
} from '@rightsize/auth';
import { db } from './db.ts';
import { publicOrigin } from './origin.ts';

/** Secure everywhere except on localhost, where development runs over plain HTTP. */
const secureFor = (event: RequestEvent) => !isLocalhost(new URL(publicOrigin(event)).hostname);

export const sessionCookie = (event: RequestEvent) => sessionCookieName(secureFor(event));

export const setSessionCookie = (event: RequestEvent, token: string, expiresAt: Date) => {
  event.cookies.set(
    sessionCookie(event),
    token,
    sessionCookieOptions({ secure: secureFor(event), expires: expiresAt }),
  );
};

export const clearSessionCookie = (event: RequestEvent) => {
  event.cookies.set(sessionCookie(event), '', clearedSessionCookieOptions({ secure: secureFor(event) }));
};

/**
 * Session cookie → `locals.user`. An unknown, tampered or expired token clears the cookie; a
 * session whose idle expiry moved gets its cookie again with the new date.
 */
export const loadSession = async (event: RequestEvent): Promise<void> => {
  event.locals.user = null;
  event.locals.session = null;
  const token = event.cookies.get(sessionCookie(event));
  if (!token) return;
  let valid;
  try {
    valid = await validateSessionToken({ db: db(), token, now: new Date() });
  } catch (error) {
    // The database is down: serve the request as anonymous (pages say what is wrong) but keep the
    // cookie, so the user is still signed in once it is back.
    event.locals.log.warn({ err: error }, 'session check failed; treating the request as anonymous');
    return;
  }
  if (!valid) {
    clearSessionCookie(event);
    return;
  }
  event.locals.user = valid.user;
  event.locals.session = { id: valid.session.id, expiresAt: valid.session.expiresAt };
  if (valid.renewed) setSessionCookie(event, token, valid.session.expiresAt);
};
