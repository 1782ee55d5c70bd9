// pnpm start — run the product: database (DATABASE_URL, or an embedded PostgreSQL whose data lives
// in .data/postgres), pending migrations, demo data when the database is empty, a fresh build when
// the sources changed, then the built server on http://localhost:3000 (PORT to change).
// Ctrl-C stops the web server first, then the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { DEMO_PASSWORD, DEMO_USERS } from '@rightsize/api/seed';
import { appDatabase } from '@rightsize/db/server';
import { buildWeb, prepareAppDatabase, repoRoot, waitForHttp, webBuildEntry, webBuildIsStale } from './lib/run.ts';

const port = Number(process.env.PORT ?? 3000);
const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
const started = performance.now();

let web: ChildProcess | undefined;
let releaseDatabase = async () => {};
let stopping = false;

const stop = async (exitCode: number, message?: string) => {
  if (stopping) return;
  stopping = true;
  if (message) console.error(message);
  if (web && web.exitCode === null && web.signalCode === null) {
    // A terminal's Ctrl-C has already reached the web server (same process group); the kill is for
    // a SIGTERM from a supervisor. adapter-node drains open requests, then exits.
    const exited = new Promise((done) => web?.once('exit', done));
    web.kill('SIGTERM');
    await exited;
  }
  await releaseDatabase();
  process.exit(exitCode);
};
// Children (migrations, build, web server) get the terminal's Ctrl-C themselves; we wait for them
// and stop the database last.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const database = await appDatabase();
releaseDatabase = database.release;
console.log(
  database.embedded ? 'Embedded PostgreSQL running (data in .data/postgres).' : 'Using the database at DATABASE_URL.',
);

const dbEnv = { ...process.env, DATABASE_URL: database.url };
await prepareAppDatabase(database.url).catch((error: Error) => stop(1, error.message));

if (!stopping && webBuildIsStale()) {
  console.log('Building the web app (sources changed since the last build)…');
  await buildWeb().catch((error: Error) => stop(1, error.message));
}

if (!stopping) {
  web = spawn(process.execPath, [webBuildEntry], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Eval results files of up to 50 MB travel as JSON strings (escaping can nearly double them):
    // adapter-node's default 512 KB body limit would refuse them.
    env: { BODY_SIZE_LIMIT: '100M', ...dbEnv, PORT: String(port), ORIGIN: origin, NODE_ENV: 'production' },
  });
  web.once('exit', (code) => void stop(code ?? 0));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`).then(
    () =>
      console.log(`
Rightsize is running at ${origin}  (ready in ${((performance.now() - started) / 1000).toFixed(1)} s; Ctrl-C to stop)

Demo sign-in (demo data only), password "${DEMO_PASSWORD}" for each:
${DEMO_USERS.map((user) => `  ${user.role.padEnd(7)} ${user.email}`).join('\n')}
`),
    (error: Error) => stop(1, error.message),
  );
}
