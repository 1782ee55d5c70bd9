import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationCount, serverVersion } from './introspect.ts';
import { readMigrations } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('database introspection', () => {
  it('reads the server version from PostgreSQL', async () => {
    expect(await serverVersion(t.db)).toMatch(/^\d+(\.\d+)?/);
  });

  it('counts every migration folder as applied', async () => {
    expect(await migrationCount(t.db)).toBe(readMigrations().migrationDirectories.length);
    expect(await migrationCount(t.db)).toBeGreaterThan(0);
  });

  it('gives each test file a database of its own', async () => {
    const [row] = await t.db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    expect(row?.name).toBe(t.name);
  });
});
