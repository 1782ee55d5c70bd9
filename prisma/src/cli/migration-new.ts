// pnpm db:migration:new <name> — write prisma/migrations/<timestamp>_<name>/migration.sql for the
// change from the existing migrations to schema.prisma (computed in a shadow database).
import { createMigration } from '../migrate.ts';
import { scratchServer } from '../server.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: pnpm db:migration:new <name>   (lower-case letters, digits, underscores)');
    return 2;
  }
  const server = await scratchServer();
  try {
    const folder = await createMigration(server.url, name);
    console.log(
      folder
        ? `Created ${folder}; apply it with pnpm db:migrate.`
        : 'schema.prisma matches the migrations; nothing to create.',
    );
  } finally {
    await server.release();
  }
});
