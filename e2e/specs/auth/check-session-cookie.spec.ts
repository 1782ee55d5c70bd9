import { ARGON2_PARAMS } from '@rightsize/auth';
import { expect, test } from '../../support/fixtures.ts';
import { PASSWORD, database, freshEmail, mutate, originOf, query } from '../../support/trpc-http.ts';

const setCookieOf = (headers: { name: string; value: string }[]) =>
  headers.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);

test('sign-up sets an HttpOnly, SameSite=Lax, Path=/ session cookie (not Secure on localhost)', async ({
  request,
  baseURL,
}) => {
  const email = freshEmail('cookie');
  const response = await mutate(
    request,
    'auth.signUp',
    { email, displayName: 'Cookie Tester', password: PASSWORD },
    { origin: originOf(baseURL) },
  );
  expect(response.status()).toBe(200);
  const [cookie, ...others] = setCookieOf(response.headersArray());
  expect(others).toEqual([]);
  const parts = cookie!.split(';').map((part) => part.trim());
  expect(parts[0]).toMatch(/^rs_session=[a-z2-7]{24}\.[a-z2-7]{52}$/);
  expect(parts).toContain('HttpOnly');
  expect(parts).toContain('SameSite=Lax');
  expect(parts).toContain('Path=/');
  expect(parts.some((part) => /^Secure$/i.test(part))).toBe(false);
  const expires = parts.find((part) => part.startsWith('Expires='));
  const days = (Date.parse(expires!.slice('Expires='.length)) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);

  // The cookie signs the next request in.
  const me = await query(request, 'auth.me');
  expect(me.status()).toBe(200);
  expect((await me.json()).result.data.email).toBe(email);
});

test('the stored password hash is argon2id with m=19456, t=2, p=1', async ({ request, baseURL }) => {
  const email = freshEmail('argon');
  await mutate(
    request,
    'auth.signUp',
    { email, displayName: 'Hash Reader', password: PASSWORD },
    { origin: originOf(baseURL) },
  );
  const user = await database().user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(user.passwordHash);
  expect(match?.slice(1).map(Number)).toEqual([19_456, 2, 1]);
  expect([ARGON2_PARAMS.memoryCost, ARGON2_PARAMS.timeCost, ARGON2_PARAMS.parallelism]).toEqual([19_456, 2, 1]);
});

test('sign-out deletes the session row and clears the cookie', async ({ request, baseURL }) => {
  const headers = { origin: originOf(baseURL) };
  const email = freshEmail('signout');
  const signUp = await mutate(
    request,
    'auth.signUp',
    { email, displayName: 'Leaving Soon', password: PASSWORD },
    headers,
  );
  const token = setCookieOf(signUp.headersArray())[0]!.split(';')[0]!.split('=')[1]!;
  const sessionId = token.split('.')[0]!;
  expect(await database().session.findUnique({ where: { id: sessionId } })).not.toBeNull();

  const signOut = await mutate(request, 'auth.signOut', undefined, headers);
  expect(signOut.status()).toBe(200);
  const cleared = setCookieOf(signOut.headersArray())[0]!;
  expect(cleared).toMatch(/^rs_session=;/);
  expect(Date.parse(/Expires=([^;]+)/.exec(cleared)![1]!)).toBeLessThanOrEqual(Date.now());
  expect(await database().session.findUnique({ where: { id: sessionId } })).toBeNull();

  // The old token no longer works even if a client kept it.
  const replay = await request.get('/api/trpc/auth.me', { headers: { cookie: `rs_session=${token}` } });
  expect(replay.status()).toBe(401);
});

test('a tampered cookie is refused and cleared', async ({ request, baseURL }) => {
  const email = freshEmail('tamper');
  const signUp = await mutate(
    request,
    'auth.signUp',
    { email, displayName: 'Tamper Test', password: PASSWORD },
    { origin: originOf(baseURL) },
  );
  const token = setCookieOf(signUp.headersArray())[0]!.split(';')[0]!.split('=')[1]!;
  const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
  const response = await request.get('/api/trpc/auth.me', { headers: { cookie: `rs_session=${tampered}` } });
  expect(response.status()).toBe(401);
  expect(setCookieOf(response.headersArray())[0]).toMatch(/^rs_session=;/);
});
