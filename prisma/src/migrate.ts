// Prisma migrations without network.
//
// The Prisma CLI's migrate commands need a native schema-engine binary that it downloads at run
// time. Prisma publishes the same engine as WebAssembly on npm (`@prisma/schema-engine-wasm`, at the
// engine version `@prisma/migrate` 7.10.0 pins), driven through a driver adapter. Migration folders
// and the `_prisma_migrations` table stay in Prisma's format, so `prisma migrate deploy` on a
// connected machine sees the same history.
//
// Three things in `@prisma/adapter-pg` 7.10 stop it from driving the engine as it is:
// 1. The engine's catalog queries return PostgreSQL's internal `"char"` type (OID 18), for which the
//    adapter has no column type and throws UnsupportedNativeDataType. The engine expects the
//    `Character` column type there (reporting them as `text` makes it fail to read constraint
//    types, e.g. of a CHECK constraint), so we hand the adapter `text` and then correct the column
//    type of those columns to `Character` in its result.
// 2. `executeScript` splits a script on every `;`, which breaks any migration with a function or
//    trigger body. We send the script whole; PostgreSQL's simple-query protocol runs it as one
//    implicit transaction.
// 3. `connectToShadowDb` copies the pool config and adds `database`, but a `connectionString` in that
//    config wins, so the "shadow" pool points at the main database; and it drops the shadow database
//    before closing its pool, which fails while connections are open. We pass discrete connection
//    parameters and drop the shadow database after its pool has ended.
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { SchemaEngine, type MigrationList } from '@prisma/schema-engine-wasm';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = join(packageDir, 'schema.prisma');
export const migrationsDir = join(packageDir, 'migrations');

const noFilters = { externalTables: [], externalEnums: [] };
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface RawResult {
  fields: { dataTypeID: number }[];
}
type Queryable = {
  performIO(query: object): Promise<RawResult>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
};

/** See 1. above. `query` objects are shared by queryRaw and the performIO it calls. */
const acceptCharColumns = <T extends object>(target: T): T => {
  const queryable = target as unknown as Queryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        indexes.push(index);
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    if (indexes.length) charColumns.set(query, indexes);
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return target;
};

const connectionConfig = (url: string): pg.ClientConfig => {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    ...(sslmode && sslmode !== 'disable' ? { ssl: { rejectUnauthorized: sslmode === 'verify-full' } } : {}),
  };
};

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;

const connectAdapter = async (config: pg.ClientConfig, onDispose?: () => Promise<void>): Promise<Adapter> => {
  const pool = new pg.Pool({ ...config, max: 4 });
  const adapter = acceptCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
  // Transactions are separate queryables: give them the same treatment.
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => acceptCharColumns(await startTransaction(...args));
  const withErrors = adapter as unknown as { onError(error: unknown): never };
  // See 2. above.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      withErrors.onError(error);
    }
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await onDispose?.();
  };
  return adapter;
};

/**
 * The engine's adapter factory, plus `close`: freeing the engine does not dispose the adapter it
 * connected, and its pool would keep holding Prisma's migration advisory lock, so the next engine
 * in this process waits for the lock's 10 s timeout.
 */
const adapterFactory = (url: string) => {
  const config = connectionConfig(url);
  const open = new Set<Adapter>();
  const track = async (adapter: Promise<Adapter>) => {
    const connected = await adapter;
    open.add(connected);
    const dispose = connected.dispose.bind(connected);
    connected.dispose = async () => {
      open.delete(connected);
      await dispose();
    };
    return connected;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => track(connectAdapter(config)),
    // See 3. above.
    connectToShadowDb: async () => {
      const admin = new pg.Client(config);
      await admin.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      try {
        await admin.query(`CREATE DATABASE "${database}"`);
      } finally {
        await admin.end();
      }
      return track(
        connectAdapter({ ...config, database }, async () => {
          const dropper = new pg.Client(config);
          await dropper.connect();
          try {
            await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
          } finally {
            await dropper.end();
          }
        }),
      );
    },
  });
  const close = async () => {
    await Promise.all([...open].map((adapter) => adapter.dispose()));
  };
  return { factory, close };
};

/** The migration folders on disk, in the shape the engine takes. */
export const readMigrations = (dir = migrationsDir): MigrationList => {
  mkdirSync(dir, { recursive: true });
  const lockfilePath = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockfilePath) ? readFileSync(lockfilePath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
        },
      })),
  };
};

const schemaFiles = (content = readFileSync(schemaPath, 'utf8')) => ({ files: [{ path: schemaPath, content }] });

/**
 * Runs `work` with a schema engine connected to `url`. The engine leaves a timer running after it
 * is freed, so a process that used it should exit explicitly (the CLIs in src/cli do).
 */
const withEngine = async <T>(url: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> => {
  const logs: string[] = [];
  const adapters = adapterFactory(url);
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, readFileSync(schemaPath, 'utf8')]] },
    (message: string) => logs.push(message),
    adapters.factory,
  );
  try {
    return await work(engine);
  } catch (error) {
    throw new Error(`${describe(error)}${logs.length ? `\nengine log:\n${logs.join('\n')}` : ''}`, { cause: error });
  } finally {
    engine.free();
    await adapters.close();
  }
};

const describe = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error && 'message' in error) return String(error.message);
  return String(error);
};

/** Applies pending migrations (from `dir`, default prisma/migrations); returns the names applied now. */
export const applyMigrations = (url: string, dir = migrationsDir): Promise<string[]> =>
  withEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrations(dir),
      filters: noFilters,
    });
    return appliedMigrationNames;
  });

/**
 * The SQL that takes a database built from the migrations to `schema.prisma` (or to `schema`, when
 * given), or null when they agree. Replays the migrations in a shadow database on the server at `url`.
 */
export const pendingSchemaChange = (url: string, schema?: string): Promise<string | null> =>
  withEngine(url, async (engine) => {
    const migrations = readMigrations();
    const { exitCode, stdout } = await engine.diff({
      from: migrations.migrationDirectories.length ? { tag: 'migrations', ...migrations } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', ...schemaFiles(schema) },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return exitCode === 2 ? (stdout ?? '') : null;
  });

/** Writes a new migration folder for the difference between the migrations and `schema.prisma`. */
export const createMigration = async (url: string, name: string, now = new Date()): Promise<string | null> => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('migration name: use lower-case letters, digits and underscores');
  const script = await pendingSchemaChange(url);
  if (script === null) return null;
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), script);
  writeFileSync(
    join(migrationsDir, 'migration_lock.toml'),
    '# Written by the migration tooling; keep it in git.\nprovider = "postgresql"\n',
  );
  return folder;
};
