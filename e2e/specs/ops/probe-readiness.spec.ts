import { expect, test } from '@playwright/test';
import { freePort, startBuiltServer, type BuiltServer } from '../../support/server.ts';

// A second built server whose database does not answer: liveness stays up, readiness says no.
let server: BuiltServer;
test.beforeAll(async () => {
  const deadPort = await freePort();
  server = await startBuiltServer({
    DATABASE_URL: `postgresql://nobody:nothing@127.0.0.1:${deadPort}/none`,
    LOG_LEVEL: 'silent',
  });
});
test.afterAll(() => server.stop());

test('readiness is 503 while the database is unreachable, liveness stays 200', async ({ request }) => {
  expect((await request.get(`${server.origin}/healthz`)).status()).toBe(200);
  const ready = await request.get(`${server.origin}/readyz`);
  expect(ready.status()).toBe(503);
  expect(await ready.text()).toContain('database unreachable');
});

test('the home page says the database is not answering instead of failing', async ({ request }) => {
  const page = await request.get(`${server.origin}/`);
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('The database is not answering');
});

test('an API call against a dead database is a 500 without internals', async ({ request }) => {
  const response = await request.get(`${server.origin}/api/trpc/system.info`);
  expect(response.status()).toBe(500);
  const body = await response.text();
  expect(body).toContain('Internal server error');
  expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|node_modules/);
});
