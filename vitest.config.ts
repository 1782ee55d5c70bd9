import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '**/build/**', '**/.svelte-kit/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/src/**/*.test.ts', 'prisma/src/**/*.test.ts'],
          exclude,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{apps,packages}/*/src/**/*.integration-test.ts', 'prisma/src/**/*.integration-test.ts'],
          exclude,
          globalSetup: ['prisma/src/testing/global-setup.ts'],
          // Each file gets its own database; the server is shared.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
