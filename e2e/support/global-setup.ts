// Serves the *built* app (`node build`, as in production: CSRF, cookies and error pages differ from
// the dev server) on its own migrated, seeded database for the whole browser-test run.
import { randomBytes } from 'node:crypto';
import { quoteIdent, scratchServer, withClient, withDatabase } from '@rightsize/db/server';
import { buildWeb, runNode, webBuildIsStale } from '../../scripts/lib/run.ts';
import { startBuiltServer } from './server.ts';

export default async function globalSetup() {
  if (webBuildIsStale()) await buildWeb();

  const server = await scratchServer();
  const name = `rs_e2e_${randomBytes(4).toString('hex')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const env = { ...process.env, DATABASE_URL: withDatabase(server.url, name) };
  if ((await runNode('prisma/src/cli/migrate.ts', [], { env, stdio: 'ignore' })) !== 0)
    throw new Error('e2e: migrations failed');
  if ((await runNode('packages/api/src/cli/seed.ts', [], { env, stdio: 'ignore' })) !== 0)
    throw new Error('e2e: seeding failed');

  const web = await startBuiltServer({ DATABASE_URL: env.DATABASE_URL, LOG_LEVEL: 'warn' });
  process.env.E2E_BASE_URL = web.origin;
  process.env.E2E_DATABASE_URL = env.DATABASE_URL;

  return async () => {
    await web.stop();
    await withClient(server.url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    await server.release();
  };
}
