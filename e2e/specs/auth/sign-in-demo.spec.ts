import { DEMO_PASSWORD, DEMO_TEAM, DEMO_USERS } from '@rightsize/api/seed';
import { expect, test } from '../../support/fixtures.ts';

test('each seeded demo user signs in and sees the demo team with their role', async ({ browser }) => {
  test.slow();
  for (const demo of DEMO_USERS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(demo.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/teams$/);
    await page.getByRole('link', { name: DEMO_TEAM.name }).first().click();
    await expect(page.getByTestId('my-role')).toContainText(demo.role.toLowerCase());
    await context.close();
  }
});

test('a wrong password gets a plain message on the form, and the email is kept', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('viewer@demo.example');
  await page.getByLabel('Password').fill('definitely-wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page.getByLabel('Email')).toHaveValue('viewer@demo.example');
});

test('the team switcher moves between teams, and the role shown is the one held in each', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('owner@demo.example');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: DEMO_TEAM.name }).first().click();
  await expect(page.getByTestId('my-role')).toContainText('owner');

  const switcher = page.getByTestId('team-switcher');
  await switcher.locator('summary').click();
  await switcher.getByRole('link', { name: /Search relevance/ }).click();
  await expect(page.getByTestId('team-name')).toHaveText('Search relevance');
  await expect(page.getByTestId('my-role')).toContainText('editor');
  await expect(switcher.locator('summary')).toContainText('Search relevance');
  // An editor there: no role controls in the team's settings.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search relevance');
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
});
