import { defineConfig } from 'prisma/config';

// process.env rather than prisma's env(): env() throws when the variable is unset, which would
// break `prisma generate` on a machine with no database configured.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
