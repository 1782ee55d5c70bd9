// The product as it runs in production, for browser tests and benchmarks: the built server
// (`node build`) on its own migrated, seeded database.
import { randomBytes } from 'node:crypto';
import { quoteIdent, scratchServer, withClient, withDatabase } from '@rightsize/db/server';
import { buildWeb, prepareAppDatabase, webBuildIsStale } from '../../scripts/lib/run.ts';
import { startBuiltServer } from './server.ts';

export interface Stack {
  origin: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export const startStack = async ({ logLevel = 'warn' }: { logLevel?: string } = {}): Promise<Stack> => {
  if (webBuildIsStale()) await buildWeb();

  const server = await scratchServer();
  const name = `rs_e2e_${randomBytes(4).toString('hex')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const databaseUrl = withDatabase(server.url, name);
  const dropAll = async () => {
    await withClient(server.url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    await server.release();
  };
  try {
    await prepareAppDatabase(databaseUrl, () => {});
    const web = await startBuiltServer({ DATABASE_URL: databaseUrl, LOG_LEVEL: logLevel });
    return {
      origin: web.origin,
      databaseUrl,
      stop: async () => {
        await web.stop();
        await dropAll();
      },
    };
  } catch (error) {
    await dropAll();
    throw error;
  }
};
