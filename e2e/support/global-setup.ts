// Serves the *built* app (`node build`, as in production: CSRF, cookies and error pages differ from
// the dev server) on its own migrated, seeded database for the whole browser-test run. Workers
// inherit E2E_BASE_URL and E2E_DATABASE_URL.
import { startStack } from './stack.ts';

export default async function globalSetup() {
  const stack = await startStack();
  process.env.E2E_BASE_URL = stack.origin;
  process.env.E2E_DATABASE_URL = stack.databaseUrl;
  return stack.stop;
}
