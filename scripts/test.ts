// pnpm test — everything CI checks, in order: types, lint, migrations vs schema, unit, integration
// (real PostgreSQL) and browser tests (Chromium against the built server). Runs every step even
// after a failure, prints a summary, and exits non-zero if any step failed.
//
// Database: TEST_DATABASE_URL or DATABASE_URL's server when set, else one embedded PostgreSQL
// started here and shared by every step (each step still makes and drops its own databases).
// Select steps by name: `pnpm test unit integration`.
import { scratchServer } from '@rightsize/db/server';
import { run } from './lib/run.ts';

interface Step {
  name: string;
  command: string;
  args: string[];
}

const steps: Step[] = [
  {
    name: 'typecheck',
    command: 'pnpm',
    args: ['exec', 'turbo', 'run', 'typecheck', '--continue', '--output-logs=errors-only'],
  },
  // The root scripts (start, dev, test) belong to no package, so turbo does not check them.
  { name: 'typecheck:scripts', command: 'pnpm', args: ['exec', 'tsc', '-p', 'scripts'] },
  { name: 'lint', command: 'pnpm', args: ['run', 'lint'] },
  { name: 'db:check', command: 'pnpm', args: ['run', 'db:check'] },
  { name: 'unit', command: 'pnpm', args: ['exec', 'vitest', 'run', '--project', 'unit'] },
  { name: 'integration', command: 'pnpm', args: ['exec', 'vitest', 'run', '--project', 'integration'] },
  { name: 'e2e', command: 'pnpm', args: ['--filter', '@rightsize/e2e', 'test'] },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !steps.some((step) => step.name === name));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are ${steps.map((step) => step.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? steps.filter((step) => wanted.includes(step.name)) : steps;

const server = await scratchServer();
const env = { ...process.env, TEST_DATABASE_URL: server.url, TURBO_TELEMETRY_DISABLED: '1' };
if (server.embedded) console.log('Tests use an embedded PostgreSQL (set TEST_DATABASE_URL to use another server).');

let interrupted = false;
process.on('SIGINT', () => (interrupted = true));

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of selected) {
  if (interrupted) break;
  console.log(`\n━━ ${step.name} ━━`);
  const started = performance.now();
  const code = await run(step.command, step.args, { env });
  results.push({ name: step.name, ok: code === 0, seconds: (performance.now() - started) / 1000 });
}
await server.release();

console.log('\n━━ summary ━━');
for (const result of results)
  console.log(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(18)} ${result.seconds.toFixed(1)} s`);
const failed = results.filter((result) => !result.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed || interrupted ? 1 : 0);
