import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pendingSchemaChange, schemaPath } from './migrate.ts';
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

  it('leaves no shadow database behind', async () => {
    const { withClient } = await import('./server.ts');
    const leftovers = await withClient(testServerUrl(), (client) =>
      client.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'"),
    );
    expect(leftovers.rows).toEqual([]);
  });
});
