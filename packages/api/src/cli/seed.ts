// pnpm db:seed — add the demo team to DATABASE_URL (or the embedded app database) if it has none.
import { createDb } from '@rightsize/db';
import { appDatabase } from '@rightsize/db/server';
import { seedDemo } from '../seed.ts';

const database = await appDatabase();
const db = createDb(database.url, { maxConnections: 2 });
try {
  const { seeded } = await seedDemo({ db });
  console.log(seeded ? 'Seeded the demo team.' : 'The database already has a team; nothing seeded.');
} finally {
  await db.$disconnect();
  await database.release();
}
