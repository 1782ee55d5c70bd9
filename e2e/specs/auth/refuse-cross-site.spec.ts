import { expect, test } from '../../support/fixtures.ts';
import { PASSWORD, freshEmail, mutate, originOf, query, type TrpcError } from '../../support/trpc-http.ts';

// SvelteKit checks the origin of form posts only; JSON mutations on /api/trpc are checked by the
// route itself. Each refused call tries to create a team, so "wrote nothing" is checkable.
test.describe('CSRF on /api/trpc mutations', () => {
  let origin: string;
  test.beforeEach(async ({ request, baseURL }) => {
    origin = originOf(baseURL);
    const signUp = await mutate(
      request,
      'auth.signUp',
      { email: freshEmail('csrf'), displayName: 'Csrf Tester', password: PASSWORD },
      { origin },
    );
    expect(signUp.status()).toBe(200);
  });

  const refusals: [string, () => Record<string, string>][] = [
    ['a foreign Origin', () => ({ origin: 'https://evil.example' })],
    ['no Origin at all', () => ({})],
    ['Sec-Fetch-Site: cross-site, even with our Origin', () => ({ origin, 'sec-fetch-site': 'cross-site' })],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', () => ({ origin, 'sec-fetch-site': 'same-site' })],
    ['an Origin that only starts like ours', () => ({ origin: `${origin}.evil.example` })],
  ];

  for (const [label, headers] of refusals) {
    test(`refuses ${label} with 403 and writes nothing`, async ({ request }) => {
      const response = await mutate(request, 'team.create', { name: `CSRF ${label}` }, headers());
      expect(response.status()).toBe(403);
      expect(((await response.json()) as TrpcError).error.data.code).toBe('FORBIDDEN');
      const teams = await query(request, 'team.list');
      expect((await teams.json()).result.data).toEqual([]);
    });
  }

  test('accepts the same call from our own origin', async ({ request }) => {
    const response = await mutate(
      request,
      'team.create',
      { name: 'Same origin' },
      { origin, 'sec-fetch-site': 'same-origin' },
    );
    expect(response.status()).toBe(200);
    const plain = await mutate(request, 'team.create', { name: 'Origin only' }, { origin });
    expect(plain.status()).toBe(200);
    const teams = await query(request, 'team.list');
    expect(((await teams.json()).result.data as { name: string }[]).map((t) => t.name).sort()).toEqual([
      'Origin only',
      'Same origin',
    ]);
  });

  test('leaves queries (GET) alone', async ({ request }) => {
    const response = await request.get('/api/trpc/auth.me', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(response.status()).toBe(200);
  });
});

test('a form post from another site is refused too (the same check covers form actions)', async ({ request }) => {
  const response = await request.post('/sign-in', {
    form: { email: 'owner@demo.example', password: 'anything-at-all' },
    headers: { origin: 'https://evil.example' },
  });
  expect(response.status()).toBe(403);
});
