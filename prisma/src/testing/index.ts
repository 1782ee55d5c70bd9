// Integration-test helpers: a fresh, migrated database per test file on a real PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../client.ts';
import { quoteIdent, withClient, withDatabase } from '../server.ts';
import './provided.ts';

export interface TestDatabase {
  /** A client acting as the application's role, like the web server. */
  db: Db;
  /** A client keeping the login's own (owner, superuser) role: for tests that must get past the app's privileges. */
  owner(): Db;
  url: string;
  name: string;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/**
 * Clones the migrated template into a database of its own. Call in `beforeAll`, `drop` in `afterAll`:
 *
 *   let t: TestDatabase;
 *   beforeAll(async () => { t = await createTestDatabase(); });
 *   afterAll(() => t.drop());
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const serverUrl = inject('testServerUrl');
  const template = inject('testTemplateDatabase');
  const name = `rs_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  const url = withDatabase(serverUrl, name);
  const db = createDb(url, { maxConnections: 5 });
  let owner: Db | undefined;
  return {
    db,
    owner: () => (owner ??= createDb(url, { maxConnections: 3, role: null })),
    url,
    name,
    drop: async () => {
      await Promise.all([db.$disconnect(), owner?.$disconnect()]);
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
};

/** The URL of the run's test server (as superuser), for tests that create databases themselves. */
export const testServerUrl = (): string => inject('testServerUrl');
