import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@rightsize/db/server';
import { repoRoot, waitForHttp, webBuildEntry } from '../../scripts/lib/run.ts';

export { freePort };

export interface BuiltServer {
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node build` (the production server) on a free localhost port and waits for /healthz. */
export const startBuiltServer = async (env: Record<string, string | undefined>): Promise<BuiltServer> => {
  const port = await freePort();
  // localhost, not 127.0.0.1: the session cookie is Secure everywhere but on localhost.
  const origin = `http://localhost:${port}`;
  const child = spawn(process.execPath, [webBuildEntry], {
    cwd: repoRoot,
    env: {
      // As `pnpm start` and the deployments: eval results uploads are up to 50 MB.
      BODY_SIZE_LIMIT: '100M',
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: origin,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForHttp(`${origin}/healthz`);
  return {
    origin,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
};
