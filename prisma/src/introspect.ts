import type { Db } from './client.ts';

/** `server_version` as PostgreSQL reports it, e.g. "17.9". */
export const serverVersion = async (db: Db): Promise<string> => {
  const [row] = await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  if (!row) throw new Error('SHOW server_version returned no row');
  return row.server_version;
};

/** Migrations recorded as finished in Prisma's `_prisma_migrations` table. */
export const migrationCount = async (db: Db): Promise<number> => {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return Number(row?.count ?? 0);
};
