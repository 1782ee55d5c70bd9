// Where the database lives for `pnpm start`, the db:* scripts and the tests: the server named by the
// environment, or an embedded PostgreSQL under .data/ (git-ignored).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.ts';

export { freePort } from './embedded.ts';
import { env } from './env.ts';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const dataRoot = join(packageDir, '..', '.data');

/** The database name `pnpm start` uses on the embedded server. */
export const APP_DATABASE = 'rightsize';
/** Preferred port of the `pnpm start` embedded server (another is chosen when it is taken). */
const APP_PORT = 54329;

export interface DatabaseHandle {
  url: string;
  /** True when this process started the server (and stops it in release). */
  embedded: boolean;
  release(): Promise<void>;
}

export const withDatabase = (url: string, database: string): string => {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.toString();
};

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Runs `work` on a short-lived connection to `url`. */
export const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const ensureDatabaseExists = (serverUrl: string, database: string) =>
  withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });

/**
 * The application's database: DATABASE_URL, or the persistent embedded server in .data/postgres
 * (started here, data kept across restarts).
 */
export const appDatabase = async ({ onLog }: { onLog?: (line: string) => void } = {}): Promise<DatabaseHandle> => {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, release: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: join(dataRoot, 'postgres'),
    port: APP_PORT,
    persistent: true,
    ...(onLog ? { onLog } : {}),
  });
  try {
    await ensureDatabaseExists(server.url, APP_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: withDatabase(server.url, APP_DATABASE), embedded: true, release: server.stop };
};

/**
 * A server on which databases may be created and dropped freely: TEST_DATABASE_URL, else
 * DATABASE_URL's server, else a throw-away embedded server (deleted on release).
 */
export const scratchServer = async (): Promise<DatabaseHandle> => {
  const given = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (given) return { url: given, embedded: false, release: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: join(dataRoot, `scratch-${process.pid}-${randomBytes(4).toString('hex')}`),
    persistent: false,
  });
  return { url: server.url, embedded: true, release: server.stop };
};

const migrateCli = join(packageDir, 'src', 'cli', 'migrate.ts');

/**
 * Applies pending migrations to `url` in a child process: the WebAssembly schema engine keeps a
 * timer alive after it is freed, which would hold the caller's process open. Resolves with the
 * CLI's report ("Applied 1 migration(s): …"); rejects with its output when it fails.
 */
export const migrateInChildProcess = (url: string): Promise<string> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', migrateCli], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done(output.trim()) : fail(new Error(`migrations failed (exit ${code}):\n${output}`)),
    );
  });
