// Session cookie attributes, framework-free: the web app passes these to its cookie API.

/** Hosts where the browser talks to this machine itself, over plain HTTP during development. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export const isLocalhost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');

/**
 * With `Secure` the cookie also gets the `__Host-` prefix: the browser then refuses it unless it is
 * Secure, has Path=/ and no Domain, so a sibling subdomain cannot plant a session cookie for us.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-rs_session' : 'rs_session');

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  expires: Date;
}

/**
 * `HttpOnly` keeps the token from page scripts; `SameSite=Lax` keeps it off cross-site subrequests
 * and form posts; `Secure` everywhere except on localhost, where development runs over plain HTTP.
 */
export const sessionCookieOptions = ({
  secure,
  expires,
}: {
  secure: boolean;
  expires: Date;
}): SessionCookieOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure,
  expires,
});

/** The same attributes with an expiry in the past: the browser drops the cookie. */
export const clearedSessionCookieOptions = ({ secure }: { secure: boolean }): SessionCookieOptions =>
  sessionCookieOptions({ secure, expires: new Date(0) });
