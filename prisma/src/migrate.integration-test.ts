import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrationsDir, pendingSchemaChange, readMigrations, schemaPath } from './migrate.ts';
import { quoteIdent, withClient, withDatabase } from './server.ts';
import { testServerUrl } from './testing/index.ts';

// What `pnpm db:check` runs: replay the migrations in a shadow database and diff against the schema.
describe('drift between schema.prisma and the migrations', () => {
  it('finds none for the committed schema', async () => {
    expect(await pendingSchemaChange(testServerUrl())).toBeNull();
  });

  it('reports a model added to the schema without a migration', async () => {
    const schema = `${readFileSync(schemaPath, 'utf8')}\nmodel DriftProbe {\n  id Int @id\n}\n`;
    const change = await pendingSchemaChange(testServerUrl(), schema);
    expect(change).toContain('CREATE TABLE "DriftProbe"');
  });

  it('drops its shadow database afterwards', async () => {
    const shadows = () =>
      withClient(testServerUrl(), async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
        );
        return rows.map((row) => row.datname).sort();
      });
    const before = await shadows();
    await pendingSchemaChange(testServerUrl());
    expect(await shadows()).toEqual(before);
  });
});

describe('applying migrations', () => {
  it('runs a migration whose function body contains semicolons, as one script', async () => {
    // @prisma/adapter-pg splits scripts on every ";", which would cut this function in pieces.
    const dir = mkdtempSync(join(tmpdir(), 'rs-migrations-'));
    const database = `rs_migrate_${process.pid}_${Date.now()}`;
    try {
      cpSync(migrationsDir, dir, { recursive: true });
      mkdirSync(join(dir, '99999999999999_function_probe'));
      writeFileSync(
        join(dir, '99999999999999_function_probe', 'migration.sql'),
        `CREATE FUNCTION probe_double(x integer) RETURNS integer LANGUAGE plpgsql AS $$
         DECLARE y integer;
         BEGIN y := x * 2; RETURN y; END;
         $$;`,
      );
      await withClient(testServerUrl(), (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
      const url = withDatabase(testServerUrl(), database);
      const applied = await applyMigrations(url, dir);
      expect(applied).toHaveLength(readMigrations().migrationDirectories.length + 1);
      const result = await withClient(url, (client) => client.query<{ y: number }>('SELECT probe_double(21) AS y'));
      expect(result.rows[0]?.y).toBe(42);
      // The CHECK constraints of the real migrations are in force too.
      await expect(
        withClient(url, (client) =>
          client.query(`INSERT INTO "Team" (id, name, slug, version) VALUES (gen_random_uuid(), 'x', 'x', 0)`),
        ),
      ).rejects.toThrow(/Team_version_positive/);
      expect(await applyMigrations(url, dir)).toEqual([]);
    } finally {
      await withClient(testServerUrl(), (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
      );
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
