import { SIGN_IN_THROTTLE } from '@rightsize/auth';
import { expect, test } from '../../support/fixtures.ts';
import { PASSWORD, freshEmail, mutate, originOf, type TrpcError } from '../../support/trpc-http.ts';

test('after repeated wrong passwords the next sign-in gets 429 with Retry-After and a plain message', async ({
  request,
  baseURL,
}) => {
  const headers = { origin: originOf(baseURL) };
  const email = freshEmail('throttle');
  await mutate(request, 'auth.signUp', { email, displayName: 'Throttle Test', password: PASSWORD }, headers);
  for (let i = 0; i < SIGN_IN_THROTTLE.account.limit; i++) {
    const wrong = await mutate(request, 'auth.signIn', { email, password: 'not-the-password' }, headers);
    expect(wrong.status()).toBe(401);
  }
  const refused = await mutate(request, 'auth.signIn', { email, password: PASSWORD }, headers);
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_THROTTLE.account.windowMs / 1000);
  const body = (await refused.json()) as TrpcError;
  expect(body.error.message).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ minutes?\.$/);
});

test('the sign-in page shows the throttle message', async ({ page, request, baseURL }) => {
  const email = freshEmail('throttle-page');
  const headers = { origin: originOf(baseURL) };
  await mutate(request, 'auth.signUp', { email, displayName: 'Throttle Page', password: PASSWORD }, headers);
  for (let i = 0; i < SIGN_IN_THROTTLE.account.limit; i++) {
    await mutate(request, 'auth.signIn', { email, password: 'not-the-password' }, headers);
  }
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Too many failed sign-ins for this account/);
});
