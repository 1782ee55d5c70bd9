import { test as base, expect } from '@playwright/test';

/** Playwright's test with the address of the server that global-setup started. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is unset: run the specs through playwright.config.ts');
    await use(url);
  },
});

export { expect };
