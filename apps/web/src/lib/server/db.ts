import { createDb, type Db } from '@rightsize/db';
import { env } from './env.ts';
import { log } from './log.ts';

let instance: Db | undefined;

/** The process's one Prisma client, created on first use (see env.ts for why not at import). */
export const db = (): Db => {
  if (instance) return instance;
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  instance = createDb(DATABASE_URL, { maxConnections: DATABASE_POOL_SIZE });
  // adapter-node emits this after the HTTP server has closed. Without it `node build` waits ~10 s
  // on SIGTERM for the pool's idle connections to time out.
  process.once('sveltekit:shutdown', (reason) => {
    log.info({ reason }, 'shutting down: closing database pool');
    void instance?.$disconnect();
  });
  return instance;
};
