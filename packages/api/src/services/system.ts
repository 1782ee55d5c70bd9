import { migrationCount, serverVersion, type Db } from '@rightsize/db';

export interface SystemInfo {
  database: { serverVersion: string; migrations: number };
}

export interface Options {
  db: Db;
}

/** What the running system is connected to; read from PostgreSQL on every call. */
export const getSystemInfo = async ({ db }: Options): Promise<SystemInfo> => {
  const [version, migrations] = await Promise.all([serverVersion(db), migrationCount(db)]);
  return { database: { serverVersion: version, migrations } };
};

/** True when the database answers a trivial query within `timeoutMs`. */
export const isDatabaseReady = async ({ db }: Options, timeoutMs = 2_000): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((done) => (timer = setTimeout(() => done(false), timeoutMs)));
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};
