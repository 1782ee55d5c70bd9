// pnpm db:migrate — apply pending migrations to DATABASE_URL, or to the embedded app database.
import { applyMigrations } from '../migrate.ts';
import { appDatabase } from '../server.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const database = await appDatabase();
  try {
    const applied = await applyMigrations(database.url);
    console.log(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'No pending migrations.',
    );
  } finally {
    await database.release();
  }
});
