import { expect, test } from '../../support/fixtures.ts';

test('the home page shows what the database answered', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('db-version')).toHaveText(/^\d+(\.\d+)?/);
  await expect(page.getByTestId('db-migrations')).toHaveText(/^[1-9]\d*$/);
});

test('the health probes answer', async ({ request }) => {
  const live = await request.get('/healthz');
  expect(live.status()).toBe(200);
  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
  expect(await ready.text()).toContain('ready');
});

test('system.info is plain JSON over HTTP', async ({ request }) => {
  const response = await request.get('/api/trpc/system.info');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    result: { data: { database: { serverVersion: string; migrations: number } } };
  };
  expect(body.result.data.database.migrations).toBeGreaterThan(0);
});

test('errors from the built server carry no stack trace', async ({ request }) => {
  const missing = await request.get('/api/trpc/system.nope');
  expect(missing.status()).toBe(404);
  const text = await missing.text();
  expect(text).not.toMatch(/stack|at [\w.]+ \(|node_modules|\.ts:\d+/);

  const page = await request.get('/no-such-page');
  expect(page.status()).toBe(404);
  expect(await page.text()).not.toMatch(/node_modules|\.ts:\d+/);
});
