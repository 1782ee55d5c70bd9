// Small process helpers shared by the root scripts (start, dev, test).
import { spawn, type SpawnOptions } from 'node:child_process';
import { seedDemo } from '@rightsize/api/seed';
import { createDb } from '@rightsize/db';
import { migrateInChildProcess } from '@rightsize/db/server';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webBuildEntry = join(repoRoot, 'apps/web/build/index.js');

/** Runs a command to completion with inherited output; resolves to its exit code. */
export const run = (command: string, args: string[], options: SpawnOptions = {}): Promise<number> =>
  new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });

const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'build' || entry === '.svelte-kit') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
};

/** Sources the web build is made from: the app and every workspace package it bundles. */
const buildInputs = [
  'apps/web/src',
  'apps/web/static',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages',
  'prisma/src',
  'prisma/schema.prisma',
  'pnpm-lock.yaml',
];

/** True when apps/web/build is missing or older than any of its sources. */
export const webBuildIsStale = (): boolean => {
  if (!existsSync(webBuildEntry)) return true;
  const built = statSync(webBuildEntry).mtimeMs;
  return buildInputs.some((input) => newestMtime(join(repoRoot, input)) > built);
};

export const buildWeb = async () => {
  const code = await run('pnpm', ['--filter', '@rightsize/web', 'build']);
  if (code !== 0) throw new Error(`web build failed (exit ${code})`);
};

/** Polls `url` until it answers 2xx or `timeoutMs` passes. */
export const waitForHttp = async (url: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
};

/**
 * Makes the database at `url` ready for the app: pending migrations, then the demo data if it has
 * no team yet. Used by `pnpm start`, `pnpm dev` and the browser-test stack.
 */
export const prepareAppDatabase = async (url: string, log: (line: string) => void = console.log) => {
  log(await migrateInChildProcess(url));
  const db = createDb(url, { maxConnections: 2 });
  try {
    const { seeded } = await seedDemo({ db });
    log(seeded ? 'Seeded the demo data.' : 'The database already has a team; nothing seeded.');
  } finally {
    await db.$disconnect();
  }
};
