// Vitest globalSetup for integration tests: one PostgreSQL server for the run (TEST_DATABASE_URL,
// DATABASE_URL's server, or an embedded one) and one migrated template database; each test file
// then clones the template (CREATE DATABASE … TEMPLATE, ~20 ms) and drops its clone at the end.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { quoteIdent, scratchServer, withClient, withDatabase } from '../server.ts';
import './provided.ts';

const migrateCli = fileURLToPath(new URL('../cli/migrate.ts', import.meta.url));

export default async function setup(project: TestProject) {
  const server = await scratchServer();
  const template = `rs_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
  // In a child process: the WebAssembly schema engine keeps a timer alive after it is freed.
  const migrated = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', migrateCli], {
    env: { ...process.env, DATABASE_URL: withDatabase(server.url, template) },
    encoding: 'utf8',
  });
  if (migrated.status !== 0) {
    await server.release();
    throw new Error(`migrating the test template failed:\n${migrated.stdout}${migrated.stderr}`);
  }
  project.provide('testServerUrl', server.url);
  project.provide('testTemplateDatabase', template);

  return async () => {
    await withClient(server.url, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`),
    );
    await server.release();
  };
}
