// Vitest globalSetup for integration tests: one PostgreSQL server for the run (TEST_DATABASE_URL,
// DATABASE_URL's server, or an embedded one) and one migrated template database; each test file
// then clones the template (CREATE DATABASE … TEMPLATE, ~20 ms) and drops its clone at the end.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateInChildProcess, quoteIdent, scratchServer, withClient, withDatabase } from '../server.ts';
import './provided.ts';

export default async function setup(project: TestProject) {
  const server = await scratchServer();
  const template = `rs_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
  try {
    await migrateInChildProcess(withDatabase(server.url, template));
  } catch (error) {
    await server.release();
    throw error;
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
