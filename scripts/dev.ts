// pnpm dev — like pnpm start, but the Vite dev server (hot reload) instead of the built app.
import { spawn } from 'node:child_process';
import { appDatabase } from '@rightsize/db/server';
import { prepareAppDatabase, repoRoot } from './lib/run.ts';

const database = await appDatabase();
const env = { ...process.env, DATABASE_URL: database.url };
try {
  await prepareAppDatabase(database.url);
} catch (error) {
  console.error((error as Error).message);
  await database.release();
  process.exit(1);
}

const vite = spawn('pnpm', ['--filter', '@rightsize/web', 'dev'], { cwd: repoRoot, stdio: 'inherit', env });
const stop = async () => {
  if (vite.exitCode === null) {
    const exited = new Promise((done) => vite.once('exit', done));
    vite.kill('SIGTERM');
    await exited;
  }
  await database.release();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
vite.once('exit', () => void stop());
