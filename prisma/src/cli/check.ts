// pnpm db:check — fails when schema.prisma and the migrations have drifted apart.
import { pendingSchemaChange } from '../migrate.ts';
import { scratchServer } from '../server.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const server = await scratchServer();
  try {
    const change = await pendingSchemaChange(server.url);
    if (change === null) {
      console.log('db:check: migrations match schema.prisma.');
      return 0;
    }
    console.error('db:check: schema.prisma has changes that no migration holds. Run `pnpm db:migration:new <name>`.');
    console.error('The missing migration would be:\n' + change);
    return 1;
  } finally {
    await server.release();
  }
});
