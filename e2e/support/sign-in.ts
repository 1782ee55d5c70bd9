import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '@rightsize/api/seed';

/** Signs a seeded demo user in through the form and waits for the teams page. */
export const signInAsDemo = async (page: Page, email: string) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/teams$/);
};
