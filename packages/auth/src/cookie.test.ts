import { describe, expect, it } from 'vitest';
import { clearedSessionCookieOptions, isLocalhost, sessionCookieName, sessionCookieOptions } from './cookie.ts';

describe('session cookie attributes', () => {
  it.each([
    ['localhost', true],
    ['app.localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['rightsize.example.com', false],
    ['localhost.example.com', false],
    ['10.0.0.5', false],
  ])('%s counts as localhost: %s', (host, expected) => {
    expect(isLocalhost(host)).toBe(expected);
  });

  it('is HttpOnly, SameSite=Lax, Path=/ and carries the expiry', () => {
    const expires = new Date('2026-04-01T00:00:00Z');
    expect(sessionCookieOptions({ secure: true, expires })).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: true,
      expires,
    });
  });

  it('uses the __Host- prefix only when Secure (browsers drop a prefixed cookie without it)', () => {
    expect(sessionCookieName(true)).toBe('__Host-rs_session');
    expect(sessionCookieName(false)).toBe('rs_session');
  });

  it('clears with an expiry in the past', () => {
    expect(clearedSessionCookieOptions({ secure: false }).expires.getTime()).toBe(0);
  });
});
